import APIGatewayModel
import Store

/// Stage 3, gate 2 (after the authorizer): on a method with `apiKeyRequired`, the API key —
/// from the `x-api-key` header (key source HEADER) or the authorizer's `usageIdentifierKey`
/// (key source AUTHORIZER) — must exist, be enabled and be a key of a usage plan that includes
/// this API stage. Otherwise 403 `{"message":"Forbidden"}` through INVALID_API_KEY.
/// `$context.identity.apiKey` and `apiKeyId` name the key from here on.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
enum APIKeyStage {
    /// The key a call was admitted with, and the plan that meters it on this stage.
    struct Admitted: Sendable {
        let key: ApiKey
        let plan: UsagePlan
    }

    static func run(_ routed: RoutedRequest, index: KeyDirectory.Index) throws(GatewayError) -> Admitted {
        let context = routed.context
        let source = routed.deployment.restApi.apiKeySource ?? .header
        let value = source == .authorizer ? context.authorization?.usageIdentifierKey : routed.request.header("x-api-key")
        // The refusal messages are built only on refusal: masking a key costs more than the
        // whole admission does.
        func method() -> String { "'\(routed.request.method) \(routed.resource.path)'" }
        guard let value, !value.isEmpty else {
            throw .invalidApiKey("Forbidden: method \(method()) requires an API key and the request has none (key source \(source.rawValue))")
        }
        func masked() -> String { String(repeating: "*", count: max(0, value.count - 4)) + value.suffix(4) }
        guard let key = index.keysByValue[value], let keyId = key.id else {
            throw .invalidApiKey("Forbidden: API Key \(masked()) is not a key of this account")
        }
        guard key.enabled == true else {
            throw .invalidApiKey("Forbidden: API Key \(masked()) is disabled")
        }
        guard let plan = index.plan(for: keyId, api: context.apiId, stage: context.stage) else {
            throw .invalidApiKey(
                "API Key \(masked()) not authorized because method \(method()) requires API Key and API Key is not associated with a Usage Plan for API Stage \(context.apiId)/\(context.stage)"
            )
        }
        return Admitted(key: key, plan: plan)
    }
}

extension RoutedRequest {
    /// The same request, its `$context.identity` naming the admitted API key.
    func identified(by key: ApiKey) -> RoutedRequest {
        var context = context
        context.apiKey = InvocationContext.APIKeyIdentity(id: key.id ?? "", value: key.value ?? "")
        context.fixedEntries = FixedContextEntries()
        return RoutedRequest(
            deployment: deployment, resource: resource, method: method, request: request, pathParameters: pathParameters,
            context: context)
    }
}
