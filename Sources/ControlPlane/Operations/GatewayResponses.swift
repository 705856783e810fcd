import APIGatewayModel
import Store

/// PutGatewayResponse, GetGatewayResponse, GetGatewayResponses, UpdateGatewayResponse,
/// DeleteGatewayResponse. Only customised responses are stored; the rest are AWS's defaults
/// (see `GatewayResponseDefaults`).
/// https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html
extension ManagementAPI {
    static func registerGatewayResponses(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.putGatewayResponse] = { context in
            let input = try context.body(PutGatewayResponseRequest.self)
            let (apiId, account) = (context.restApiId, context.environment.accountId)
            let type = try context.responseType()
            let response = GatewayResponseDefaults.customised(
                type, statusCode: input.statusCode,
                parameters: input.responseParameters,
                templates: input.responseTemplates)
            try await context.write { state throws(ManagementError) in
                _ = try state.restApi(apiId, account: account)
                state.apis[apiId]?.gatewayResponses[type.rawValue] = response
                return ((), [.gatewayResponse(api: apiId, type: type.rawValue)])
            }
            return .json(response)
        }
        handlers[.getGatewayResponse] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            return .json(GatewayResponseDefaults.effective(try context.responseType(), customised: api.gatewayResponses))
        }
        handlers[.getGatewayResponses] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let all = GatewayResponseDefaults.listingOrder.map {
                GatewayResponseDefaults.effective($0, customised: api.gatewayResponses)
            }
            let page = try Page.of(
                all, id: { $0.responseType?.rawValue ?? "" }, limit: try context.limit(),
                position: context.request.queryValue("position"))
            return .json(GatewayResponses(position: page.position, items: page.items))
        }
        handlers[.updateGatewayResponse] = { context in
            let input = try context.body(UpdateGatewayResponseRequest.self)
            let (apiId, account) = (context.restApiId, context.environment.accountId)
            let type = try context.responseType()
            let updated = try await context.write { state throws(ManagementError) in
                let api = try state.restApi(apiId, account: account)
                var response = GatewayResponseDefaults.effective(type, customised: api.gatewayResponses)
                response.defaultResponse = false
                try gatewayResponsePatch.apply(input.patchOperations ?? [], to: &response)
                state.apis[apiId]?.gatewayResponses[type.rawValue] = response
                return (response, [.gatewayResponse(api: apiId, type: type.rawValue)])
            }
            return .json(updated)
        }
        handlers[.deleteGatewayResponse] = { context in
            let (apiId, account) = (context.restApiId, context.environment.accountId)
            let type = try context.responseType()
            try await context.write { state throws(ManagementError) in
                let api = try state.restApi(apiId, account: account)
                guard api.gatewayResponses[type.rawValue] != nil else {
                    throw ManagementError.notFound("Gateway response type not defined on api")
                }
                state.apis[apiId]?.gatewayResponses[type.rawValue] = nil
                return ((), [.deletedGatewayResponse(api: apiId, type: type.rawValue)])
            }
            return .empty
        }
    }
}

extension OperationContext {
    /// The `response_type` label (already validated against the enum by `InputValidation`).
    func responseType() throws(ManagementError) -> GatewayResponseType {
        guard let type = GatewayResponseType(rawValue: label("response_type")) else {
            throw .badRequest("Invalid response type specified")
        }
        return type
    }
}

/// UpdateGatewayResponse's paths.
let gatewayResponsePatch = PatchTable<GatewayResponse>(
    .bare,
    [
        PatchRule("/statusCode", ["replace"], opError: "Invalid patch path /statusCode") { response, request throws(ManagementError) in
            guard let value = request.value, PatternCheck.isStatusCode(value) else {
                throw .badRequest("Invalid status code specified: \(request.value ?? "null")")
            }
            response.statusCode = value
        },
        PatchRule("/responseParameters/{key}", ["add", "replace", "remove"]) { response, request throws(ManagementError) in
            if request.op != "remove", request.value?.isEmpty != false {
                throw .badRequest("Invalid null or empty value in responseParameters")
            }
            try PatchValues.updateMap(
                &response.responseParameters, request, value: request.value ?? "",
                missing: .notFound("Invalid parameter name specified"))
            if response.responseParameters == nil { response.responseParameters = [:] }
        },
        PatchRule("/responseTemplates/{key}", ["add", "replace", "remove"]) { response, request throws(ManagementError) in
            if request.op != "remove", request.value?.isEmpty != false {
                throw .badRequest("Invalid null or empty value in responseTemplates")
            }
            try PatchValues.updateMap(
                &response.responseTemplates, request, value: request.value ?? "",
                missing: .notFound("Invalid parameter name specified"))
            if response.responseTemplates == nil { response.responseTemplates = [:] }
        },
    ])
