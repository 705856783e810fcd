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
            id: id, name: plan.name, createdDate: env.creationTimestamp(), apiKeySource: .header,
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
        // `mode` is checked against its enum (merge, overwrite) by `InputValidation`.
        let mode: ImportPlan.Mode = context.request.queryValue("mode") == "overwrite" ? .overwrite : .merge
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

    /// The documents an import or put changed: the API, and each resource, method, model,
    /// authorizer, validator, gateway response and documentation part that is new, different or
    /// gone (a merge into a large API rewrites only what the definition touched).
    static func dirtyDocuments(before: APIState?, after: APIState) -> [DirtyDocument] {
        let id = after.id
        var dirty: [DirtyDocument] = [.api(id)]
        var resourceIds = Set(after.resources.keys)
        if let before { resourceIds.formUnion(before.resources.keys) }
        for resourceId in resourceIds.sorted() {
            let old = before?.resources[resourceId], new = after.resources[resourceId]
            guard old != new else { continue }
            dirty.append(.resource(api: id, id: resourceId))
            let verbs = Set((old?.resourceMethods ?? [:]).keys).union((new?.resourceMethods ?? [:]).keys)
            for verb in verbs.sorted() where old?.resourceMethods?[verb] != new?.resourceMethods?[verb] {
                dirty.append(.method(api: id, resource: resourceId, httpMethod: verb))
            }
        }
        func changed<Item: Equatable>(_ items: KeyPath<APIState, [String: Item]>, _ kind: EntityKind) {
            let old = before?[keyPath: items] ?? [:], new = after[keyPath: items]
            for name in Set(old.keys).union(new.keys).sorted() where old[name] != new[name] {
                dirty.append(DirtyDocument(kind, api: id, name: name))
            }
        }
        changed(\.models, .model)
        changed(\.authorizers, .authorizer)
        changed(\.requestValidators, .requestValidator)
        changed(\.gatewayResponses, .gatewayResponse)
        changed(\.documentationParts, .documentationPart)
        return dirty
    }
}
