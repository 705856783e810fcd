/// Stage 6: the method response the client receives: status, content type and the headers,
/// less the ones API Gateway owns: those are renamed `x-amzn-Remapped-{name}` or dropped, by
/// integration type, as recorded on AWS.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
enum MethodResponseStage {
    /// Remapped for every integration type (the gateway answers its own).
    static let remappedCommon: Set<String> = ["connection", "content-length", "date", "server", "x-amzn-requestid"]
    /// Also remapped when the headers come from a non-proxy integration response (HTTP, AWS).
    static let remappedNonProxy: Set<String> = remappedCommon.union([
        "authorization", "content-md5", "expect", "host", "max-forwards", "proxy-authenticate", "trailer", "upgrade",
        "user-agent", "www-authenticate",
    ])
    static let droppedCommon: Set<String> = ["transfer-encoding"]
    static let droppedHTTPProxy: Set<String> = droppedCommon.union(["content-encoding", "via"])

    static func run(_ outcome: IntegrationResponseOutcome) -> InvocationResponse {
        let type = outcome.result.request.integration.type
        let remapped = type == .http || type == .aws ? remappedNonProxy : remappedCommon
        let dropped = type == .httpProxy ? droppedHTTPProxy : droppedCommon
        var headers: [(name: String, value: String)] = [("Content-Type", outcome.contentType)]
        for (name, value) in outcome.headers {
            let lower = name.lowercased()
            if lower == "content-type" {
                headers[0].value = value
            } else if remapped.contains(lower) {
                headers.append(("x-amzn-Remapped-" + name, value))
            } else if !dropped.contains(lower) {
                headers.append((name, value))
            }
        }
        return InvocationResponse(status: outcome.status, headers: headers, body: outcome.body)
    }
}
