import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Lambda integrations (AWS and AWS_PROXY) through the Lambda Invoke API
/// (`POST /2015-03-31/functions/{name}/invocations`) of a configurable endpoint: a local
/// Lambda runtime, LocalStack, or a test's own server. No Docker needed.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
struct LambdaTransport: Sendable {
    let client: HTTPClient
    /// Base URL of the Lambda-compatible endpoint, e.g. `http://127.0.0.1:9001`.
    let endpoint: String

    func send(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        let integration = request.integration
        let isProxy = integration.type == .awsProxy
        guard let uri = integration.integration.uri, let function = Self.functionName(uri, stageVariables: request.context.stageVariables) else {
            throw GatewayError.configuration("Invalid Lambda function URI")
        }
        let payload = isProxy ? ProxyEvent.encode(request) : request.body
        var outbound = HTTPClientRequest(url: endpoint + "/2015-03-31/functions/" + function + "/invocations")
        outbound.method = .POST
        outbound.headers.add(name: "Content-Type", value: "application/json")
        outbound.headers.add(name: "X-Amz-Invocation-Type", value: "RequestResponse")
        outbound.body = .bytes(payload)
        let timeout = TimeAmount.milliseconds(Int64(integration.integration.timeoutInMillis ?? 29_000))
        let status: Int
        let functionError: Bool
        let body: [UInt8]
        do {
            let response = try await client.execute(outbound, timeout: timeout)
            status = Int(response.status.code)
            functionError = response.headers.first(name: "X-Amz-Function-Error") != nil
            body = Array(buffer: try await response.body.collect(upTo: 10 * 1024 * 1024))
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw GatewayError.integrationTimeout
        } catch {
            throw GatewayError.integrationFailure("\(error)")
        }
        guard (200..<300).contains(status) else {
            throw GatewayError.integrationFailure("Lambda invoke answered \(status)")
        }
        if isProxy {
            if functionError { throw GatewayError.malformedProxyResponse }
            var result = try ProxyResult.decode(body, request: request)
            result.isProxy = true
            return result
        }
        var selection: String?
        if functionError {
            let parsed = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
            selection = parsed?["errorMessage"] as? String ?? ""
        }
        return IntegrationResult(request: request, status: 200, headers: [], body: body, selectionValue: selection)
    }

    /// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations` → `{arn}`.
    static func functionName(_ uri: String, stageVariables: [String: String]) -> String? {
        let expanded = URITemplate.expand(uri, path: [], stageVariables: stageVariables)
        guard let start = expanded.range(of: "/functions/"), let end = expanded.range(of: "/invocations", options: .backwards),
              start.upperBound <= end.lowerBound else { return nil }
        let name = String(expanded[start.upperBound..<end.lowerBound])
        return name.isEmpty ? nil : name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
    }
}

extension GatewayError {
    /// A Lambda proxy result AWS cannot read: 502 with the internal-error body.
    static let malformedProxyResponse = GatewayError(
        type: .default5xx, message: "Internal server error", errorType: "InternalServerErrorException",
        fallbackStatus: 502, isInternal: true, internalStatus: 502)
}
