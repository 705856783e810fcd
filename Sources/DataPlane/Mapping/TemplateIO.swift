import Collections
import JSONPath

/// What a mapping template sees (`$input`, `$context`, `$stageVariables`) and what it leaves
/// behind (its output and the override maps it set), independent of the template engine.
struct TemplateInput: Sendable {
    /// The payload the template reads through `$input` (request body, or integration response body).
    var body: [UInt8]
    /// Method request parameters for `$input.params()`.
    var path: [(String, String)]
    var querystring: [(String, String)]
    var header: [(String, String)]
    var stageVariables: [String: String]
    /// The `$context` map.
    var context: ContextValue
}

/// A value in `$context`: JSON-shaped (nested objects are maps).
typealias ContextValue = JSONValue

extension JSONValue {
    /// Text of a scalar, as a mapping expression (`context.requestId`) reads it.
    var text: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .bool(let value): String(value)
        case .double(let value): String(value)
        case .bigInt(let value): value
        default: nil
        }
    }

    /// Follows a dotted path (`identity.sourceIp`).
    func lookup(_ dotted: Substring) -> JSONValue? {
        var current: JSONValue? = self
        for part in dotted.split(separator: ".") {
            current = current?[String(part)]
        }
        return current
    }

    /// An object from ordered pairs.
    static func map(_ pairs: [(String, JSONValue)]) -> JSONValue {
        var object = OrderedDictionary<String, JSONValue>(minimumCapacity: pairs.count)
        for (key, value) in pairs { object[key] = value }
        return .object(object)
    }
}

/// What a render produced.
struct TemplateOutput: Sendable {
    var body: String
    /// `$context.responseOverride.status`, if the template set it.
    var statusOverride: Int?
    /// `$context.responseOverride.header.*`.
    var headerOverrides: [(String, String)]
    /// `$context.requestOverride.{header,querystring,path}.*`.
    var requestOverrides: RequestOverrides
    /// The whole `$context.responseOverride` map as the template left it (keys beyond `header`
    /// and `status` included), which a request template hands to the response template; nil
    /// when the template could not change it.
    var responseOverride: ContextValue? = nil
}

/// Integration-request values a request template overrode.
struct RequestOverrides: Sendable {
    var header: [(String, String)] = []
    var querystring: [(String, String)] = []
    var path: [(String, String)] = []
}

/// A template failed because `$input.path`/`$input.json` met a payload that is not JSON
/// (API Gateway answers a request template's failure with 400, not 500); `detail` is the
/// parser's account of why.
struct UnparsablePayload: Error, Sendable {
    let detail: String
}

/// A mapping template compiled once per deployment and rendered per request.
protocol CompiledTemplate: Sendable {
    func render(_ input: TemplateInput) throws -> TemplateOutput
}

/// Compiles template text; failures are reported with line:column.
protocol TemplateCompiler: Sendable {
    func compile(_ source: String) throws -> any CompiledTemplate
}
