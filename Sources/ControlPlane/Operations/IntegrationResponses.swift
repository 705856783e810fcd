import APIGatewayModel
import Store

/// PutIntegrationResponse, GetIntegrationResponse, UpdateIntegrationResponse,
/// DeleteIntegrationResponse: the heart of Portico.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegrationResponse.html
extension ManagementAPI {
    static func registerIntegrationResponses(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.putIntegrationResponse] = putIntegrationResponse
        handlers[.getIntegrationResponse] = getIntegrationResponse
        handlers[.updateIntegrationResponse] = { context in
            let input = try context.body(UpdateIntegrationResponseRequest.self)
            let (apiId, resourceId, verb, code) = (context.restApiId, context.resourceId, context.httpMethod, context.statusCode)
            let updated = try await context.write { state throws(ManagementError) in
                var response = try state.integrationResponse(api: apiId, resource: resourceId, httpMethod: verb, statusCode: code)
                try integrationResponsePatch.apply(input.patchOperations ?? [], to: &response)
                let method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                try validate(response, method: method)
                try state.setIntegrationResponse(api: apiId, resource: resourceId, httpMethod: verb, statusCode: code, response)
                return (response, [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .json(updated)
        }
        handlers[.deleteIntegrationResponse] = { context in
            let (apiId, resourceId, verb, code) = (context.restApiId, context.resourceId, context.httpMethod, context.statusCode)
            try await context.write { state throws(ManagementError) in
                _ = try state.resource(api: apiId, id: resourceId)
                // AWS reports a missing method here as a missing integration.
                guard state.apis[apiId]?.resources[resourceId]?.resourceMethods?[verb]?.methodIntegration != nil else {
                    throw ManagementError.notFound("Invalid Integration identifier specified")
                }
                _ = try state.integrationResponse(api: apiId, resource: resourceId, httpMethod: verb, statusCode: code)
                try state.setIntegrationResponse(api: apiId, resource: resourceId, httpMethod: verb, statusCode: code, nil)
                return ((), [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .empty
        }
    }

    /// The seed operation: served from memory, no disk read, one JSON encode.
    private static func getIntegrationResponse(_ context: OperationContext) async throws -> Reply {
        let state = context.model.current
        let response = try state.integrationResponse(
            api: context.restApiId, resource: context.resourceId,
            httpMethod: context.httpMethod, statusCode: context.statusCode)
        return .json(response)
    }

    private static let putIntegrationResponse: OperationHandler = { context in
        let input = try context.body(PutIntegrationResponseRequest.self)
        let (apiId, resourceId, verb, code) = (context.restApiId, context.resourceId, context.httpMethod, context.statusCode)
        let response = IntegrationResponse(
            statusCode: code, selectionPattern: input.selectionPattern,
            responseParameters: input.responseParameters,
            responseTemplates: input.responseTemplates.map(normalizedTemplates),
            contentHandling: input.contentHandling)
        try await context.write { state throws(ManagementError) in
            let method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
            guard method.methodIntegration != nil else { throw ManagementError.notFound("Invalid Integration identifier specified") }
            try validate(response, method: method)
            try state.setIntegrationResponse(api: apiId, resource: resourceId, httpMethod: verb, statusCode: code, response)
            return ((), [.method(api: apiId, resource: resourceId, httpMethod: verb)])
        }
        return .json(response)
    }

    /// Content types of the templates, and response parameters against what the method
    /// response of the same status declares.
    static func validate(_ response: IntegrationResponse, method: Method) throws(ManagementError) {
        try MappingExpressions.validateContentTypes(response.responseTemplates)
        let declared = method.methodResponses?[response.statusCode ?? ""]?.responseParameters
        try MappingExpressions.validateIntegrationResponse(response.responseParameters, declared: declared)
    }
}

/// UpdateIntegrationResponse's paths.
let integrationResponsePatch = PatchTable<IntegrationResponse>(
    .bare,
    [
        PatchRule("/selectionPattern", ["replace", "add", "remove"]) { response, request throws(ManagementError) in
            response.selectionPattern = request.op == "remove" ? nil : (request.value ?? "")
        },
        PatchRule("/contentHandling", ["replace", "remove"]) { response, request throws(ManagementError) in
            try setContentHandling(&response.contentHandling, request)
        },
        PatchRule("/responseParameters/{key}", ["add", "replace", "remove"]) { response, request throws(ManagementError) in
            try PatchValues.updateMap(&response.responseParameters, request, value: request.value ?? "")
        },
        PatchRule("/responseTemplates/{key}", ["add", "replace", "remove"]) { response, request throws(ManagementError) in
            let template: String? = request.value?.isEmpty == false ? request.value : nil
            try PatchValues.updateMap(&response.responseTemplates, request, value: .some(template))
        },
    ])

extension ModelState {
    func integrationResponse(api: String, resource: String, httpMethod: String, statusCode: String) throws(ManagementError) -> IntegrationResponse {
        guard let response = try integration(api: api, resource: resource, httpMethod: httpMethod).integrationResponses?[statusCode] else {
            throw ManagementError.notFound("Invalid Response status code specified")
        }
        return response
    }

    /// Sets or removes an integration response; the map is absent when there is none.
    mutating func setIntegrationResponse(
        api: String, resource: String, httpMethod: String, statusCode: String,
        _ response: IntegrationResponse?
    ) throws(ManagementError) {
        var method = try self.method(api: api, resource: resource, httpMethod: httpMethod)
        guard var integration = method.methodIntegration else { throw ManagementError.notFound("Invalid Integration identifier specified") }
        var responses = integration.integrationResponses ?? [:]
        responses[statusCode] = response
        integration.integrationResponses = responses.isEmpty ? nil : responses
        method.methodIntegration = integration
        apis[api]?.resources[resource]?.setMethod(httpMethod, method)
    }
}
