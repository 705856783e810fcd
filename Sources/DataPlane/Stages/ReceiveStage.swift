/// Stage 0: the request as API Gateway's front end hands it on.
enum ReceiveStage {
    /// Request headers dropped on arrival (as recorded on AWS): no mapping, template or
    /// backend ever sees them.
    static let droppedRequestHeaders: Set<String> = [
        "connection", "content-length", "content-md5", "expect", "max-forwards", "proxy-authenticate", "server", "te",
        "transfer-encoding", "trailer", "upgrade", "www-authenticate",
    ]

    static func run(_ request: InvocationRequest, host: String) -> InvocationRequest {
        var request = request
        request.headers.removeAll { droppedRequestHeaders.contains($0.name.lowercased()) }
        // HTTP/2-style requests carry the host as `:authority`; API Gateway shows it as `Host`.
        if request.header("Host") == nil {
            request.headers.insert((name: "Host", value: host), at: 0)
        }
        return request
    }
}
