import APIGatewayModel
import Foundation
import IAMPolicy

/// Stage 2½: the method's authorizer, before anything else of the method request (AWS's
/// order: authorizer, then API key and usage plan, then request validation). Methods with
/// authorization NONE pass through untouched. A CUSTOM method runs its Lambda authorizer
/// (TOKEN or REQUEST): identity sources checked before any call (missing → 401; a TOKEN not
/// matching `identityValidationExpression` → 401), the result taken from the stage's cache
/// or from the function, its policy evaluated against this method's ARN with IAM's grammar and
/// the request's condition keys (Deny or no match → 403, unless the API's resource policy
/// allows what the authorizer's is silent on: AWS's Table A). A COGNITO_USER_POOLS method verifies the caller's user-pool token
/// (`CognitoVerifier`). What the authorizer established is handed on in the request's context
/// (`$context.authorizer`, `usageIdentifierKey`).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
struct AuthorizerStage: Sendable {
    let transport: any IntegrationTransport
    let cache: AuthorizerResultCache
    let region: String
    let cognito: CognitoVerifier

    /// `resourcePolicy`: the API's resource policy's verdict (`ResourcePolicyStage`), combined
    /// with the authorizer's outcome; nil when the API has none.
    func run(_ routed: RoutedRequest, resourcePolicy: PolicyVerdict? = nil) async throws(GatewayError) -> RoutedRequest {
        switch routed.method.method.authorizationType {
        case "CUSTOM": try await custom(routed, resourcePolicy: resourcePolicy)
        case "COGNITO_USER_POOLS": try await userPool(routed, resourcePolicy: resourcePolicy)
        default: routed
        }
    }

    /// A Lambda authorizer (TOKEN or REQUEST).
    private func custom(_ routed: RoutedRequest, resourcePolicy: PolicyVerdict?) async throws(GatewayError) -> RoutedRequest {
        let context = routed.context
        let authorizer = try Self.authorizer(of: routed, userPool: false)
        let identity = try Self.identity(of: authorizer, routed)
        let methodArn = LambdaAuthorizer.methodArn(
            region: region, accountId: context.accountId, apiId: context.apiId, stage: context.stage,
            verb: routed.request.method, path: context.requestPath)
        let stageKey = AuthorizerResultCache.stageKey(apiId: context.apiId, stage: context.stage)
        let key = AuthorizerResultCache.key(authorizerId: authorizer.id, identity: identity)
        let cacheable = authorizer.ttlSeconds > 0 && !identity.isEmpty
        var latency = 0
        let result: AuthorizerResult
        if cacheable, let hit = cache.lookup(stage: stageKey, key: key) {
            context.trace.record(.authorizer(.cached(key: identity)))
            result = hit
        } else {
            let event = LambdaAuthorizer.event(authorizer, identity: identity, routed: routed, methodArn: methodArn)
            let started = ContinuousClock.now
            result = try await invoke(authorizer, event: event, stageVariables: context.stageVariables, trace: context.trace)
            latency = Self.milliseconds(ContinuousClock.now - started)
            if cacheable { cache.store(result, stage: stageKey, key: key, ttlSeconds: authorizer.ttlSeconds) }
        }
        let decision = result.policy.evaluate(
            PolicyRequest(
                action: PolicyGate.invoke, resource: methodArn,
                context: PolicyGate.conditionKeys(context, principal: .anonymous, wanted: result.policy.conditionKeys))
        ).decision
        context.trace.record(.authorizer(.decision(methodArn: methodArn, decision: decision)))
        switch decision {
        case .allowed: break
        case .explicitDeny: throw GatewayError.accessDenied(explicit: true)
        case .implicitDeny where resourcePolicy?.decision == .allowed: break
        case .implicitDeny: throw GatewayError.accessDenied(explicit: false)
        }
        context.trace.record(.authorizer(.completed(principalId: result.principalId)))
        let authorization = Authorization(
            principalId: result.principalId, context: result.context, usageIdentifierKey: result.usageIdentifierKey,
            integrationLatency: latency)
        return routed.authorized(by: authorization)
    }

    /// The method's authorizer in the deployment, its start traced; one of the wrong kind (or
    /// none) is a configuration error.
    static func authorizer(of routed: RoutedRequest, userPool: Bool) throws(GatewayError) -> CompiledAuthorizer {
        guard let authorizer = routed.deployment.authorizers[routed.method.method.authorizerId ?? ""],
            (authorizer.type == .cognitoUserPools) == userPool
        else {
            throw GatewayError.authorizerConfiguration(
                "The method's authorizer is not a \(userPool ? "Cognito" : "Lambda") authorizer of this deployment")
        }
        routed.context.trace.record(.authorizer(.started(authorizerId: authorizer.id, type: authorizer.type.rawValue)))
        return authorizer
    }

    /// The identity source values, checked: any missing or empty → 401; a TOKEN failing the
    /// validation expression → 401. The authorizer is not called then.
    static func identity(of authorizer: CompiledAuthorizer, _ routed: RoutedRequest) throws(GatewayError) -> [String] {
        let needsContext = authorizer.identitySources.contains {
            if case .context = $0.expression { true } else { false }
        }
        let resolver = ParameterResolver(
            request: RequestParameters(request: routed.request, path: routed.pathParameters),
            context: needsContext ? routed.contextValue() : .null, stageVariables: routed.context.stageVariables, body: [])
        guard let identity = authorizer.identity(resolver), authorizer.type == .request || identity.count == 1 else {
            throw GatewayError.unauthorized("Unauthorized request: identity source missing or empty")
        }
        routed.context.trace.record(.authorizer(.identity(identity)))
        if authorizer.type == .token, let token = identity.first, !authorizer.validates(token) {
            throw GatewayError.unauthorized("Unauthorized request: the token does not match the identity validation expression")
        }
        return identity
    }

    /// Calls the authorizer's function and reads its answer.
    func invoke(
        _ authorizer: CompiledAuthorizer, event: [UInt8], stageVariables: [String: String], trace: InvocationTrace
    ) async throws(GatewayError) -> AuthorizerResult {
        guard let uri = authorizer.authorizer.authorizerUri, let function = LambdaTransport.functionName(uri, stageVariables: stageVariables)
        else {
            throw GatewayError.authorizerConfiguration("Invalid authorizer URI")
        }
        let reply = try await transport.invokeAuthorizer(function, payload: event, trace: trace)
        trace.record(.authorizer(.result(status: reply.status, functionError: reply.functionError, body: reply.body)))
        switch LambdaAuthorizer.result(reply) {
        case .success(let result): return result
        case .failure(.unauthorized): throw GatewayError.unauthorized("Unauthorized request: the authorizer answered Unauthorized")
        case .failure(.configuration(let detail)): throw GatewayError.authorizerConfiguration(detail)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

extension RoutedRequest {
    /// This request once an authorizer has let it through.
    func authorized(by authorization: Authorization) -> RoutedRequest {
        RoutedRequest(
            deployment: deployment, resource: resource, method: method, request: request, pathParameters: pathParameters,
            context: context.authorized(by: authorization))
    }
}
