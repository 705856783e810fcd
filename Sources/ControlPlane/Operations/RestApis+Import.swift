import APIGatewayModel
import Store

/// ImportRestApi (`POST /restapis?mode=import`) and PutRestApi (`PUT /restapis/{id}`, `mode`
/// `merge` or `overwrite`): a Swagger 2.0 or OpenAPI 3.0 definition, JSON or YAML, built into
/// an API in one store write; on any error nothing changes. The answer is the RestApi with
/// AWS's `warnings`; `failonwarnings=true` turns warnings into a 400.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
/// https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html
extension ManagementAPI {
    static func registerImports(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.importRestApi] = importRestApi
        handlers[.putRestApi] = putRestApi
    }

    private static let importRestApi: OperationHandler = { context in
        let options = try ImportOptions(query: context.request.query)
        let plan = try readPlan(context, options: options)
        let endpoint = try endpointConfiguration(
            EndpointConfiguration(types: try endpointTypes(context.request.queryValue("endpointConfigurationTypes"))))
        let env = context.environment
        let id = env.ids.next(.restApi)
        let rootId = env.ids.next(.rootResource)
        let api = RestApi(
            id: id, name: plan.name, createdDate: env.timestamp(), apiKeySource: .header,
            endpointConfiguration: endpoint, disableExecuteApiEndpoint: false, rootResourceId: rootId)
        guard let name = plan.name, !name.isEmpty else {
            throw ManagementError.badRequest("Invalid OpenAPI input: info.title (the API's name) is required")
        }
        let created = try await context.write { state throws(ManagementError) in
            var built = APIState(restApi: api, resources: [rootId: Resource(id: rootId, path: "/")])
            try plan.apply(to: &built, mode: .overwrite, state: state, environment: env)
            state.apis[id] = built
            return (built.restApi, dirtyDocuments(before: nil, after: built))
        }
        return .json(answer(created, warnings: plan.warnings), status: 201)
    }

    private static let putRestApi: OperationHandler = { context in
        let options = try ImportOptions(query: context.request.query)
        let mode: ImportPlan.Mode
        switch context.request.queryValue("mode")?.lowercased() {
        case nil, "merge": mode = .merge
        case "overwrite": mode = .overwrite
        case let other?: throw ManagementError.badRequest("Invalid mode specified: \(other). Valid options are merge,overwrite")
        }
        let plan = try readPlan(context, options: options)
        let (id, env) = (context.restApiId, context.environment)
        let updated = try await context.write { state throws(ManagementError) in
            let before = try state.restApi(id, account: env.accountId)
            var built = before
            try plan.apply(to: &built, mode: mode, state: state, environment: env)
            state.apis[id] = built
            return (built.restApi, dirtyDocuments(before: before, after: built))
        }
        return .json(answer(withTags(updated), warnings: plan.warnings))
    }

    /// Parses and reads the body; with `failonwarnings=true`, warnings are an error.
    private static func readPlan(_ context: OperationContext, options: ImportOptions) throws(ManagementError) -> ImportPlan {
        let document = try OpenAPIDocument(bytes: context.request.body)
        let plan = OpenAPIImport.read(document, options: options, ids: context.environment.ids)
        if options.failOnWarnings, !plan.warnings.isEmpty {
            throw ManagementError.badRequest("Warnings found during import:\n\t" + plan.warnings.joined(separator: "\n\t"))
        }
        return plan
    }

    /// `endpointConfigurationTypes` (one of EDGE, REGIONAL, PRIVATE).
    private static func endpointTypes(_ value: String?) throws(ManagementError) -> [EndpointType]? {
        guard let value else { return nil }
        guard let type = EndpointType(rawValue: value.uppercased()) else {
            throw ManagementError.badRequest("Invalid endpoint configuration type specified: \(value). Valid options are EDGE,REGIONAL,PRIVATE")
        }
        return [type]
    }

    private static func answer(_ api: RestApi, warnings: [String]) -> RestApi {
        var out = api
        out.warnings = warnings.isEmpty ? nil : warnings
        return out
    }

    /// Every document an import or put may have changed: the API, and each resource, method,
    /// model, authorizer, validator, gateway response and documentation part it had or has.
    static func dirtyDocuments(before: APIState?, after: APIState) -> [DirtyDocument] {
        let id = after.id
        var dirty: [DirtyDocument] = [.api(id)]
        var methods: Set<String> = []
        for api in [before, after].compactMap({ $0 }) {
            for (resourceId, resource) in api.resources {
                dirty.append(.resource(api: id, id: resourceId))
                for verb in (resource.resourceMethods ?? [:]).keys { methods.insert(resourceId + "/" + verb) }
            }
            dirty += api.models.keys.map { DirtyDocument(.model, api: id, name: $0) }
            dirty += api.authorizers.keys.map { DirtyDocument(.authorizer, api: id, name: $0) }
            dirty += api.requestValidators.keys.map { DirtyDocument(.requestValidator, api: id, name: $0) }
            dirty += api.gatewayResponses.keys.map { .gatewayResponse(api: id, type: $0) }
            dirty += api.documentationParts.keys.map { DirtyDocument(.documentationPart, api: id, name: $0) }
        }
        dirty += methods.sorted().map { DirtyDocument(.method, api: id, name: $0) }
        var seen: Set<DirtyDocument> = []
        return dirty.filter { seen.insert($0).inserted }
    }
}
