import JSONPath
import VTL

/// What a mapping template sees of one request or response: the payload, the parameters,
/// the stage variables and the `$context` map.
public struct MappingContext: Sendable {
    /// The raw payload (an empty payload reads as `{}` in `$input.body`).
    public var body: String
    /// Header, query string and path parameters, in order (`$input.params()`).
    public var headers: [(String, String)]
    public var queryString: [(String, String)]
    public var pathParameters: [(String, String)]
    /// `$stageVariables`.
    public var stageVariables: [(String, String)]
    /// `$context`: a JSON object (nested objects become maps, arrays lists). Empty
    /// `requestOverride` {header, path, querystring} and `responseOverride` {header} maps
    /// are added when absent.
    public var context: JSONValue

    public init(body: String = "", headers: [(String, String)] = [], queryString: [(String, String)] = [],
                pathParameters: [(String, String)] = [], stageVariables: [(String, String)] = [],
                context: JSONValue = .null) {
        self.body = body
        self.headers = headers
        self.queryString = queryString
        self.pathParameters = pathParameters
        self.stageVariables = stageVariables
        self.context = context
    }

    /// The same with the payload given as bytes (decoded as UTF-8).
    public init(bodyBytes: some Collection<UInt8>, headers: [(String, String)] = [],
                queryString: [(String, String)] = [], pathParameters: [(String, String)] = [],
                stageVariables: [(String, String)] = [], context: JSONValue = .null) {
        self.init(body: String(decoding: bodyBytes, as: UTF8.self), headers: headers, queryString: queryString,
                  pathParameters: pathParameters, stageVariables: stageVariables, context: context)
    }
}

/// The outcome of a render: the text, and the `$context.requestOverride` /
/// `$context.responseOverride` maps as the template left them (JSON objects, e.g.
/// `{"header": {"X-A": "1"}, "status": 400}`).
public struct RenderResult: Sendable {
    public var output: String
    public var requestOverride: JSONValue
    public var responseOverride: JSONValue

    /// `responseOverride.status` when the template set it to a number (or numeric text).
    public var statusOverride: Int? {
        switch responseOverride["status"] {
        case .int(let i)?: return Int(exactly: i)
        case .string(let s)?: return Int(s)
        case .double(let d)?: return Int(exactly: d)
        default: return nil
        }
    }
}

/// An API Gateway mapping template: compiled once (cache it with the integration), rendered
/// for each request with `$input`, `$util`, `$context` and `$stageVariables`. Safe to share
/// across threads.
public struct MappingTemplate: Sendable {
    public let template: VTLTemplate
    private let usesContext: Bool
    private let usesStageVariables: Bool

    /// Compiles `source`; throws (with line:column) when it is not valid VTL or exceeds the
    /// 300 KB template quota.
    public init(source: String, limits: VTLLimits = VTLLimits()) throws(VTLSyntaxError) {
        template = try VTLTemplate(source, limits: limits)
        usesContext = template.mayUse("context")
        usesStageVariables = template.mayUse("stageVariables")
    }

    /// Renders for one request; throws `VTLError` when the template fails (a runtime error,
    /// or `#evaluate` of invalid text).
    public func render(_ context: MappingContext) throws(VTLError) -> RenderResult {
        let params = ParameterSource(path: context.pathParameters, querystring: context.queryString,
                                     header: context.headers)
        var variables: [String: VTLValue] = [
            "input": .object(InputObject(body: context.body, parameters: params)),
            "util": .object(UtilObject()),
        ]
        let contextMap = Self.contextMap(context.context)
        let requestOverride = contextMap["requestOverride"] ?? .null
        let responseOverride = contextMap["responseOverride"] ?? .null
        if usesContext { variables["context"] = .map(contextMap) }
        if usesStageVariables {
            variables["stageVariables"] = .map(VTLMap(context.stageVariables.map { ($0.0, .string($0.1)) }))
        }
        let output = try template.render(variables)
        return RenderResult(output: output, requestOverride: JSONBridge.json(requestOverride),
                            responseOverride: JSONBridge.json(responseOverride))
    }

    /// `$context` with the override maps added.
    static func contextMap(_ json: JSONValue) -> VTLMap {
        let m: VTLMap
        if case .map(let built) = JSONBridge.contextValue(json) { m = built } else { m = VTLMap() }
        let request = mapAt(m, "requestOverride")
        _ = mapAt(request, "header")
        _ = mapAt(request, "path")
        _ = mapAt(request, "querystring")
        let response = mapAt(m, "responseOverride")
        _ = mapAt(response, "header")
        return m
    }

    private static func mapAt(_ parent: VTLMap, _ key: String) -> VTLMap {
        if case .map(let existing)? = parent[key] { return existing }
        let m = VTLMap()
        parent.put(key, .map(m))
        return m
    }
}
