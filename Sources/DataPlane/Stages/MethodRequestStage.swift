/// Stage 2: the method request. Authorization is NONE in this version; API keys,
/// authorizers and request validators will plug in here.
struct MethodRequest: Sendable {
    let routed: RoutedRequest
    /// `$input.params()` views: path, querystring, header (single-valued, last value wins).
    let path: [(String, String)]
    let querystring: [(String, String)]
    let header: [(String, String)]
}

enum MethodRequestStage {
    static func run(_ routed: RoutedRequest) throws(GatewayError) -> MethodRequest {
        let request = MethodRequest(routed: routed, path: routed.pathParameters,
                                    querystring: lastValues(routed.request.query),
                                    header: lastValues(routed.request.headers))
        routed.context.trace.record(.methodRequest(path: request.path, querystring: request.querystring,
                                                   headers: request.header, body: routed.request.body))
        return request
    }

    /// One entry per name, keeping the last value and the first position.
    static func lastValues(_ pairs: [(name: String, value: String)]) -> [(String, String)] {
        var index: [String: Int] = [:]
        var out: [(String, String)] = []
        for (name, value) in pairs {
            if let at = index[name] {
                out[at].1 = value
            } else {
                index[name] = out.count
                out.append((name, value))
            }
        }
        return out
    }
}
