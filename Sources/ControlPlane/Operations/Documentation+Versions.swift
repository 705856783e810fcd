import APIGatewayModel
import Store

/// CreateDocumentationVersion, GetDocumentationVersion, GetDocumentationVersions,
/// UpdateDocumentationVersion, DeleteDocumentationVersion. A version can be published to a stage
/// at creation (`stageName`), which then reports it as its `documentationVersion`.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDocumentationVersion.html
extension ManagementAPI {
    static func registerDocumentationVersions(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createDocumentationVersion] = { context in
            let input = try context.body(CreateDocumentationVersionRequest.self)
            let apiId = context.restApiId
            let missing = MissingAPI.notFound(context)
            guard let name = input.documentationVersion, !name.isEmpty else {
                throw ManagementError.badRequest("Documentation version must be specified")
            }
            let version = DocumentationVersion(
                version: name, createdDate: context.environment.timestamp(),
                description: input.description?.isEmpty == false ? input.description : nil)
            try await context.write { state throws(ManagementError) in
                let api = try state.api(apiId, or: missing)
                if api.documentationVersions[name] != nil { throw ManagementError.conflict("Documentation version already exists") }
                var dirty = [documentationVersions.store(version, id: name, api: apiId, in: &state)]
                if let stage = input.stageName, !stage.isEmpty {
                    guard api.stages[stage] != nil else { throw ManagementError.badRequest("Invalid stage identifier specified") }
                    state.apis[apiId]?.stages[stage]?.documentationVersion = name
                    dirty.append(.stage(api: apiId, name: stage))
                }
                return ((), dirty)
            }
            return .json(version)
        }
        handlers[.getDocumentationVersion] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            return .json(try documentationVersions.find(context.label("doc_version"), in: api))
        }
        handlers[.getDocumentationVersions] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let page = try documentationVersions.page(
                api, context, order: { ($0.version ?? "") < ($1.version ?? "") },
                id: { $0.version ?? "" })
            return .json(DocumentationVersions(position: page.position, items: page.items))
        }
        handlers[.updateDocumentationVersion] = { context in
            let input = try context.body(UpdateDocumentationVersionRequest.self)
            let (apiId, name, account) = (context.restApiId, context.label("doc_version"), context.environment.accountId)
            return .json(
                try await context.write { state throws(ManagementError) in
                    var version = try documentationVersions.find(name, in: try state.restApi(apiId, account: account))
                    try documentationVersionPatch.apply(input.patchOperations ?? [], to: &version)
                    return (version, [documentationVersions.store(version, id: name, api: apiId, in: &state)])
                })
        }
        handlers[.deleteDocumentationVersion] = { context in
            let (apiId, name, account) = (context.restApiId, context.label("doc_version"), context.environment.accountId)
            try await context.write { state throws(ManagementError) in
                _ = try documentationVersions.find(name, in: try state.restApi(apiId, account: account))
                return ((), [documentationVersions.store(nil, id: name, api: apiId, in: &state)])
            }
            return .empty
        }
    }
}

/// UpdateDocumentationVersion's paths.
let documentationVersionPatch = PatchTable<DocumentationVersion>(
    .quoted,
    [
        PatchRule("/description", ["replace"]) { version, request throws(ManagementError) in
            version.description = request.value?.isEmpty == false ? request.value : nil
        }
    ])
