/// Stage 6: the method response the client receives: status, content type and the mapped
/// headers.
enum MethodResponseStage {
    static func run(_ outcome: IntegrationResponseOutcome) -> InvocationResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", outcome.contentType)]
        for (name, value) in outcome.headers {
            if name.caseInsensitiveCompare("Content-Type") == .orderedSame {
                headers[0].value = value
            } else {
                headers.append((name, value))
            }
        }
        return InvocationResponse(status: outcome.status, headers: headers, body: outcome.body)
    }
}
