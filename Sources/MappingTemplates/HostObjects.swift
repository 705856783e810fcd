import Foundation
import JSONPath
import VTL

/// `$input`: the request (or integration response) payload and parameters.
///
/// The payload is parsed at most once per render, on the first `path`/`json` call, and the
/// compiled JSONPath expressions come from a process-wide cache.
final class InputObject: VTLObject {
    private let bodyText: String
    private let parameters: ParameterSource
    private var document: Result<JSONValue, VTLRuntimeError>?
    /// The payload as template values, converted once on first use: `$input.path` hands out
    /// these very objects (as Jayway hands out the parsed Java objects), so a template that
    /// changes one sees the change in later calls.
    private var values: VTLValue?
    private var paramsMap: VTLMap?

    init(body: String, parameters: ParameterSource) {
        bodyText = body.isEmpty ? "{}" : body
        self.parameters = parameters
    }

    var javaClassName: String { "vtloracle.AwsInput" }

    var zeroArgumentMethods: Set<String> { JavaMethodNames.object.union(["getBody", "params"]) }

    func javaString() -> String? { "{}" }

    func property(_ name: String) throws(VTLRuntimeError) -> VTLValue {
        name == "body" || name == "Body" ? .string(bodyText) : .null
    }

    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (method, args.count) {
        case ("getBody", 0):
            return .string(bodyText)
        case ("path", 1), ("json", 1):
            guard let expression = stringArgument(args[0]) else { return .null }
            guard let expression else {
                throw VTLRuntimeError("IllegalArgumentException", "path can not be null or empty")
            }
            if method == "json" && values == nil {
                // Nothing has been handed out (so nothing changed): write the parsed JSON.
                guard let r = try evaluateJSON(expression), r != .null else { return .string("\"\"") }
                return .string(JSONWriter.write(r))
            }
            let result = try evaluate(expression)
            if method == "path" { return result }
            if result.isNull { return .string("\"\"") }
            return .string(result.jsonText())
        case ("params", 0):
            return .map(allParams())
        case ("params", 1):
            guard let name = stringArgument(args[0]) else { return .null }
            guard let name else { return .string("") }
            return .string(parameters.lookup(name) ?? "")
        default:
            return .null
        }
    }

    /// A `String` parameter: `.some(nil)` for null, nil when not a string.
    private func stringArgument(_ v: VTLValue) -> String?? {
        switch v {
        case .string(let s): return .some(s)
        case .null: return .some(nil)
        default: return nil
        }
    }

    private func allParams() -> VTLMap {
        if let paramsMap { return paramsMap }
        let m = VTLMap(
            distinctKeys: [.string("path"), .string("querystring"), .string("header")],
            values: [
                .map(MappingTemplate.stringMap(parameters.path)),
                .map(MappingTemplate.stringMap(parameters.querystring)),
                .map(MappingTemplate.stringMap(parameters.header)),
            ])
        paramsMap = m
        return m
    }

    private func parsedDocument() throws(VTLRuntimeError) -> JSONValue {
        if let document { return try document.get() }
        let r: Result<JSONValue, VTLRuntimeError>
        do {
            r = .success(try JSONReader.parse(bodyText))
        } catch {
            r = .failure(
                VTLRuntimeError(
                    "IllegalStateException",
                    "Could not process payload: \(error.description)"))
        }
        document = r
        return try r.get()
    }

    /// A JSONPath result as a template value (`.null` when nothing matches). Simple paths
    /// (`$.a.b[0]['c']`) walk the shared payload values; the rest go through JSONPath.
    private func evaluate(_ expression: String) throws(VTLRuntimeError) -> VTLValue {
        let doc = try parsedDocument()
        let entry = try PathCache.shared.entry(expression)
        if let steps = entry.steps {
            let root: VTLValue
            if let values {
                root = values
            } else {
                root = JSONBridge.payloadValue(doc)
                values = root
            }
            if let found = Self.walk(root, steps) { return found }
        }
        do {
            guard let r = try entry.path.read(doc) else { return .null }
            return JSONBridge.payloadValue(r)
        } catch {
            throw VTLRuntimeError("InvalidPathException", error.description)
        }
    }

    /// A JSONPath result on the parsed payload (nil when nothing matches).
    private func evaluateJSON(_ expression: String) throws(VTLRuntimeError) -> JSONValue? {
        let doc = try parsedDocument()
        let entry = try PathCache.shared.entry(expression)
        do {
            return try entry.path.read(doc)
        } catch {
            throw VTLRuntimeError("InvalidPathException", error.description)
        }
    }

    /// Follows simple steps through maps and lists; nil when a step does not apply (then
    /// JSONPath decides what that means).
    static func walk(_ root: VTLValue, _ steps: [PathStep]) -> VTLValue? {
        var cur = root
        for step in steps {
            switch (step, cur) {
            case (.key(let k), .map(let m)):
                guard let v = m[k] else { return nil }
                cur = v
            case (.index(let i), .list(let l)):
                guard i < l.items.count else { return nil }
                cur = l.items[i]
            default:
                return nil
            }
        }
        return cur
    }
}

