import APIGatewayModel

/// Renders a `GatewayError` through the API's gateway response of its type: status (its own
/// or inherited), mapped headers, and the template with `$context.error.*`.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
enum GatewayResponder {
    /// The body AWS sends for its internal errors when the response was not customised.
    static let internalBody = Array(#"{"message": "Internal server error"}"#.utf8)

    static func render(_ error: GatewayError, deployment: CompiledDeployment?, context: InvocationContext?,
                       request: InvocationRequest) -> InvocationResponse {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("x-amzn-ErrorType", error.errorType)]
        guard let deployment, let context, let compiled = deployment.gatewayResponses[error.type] else {
            return InvocationResponse(status: error.isInternal ? error.internalStatus : error.fallbackStatus,
                                      headers: headers, body: defaultBody(error))
        }
        let customised = compiled.response != GatewayResponseDefaults.pristine(error.type)
        if error.isInternal, !customised {
            return InvocationResponse(status: error.internalStatus, headers: headers, body: internalBody)
        }
        let status = compiled.status ?? error.fallbackStatus
        let contextValue = context.value(error: error)
        let methodRequest = MethodRequest(routed: RoutedRequest.placeholder(deployment: deployment, request: request, context: context),
                                          path: [], querystring: MethodRequestStage.lastValues(request.query),
                                          header: MethodRequestStage.lastValues(request.headers))
        let resolver = ParameterResolver(request: methodRequest, context: contextValue,
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
        let accept = request.header("Accept")
        let slot = compiled.templates.first { accept?.contains($0.contentType) == true }
            ?? compiled.templates.first { $0.contentType == "application/json" } ?? compiled.templates.first
        if let slot {
            let input = TemplateInput(body: request.body, path: [], querystring: methodRequest.querystring,
                                      header: methodRequest.header, stageVariables: context.stageVariables, context: contextValue)
            do {
                body = Array(try IntegrationRequestStage.render(slot.slot, input).body.utf8)
                headers[0].value = slot.contentType
            } catch {
                return InvocationResponse(status: 500, headers: [("Content-Type", "application/json"),
                                                                 ("x-amzn-ErrorType", "InternalServerErrorException")],
                                          body: internalBody)
            }
        }
        return InvocationResponse(status: status, headers: headers, body: body)
    }

    /// `{"message":"…"}` as the default template renders it.
    static func defaultBody(_ error: GatewayError) -> [UInt8] {
        if error.isInternal { return internalBody }
        return Array(("{\"message\":" + InvocationContext.quoted(error.message) + "}").utf8)
    }
}

extension RoutedRequest {
    /// A request that did not reach a method (for gateway responses of routing errors).
    static func placeholder(deployment: CompiledDeployment, request: InvocationRequest, context: InvocationContext) -> RoutedRequest {
        RoutedRequest(deployment: deployment,
                      resource: CompiledResource.empty,
                      method: CompiledMethod.empty,
                      request: request, pathParameters: [], context: context)
    }
}

extension CompiledResource {
    static let empty = CompiledResource(id: "", path: "/", methods: [:])

    init(id: String, path: String, methods: [String: CompiledMethod]) {
        self.id = id
        self.path = path
        self.methods = methods
    }
}

extension CompiledMethod {
    static let empty = CompiledMethod(method: Method(), integration: nil)

    init(method: Method, integration: CompiledIntegration?) {
        self.method = method
        self.integration = integration
    }
}
