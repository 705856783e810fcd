import APIGatewayModel
import JSONSchema
import Store

/// CreateModel, GetModel, GetModels, UpdateModel, DeleteModel, and the `Empty` and `Error`
/// models every new REST API starts with. Messages as recorded on AWS.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html
extension ManagementAPI {
    static let models = APICollection<Model>(
        kind: .model, items: \APIState.models, notFound: { name in .notFound("Invalid model name specified: \(name)") })

    static func registerModels(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createModel] = { context in
            let input = try context.body(CreateModelRequest.self)
            let apiId = context.restApiId
            let missing = MissingAPI.notFound(context)
            let name = input.name ?? ""
            let model = Model(
                id: context.environment.ids.next(.model), name: name,
                description: input.description?.isEmpty == false ? input.description : nil,
                schema: input.schema, contentType: input.contentType)
            try await context.write { state throws(ManagementError) in
                let api = try state.api(apiId, or: missing)
                guard !name.isEmpty else { throw ManagementError.badRequest("Model name must be non-empty") }
                try ModelSchemas.validate(input.schema, apiId: apiId)
                if api.models[name] != nil { throw ManagementError.conflict("Model name already exists for this REST API") }
                return ((), [models.store(model, id: name, api: apiId, in: &state)])
            }
            return .json(model)
        }
        handlers[.getModel] = { context in
            let name = context.label("model_name")
            guard let api = context.model.current.apis[context.restApiId] else { throw models.notFound(name) }
            return .json(try models.find(name, in: api))
        }
        handlers[.getModels] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let page = try models.page(api, context, order: { ($0.name ?? "") < ($1.name ?? "") }, id: { $0.name ?? "" })
            return .json(Models(position: page.position, items: page.items))
        }
        handlers[.updateModel] = { context in
            let input = try context.body(UpdateModelRequest.self)
            let (apiId, name) = (context.restApiId, context.label("model_name"))
            return .json(
                try await context.write { state throws(ManagementError) in
                    var model = try models.find(name, in: try state.api(apiId, or: models.notFound(name)))
                    try modelPatch.apply(input.patchOperations ?? [], to: &model)
                    try ModelSchemas.validate(model.schema, apiId: apiId)
                    return (model, [models.store(model, id: name, api: apiId, in: &state)])
                })
        }
        handlers[.deleteModel] = { context in
            let (apiId, name) = (context.restApiId, context.label("model_name"))
            try await context.write { state throws(ManagementError) in
                let api = try state.api(apiId, or: models.notFound(name))
                _ = try models.find(name, in: api)
                if let user = ModelSchemas.firstMethodUsing(name, in: api) {
                    throw ManagementError.conflict("Cannot delete model '\(name)', is referenced in method request: \(user)")
                }
                return ((), [models.store(nil, id: name, api: apiId, in: &state)])
            }
            return .empty
        }
    }
}

/// UpdateModel's paths (recorded on AWS: `[/description, /schema]`, replace only).
let modelPatch = PatchTable<Model>(
    .quoted,
    [
        PatchRule("/description", ["replace"]) { model, request throws(ManagementError) in
            model.description = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/schema", ["replace"]) { model, request throws(ManagementError) in
            try ModelSchemas.validate(request.value)
            model.schema = request.value
        },
    ])

/// Model schemas and the models every API starts with.
enum ModelSchemas {
    /// `Empty` and `Error`, as AWS creates them with each REST API.
    static func defaults(ids: () -> String) -> [String: Model] {
        [
            "Empty": Model(
                id: ids(), name: "Empty", description: "This is a default empty schema model",
                schema: "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}",
                contentType: "application/json"),
            "Error": Model(
                id: ids(), name: "Error", description: "This is a default error schema model",
                schema:
                    "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}",
                contentType: "application/json"),
        ]
    }

    /// AWS refuses a missing or empty schema, one that is not JSON or not a valid JSON Schema
    /// draft 4 document (checked against the draft 4 meta-schema by the `JSONSchema` engine),
    /// and `$ref`s that are neither local (`#/…`) nor a model URL of this API
    /// (`https://apigateway.amazonaws.com/restapis/{apiId}/models/{name}`).
    static func validate(_ schema: String?, apiId: String? = nil) throws(ManagementError) {
        guard let schema, !schema.isEmpty else {
            throw .badRequest("Model schema must have at least 1 property or array items defined")
        }
        let invalid = ManagementError.badRequest(
            "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]")
        guard let document = try? SchemaJSON.parse(schema), JSONSchema.check(document).isEmpty else { throw invalid }
        if let apiId {
            let canonical = "https://apigateway.amazonaws.com/restapis/\(apiId)/models/"
            if firstRef(in: document, depth: 0, where: { !$0.hasPrefix("#") && !($0.hasPrefix(canonical) && $0.count > canonical.count) }) != nil {
                throw .badRequest(
                    "Invalid model specified: Validation Result: warnings : [], errors : [Model reference must be in canonical form]")
            }
        }
    }

    /// The first `$ref` value in `value` that `matches`.
    static func firstRef(in value: SchemaValue, depth: Int, where matches: (String) -> Bool) -> String? {
        guard depth < 256 else { return nil }
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key == "$ref", case .string(let ref) = member, matches(ref) { return ref }
                if let found = firstRef(in: member, depth: depth + 1, where: matches) { return found }
            }
        case .array(let items):
            for item in items {
                if let found = firstRef(in: item, depth: depth + 1, where: matches) { return found }
            }
        default: break
        }
        return nil
    }

    /// The first method (`{resourcePath}/{METHOD}`, as AWS prints it) whose request models use `name`.
    static func firstMethodUsing(_ name: String, in api: APIState) -> String? {
        for resource in api.resources.values.sorted(by: { ($0.path ?? "") < ($1.path ?? "") }) {
            for (verb, method) in (resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key })
            where method.requestModels?.values.contains(name) == true {
                return (resource.path ?? "/") + "/" + verb
            }
        }
        return nil
    }
}
