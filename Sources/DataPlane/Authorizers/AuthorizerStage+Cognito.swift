import IAMPolicy

/// The Cognito half of the authorizer stage.
extension AuthorizerStage {
    /// A Cognito user-pool authorizer: the token verified (401 when it is not good), an
    /// access token accepted only when it carries one of the method's `authorizationScopes`,
    /// an ID token only when the method names none; the claims handed on. With a resource
    /// policy, the policy must then allow (AWS's Cognito flow).
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
    func userPool(_ routed: RoutedRequest, resourcePolicy: PolicyVerdict?) async throws(GatewayError) -> RoutedRequest {
        let authorizer = try Self.authorizer(of: routed, userPool: true)
        let claims = try await verifiedClaims(authorizer, routed)
        let scopes = routed.method.method.authorizationScopes ?? []
        if scopes.isEmpty {
            guard claims.string("token_use") == "id" else {
                throw GatewayError.unauthorized("Unauthorized request: the method names no authorization scopes, so it takes ID tokens only")
            }
        } else {
            guard claims.string("token_use") == "access", claims.scopes.contains(where: { scopes.contains(String($0)) }) else {
                throw GatewayError.unauthorized("Unauthorized request: the token carries none of the method's authorization scopes")
            }
        }
        if let resourcePolicy, resourcePolicy.decision != .allowed {
            throw PolicyGate.denied(user: "anonymous", arn: PolicyGate.methodArn(routed, region: region), explicit: false, by: .resource)
        }
        routed.context.trace.record(.authorizer(.completed(principalId: claims.string("sub"))))
        return routed.authorized(by: Authorization(claims: claims.text))
    }

    /// A Cognito authorizer's token from its identity source, verified.
    func verifiedClaims(_ authorizer: CompiledAuthorizer, _ routed: RoutedRequest) async throws(GatewayError) -> CognitoClaims {
        let identity = try Self.identity(of: authorizer, routed)
        var token = Substring(identity.first ?? "")
        if token.prefix(7).lowercased() == "bearer " { token = token.dropFirst(7) }
        let claims = try await cognito.verify(String(token), providerARNs: authorizer.authorizer.providerARNs ?? [], trace: routed.context.trace)
        routed.context.trace.record(.authorizer(.claims(claims.text)))
        // For a Cognito authorizer, identityValidationExpression applies to the audience (the
        // app client id: `aud` of an ID token, `client_id` of an access token).
        guard authorizer.validation == nil || authorizer.validates(claims.string("aud") ?? claims.string("client_id") ?? "") else {
            throw GatewayError.unauthorized("Unauthorized request: the token's audience does not match the identity validation expression")
        }
        return claims
    }
}
