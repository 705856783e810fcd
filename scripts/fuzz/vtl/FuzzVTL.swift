// libFuzzer target for the VTL engine: parse any input as a template and, when it compiles,
// render it under tight limits. Any crash, hang or sanitizer report is a bug: templates are
// untrusted input (every API Gateway customer writes them).
import Foundation

private let limits: VTLLimits = {
    var l = VTLLimits()
    l.renderTimeSeconds = 0.5
    l.maxOutputBytes = 200_000
    l.maxTotalIterations = 50_000
    l.maxRangeSize = 50_000
    l.regexMillis = 50
    return l
}()

private final class FuzzHost: VTLObject {
    var javaClassName: String { "fuzz.Host" }
    func javaString() -> String? { "{}" }
    func property(_ name: String) throws(VTLRuntimeError) -> VTLValue {
        name == "body" ? .string("{\"a\": [1, 2, {\"b\": \"c\"}]}") : .null
    }
    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch method {
        case "path": return .map(VTLMap([("a", .list(VTLList([.int(1), .string("x")], flavor: .jsonArray)))]))
        case "json": return .string("{\"a\":1}")
        case "fail": throw VTLRuntimeError("IllegalStateException", "fuzz")
        default: return args.first ?? .null
        }
    }
    func iterationValues() -> [VTLValue]? { [.int(1), .null, .string("s")] }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let template = try? VTLTemplate(source, limits: limits) else { return 0 }
    let variables: [String: VTLValue] = [
        "input": .object(FuzzHost()),
        "map": .map(VTLMap([("k", .string("v")), ("n", .int(3)), ("list", .list(VTLList([.int(1), .double(2.5)])))])),
        "list": .list(VTLList([.string("a"), .long(1 << 40), .null, .bool(true)])),
        "s": .string("a,b,,c\u{e9}\u{1F600}"),
        "n": .int(-7),
    ]
    _ = try? template.render(variables)
    return 0
}
