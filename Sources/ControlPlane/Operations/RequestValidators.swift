import APIGatewayModel
import Store

/// CreateRequestValidator, GetRequestValidator, GetRequestValidators, UpdateRequestValidator,
/// DeleteRequestValidator. Messages and defaults as recorded on AWS.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRequestValidator.html
extension ManagementAPI {
    static let requestValidators = APICollection<RequestValidator>(
        kind: .requestValidator, items: \APIState.requestValidators,
        notFound: { _ in .notFound("Invalid Request Validator identifier specified") })

    static func registerRequestValidators(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createRequestValidator] = { context in
            let input = try context.body(CreateRequestValidatorRequest.self)
            let apiId = context.restApiId
            let validator = RequestValidator(
                id: context.environment.ids.next(.requestValidator), name: input.name,
                validateRequestBody: input.validateRequestBody ?? false,
                validateRequestParameters: input.validateRequestParameters ?? false)
            try await context.write { state throws(ManagementError) in
                _ = try state.api(apiId, or: MissingAPI.badRequest)
                return ((), [requestValidators.store(validator, id: validator.id ?? "", api: apiId, in: &state)])
            }
            return .json(validator)
        }
        // A missing API reads as a missing validator for Get, Update and Delete (recorded on AWS).
        let missing = ManagementError.notFound("Invalid Request Validator identifier specified")
        handlers[.getRequestValidator] = { context in
            let api = try context.model.current.api(context.restApiId, or: missing)
            return .json(try requestValidators.find(context.label("requestvalidator_id"), in: api))
        }
        handlers[.getRequestValidators] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let page = try requestValidators.page(
                api, context, order: { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") },
                id: { $0.id ?? "" })
            return .json(RequestValidators(position: page.position, items: page.items))
        }
        handlers[.updateRequestValidator] = { context in
            let input = try context.body(UpdateRequestValidatorRequest.self)
            let (apiId, id) = (context.restApiId, context.label("requestvalidator_id"))
            return .json(
                try await context.write { state throws(ManagementError) in
                    var validator = try requestValidators.find(id, in: try state.api(apiId, or: missing))
                    try requestValidatorPatch.apply(input.patchOperations ?? [], to: &validator)
                    return (validator, [requestValidators.store(validator, id: id, api: apiId, in: &state)])
                })
        }
        handlers[.deleteRequestValidator] = { context in
            let (apiId, id) = (context.restApiId, context.label("requestvalidator_id"))
            try await context.write { state throws(ManagementError) in
                _ = try requestValidators.find(id, in: try state.api(apiId, or: missing))
                return ((), [requestValidators.store(nil, id: id, api: apiId, in: &state)])
            }
            return .empty
        }
    }
}

/// UpdateRequestValidator's paths (replace only; recorded on AWS).
let requestValidatorPatch = PatchTable<RequestValidator>(
    .quoted,
    [
        PatchRule("/name", ["replace"]) { validator, request throws(ManagementError) in
            guard let name = request.value, !name.isEmpty else { throw .badRequest("Request Validator name cannot be blank") }
            validator.name = name
        },
        PatchRule("/validateRequestParameters", ["replace"]) { validator, request throws(ManagementError) in
            validator.validateRequestParameters = PatchValues.bool(request)
        },
        PatchRule("/validateRequestBody", ["replace"]) { validator, request throws(ManagementError) in
            validator.validateRequestBody = PatchValues.bool(request)
        },
    ])
