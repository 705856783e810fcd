import APIGatewayModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PorticoCore

/// Lambda integrations (AWS and AWS_PROXY) through the Lambda Invoke API
/// (`POST /2015-03-31/functions/{name}/invocations`) of a configurable endpoint: a local
/// Lambda runtime, LocalStack, or a test's own server. No Docker needed.
///
/// AWS_PROXY sends the proxy event (`ProxyEvent`) and maps the result back (`ProxyResult`); a
/// function error there is a malformed proxy response (502). AWS sends the (templated) body
/// as the payload; a function error (`X-Amz-Function-Error`) selects the integration response by
/// its `errorMessage`, and a success goes to the default response.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
struct LambdaTransport: Sendable {
    /// The pooled client, fetched on first use (see `BackendTransport.init`).
    private let makeClient: @Sendable () -> HTTPClient
    var client: HTTPClient { makeClient() }
    /// Base URL of the Lambda-compatible endpoint, e.g. `http://127.0.0.1:9001` (nil: only
    /// functions Portico hosts can be invoked).
    let endpoint: String?
    /// Functions Portico hosts: invoked in process, without an HTTP hop.
    let localFunctions: (any LocalFunctionInvoker)?

    init(client: @escaping @autoclosure @Sendable () -> HTTPClient, endpoint: String?, localFunctions: (any LocalFunctionInvoker)? = nil) {
        makeClient = client
        var base = endpoint
        while base?.hasSuffix("/") == true { base?.removeLast() }
        self.endpoint = base
        self.localFunctions = localFunctions
    }

    /// The largest payload a synchronous Lambda invocation accepts (6 MB).
    /// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
    static let maxPayloadBytes = 6 * 1024 * 1024

    func send(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        let integration = request.integration
        let isProxy = integration.type == .awsProxy
        let context = request.context
        guard let uri = integration.integration.uri, let function = Self.functionName(uri, stageVariables: context.stageVariables) else {
            throw GatewayError.configuration("Invalid Lambda function URI")
        }
        // Lambda is only ever invoked with POST; AWS fails any other integration method.
        guard (integration.integration.httpMethod ?? "POST").uppercased() == "POST" else {
            throw GatewayError.integrationFailure("Lambda functions can only be invoked via POST")
        }
        let payload = isProxy ? ProxyEvent.encode(request) : request.body
        // Lambda takes at most 6 MB synchronously; API Gateway answers REQUEST_TOO_LARGE.
        guard payload.count <= Self.maxPayloadBytes else {
            var tooLarge = GatewayError.requestTooLarge
            tooLarge.detail = "Lambda payload of \(payload.count) bytes exceeds \(Self.maxPayloadBytes) bytes"
            throw tooLarge
        }
        let timeout = TimeAmount.milliseconds(Int64(integration.integration.timeoutInMillis ?? 29_000))
        let reply: LambdaReply
        do {
            reply = try await invoke(function, payload: payload, timeout: timeout, trace: context.trace)
        } catch {
            throw HTTPTransport.gatewayError(error)
        }
        let (status, body, responseHeaders) = (reply.status, reply.body, reply.headers)
        guard (200..<300).contains(status) else {
            // The Invoke API itself failed (no such function, throttled, …): the trace keeps its answer.
            context.trace.record(.backendResponse(status: status, headers: responseHeaders, body: body))
            throw GatewayError.integrationFailure("Lambda invocation failed with status: \(status)")
        }
        let functionError = reply.functionError
        if isProxy {
            guard functionError == nil else {
                context.trace.record(.backendResponse(status: status, headers: responseHeaders, body: body))
                throw GatewayError.malformedProxyResponse("Lambda function error (\(functionError ?? "Unhandled"))")
            }
            // The trace (and TestInvokeMethod's "Endpoint response body before transformations")
            // shows Lambda's own answer.
            context.trace.record(.backendResponse(status: status, headers: responseHeaders, body: body))
            var result = try ProxyResult.decode(body, request: request)
            result.isProxy = true
            result.backendResponseTraced = true
            return result
        }
        var selection: String?
        if functionError != nil {
            selection = Self.errorMessage(body)
        }
        return IntegrationResult(request: request, status: status, headers: responseHeaders, body: body, selectionValue: selection)
    }

