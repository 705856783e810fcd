// libFuzzer target: the Java-to-ICU translation must never crash, and a pattern it
// accepts must match under its time budget without crashing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJavaRegex(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let pattern = try? JavaPattern(text) else { return 0 }
    let input = "abc 123 \u{e9}\n" + text
    _ = pattern.matchesWhole(input, budget: .milliseconds(20))
    _ = try? pattern.split(input, budget: .milliseconds(20))
    _ = try? pattern.replaceAll(in: input, with: "$0", budget: .milliseconds(20))
    return 0
}
