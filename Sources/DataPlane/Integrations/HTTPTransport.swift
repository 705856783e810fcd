import APIGatewayModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP and HTTP_PROXY integrations through AsyncHTTPClient (pooled connections, no redirects
/// followed, no decompression: the backend's answer is handed on as it came).
///
/// HTTP sends the mapped (and templated) request and hands the answer to the integration
/// response; HTTP_PROXY passes method, path, query, headers and body through (merged with any
/// request parameter mappings) and returns the backend's answer unchanged. Both add API Gateway's
/// own headers (`User-Agent: AmazonAPIGateway_{apiId}`, `X-Amzn-Apigateway-Api-Id`,
/// `X-Amzn-Trace-Id`, a default `Accept: application/json`). A timeout is AWS's 504; a connection
/// failure its 500.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
struct HTTPTransport: Sendable {
    /// The pooled client, fetched on first use (see `BackendTransport.init`).
    private let makeClient: @Sendable () -> HTTPClient
    var client: HTTPClient { makeClient() }

    init(client: @escaping @autoclosure @Sendable () -> HTTPClient) {
        makeClient = client
    }

    /// Client certificates and verification settings for HTTPS backends.
    let tls = BackendTLS()

    /// Largest backend body read (AWS: 10 MB payloads).
    var maxBodySize = 10 * 1024 * 1024

    /// Headers a request mapping may not set: the invocation fails with a configuration error
    /// (as recorded on AWS for Content-Length and Transfer-Encoding).
    static let illegalMapped: Set<String> = ["content-length", "transfer-encoding", "x-amzn-trace-id", "x-amzn-apigateway-api-id"]
    /// Headers never sent to an HTTP backend, even when mapped.
    static let dropped: Set<String> = ["expect", "proxy-authenticate", "te", "via"]
    /// Client headers HTTP_PROXY does not pass on (a mapping can still set them).
    static let notProxied: Set<String> = ["host", "content-encoding"]
    /// Integration methods that carry no body.
    static let bodyless: Set<String> = ["GET", "HEAD", "OPTIONS"]

    func send(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        let integration = request.integration
        let isProxy = integration.type == .httpProxy
        let routed = request.methodRequest.routed
        let context = request.context
        guard let uri = integration.integration.uri, !uri.isEmpty else {
            throw GatewayError.configuration("Invalid endpoint address")
        }
        if let illegal = request.headers.first(where: { Self.illegalMapped.contains($0.0.lowercased()) }) {
            throw GatewayError.configuration("\(illegal.0) header already present")
        }
        var url = URITemplate.expand(uri, path: request.path, stageVariables: context.stageVariables)
        let query = isProxy ? routed.request.query.map { ($0.name, $0.value) } + request.querystring : request.querystring
        if !query.isEmpty {
            url +=
                (url.contains("?") ? "&" : "?")
                + query.map { URITemplate.encodeQuery($0.0) + "=" + URITemplate.encodeQuery($0.1) }.joined(separator: "&")
        }
        // No host (`https://${stageVariables.host}` with the variable undefined) fails before
        // anything is sent: AWS's log then has no endpoint request lines.
        guard !Self.lacksHost(url) else { throw GatewayError.configuration("Invalid endpoint address") }
        let verb = integration.integration.httpMethod ?? "ANY"
        let method = verb == "ANY" ? routed.request.method : verb
        let headers = Self.outboundHeaders(request, isProxy: isProxy)
        let body = Self.bodyless.contains(method) ? [] : request.body
        context.trace.record(.backendRequest(method: method, url: url, headers: headers, body: body))

        var outbound = HTTPClientRequest(url: url)
        outbound.method = HTTPMethod(rawValue: method)
        for (name, value) in headers {
            outbound.headers.add(name: name, value: value)
        }
        if !body.isEmpty || !Self.bodyless.contains(method) {
            outbound.body = .bytes(body)
        }
        outbound.tlsConfiguration = try tls.configuration(
            url: url, certificate: context.clientCertificate,
            skipVerification: integration.integration.tlsConfig?.insecureSkipVerification == true)
        let timeout = TimeAmount.milliseconds(Int64(integration.integration.timeoutInMillis ?? 29_000))
        let response: HTTPClientResponse
        let received: ByteBuffer
        do {
            let client = client
            let limit = maxBodySize
            let sent = outbound
            (response, received) = try await Self.withinTimeout(timeout) {
                let response = try await client.execute(sent, timeout: timeout)
                return (response, try await response.body.collect(upTo: limit))
            }
        } catch {
            throw Self.gatewayError(error)
        }
        let status = Int(response.status.code)
        var result = IntegrationResult(
            request: request, status: status, headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer: received), selectionValue: String(status))
        result.isProxy = isProxy
        return result
    }

    /// What goes to the backend: the client's headers (HTTP_PROXY only), the mapped headers over
    /// them, less the ones API Gateway never sends, plus API Gateway's own.
    static func outboundHeaders(_ request: IntegrationRequest, isProxy: Bool) -> [(String, String)] {
        let routed = request.methodRequest.routed
        let context = request.context
        var headers: [(String, String)] = []
        if isProxy {
            headers = routed.request.headers.filter { !notProxied.contains($0.name.lowercased()) }.map { ($0.name, $0.value) }
        }
        for (name, value) in request.headers {
            headers.removeAll { $0.0.equalsIgnoringASCIICase(name) }
            headers.append((name, value))
        }
        headers.removeAll { dropped.contains($0.0.lowercased()) }
        func setDefault(_ name: String, _ value: String?) {
            guard let value, !headers.contains(where: { $0.0.equalsIgnoringASCIICase(name) }) else { return }
            headers.append((name, value))
        }
        setDefault("Accept", "application/json")
        setDefault("User-Agent", "AmazonAPIGateway_" + context.apiId)
        if !bodyless.contains(routed.request.method.uppercased()) {
            setDefault("Content-Type", routed.request.header("Content-Type") ?? (request.body.isEmpty ? nil : "application/json"))
        } else if !request.body.isEmpty {
            setDefault("Content-Type", "application/json")
        }
        // A trace the client started goes on (HTTP_PROXY forwards it); otherwise this invocation's.
        setDefault("X-Amzn-Trace-Id", context.traceId)
        headers.append(("X-Amzn-Apigateway-Api-Id", context.apiId))
        return headers
    }

    /// Runs a whole backend exchange (head and body) within `timeout`: AsyncHTTPClient's own
    /// deadline stops at the response head, so a backend that stalls its body would otherwise
    /// hold the invocation. Past the timeout the exchange is cancelled and the error is
    /// `HTTPClientError.deadlineExceeded` (AWS's 504).
    static func withinTimeout<T: Sendable>(
        _ timeout: TimeAmount, _ exchange: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await exchange() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(timeout.nanoseconds, 0)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw HTTPClientError.deadlineExceeded
            }
            return value
        }
    }

    /// True for `scheme://` followed by no host name.
    static func lacksHost(_ url: String) -> Bool {
        guard let separator = url.range(of: "://") else { return false }
        guard let first = url[separator.upperBound...].first else { return true }
        return first == "/" || first == "?" || first == "#" || first == ":"
    }

    /// A failed exchange as AWS reports it: a timeout is 504, a URL that is not one is a
    /// configuration error, anything else (refused, reset, too large) an integration failure.
    static func gatewayError(_ error: any Error) -> GatewayError {
        if error is LambdaUnreachable {
            return GatewayError.configuration("No Lambda endpoint configured (portico serve --lambda-endpoint)")
        }
        if let client = error as? HTTPClientError {
            if client == .deadlineExceeded || client == .readTimeout || client == .writeTimeout {
                var timeout = GatewayError.integrationTimeout
                timeout.detail = "Execution failed due to a timeout error"
                return timeout
            }
            if client == .invalidURL || client == .emptyHost || client == .emptyScheme {
                return GatewayError.configuration("Invalid endpoint address")
            }
        }
        if error is NIOTooManyBytesError {
            return GatewayError.integrationFailure("Endpoint response body too large")
        }
        return GatewayError.integrationFailure("Network error communicating with endpoint (\(error))")
    }
}

