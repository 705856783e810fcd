import JSONPath

/// A parsed parameter-mapping source: the right-hand side of `requestParameters` /
/// `responseParameters`, parsed once per deployment.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
enum ParameterExpression: Sendable {
    /// `'literal'`
    case literal(String)
    /// `method.request.{path|querystring|header|multivaluequerystring|multivalueheader}.{name}`
    case methodRequest(location: String, name: String)
    /// `method.request.body` / `integration.response.body`, optionally with a JSONPath.
    case body(JSONPath?)
    /// `integration.response.header.{name}` / `integration.response.multivalueheader.{name}`
    case integrationResponseHeader(name: String, multi: Bool)
    /// `context.{dotted}`
    case context(String)
    /// `stageVariables.{name}`
    case stageVariable(String)
    /// Anything else (kept so the invocation can fail as AWS does).
    case invalid(String)

    init(_ text: String) {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            self = .literal(String(text.dropFirst().dropLast()))
        } else if text.hasPrefix("context.") {
            self = .context(String(text.dropFirst("context.".count)))
        } else if text.hasPrefix("stageVariables.") {
            self = .stageVariable(String(text.dropFirst("stageVariables.".count)))
        } else if text == "method.request.body" || text == "integration.response.body" {
            self = .body(nil)
        } else if let path = Self.bodyPath(text, prefix: "method.request.body.") ?? Self.bodyPath(text, prefix: "integration.response.body.") {
            self = path
        } else if text.hasPrefix("integration.response.header.") {
            self = .integrationResponseHeader(name: String(text.dropFirst("integration.response.header.".count)), multi: false)
        } else if text.hasPrefix("integration.response.multivalueheader.") {
            self = .integrationResponseHeader(name: String(text.dropFirst("integration.response.multivalueheader.".count)), multi: true)
        } else if text.hasPrefix("method.request.") {
            let rest = text.dropFirst("method.request.".count)
            if let dot = rest.firstIndex(of: ".") {
                self = .methodRequest(location: String(rest[..<dot]), name: String(rest[rest.index(after: dot)...]))
            } else {
                self = .invalid(text)
            }
        } else {
            self = .invalid(text)
        }
    }

    private static func bodyPath(_ text: String, prefix: String) -> ParameterExpression? {
        guard text.hasPrefix(prefix) else { return nil }
        guard let path = try? JSONPath("$." + text.dropFirst(prefix.count)) else { return .invalid(text) }
        return .body(path)
    }
}

/// A mapping target: `integration.request.header.X`, `method.response.header.X`, …
struct ParameterTarget: Sendable {
    let location: String
    let name: String

    /// Parses `{prefix}.{location}.{name}`.
    init?(_ text: String, prefix: String) {
        guard text.hasPrefix(prefix + ".") else { return nil }
        let rest = text.dropFirst(prefix.count + 1)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        location = String(rest[..<dot])
        name = String(rest[rest.index(after: dot)...])
    }
}
