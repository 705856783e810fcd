import APIGatewayModel
import AsyncHTTPClient

/// The transport Portico uses for real backends: HTTP and HTTP_PROXY over AsyncHTTPClient,
/// Lambda (AWS and AWS_PROXY with a `lambda:path/…/invocations` URI) through the Lambda Invoke
/// API at a configured endpoint. Other AWS service integrations answer a configuration error
/// (documented in docs/compatibility.md).
struct BackendTransport: IntegrationTransport {
    let http: HTTPTransport
    let lambda: LambdaTransport?

    init(client: HTTPClient = .shared, lambdaEndpoint: String?) {
        http = HTTPTransport(client: client)
        lambda = lambdaEndpoint.map { LambdaTransport(client: client, endpoint: $0) }
    }

    func send(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        switch request.integration.type {
        case .http, .httpProxy:
            return try await http.send(request)
        case .aws, .awsProxy:
            let uri = request.integration.integration.uri ?? ""
            guard uri.contains(":lambda:path/") else {
                throw GatewayError.configuration("Portico supports only Lambda among AWS service integrations")
            }
            guard let lambda else {
                throw GatewayError.configuration("No Lambda endpoint configured (portico serve --lambda-endpoint)")
            }
            return try await lambda.send(request)
        case .mock:
            return try IntegrationStage.mock(request)
        }
    }
}