/// Expanding integration URIs: `{name}` from the mapped `integration.request.path.*` values, and
/// `${stageVariables.name}` (an undefined variable renders as nothing, as on AWS).
enum URITemplate {
    static func expand(_ template: String, path: [(String, String)], stageVariables: [String: String]) -> String {
        var out = expandStageVariables(template, stageVariables)
        for (name, value) in path {
            let encoded = encodePath(value)
            out = out.replacingOccurrences(of: "{\(name)+}", with: encoded)
            out = out.replacingOccurrences(of: "{\(name)}", with: encoded)
        }
        return out
    }

    /// Replaces every `${stageVariables.name}`; names are letters, digits, `-`, `.`, `_`, `:`, `/`, `?`, `&`, `=`, `,`.
    static func expandStageVariables(_ template: String, _ stageVariables: [String: String]) -> String {
        let marker = "${stageVariables."
        guard template.contains(marker) else { return template }
        var out = ""
        var rest = Substring(template)
        while let start = rest.range(of: marker) {
            out += rest[..<start.lowerBound]
            let tail = rest[start.upperBound...]
            guard let close = tail.firstIndex(of: "}") else {
                out += rest[start.lowerBound...]
                return out
            }
            out += stageVariables[String(tail[..<close])] ?? ""
            rest = tail[tail.index(after: close)...]
        }
        return out + rest
    }

    static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#%")
        return set
    }()

    /// Path values are decoded on the way in and re-encoded here; `/` is kept (greedy values).
    static func encodePath(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? value
    }

    static let queryAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#%")
        return set
    }()

    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? value
    }
}
