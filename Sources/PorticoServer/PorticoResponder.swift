import Console
import ControlPlane
import DataPlane
import Foundation
import HTTPTypes
import Hummingbird
import LambdaService
import Logging
import NIOCore
import PorticoCore
import ServiceLifecycle

/// The one HTTP entry point: splits a request between the ops endpoints and the management
/// API, and stamps every response with `x-amzn-RequestId`.
struct PorticoResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let management: ManagementAPI
    let dataPlane: DataPlane
    /// The Lambda API (`/2015-03-31/functions…`) and the functions it runs.
    let lambda: LambdaAPI
    /// The browser console (`/_portico/console/…`).
    let console: Console
    let configuration: ServerConfiguration
    let logger: Logger
    /// Request ids (`x-amzn-RequestId`) come from the injected generator.
    let ids: any IdentifierGenerator
    /// With `--verify-signatures`: every management request must be signed.
    var signatures: ManagementSignatures?

    func respond(to request: Request, context: Context) async throws -> Response {
        let requestId = ids.next(.request)
        var response = await route(request, requestId: requestId)
        response.headers[Self.requestIdHeader] = requestId
        // A client that asks to close gets `Connection: close` back before the server closes,
        // as AWS answers (recorded) and RFC 9112 §9.6 asks.
        if let connection = request.headers[.connection], connection.lowercased().contains("close") {
            response.headers[.connection] = "close"
        }
        if logger.logLevel <= .info {
            logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                    "status": "\(response.status.code)", "requestId": "\(requestId)",
                ])
        }
        return response
    }

    private static let requestIdHeader = HTTPField.Name("x-amzn-RequestId")!
    private static let apiIdHeader = HTTPField.Name(InvocationTarget.apiIdHeader)!

    private func route(_ request: Request, requestId: String) async -> Response {
        let path = request.uri.path
        let host = request.head.authority
        guard host != nil else {
            return Self.render(ManagementResponse(error: .badRequest("Missing Host header")))
        }
        if let target = invocationTarget(request, host: host, path: path) {
            return await invocationResponse(request, target: target, requestId: requestId, host: host ?? "localhost")
        }
        if Self.isOpsPath(path) {
            if Console.claims(path) { return await consoleResponse(request, host: host ?? "localhost") }
            let response = await OpsEndpoints.respond(request, management: management, dataPlane: dataPlane)
            // A reset wiped the functions: their environments end too.
            if path.hasSuffix("/reset"), response.status == .ok { lambda.stopAll() }
            return response
        }
        if LambdaAPI.claims(path) {
            return await lambdaResponse(request)
        }
        return await managementResponse(request)
    }

    /// The invocation a request makes, if any. A custom domain name takes every path on its
    /// host, and the `x-apigw-api-id` header every path on any host, except the ops endpoints
    /// and requests signed for the management API (service `apigateway`), so neither can hide
    /// them.
    private func invocationTarget(_ request: Request, host: String?, path: String) -> InvocationTarget? {
        let apiIdHeader = request.headers[Self.apiIdHeader]
        guard let target = dataPlane.target(host: host, path: path, apiIdHeader: apiIdHeader) else { return nil }
        if case .executeAPI = target.endpoint, target.vpcEndpoint != .apiIdHeader { return target }
        let signedForManagement = request.headers[.authorization]?.contains("/apigateway/aws4_request") == true
        if signedForManagement || Self.isOpsPath(path) {
            return InvocationTarget.parse(host: host, path: path)
        }
        return target
    }

    private func invocationResponse(_ request: Request, target: InvocationTarget, requestId: String, host: String) async -> Response {
        let headers = Self.headerPairs(request)
        if let refusal = dataPlane.frontEndRefusal(
            method: request.method.rawValue, requestURI: request.uri.description, headers: headers, target: target)
        {
            return Self.render(status: refusal.status, headers: refusal.headers, body: refusal.body)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodySize)
        } catch {
            let refusal = FrontEndLimits.payloadTooLarge(limit: configuration.maxBodySize)
            return Self.render(status: refusal.status, headers: refusal.headers, body: refusal.body)
        }
        let invocation = InvocationRequest(
            method: request.method.rawValue, query: QueryString.parse(request.uri.query), headers: headers,
            body: Array(buffer: body), sourceIp: "127.0.0.1", rawQuery: request.uri.query, rawPath: request.uri.path)
        let answer = await dataPlane.invoke(
            target, invocation, requestId: requestId, host: host, traceHeader: configuration.traceHeader)
        return Self.render(status: answer.status, headers: answer.headers, body: answer.body)
    }

    /// Portico's own endpoints (health, reset, traces) and the LocalStack and moto aliases.
    static func isOpsPath(_ path: String) -> Bool {
        path.hasPrefix("/_portico/") || path.hasPrefix("/moto-api/") || path.hasPrefix("/_localstack/")
    }

    /// The request's header fields as name/value pairs, in order, names as the client sent them.
    static func headerPairs(_ request: Request) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count)
        for field in request.headers { headers.append((field.name.rawName, field.value)) }
        return headers
    }

    /// A console page: below `/_portico/`, so never an invocation path (custom domains leave
    /// ops paths to the server; the host form's names belong to the API, not the console).
    private func consoleResponse(_ request: Request, host: String) async -> Response {
        var consoleRequest = ConsoleRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, host: host,
            headers: Self.headerPairs(request))
        if request.method == .get, request.uri.path == Console.eventsPath {
            return eventStream(request, consoleRequest)
        }
        if request.method == .post {
            do {
                consoleRequest.body = Array(buffer: try await request.body.collect(upTo: Console.maxFormBytes))
            } catch {
                let answer = console.formTooLarge(consoleRequest)
                return Self.render(status: answer.status, headers: answer.headers, body: answer.body)
            }
        }
        let answer = await console.respond(consoleRequest)
        return Self.render(status: answer.status, headers: answer.headers, body: answer.body)
    }

    /// The console's live feed as `text/event-stream`, written for as long as the client stays:
    /// the stream is cancelled when the connection's inbound side closes.
    private func eventStream(_ request: Request, _ consoleRequest: ConsoleRequest) -> Response {
        let opened = console.openEvents(consoleRequest)
        guard case .stream(let stream) = opened else {
            if case .refused(let answer) = opened { return Self.render(status: answer.status, headers: answer.headers, body: answer.body) }
            return Self.render(status: 500, headers: [], body: [])
        }
        var fields = HTTPFields()
        for (name, value) in EventStream.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: .ok, headers: fields,
            body: ResponseBody { writer in
                do {
                    try await request.body.consumeWithCancellationOnInboundClose { _ in
                        // A stream never ends by itself: the server's graceful shutdown would
                        // otherwise wait for it forever.
                        try await withGracefulShutdownHandler {
                            try await stream.run { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
                        } onGracefulShutdown: {
                            stream.stop()
                        }
                    }
                } catch {
                    // The client went away (or the server is stopping): the stream ends here.
                }
                try await writer.finish(nil)
            })
    }

    private func lambdaResponse(_ request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: LambdaAPI.maxRequestBody)
        } catch {
            return Self.render(
                status: 413, headers: [("x-amzn-ErrorType", "RequestEntityTooLargeException"), ("Content-Type", "application/json")],
                body: Array(#"{"message":"Request must be smaller than 70167211 bytes for the CreateFunction operation"}"#.utf8))
        }
        let query = QueryString.parse(request.uri.query)
        // `--verify-signatures` covers the Lambda API as it covers the management API.
        if let signatures, let refusal = signatures.check(request, query: query, body: body) {
            return Self.render(ManagementResponse(error: refusal))
        }
        let headers = Self.headerPairs(request)
        let answer = await lambda.handle(
            LambdaAPI.Request(
                method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
                body: Array(buffer: body)))
        return Self.render(status: answer.status, headers: answer.headers, body: answer.body)
    }

    private func managementResponse(_ request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxBodySize)
        } catch {
            return Self.render(
                ManagementResponse(
                    error: ManagementError(
                        type: "RequestEntityTooLargeException", status: 413, message: "Request Entity Too Large")))
        }
        let query = QueryString.parse(request.uri.query)
        if let signatures, let refusal = signatures.check(request, query: query, body: body) {
            return Self.render(ManagementResponse(error: refusal))
        }
        let managementRequest = ManagementRequest(
            method: request.method.rawValue,
            path: Substring(request.uri.path),
            query: query,
            body: Array(buffer: body), accept: request.headers[.accept])
        return Self.render(await management.handle(managementRequest))
    }

    static func render(_ response: ManagementResponse) -> Response {
        render(status: response.status, headers: response.headers, body: response.body)
    }

    static func render(status: Int, headers: [(name: String, value: String)], body: [UInt8]) -> Response {
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count + 1)
        for (name, value) in headers {
            // The one header every JSON answer has skips name validation.
            if name == "Content-Type" {
                fields.append(HTTPField(name: .contentType, value: value))
            } else if let field = HTTPField.Name(name) {
                fields.append(HTTPField(name: field, value: value))
            }
        }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Query-string decoding as AWS's front end does it (`+` is a space, `%XX` escapes).
enum QueryString {
    static func parse(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        var out: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            out.append((name, value))
        }
        return out
    }

    static func decode(_ text: Substring) -> String {
        // Most names and values need neither step (and Foundation's are slow).
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) { return String(text) }
        let plain = text.replacingOccurrences(of: "+", with: " ")
        return plain.removingPercentEncoding ?? plain
    }
}
