import APIGatewayModel

/// What an authorizer established about the caller: `$context.authorizer.*` in templates,
/// mappings and the proxy event's `requestContext.authorizer`, and the API key an
/// authorizer supplies (`usageIdentifierKey`, for an API whose key source is AUTHORIZER).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
struct Authorization: Sendable {
    /// A Lambda authorizer's `principalId`.
    var principalId: String?
    /// A Lambda authorizer's `context`, every value as text (`"1"`, `"true"`), as REST APIs
    /// hand them on.
    var context: [(String, String)] = []
    /// A Cognito authorizer's token claims (`$context.authorizer.claims.*`).
    var claims: [(String, String)]?
    /// A Lambda authorizer's `usageIdentifierKey`: the API key when the API's
    /// `apiKeySource` is AUTHORIZER.
    var usageIdentifierKey: String?
    /// How long the authorizer function took (ms; 0 for a cached result), as
    /// `$context.authorizer.integrationLatency`.
    var integrationLatency: Int = 0

    /// The `$context.authorizer` map.
    var contextValue: ContextValue {
        if let claims {
            return .map([("claims", .map(claims.map { ($0.0, .string($0.1)) }))])
        }
        var entries: [(String, ContextValue)] = []
        entries.reserveCapacity(context.count + 2)
        if let principalId { entries.append(("principalId", .string(principalId))) }
        entries.append(("integrationLatency", .int(Int64(integrationLatency))))
        for (key, value) in context where key != "principalId" && key != "integrationLatency" {
            entries.append((key, .string(value)))
        }
        return .map(entries)
    }

    /// The proxy event's `requestContext.authorizer`.
    var proxyEventValue: [String: Any] {
        if let claims {
            return ["claims": Dictionary(claims, uniquingKeysWith: { _, last in last })]
        }
        var out: [String: Any] = Dictionary(context, uniquingKeysWith: { _, last in last })
        out["principalId"] = principalId
        out["integrationLatency"] = integrationLatency
        return out
    }
}

/// The authorizer's answers to the client, with AWS's statuses, error types and bodies.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
extension GatewayError {
    /// A missing identity source, a token failing its validation expression, an authorizer
    /// that failed with `Unauthorized`, a token a Cognito authorizer refuses: 401.
    static func unauthorized(_ detail: String) -> GatewayError {
        GatewayError(
            type: .unauthorized, message: "Unauthorized", errorType: "UnauthorizedException", fallbackStatus: 401,
            isInternal: false, detail: detail)
    }

    /// The policy denies the method: 403, `{"Message": …}` unless ACCESS_DENIED is customised.
    static func accessDenied(explicit: Bool) -> GatewayError {
        let message = "User is not authorized to access this resource" + (explicit ? " with an explicit deny" : "")
        return GatewayError(
            type: .accessDenied, message: message, errorType: "AccessDeniedException", fallbackStatus: 403,
            isInternal: false, detail: message, pristineBody: Array(("{\"Message\":" + JSONOutput.quoted(message) + "}").utf8))
    }

    /// The authorizer could not be run or answered what is not an authorizer result: 500
    /// `{"message":null}`.
    static func authorizerConfiguration(_ detail: String) -> GatewayError {
        GatewayError(
            type: .authorizerConfigurationError, message: nil, errorType: "AuthorizerConfigurationException",
            fallbackStatus: 500, isInternal: false, detail: "Execution failed due to configuration error: " + detail)
    }
}
