/// The request's parameters as mappings and `$input.params()` read them: path, querystring
/// and header views (single-valued, last value wins) beside the request as received (for the
/// multi-value forms).
struct RequestParameters: Sendable {
    let path: [(String, String)]
    let querystring: [(String, String)]
    let header: [(String, String)]
    let request: InvocationRequest

    init(request: InvocationRequest, path: [(String, String)]) {
        self.path = path
        querystring = Self.lastValues(request.query)
        header = Self.lastValues(request.headers)
        self.request = request
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

/// Stage 3 result: the method request, with its parameters read.
struct MethodRequest: Sendable {
    let routed: RoutedRequest
    let parameters: RequestParameters

    var path: [(String, String)] { parameters.path }
    var querystring: [(String, String)] { parameters.querystring }
    var header: [(String, String)] { parameters.header }
}

/// Stage 3: the method request: its parameters read, once the authorizer (`AuthorizerStage`)
/// and the gates (`AccessGates`) let the call through, then checked by the method's request
/// validator (`RequestValidationStage`) when it has one.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
enum MethodRequestStage {
    static func run(_ routed: RoutedRequest) throws(GatewayError) -> MethodRequest {
        let request = MethodRequest(routed: routed, parameters: RequestParameters(request: routed.request, path: routed.pathParameters))
        routed.context.trace.record(
            .methodRequest(
                path: request.path, querystring: request.querystring,
                headers: request.header, body: routed.request.body))
        if let validator = routed.method.validator {
            try RequestValidationStage.run(request, validator: validator)
            routed.context.trace.record(.gate(.validator(checks: validator.checks)))
        }
        return request
    }
}
