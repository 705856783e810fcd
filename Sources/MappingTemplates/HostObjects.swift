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
    private var paramsMap: VTLMap?

    init(body: String, parameters: ParameterSource) {
        bodyText = body.isEmpty ? "{}" : body
        self.parameters = parameters
    }

    var javaClassName: String { "vtloracle.AwsInput" }

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
            let result = try evaluate(expression)
            if method == "path" {
                guard let result else { return .null }
                return JSONBridge.payloadValue(result)
            }
            guard let result, result != .null else { return .string("\"\"") }
            return .string(JSONWriter.write(result))
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
        let m = VTLMap()
        m.put("path", .map(VTLMap(parameters.path.map { ($0.0, .string($0.1)) })))
        m.put("querystring", .map(VTLMap(parameters.querystring.map { ($0.0, .string($0.1)) })))
        m.put("header", .map(VTLMap(parameters.header.map { ($0.0, .string($0.1)) })))
        paramsMap = m
        return m
    }

    private func parsedDocument() throws(VTLRuntimeError) -> JSONValue {
        if let document { return try document.get() }
        let r: Result<JSONValue, VTLRuntimeError>
        do {
            r = .success(try JSONReader.parse(bodyText))
        } catch {
            r = .failure(VTLRuntimeError("IllegalStateException",
                "Could not process payload: \(error.description)"))
        }
        document = r
        return try r.get()
    }

    private func evaluate(_ expression: String) throws(VTLRuntimeError) -> JSONValue? {
        let doc = try parsedDocument()
        let path = try PathCache.shared.path(expression)
        do {
            return try path.read(doc)
        } catch {
            throw VTLRuntimeError("InvalidPathException", error.description)
        }
    }
}

/// `$util`: escaping, URL and Base64 coding, JSON parsing. Every function takes any value
/// (converted with `String.valueOf`); null gives null.
final class UtilObject: VTLObject {
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
            if let v = list.first(where: { $0.0 == name }) { return v.1 }
        }
        return nil
    }
}

/// Compiled JSONPath expressions, shared by all renders (templates use a handful of
/// literal paths over and over).
final class PathCache: @unchecked Sendable {
    static let shared = PathCache()

    private let lock = NSLock()
    private var paths: [String: JSONPath] = [:]

    func path(_ expression: String) throws(VTLRuntimeError) -> JSONPath {
        if let p = lock.withLock({ paths[expression] }) { return p }
        let compiled: JSONPath
        do {
            compiled = try JSONPath(expression)
        } catch {
            throw VTLRuntimeError("InvalidPathException", error.description)
        }
        lock.withLock {
            if paths.count > 10_000 { paths.removeAll() }
            paths[expression] = compiled
        }
        return compiled
    }
}
