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

    public init(
        body: String = "", headers: [(String, String)] = [], queryString: [(String, String)] = [],
        pathParameters: [(String, String)] = [], stageVariables: [(String, String)] = [],
        context: JSONValue = .null
    ) {
        self.body = body
        self.headers = headers
        self.queryString = queryString
        self.pathParameters = pathParameters
        self.stageVariables = stageVariables
        self.context = context
    }

    /// The same with the payload given as bytes (decoded as UTF-8).
    public init(
        bodyBytes: some Collection<UInt8>, headers: [(String, String)] = [],
        queryString: [(String, String)] = [], pathParameters: [(String, String)] = [],
        stageVariables: [(String, String)] = [], context: JSONValue = .null
    ) {
        self.init(
            body: String(decoding: bodyBytes, as: UTF8.self), headers: headers, queryString: queryString,
            pathParameters: pathParameters, stageVariables: stageVariables, context: context)
    }
}

/// The outcome of a render: the text, and the `$context.requestOverride` /
/// `$context.responseOverride` maps as the template left them.
public struct RenderResult: Sendable {
    public var output: String
    /// The maps the template could change (when it may use `$context`), else the ones the
    /// context came with (only its override entries are converted).
    let overrides: OverrideMaps?

    init(output: String, overrideMaps: OverrideMaps?, unusedContext: JSONValue?) {
        self.output = output
        if let overrideMaps {
            overrides = overrideMaps
        } else if let unusedContext {
            var given: [(String, JSONValue)] = []
            for key in ["requestOverride", "responseOverride"] {
                if let value = unusedContext[key], !Self.isEmptyOverride(value) { given.append((key, value)) }
            }
            overrides = given.isEmpty ? nil : OverrideMaps(context: MappingTemplate.contextMap(JSONBridge.object(given)))
        } else {
            overrides = nil
        }
    }

    /// An override map whose parts are all empty objects reads the same as no map at all.
    private static func isEmptyOverride(_ value: JSONValue) -> Bool {
        guard case .object(let parts) = value else { return false }
        return parts.values.allSatisfy { part in
            if case .object(let entries) = part { return entries.isEmpty }
            return false
        }
    }

    /// `requestOverride` as JSON, e.g. `{"header":{"X-A":"1"},"path":{},"querystring":{}}`.
    public var requestOverride: JSONValue {
        overrides.map { JSONBridge.json(.map($0.request)) } ?? OverrideMaps.emptyRequest
    }

    /// `responseOverride` as JSON, e.g. `{"header":{},"status":400}`.
    public var responseOverride: JSONValue {
        overrides.map { JSONBridge.json(.map($0.response)) } ?? OverrideMaps.emptyResponse
    }

