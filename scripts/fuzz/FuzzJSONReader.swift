// libFuzzer target: JSONReader must never crash, and whatever it accepts must be
// writable as JSON that it accepts again. Built by scripts/fuzz/run.sh together with the
// JSONPath sources (one module), so internal names are visible.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONReader.parse(bytes: bytes) else { return 0 }
    let written = JSONWriter.write(value)
    guard (try? JSONReader.parse(written)) != nil else {
        fatalError("written JSON does not parse: \(written)")
    }
    _ = JSONWriter.javaString(value)
    return 0
}
