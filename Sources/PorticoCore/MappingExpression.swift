/// The grammar of parameter-mapping expressions, parsed in one place for both planes: the
/// control plane validates with it (AWS's messages live there), the data plane compiles what
/// it returns.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html

/// Where a mapped parameter lives (the middle segment of `method.request.header.x`).
public enum MappingLocation: String, Sendable, CaseIterable, Hashable {
    case path
    case querystring
    case header
    case multivaluequerystring
    case multivalueheader

    /// Every location of a method or integration request parameter.
    public static let request: Set<MappingLocation> = Set(allCases)
    /// Method response and gateway response parameters are headers only.
    public static let headerOnly: Set<MappingLocation> = [.header]
}

/// The left-hand side of a mapping (`integration.request.header.x`, `method.response.header.x`,
/// `gatewayresponse.header.x`) or a method request parameter key (`method.request.path.id`).
public struct MappingTarget: Sendable, Hashable {
    /// The prefixes a target is written under.
    public enum Side: String, Sendable {
        case methodRequest = "method.request"
        case integrationRequest = "integration.request"
        case methodResponse = "method.response"
        case gatewayResponse = "gatewayresponse"
    }

    public let location: MappingLocation
    public let name: String

    /// Parses `{side}.{location}.{name}` with a non-empty name and a location in `allowed`.
    public init?(_ text: String, side: Side, allowed: Set<MappingLocation> = MappingLocation.request) {
        guard let rest = text.dropPrefix(side.rawValue + "."), let dot = rest.firstIndex(of: "."),
            let location = MappingLocation(rawValue: String(rest[..<dot])), allowed.contains(location)
        else {
            return nil
        }
        let name = rest[rest.index(after: dot)...]
        guard !name.isEmpty else { return nil }
        self.location = location
        self.name = String(name)
    }
}

/// The right-hand side of a mapping: where a value comes from.
public enum MappingSource: Sendable, Hashable {
    /// `'literal'`
    case literal(String)
    /// `method.request.{location}.{name}`
    case methodRequest(MappingLocation, name: String)
    /// `method.request.body`, or `method.request.body.{JSONPath below $}`.
    case methodRequestBody(jsonPath: String?)
    /// `integration.response.body`, or `integration.response.body.{JSONPath below $}`.
    case integrationResponseBody(jsonPath: String?)
    /// `integration.response.header.{name}` / `integration.response.multivalueheader.{name}`
    case integrationResponseHeader(name: String, multi: Bool)
    /// `context.{dotted name}`
    case context(String)
    /// `stageVariables.{name}`
    case stageVariable(String)

    /// Parses a source expression; nil when `text` is not one (AWS: "Invalid mapping expression").
    public init?(_ text: String) {
        if text.utf8.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            self = .literal(String(text.dropFirst().dropLast()))
        } else if let rest = text.dropPrefix("context.") {
            self = .context(String(rest))
        } else if let rest = text.dropPrefix("stageVariables.") {
            self = .stageVariable(String(rest))
        } else if text == "method.request.body" {
            self = .methodRequestBody(jsonPath: nil)
        } else if let rest = text.dropPrefix("method.request.body.") {
            self = .methodRequestBody(jsonPath: String(rest))
        } else if text == "integration.response.body" {
            self = .integrationResponseBody(jsonPath: nil)
        } else if let rest = text.dropPrefix("integration.response.body.") {
            self = .integrationResponseBody(jsonPath: String(rest))
        } else if let rest = text.dropPrefix("integration.response.header."), !rest.isEmpty {
            self = .integrationResponseHeader(name: String(rest), multi: false)
        } else if let rest = text.dropPrefix("integration.response.multivalueheader."), !rest.isEmpty {
            self = .integrationResponseHeader(name: String(rest), multi: true)
        } else if let target = MappingTarget(text, side: .methodRequest) {
            self = .methodRequest(target.location, name: target.name)
        } else {
            return nil
        }
    }

    /// The method request parameter key this source reads (`method.request.querystring.q`),
    /// which the method must declare; nil for other sources.
    public var methodRequestKey: String? {
        guard case .methodRequest(let location, let name) = self else { return nil }
        return "method.request.\(location.rawValue).\(name)"
    }

    /// Sources an integration request may map from.
    public var isRequestSource: Bool {
        switch self {
        case .literal, .context, .stageVariable, .methodRequestBody, .methodRequest: true
        case .integrationResponseBody, .integrationResponseHeader: false
        }
    }

    /// Sources an integration response may map from.
    public var isResponseSource: Bool {
        switch self {
        case .literal, .context, .stageVariable, .integrationResponseBody, .integrationResponseHeader: true
        case .methodRequestBody, .methodRequest: false
        }
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    fileprivate func dropPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? self[index(startIndex, offsetBy: prefix.count)...] : nil
    }
}
