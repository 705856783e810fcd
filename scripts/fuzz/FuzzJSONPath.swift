// libFuzzer target: JSONPath compilation must never crash on any expression, and a
// compiled path must evaluate against a fixed document without crashing.

/// Parsed per input: a global would be reported by LeakSanitizer, which does not follow
/// Swift's tagged enum payload pointers.
func fuzzDocument() -> JSONValue {
    (try? JSONReader.parse(
        #"""
        {"store":{"book":[{"category":"reference","author":"Nigel Rees","price":8.95},
        {"category":"fiction","author":"Evelyn Waugh","price":12.99,"isbn":"0-553"}],
        "bicycle":{"color":"red","price":19.95}},"arr":[0,1,[2,3],{"a":null}],"s":"x","n":null}
        """#)) ?? .null
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let expression = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let path = try? JSONPath(expression) else { return 0 }
    let document = fuzzDocument()
    _ = try? path.read(document)
    _ = path.evaluate(.array([document, .string(expression)]))
    return 0
}
