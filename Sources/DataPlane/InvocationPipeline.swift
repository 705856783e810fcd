import APIGatewayModel
import Foundation

/// The invocation pipeline, in API Gateway's own stage names. This file is the only place
/// the order appears.
///
/// 1. **Route** (`RouteStage`): the stage's compiled deployment, the resource whose path
///    template matches (literal, then `{param}`, then `{greedy+}`) and the method (or ANY).
///    No match → MISSING_AUTHENTICATION_TOKEN (403).
/// 2. **Method request** (`MethodRequestStage`): authorization (NONE for now), API keys and
///    validators have their slot here.
/// 3. **Integration request** (`IntegrationRequestStage`): parameter mapping, request template
///    chosen by Content-Type, passthrough behaviour (415 when refused).
/// 4. **Integration** (`IntegrationStage`): MOCK (status from the rendered template), and the
///    backends through an injected transport.
/// 5. **Integration response** (`IntegrationResponseStage`): selectionPattern (Java regex on the
///    whole status code or Lambda error), response parameters, response template, overrides.
/// 6. **Method response** (`MethodResponseStage`): the status and the headers the client gets.
///
/// Each stage hands the next a typed, non-optional value. Any stage may throw a
/// `GatewayError`, which `GatewayResponder` renders through the API's gateway responses.
/// TestInvokeMethod runs stages 2–6 on the live API.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-data-transformations.html
struct InvocationPipeline: Sendable {
    let integration: IntegrationStage

    func run(_ routed: RoutedRequest) async throws(GatewayError) -> InvocationResponse {
        let methodRequest = try MethodRequestStage.run(routed)
        let integrationRequest = try IntegrationRequestStage.run(methodRequest)
        let integrationResult = try await integration.run(integrationRequest)
        let integrationResponse = try IntegrationResponseStage.run(integrationResult)
        let response = MethodResponseStage.run(integrationResponse)
        routed.context.trace.record(.methodResponse(status: response.status, headers: response.headers.map { ($0.name, $0.value) },
                                                    body: response.body))
        return response
    }
}
