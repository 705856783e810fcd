import APIGatewayModel

/// Renders a `GatewayError` through the API's gateway response of its type: status (its own
/// or inherited), mapped headers, and the template with `$context.error.*`.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
enum GatewayResponder {
    /// The body AWS sends for its internal errors when the response was not customised.
    static let internalBody = Array(#"{"message": "Internal server error"}"#.utf8)

    /// Where in the pipeline an error happened: what the gateway response can read.
    enum Site: Sendable {
        /// No deployment serves the request (unknown stage): AWS's defaults apply.
        case noDeployment
        /// The stage's deployment is known, the request matched no method.
        case unrouted(CompiledDeployment, InvocationContext)
        /// After routing: `$context.resourceId`, path parameters and the rest are known.
        case routed(RoutedRequest)
    }

    static func render(_ error: GatewayError, at site: Site, request: InvocationRequest) -> InvocationResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("x-amzn-ErrorType", error.errorType)]
        let deployment: CompiledDeployment, context: InvocationContext
        var resource: CompiledResource?
        var pathParameters: [(String, String)] = []
        switch site {
        case .noDeployment:
            return InvocationResponse(
                status: error.isInternal ? error.internalStatus : error.fallbackStatus,
                headers: headers, body: defaultBody(error))
        case .unrouted(let known, let knownContext):
            (deployment, context) = (known, knownContext)
        case .routed(let routed):
            (deployment, context, resource, pathParameters) = (routed.deployment, routed.context, routed.resource, routed.pathParameters)
        }
        guard let compiled = deployment.gatewayResponses[error.type] else {
            return InvocationResponse(
                status: error.isInternal ? error.internalStatus : error.fallbackStatus,
                headers: headers, body: defaultBody(error))
        }
        let customised = compiled.response != GatewayResponseDefaults.pristine(error.type)
        if error.isInternal, !customised {
            return InvocationResponse(status: error.internalStatus, headers: headers, body: internalBody)
        }
        if !customised, let pristineBody = error.pristineBody {
            return InvocationResponse(status: compiled.status ?? error.fallbackStatus, headers: headers, body: pristineBody)
        }
        let status = compiled.status ?? error.fallbackStatus
        let contextValue = context.value(resource: resource, error: error)
        let parameters = RequestParameters(request: request, path: pathParameters)
        let resolver = ParameterResolver(
            request: parameters, context: contextValue,
            stageVariables: context.stageVariables, body: request.body)
        for (name, source) in compiled.parameters {
            guard let value = resolver.resolve(source) else { continue }
            if let index = headers.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) {
                headers[index].value = value
            } else {
                headers.append((name, value))
            }
        }
        var body = defaultBody(error)
        if let (contentType, slot) = TemplateChoice.byAccept(compiled.templates, accept: request.header("Accept")) {
            let input = TemplateInput(
                body: request.body, path: parameters.path, querystring: parameters.querystring,
                header: parameters.header, stageVariables: context.stageVariables, context: contextValue)
            do {
                body = Array(try IntegrationRequestStage.render(slot, input).body.utf8)
                headers[0].value = contentType
            } catch {
                return InvocationResponse(
                    status: 500,
                    headers: [
                        ("Content-Type", "application/json"),
                        ("x-amzn-ErrorType", "InternalServerErrorException"),
                    ],
                    body: internalBody)
            }
        }
        return InvocationResponse(status: status, headers: headers, body: body)
    }

    /// `{"message":"…"}` as the default template renders it.
    static func defaultBody(_ error: GatewayError) -> [UInt8] {
        if error.isInternal { return internalBody }
        if let pristineBody = error.pristineBody { return pristineBody }
        return Array(("{\"message\":" + (error.message.map(JSONOutput.quoted) ?? "null") + "}").utf8)
    }
}
