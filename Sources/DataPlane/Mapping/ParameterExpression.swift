import JSONPath
import PorticoCore

/// A mapping source compiled for serving: the core grammar's `MappingSource` with its JSONPath
/// compiled, parsed once per deployment.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
enum ParameterExpression: Sendable {
    /// `'literal'`
    case literal(String)
    /// `method.request.{location}.{name}`
    case methodRequest(MappingLocation, name: String)
    /// `method.request.body` / `integration.response.body`, optionally with a JSONPath.
    case body(JSONPath?)
    /// `integration.response.header.{name}` / `integration.response.multivalueheader.{name}`
    case integrationResponseHeader(name: String, multi: Bool)
    /// `context.{dotted}`
    case context(String)
    /// `stageVariables.{name}`
    case stageVariable(String)
    /// Anything else (kept so the invocation maps nothing, as AWS does).
    case invalid(String)

    init(_ text: String) {
        guard let source = MappingSource(text) else {
            self = .invalid(text)
            return
        }
        switch source {
        case .literal(let value): self = .literal(value)
        case .methodRequest(let location, let name): self = .methodRequest(location, name: name)
        case .methodRequestBody(let path), .integrationResponseBody(let path):
            if let path {
                guard let compiled = try? JSONPath("$." + path) else {
                    self = .invalid(text)
                    return
                }
                self = .body(compiled)
            } else {
                self = .body(nil)
            }
        case .integrationResponseHeader(let name, let multi): self = .integrationResponseHeader(name: name, multi: multi)
        case .context(let dotted): self = .context(dotted)
        case .stageVariable(let name): self = .stageVariable(name)
        }
    }
}
