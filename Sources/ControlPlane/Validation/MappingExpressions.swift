import APIGatewayModel
import PorticoCore

/// Checks of parameter-mapping expressions and content types, with AWS's messages:
/// `Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: x]`.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
enum MappingExpressions {
    static func invalidExpression(_ text: String) -> ManagementError {
        .badRequest(
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: \(text)]")
    }

    static func undeclaredParameter(_ text: String) -> ManagementError {
        .badRequest(
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression parameter specified: \(text)]"
        )
    }

    /// Method request parameters: `method.request.{path|querystring|header|…}.{name}`, names
    /// unique across locations.
    static func validateMethodRequest(_ parameters: [String: Bool]?) throws(ManagementError) {
        guard let parameters else { return }
        var seen: Set<String> = []
        for key in parameters.keys.sorted() {
            guard let target = MappingTarget(key, side: .methodRequest) else { throw invalidExpression(key) }
            if !seen.insert(target.name).inserted {
                throw .badRequest("Parameter names must be unique across querystring, header and path")
            }
        }
    }

    /// Integration request parameters: keys `integration.request.{path|querystring|header|…}.{name}`;
    /// values a method request parameter the method declares, `'static'`, `context.x`,
    /// `stageVariables.x`, or `method.request.body[.path]`.
    static func validateIntegrationRequest(_ parameters: [String: String]?, declared: [String: Bool]?) throws(ManagementError) {
        guard let parameters else { return }
        for key in parameters.keys.sorted() {
            guard MappingTarget(key, side: .integrationRequest) != nil else { throw invalidExpression(key) }
            let value = parameters[key] ?? ""
            guard let source = MappingSource(value), source.isRequestSource else { throw invalidExpression(value) }
            if let declaredKey = source.methodRequestKey, declared?[declaredKey] == nil { throw undeclaredParameter(value) }
        }
    }

    /// Integration response parameters: keys `method.response.header.{name}` that the method
    /// response declares; values `integration.response.header.x`, `integration.response.body[.path]`,
    /// `'static'`, `context.x`, `stageVariables.x`.
    static func validateIntegrationResponse(_ parameters: [String: String]?, declared: [String: Bool]?) throws(ManagementError) {
        guard let parameters else { return }
        for key in parameters.keys.sorted() {
            guard MappingTarget(key, side: .methodResponse, allowed: MappingLocation.headerOnly) != nil else {
                throw invalidExpression(key)
            }
            if declared?[key] == nil { throw undeclaredParameter(key) }
            let value = parameters[key] ?? ""
            guard let source = MappingSource(value), source.isResponseSource else { throw invalidExpression(value) }
        }
    }

    /// Method response parameters: `method.response.header.{name}`.
    static func validateMethodResponse(_ parameters: [String: Bool]?) throws(ManagementError) {
        guard let parameters else { return }
        for key in parameters.keys.sorted() where MappingTarget(key, side: .methodResponse, allowed: MappingLocation.headerOnly) == nil {
            throw invalidExpression(key)
        }
    }

    /// Template maps are keyed by a media type (`type/subtype`); AWS rejects others as
    /// `Validation Result: warnings : [], errors : [Invalid content type specified: 123]`.
    static func validateContentTypes<V>(_ templates: [String: V]?) throws(ManagementError) {
        guard let templates else { return }
        for key in templates.keys.sorted() where !isMediaType(key) {
            throw .validationResult(["Invalid content type specified: \(key)"])
        }
    }

    static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let typeOK = parts[0].unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 }
        let subtypeOK = parts[1].unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
        return typeOK && subtypeOK
    }
}
