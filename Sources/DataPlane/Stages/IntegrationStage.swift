import APIGatewayModel
import JSONPath

/// Stage 4 result: what the integration answered.
struct IntegrationResult: Sendable {
    let request: IntegrationRequest
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]
    /// What selectionPattern is matched against: the status code, or a Lambda `errorMessage`;
    /// nil selects the default response directly (a Lambda success).
    let selectionValue: String?
    /// Proxy integrations (HTTP_PROXY, AWS_PROXY) bypass the integration response: the
    /// backend's status, headers and body go to the client as they are.
    var isProxy: Bool = false
    /// The transport already traced the backend's own answer (a Lambda proxy result is traced
    /// as Lambda returned it, not as the status, headers and body decoded from it).
    var backendResponseTraced: Bool = false
}

/// Sends an integration request to a real backend; injected so tests can script the backend.
protocol IntegrationTransport: Sendable {
    /// HTTP and HTTP_PROXY integrations.
    func sendHTTP(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult
    /// AWS and AWS_PROXY integrations (Lambda).
    func sendAWS(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult
    /// Lambda authorizers: the function `function` (from the authorizer URI) invoked with
    /// `payload`; failing to reach it is an AUTHORIZER_CONFIGURATION_ERROR.
    func invokeAuthorizer(_ function: String, payload: [UInt8], trace: InvocationTrace) async throws(GatewayError) -> LambdaReply
    /// Cognito authorizers: a user pool's JSON Web Key Set (GET `url`); failing to get it is
    /// an AUTHORIZER_CONFIGURATION_ERROR.
    func fetchKeySet(_ url: String, trace: InvocationTrace) async throws(GatewayError) -> [UInt8]
}

/// Stage 4: the integration itself.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
struct IntegrationStage: Sendable {
    let transport: any IntegrationTransport

    func run(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        switch request.integration.type {
        case .mock: try Self.mock(request)
        case .http, .httpProxy: try await transport.sendHTTP(request)
        case .aws, .awsProxy: try await transport.sendAWS(request)
        }
    }

    /// MOCK: the status code is the `statusCode` of the rendered request template (read
    /// leniently, so `{statusCode: 200}` works as on AWS); the body is empty.
    static func mock(_ request: IntegrationRequest) throws(GatewayError) -> IntegrationResult {
        var status = 200
        if !request.body.isEmpty, let parsed = try? JSONReader.parse(bytes: request.body), case .object(let fields) = parsed,
            let code = fields["statusCode"]
        {
            switch code {
            case .int(let value) where (100...599).contains(value): status = Int(value)
            case .double(let value) where (100...599).contains(value) && value == value.rounded(): status = Int(value)
            case .string(let text) where Int(text).map { (100...599).contains($0) } == true: status = Int(text) ?? 200
            default: throw GatewayError.configuration("Unable to parse statusCode")
            }
        }
        return IntegrationResult(request: request, status: status, headers: [], body: [], selectionValue: String(status))
    }
}
