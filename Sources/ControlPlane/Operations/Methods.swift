import APIGatewayModel
import Store

/// PutMethod, GetMethod, UpdateMethod, DeleteMethod.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html
extension ManagementAPI {
    static let httpMethods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"]
    static let authorizationTypes = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]
    /// Models every new API has.
    static let defaultModels: Set<String> = ["Empty", "Error"]

    static func registerMethods(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.putMethod] = putMethod
        handlers[.getMethod] = { context in
            .json(try context.model.current.method(api: context.restApiId, resource: context.resourceId, httpMethod: context.httpMethod))
        }
        handlers[.updateMethod] = updateMethod
        handlers[.deleteMethod] = { context in
            let (apiId, resourceId, verb) = (context.restApiId, context.resourceId, context.httpMethod)
            try await context.write { state throws(ManagementError) in
                _ = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                state.apis[apiId]?.resources[resourceId]?.setMethod(verb, nil)
                return ((), [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .empty
        }
    }

    private static let putMethod: OperationHandler = { context in
        let input = try context.body(PutMethodRequest.self)
        let (apiId, resourceId, verb) = (context.restApiId, context.resourceId, context.httpMethod)
        let created = try await context.write { state throws(ManagementError) in
            let resource = try state.resource(api: apiId, id: resourceId)
            guard httpMethods.contains(verb) else {
                throw ManagementError.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
            }
            if resource.resourceMethods?[verb] != nil {
                throw ManagementError.conflict("Method already exists for this resource")
            }
            var method = Method(
                httpMethod: verb, authorizationType: (input.authorizationType ?? "NONE").uppercased(),
                authorizerId: input.authorizerId, apiKeyRequired: input.apiKeyRequired ?? false,
                requestValidatorId: input.requestValidatorId, operationName: input.operationName,
                requestParameters: input.requestParameters, requestModels: input.requestModels,
                authorizationScopes: input.authorizationScopes)
            try validate(&method, in: state.apis[apiId])
            state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
            return (method, [.method(api: apiId, resource: resourceId, httpMethod: verb)])
        }
        return .json(created)
    }

    /// AWS's semantic checks of a method against its API: the authorizer, request validator
    /// and models it names must exist; parameters must be valid mapping expressions.
    static func validate(_ method: inout Method, in api: APIState?) throws(ManagementError) {
        let auth = method.authorizationType ?? "NONE"
        guard authorizationTypes.contains(auth) else {
            throw ManagementError.badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS")
        }
        if auth == "CUSTOM" || auth == "COGNITO_USER_POOLS" {
            guard let id = method.authorizerId, api?.authorizers[id] != nil else {
                throw ManagementError.badRequest(
                    "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.")
            }
        }
        if auth == "NONE" || auth == "AWS_IAM" { method.authorizerId = nil }
        if let id = method.requestValidatorId, api?.requestValidators[id] == nil {
            throw ManagementError.badRequest("Invalid Request Validator identifier specified")
        }
        try validateModels(method.requestModels, in: api)
        try MappingExpressions.validateMethodRequest(method.requestParameters)
    }

    private static let updateMethod: OperationHandler = { context in
        let input = try context.body(UpdateMethodRequest.self)
        let (apiId, resourceId, verb) = (context.restApiId, context.resourceId, context.httpMethod)
        let updated = try await context.write { state throws(ManagementError) in
            var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
            try methodPatch.apply(input.patchOperations ?? [], to: &method)
            try validate(&method, in: state.apis[apiId])
            state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
            return (method, [.method(api: apiId, resource: resourceId, httpMethod: verb)])
        }
        return .json(updated)
    }
}

/// UpdateMethod's paths.
let methodPatch = PatchTable<Method>(
    .bare,
    [
        PatchRule("/operationName", ["replace"]) { method, request throws(ManagementError) in
            method.operationName = request.value
        },
        PatchRule("/apiKeyRequired", ["replace"]) { method, request throws(ManagementError) in
            method.apiKeyRequired = PatchValues.bool(request)
        },
        PatchRule("/authorizationType", ["replace"]) { method, request throws(ManagementError) in
            method.authorizationType = (request.value ?? "NONE").uppercased()
        },
        PatchRule("/authorizerId", ["replace"]) { method, request throws(ManagementError) in
            method.authorizerId = request.value
        },
        PatchRule("/requestValidatorId", ["replace"]) { method, request throws(ManagementError) in
            method.requestValidatorId = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/requestParameters/{key}", ["add", "replace", "remove"]) { method, request throws(ManagementError) in
            try PatchValues.updateMap(&method.requestParameters, request, value: PatchValues.bool(request))
        },
        PatchRule("/requestModels/{key}", ["add", "replace", "remove"]) { method, request throws(ManagementError) in
            try PatchValues.updateMap(&method.requestModels, request, value: request.value ?? "")
        },
        PatchRule("/authorizationScopes", ["add", "remove"]) { method, request throws(ManagementError) in
            if request.op == "remove" {
                method.authorizationScopes = nil
            } else if let value = request.value {
                PatchValues.updateList(&method.authorizationScopes, request, element: value)
            }
        },
    ])

extension Resource {
    /// Sets or removes a method; the map is absent when the resource has none.
    mutating func setMethod(_ verb: String, _ method: Method?) {
        var methods = resourceMethods ?? [:]
        methods[verb] = method
        resourceMethods = methods.isEmpty ? nil : methods
    }
}
