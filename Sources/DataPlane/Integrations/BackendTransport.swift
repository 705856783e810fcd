import APIGatewayModel
import AsyncHTTPClient
import NIOCore
import PorticoCore

/// The transport Portico uses for real backends: HTTP and HTTP_PROXY over AsyncHTTPClient,
/// Lambda (AWS and AWS_PROXY with a `lambda:path/…/invocations` URI) through the Lambda Invoke
/// API at a configured endpoint. Other AWS service integrations answer a configuration error
/// (documented in docs/compatibility.md).
struct BackendTransport: IntegrationTransport {
    let http: HTTPTransport
    let lambda: LambdaTransport?

    /// `client` is only evaluated when a request first reaches a backend, so a server that never
    /// proxies never builds the shared client (its pool, TLS context cache and their code pages).
    init(
        client: @escaping @autoclosure @Sendable () -> HTTPClient = BackendTransport.sharedClient, lambdaEndpoint: String?,
        localFunctions: (any LocalFunctionInvoker)? = nil
    ) {
        http = HTTPTransport(client: client())
        let endpoint = lambdaEndpoint.flatMap { $0.isEmpty ? nil : $0 }
        lambda =
            endpoint == nil && localFunctions == nil
            ? nil : LambdaTransport(client: client(), endpoint: endpoint, localFunctions: localFunctions)
    }

    /// One pooled client for the process (never shut down, so never deinitialised): API Gateway
    /// does not follow redirects and hands bodies on as they came (no decompression); a refused
    /// connection fails the request at once instead of being retried until the timeout. Up to
    /// 64 keep-alive connections per backend (AsyncHTTPClient's default of 8 queued concurrent
    /// invocations behind one another).
    static let sharedClient: HTTPClient = {
        var pool = HTTPClient.Configuration.ConnectionPool()
        pool.retryConnectionEstablishment = false
        pool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)),
            connectionPool: pool, decompression: .disabled)
        configuration.httpVersion = .http1Only
        // No distributed-tracing spans per backend call (they cost ~4% of a proxied request).
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    func sendHTTP(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        try await http.send(request)
    }

    func sendAWS(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        let uri = request.integration.integration.uri ?? ""
        guard uri.contains(":lambda:path/") else {
            throw GatewayError.configuration("Portico supports only Lambda among AWS service integrations")
        }
        guard let lambda else {
            throw GatewayError.configuration("No Lambda endpoint configured (portico serve --lambda-endpoint)")
        }
        return try await lambda.send(request)
    }

    /// Authorizer functions get 10 seconds (docs/compatibility.md).
    func invokeAuthorizer(_ function: String, payload: [UInt8], trace: InvocationTrace) async throws(GatewayError) -> LambdaReply {
        guard let lambda else {
            throw GatewayError.authorizerConfiguration("No Lambda endpoint configured (portico serve --lambda-endpoint)")
        }
        do {
            return try await lambda.invoke(function, payload: payload, timeout: .seconds(10), trace: trace)
        } catch is LambdaUnreachable {
            throw GatewayError.authorizerConfiguration("No Lambda endpoint configured (portico serve --lambda-endpoint)")
        } catch {
            throw GatewayError.authorizerConfiguration("\(error)")
        }
    }

    /// A user pool's key set: GET with a 5-second timeout; anything but a 200 is a
    /// configuration error, logged plainly.
    func fetchKeySet(_ url: String, trace: InvocationTrace) async throws(GatewayError) -> [UInt8] {
        trace.record(.backendRequest(method: "GET", url: url, headers: [], body: []))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            body = try await response.body.collect(upTo: 1024 * 1024)
        } catch {
            throw GatewayError.authorizerConfiguration("The user pool's key set at \(url) cannot be fetched: \(error)")
        }
        guard response.status == .ok else {
            throw GatewayError.authorizerConfiguration("The user pool's key set at \(url) answered \(response.status.code)")
        }
        return Array(buffer: body)
    }
}
