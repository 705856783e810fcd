import APIGatewayModel
import Store

/// PutMethodResponse, GetMethodResponse, UpdateMethodResponse, DeleteMethodResponse.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html
extension ManagementAPI {
    static func registerMethodResponses(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.putMethodResponse] = { context in
            let input = try context.body(PutMethodResponseRequest.self)
            let (apiId, resourceId, verb, code) = (context.restApiId, context.resourceId, context.httpMethod, context.statusCode)
            let response = MethodResponse(
                statusCode: code, responseParameters: input.responseParameters,
                responseModels: input.responseModels)
            try await context.write { state throws(ManagementError) in
                var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                try MappingExpressions.validateMethodResponse(response.responseParameters)
                try validateModels(response.responseModels, in: state.apis[apiId])
                method.setResponse(code, response)
                state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
                return ((), [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .json(response)
        }
        handlers[.getMethodResponse] = { context in
            let method = try context.model.current.method(api: context.restApiId, resource: context.resourceId, httpMethod: context.httpMethod)
            guard let response = method.methodResponses?[context.statusCode] else {
                throw ManagementError.notFound("Invalid Response status code specified")
            }
            return .json(response)
        }
        handlers[.updateMethodResponse] = { context in
            let input = try context.body(UpdateMethodResponseRequest.self)
            let (apiId, resourceId, verb, code) = (context.restApiId, context.resourceId, context.httpMethod, context.statusCode)
            let updated = try await context.write { state throws(ManagementError) in
                var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                guard var response = method.methodResponses?[code] else {
                    throw ManagementError.notFound("Invalid Response status code specified")
                }
                try methodResponsePatch.apply(input.patchOperations ?? [], to: &response)
                try MappingExpressions.validateMethodResponse(response.responseParameters)
                try validateModels(response.responseModels, in: state.apis[apiId])
                method.setResponse(code, response)
                state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
                return (response, [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .json(updated)
        }
        handlers[.deleteMethodResponse] = { context in
            let (apiId, resourceId, verb, code) = (context.restApiId, context.resourceId, context.httpMethod, context.statusCode)
            try await context.write { state throws(ManagementError) in
                var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                guard method.methodResponses?[code] != nil else {
                    throw ManagementError.notFound("Invalid Response status code specified")
                }
                method.setResponse(code, nil)
                state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
                return ((), [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .empty
        }
    }

    /// Every model named must exist in the API (`Empty` and `Error` always do).
    static func validateModels(_ models: [String: String]?, in api: APIState?) throws(ManagementError) {
        for (_, model) in (models ?? [:]).sorted(by: { $0.key < $1.key })
        where api?.models[model] == nil && !defaultModels.contains(model) {
            throw ManagementError.badRequest("Invalid model identifier specified: \(model)")
        }
    }
}

/// UpdateMethodResponse's paths; replace and remove need an existing entry.
let methodResponsePatch = PatchTable<MethodResponse>(
    .bare,
    [
        PatchRule("/responseParameters/{key}", ["add", "replace", "remove"]) { response, request throws(ManagementError) in
            try PatchValues.updateMap(
                &response.responseParameters, request, value: PatchValues.bool(request),
                missing: .notFound("Invalid parameter name specified"))
        },
        PatchRule("/responseModels/{key}", ["add", "replace", "remove"]) { response, request throws(ManagementError) in
            try PatchValues.updateMap(
                &response.responseModels, request, value: request.value ?? "",
                missing: .notFound("Content-Type specified was not found"))
        },
    ])

extension Method {
    /// Sets or removes a method response; the map is absent when there is none.
    mutating func setResponse(_ code: String, _ response: MethodResponse?) {
        var responses = methodResponses ?? [:]
        responses[code] = response
        methodResponses = responses.isEmpty ? nil : responses
    }
}
