import APIGatewayModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// HTTP and HTTP_PROXY integrations through AsyncHTTPClient (pooled connections).
///
/// HTTP sends the mapped (and templated) request and hands the answer to the integration
/// response; HTTP_PROXY passes method, path, query, headers and body through and returns the
/// backend's answer unchanged. A connection failure is a 500 and a timeout a 504, as on AWS.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
struct HTTPTransport: Sendable {
    let client: HTTPClient
    /// Largest backend body read (AWS: 10 MB payloads).
    var maxBodySize = 10 * 1024 * 1024

    /// Headers a proxy does not forward to the backend.
    static let hopByHop: Set<String> = ["host", "connection", "content-length", "transfer-encoding", "keep-alive",
                                        "upgrade", "expect", "te", "trailer", "proxy-authorization"]
    /// Backend headers AWS returns renamed as `x-amzn-Remapped-<name>`.
    static let remapped: Set<String> = ["date", "server", "x-amzn-requestid", "authorization", "www-authenticate", "x-amzn-errortype"]

    func send(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult {
        let integration = request.integration
        let isProxy = integration.type == .httpProxy
        let routed = request.methodRequest.routed
        guard let uri = integration.integration.uri else {
            throw GatewayError.configuration("Invalid endpoint address")
        }
        var pathValues = request.path
        if isProxy {
            for (name, value) in request.methodRequest.path where !pathValues.contains(where: { $0.0 == name }) {
                pathValues.append((name, value))
            }
        }
        var url = URITemplate.expand(uri, path: pathValues, stageVariables: request.context.stageVariables)
        var query = request.querystring
        if isProxy {
            query = routed.request.query.map { ($0.name, $0.value) } + request.querystring
        }
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { URITemplate.encodeQuery($0.0) + "=" + URITemplate.encodeQuery($0.1) }.joined(separator: "&")
        }
        var outbound = HTTPClientRequest(url: url)
        let verb = integration.integration.httpMethod ?? "ANY"
        outbound.method = HTTPMethod(rawValue: verb == "ANY" ? routed.request.method : verb)
        if isProxy {
            for (name, value) in routed.request.headers where !Self.hopByHop.contains(name.lowercased()) {
                outbound.headers.add(name: name, value: value)
            }
        } else if let contentType = routed.request.header("Content-Type") {
            outbound.headers.add(name: "Content-Type", value: contentType)
        } else if !request.body.isEmpty {
            outbound.headers.add(name: "Content-Type", value: "application/json")
        }
        for (name, value) in request.headers {
            outbound.headers.replaceOrAdd(name: name, value: value)
        }
        outbound.body = .bytes(request.body)
        request.context.trace.record(.backendRequest(method: outbound.method.rawValue, url: url))
        let timeout = TimeAmount.milliseconds(Int64(integration.integration.timeoutInMillis ?? 29_000))
        do {
            let response = try await client.execute(outbound, timeout: timeout)
            let body = try await response.body.collect(upTo: maxBodySize)
            var headers: [(String, String)] = []
            for header in response.headers {
                let lower = header.name.lowercased()
                if lower == "content-length" || lower == "connection" || lower == "transfer-encoding" { continue }
                if isProxy, Self.remapped.contains(lower) {
                    headers.append(("x-amzn-Remapped-" + header.name, header.value))
                } else {
                    headers.append((header.name, header.value))
                }
            }
            let status = Int(response.status.code)
            var result = IntegrationResult(request: request, status: status, headers: headers,
                                           body: Array(buffer: body), selectionValue: String(status))
            result.isProxy = isProxy
            return result
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw GatewayError.integrationTimeout
        } catch {
            throw GatewayError.integrationFailure("\(error)")
        }
    }
}

/// Expanding integration URIs: `{name}` path parameters and `${stageVariables.name}`.
enum URITemplate {
    static func expand(_ template: String, path: [(String, String)], stageVariables: [String: String]) -> String {
        var out = template
        if out.contains("${stageVariables.") {
            for (name, value) in stageVariables {
                out = out.replacingOccurrences(of: "${stageVariables.\(name)}", with: value)
            }
        }
        for (name, value) in path {
            out = out.replacingOccurrences(of: "{\(name)+}", with: encodePath(value, keepSlashes: true))
            out = out.replacingOccurrences(of: "{\(name)}", with: encodePath(value, keepSlashes: true))
        }
        return out
    }

    static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#")
        return set
    }()

    static func encodePath(_ value: String, keepSlashes: Bool) -> String {
        value.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? value
    }

    static let queryAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()

    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? value
    }
}