    /// `responseOverride.status` when the template set it to a number (or numeric text).
    public var statusOverride: Int? {
        guard let v = overrides?.response["status"] else { return nil }
        switch v {
        case .int(let i): return Int(i)
        case .long(let l): return Int(exactly: l)
        case .string(let s): return Int(s)
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// The string entries of `requestOverride.<part>` / `responseOverride.header`
    /// (`part` is "header", "path" or "querystring"), in the order the template set them.
    public func requestOverrides(_ part: String) -> [(String, String)] {
        OverrideMaps.strings(overrides?.request[part])
    }

    public var responseHeaderOverrides: [(String, String)] {
        OverrideMaps.strings(overrides?.response["header"])
    }
}

/// The override maps a render started with (Velocity reports those even when a template
/// replaces them). Only read after the render has finished, hence safe to share.
final class OverrideMaps: @unchecked Sendable {
    let request: VTLMap
    let response: VTLMap

    init(request: VTLMap, response: VTLMap) {
        self.request = request
        self.response = response
    }

    convenience init?(context: VTLMap) {
        guard case .map(let request)? = context["requestOverride"],
            case .map(let response)? = context["responseOverride"]
        else { return nil }
        self.init(request: request, response: response)
    }

    static let emptyRequest: JSONValue = JSONBridge.object([
        ("header", JSONBridge.object([])), ("path", JSONBridge.object([])), ("querystring", JSONBridge.object([])),
    ])
    static let emptyResponse: JSONValue = JSONBridge.object([("header", JSONBridge.object([]))])

    static func strings(_ v: VTLValue?) -> [(String, String)] {
        guard case .map(let m)? = v else { return [] }
        return m.entries.compactMap { k, v in
            guard let key = k.javaString(), let value = v.javaString() else { return nil }
            return (key, value)
        }
    }
}

/// An API Gateway mapping template: compiled once (cache it with the integration), rendered
/// for each request with `$input`, `$util`, `$context` and `$stageVariables`. Safe to share
/// across threads.
public final class MappingTemplate: Sendable {
    public let template: VTLTemplate
    private let usesContext: Bool
    /// Whether the template may read or change `$context` (its override maps included).
    public var mayUseContext: Bool { usesContext }
    private let usesStageVariables: Bool
    private let usesEvaluate: Bool
    private let inputVariable: VTLVariable?
    private let utilVariable: VTLVariable?
    private let contextVariable: VTLVariable?
    private let stageVariable: VTLVariable?

    /// Compiles `source`; throws (with line:column) when it is not valid VTL or exceeds the
    /// 300 KB template quota.
    public init(source: String, limits: VTLLimits = VTLLimits()) throws(VTLSyntaxError) {
        template = try VTLTemplate(source, limits: limits)
        usesContext = template.mayUse("context")
        usesStageVariables = template.mayUse("stageVariables")
        usesEvaluate = template.usesEvaluate
        inputVariable = template.variable("input")
        utilVariable = template.variable("util")
        contextVariable = template.variable("context")
        stageVariable = template.variable("stageVariables")
    }

    /// Renders for one request; throws `VTLError` when the template fails (a runtime error,
    /// or `#evaluate` of invalid text).
    public func render(_ context: MappingContext) throws(VTLError) -> RenderResult {
        let params = ParameterSource(
            path: context.pathParameters, querystring: context.queryString,
            header: context.headers)
        var overrides: OverrideMaps?
        var contextMap: VTLMap?
        if usesContext {
            let m = Self.contextMap(context.context)
            overrides = OverrideMaps(context: m)
            contextMap = m
        }
        let output = try template.render { v in
            let input = VTLValue.object(InputObject(body: context.body, parameters: params))
            let util = VTLValue.object(UtilObject.shared)
            if let inputVariable { v[inputVariable] = input } else if usesEvaluate { v["input"] = input }
            if let utilVariable { v[utilVariable] = util } else if usesEvaluate { v["util"] = util }
            if let contextMap {
                if let contextVariable { v[contextVariable] = .map(contextMap) } else { v["context"] = .map(contextMap) }
            }
            if usesStageVariables {
                let stage = VTLValue.map(Self.stringMap(context.stageVariables))
                if let stageVariable { v[stageVariable] = stage } else { v["stageVariables"] = stage }
            }
        }
        return RenderResult(
            output: output, overrideMaps: overrides,
            unusedContext: usesContext ? nil : context.context)
    }

    /// A map of string pairs (a repeated name keeps its first position, last value).
    static func stringMap(_ pairs: [(String, String)]) -> VTLMap {
        var keys: [VTLValue] = []
        var values: [VTLValue] = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        var distinct = true
        for (k, v) in pairs {
            if distinct && keys.contains(where: { if case .string(let s) = $0 { return s == k } else { return false } }) {
                distinct = false
            }
            keys.append(.string(k))
            values.append(.string(v))
        }
        if distinct { return VTLMap(distinctKeys: keys, values: values) }
        let m = VTLMap()
        for (k, v) in pairs { m.put(k, .string(v)) }
        return m
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

extension VTLError {
    /// Whether the template failed because `$input.path`/`$input.json` met a payload that is
    /// not JSON (API Gateway answers those with 400 "Could not process payload"; other
    /// template failures are 500s).
    public var isUnparsablePayload: Bool {
        guard case .runtime(let e) = self else { return false }
        return e.kind == "IllegalStateException" && e.message.hasPrefix("Could not process payload")
    }

    /// What the payload parser said was wrong (the message without its prefix).
    public var payloadProblem: String {
        guard case .runtime(let e) = self else { return "" }
        let prefix = "Could not process payload: "
        return e.message.hasPrefix(prefix) ? String(e.message.dropFirst(prefix.count)) : e.message
    }
}