    /// One RequestResponse invocation of `function` (its name or ARN, already encoded for the
    /// URL path), the request traced; Lambda integrations and Lambda authorizers both call it.
    func invoke(_ function: String, payload: [UInt8], timeout: TimeAmount, trace: InvocationTrace) async throws -> LambdaReply {
        if let localFunctions, let name = function.removingPercentEncoding, localFunctions.hosts(name),
            let result = await localFunctions.invoke(name, payload: payload)
        {
            trace.record(
                .backendRequest(
                    method: "POST", url: "portico:/2015-03-31/functions/" + function + "/invocations",
                    headers: [("Content-Type", "application/json"), ("X-Amz-Invocation-Type", "RequestResponse")], body: payload))
            var headers = [("Content-Type", "application/json"), ("X-Amz-Executed-Version", "$LATEST")]
            if let error = result.functionError { headers.append(("X-Amz-Function-Error", error)) }
            if !result.logTail.isEmpty { headers.append(("X-Amz-Log-Result", Data(result.logTail.utf8).base64EncodedString())) }
            return LambdaReply(status: result.status, headers: headers, body: result.payload, functionError: result.functionError)
        }
        guard let endpoint else {
            throw LambdaUnreachable(function: function.removingPercentEncoding ?? function)
        }
        let url = endpoint + "/2015-03-31/functions/" + function + "/invocations"
        let headers = [("Content-Type", "application/json"), ("X-Amz-Invocation-Type", "RequestResponse")]
        trace.record(.backendRequest(method: "POST", url: url, headers: headers, body: payload))
        var outbound = HTTPClientRequest(url: url)
        outbound.method = .POST
        for (name, value) in headers {
            outbound.headers.add(name: name, value: value)
        }
        outbound.body = .bytes(payload)
        let client = client
        let outboundRequest = outbound
        let (response, received) = try await HTTPTransport.withinTimeout(timeout) {
            let response = try await client.execute(outboundRequest, timeout: timeout)
            return (response, try await response.body.collect(upTo: 10 * 1024 * 1024))
        }
        return LambdaReply(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: received),
            functionError: response.headers.first(name: "X-Amz-Function-Error"))
    }

    /// The `errorMessage` of a function error payload (empty when there is none).
    static func errorMessage(_ payload: [UInt8]) -> String {
        guard case .object(let fields)? = StrictJSON.parse(payload), case .string(let message)? = fields["errorMessage"] else {
            return ""
        }
        return message
    }

    /// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations` → `{arn}`
    /// (stage variables expanded, percent-encoded for the Invoke URL path).
    static func functionName(_ uri: String, stageVariables: [String: String]) -> String? {
        let expanded = URITemplate.expandStageVariables(uri, stageVariables)
        guard let start = expanded.range(of: "/functions/"), let end = expanded.range(of: "/invocations", options: .backwards),
            start.upperBound <= end.lowerBound
        else { return nil }
        let name = String(expanded[start.upperBound..<end.lowerBound])
        return name.isEmpty ? nil : name.addingPercentEncoding(withAllowedCharacters: URITemplate.pathAllowed)
    }
}

/// A function Portico does not host, without `--lambda-endpoint` to send it to.
struct LambdaUnreachable: Error, CustomStringConvertible {
    let function: String
    var description: String {
        "Portico hosts no function \(function) and no Lambda endpoint is configured (portico serve --lambda-endpoint)"
    }
}

/// What the Lambda Invoke API answered.
struct LambdaReply: Sendable {
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]
    /// `X-Amz-Function-Error` (`Unhandled`, `Handled`): the function failed and `body` is its
    /// error payload.
    let functionError: String?
}

extension GatewayError {
    /// A Lambda proxy result AWS cannot read: 502 with the internal-error body.
    static func malformedProxyResponse(_ reason: String) -> GatewayError {
        GatewayError(
            type: .default5xx, message: "Internal server error", errorType: "InternalServerErrorException",
            fallbackStatus: 502, isInternal: true, internalStatus: 502,
            detail: "Execution failed due to configuration error: Malformed Lambda proxy response (\(reason))")
    }
}