/// One step of a simple JSONPath.
enum PathStep: Sendable {
    case key(String)
    case index(Int)

    /// The steps of `$`, `$.name`, `$['name']`, `$[0]` chains; nil for anything else.
    static func parse(_ expression: String) -> [PathStep]? {
        let u = Array(expression.utf8)
        guard u.first == UInt8(ascii: "$") else { return nil }
        var steps: [PathStep] = []
        var i = 1
        func isNameChar(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45
        }
        while i < u.count {
            if u[i] == UInt8(ascii: ".") {
                var j = i + 1
                while j < u.count && isNameChar(u[j]) { j += 1 }
                guard j > i + 1 else { return nil }
                if j < u.count && u[j] != UInt8(ascii: ".") && u[j] != UInt8(ascii: "[") { return nil }
                steps.append(.key(String(decoding: u[(i + 1)..<j], as: UTF8.self)))
                i = j
            } else if u[i] == UInt8(ascii: "[") {
                if i + 1 < u.count && u[i + 1] == UInt8(ascii: "'") {
                    var j = i + 2
                    while j < u.count && u[j] != UInt8(ascii: "'") {
                        let c = u[j]
                        if c == UInt8(ascii: "\\") || c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") { return nil }
                        j += 1
                    }
                    guard j + 1 < u.count, u[j + 1] == UInt8(ascii: "]"), j > i + 2 else { return nil }
                    steps.append(.key(String(decoding: u[(i + 2)..<j], as: UTF8.self)))
                    i = j + 2
                } else {
                    var j = i + 1
                    var n = 0
                    while j < u.count && u[j] >= 48 && u[j] <= 57 && n < 100_000_000 {
                        n = n * 10 + Int(u[j] - 48)
                        j += 1
                    }
                    guard j > i + 1, j < u.count, u[j] == UInt8(ascii: "]") else { return nil }
                    steps.append(.index(n))
                    i = j + 1
                }
            } else {
                return nil
            }
        }
        return steps
    }
}

/// `$util`: escaping, URL and Base64 coding, JSON parsing. Every function takes any value
/// (converted with `String.valueOf`); null gives null.
final class UtilObject: VTLObject, @unchecked Sendable {
    /// `$util` has no state: one instance serves every render.
    static let shared = UtilObject()

    var javaClassName: String { "vtloracle.AwsUtil" }

    func javaString() -> String? { "{}" }

    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        guard args.count == 1 else { return .null }
        guard let s = args[0].javaString() else { return .null }
        switch method {
        case "escapeJavaScript":
            return .string(JavaEscapes.escapeJavaScript(s))
        case "parseJson":
            do {
                return JSONBridge.payloadValue(try JSONReader.parse(s))
            } catch {
                throw VTLRuntimeError("InvalidJsonException", error.description)
            }
        case "urlEncode":
            return .string(JavaEscapes.urlEncode(s))
        case "urlDecode":
            do {
                return .string(try JavaEscapes.urlDecode(s))
            } catch {
                throw VTLRuntimeError("IllegalArgumentException", error.message)
            }
        case "base64Encode":
            return .string(JavaEscapes.base64Encode(s))
        case "base64Decode":
            do {
                return .string(try JavaEscapes.base64Decode(s))
            } catch {
                throw VTLRuntimeError("IllegalArgumentException", error.message)
            }
        default:
            return .null
        }
    }
}

/// Request parameters by location, in their original order.
struct ParameterSource: Sendable {
    var path: [(String, String)]
    var querystring: [(String, String)]
    var header: [(String, String)]

    /// `$input.params(name)`: path, then query string, then header.
    func lookup(_ name: String) -> String? {
        for list in [path, querystring, header] {
            if let v = list.last(where: { $0.0 == name }) { return v.1 }
        }
        return nil
    }
}

/// Compiled JSONPath expressions, shared by all renders (templates use a handful of
/// literal paths over and over).
final class PathCache: @unchecked Sendable {
    static let shared = PathCache()

    /// A compiled path and, for simple paths, its steps.
    struct Entry: Sendable {
        let path: JSONPath
        let steps: [PathStep]?
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func entry(_ expression: String) throws(VTLRuntimeError) -> Entry {
        lock.lock()
        let cached = entries[expression]
        lock.unlock()
        if let cached { return cached }
        let compiled: JSONPath
        do {
            compiled = try JSONPath(expression)
        } catch {
            throw VTLRuntimeError("InvalidPathException", error.description)
        }
        let e = Entry(path: compiled, steps: PathStep.parse(expression))
        lock.lock()
        if entries.count > 10_000 { entries.removeAll() }
        entries[expression] = e
        lock.unlock()
        return e
    }
}
