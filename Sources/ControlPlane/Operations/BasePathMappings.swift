import APIGatewayModel
import Store

/// CreateBasePathMapping, GetBasePathMapping, GetBasePathMappings, UpdateBasePathMapping,
/// DeleteBasePathMapping. The empty base path is `(none)`, in answers and in paths (Zappa,
/// Terraform); `/basePath` and `/basepath` are both accepted as patch paths (AWS's own pages
/// disagree). Stored as `{domainKey}/{basePath}`.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateBasePathMapping.html
extension ManagementAPI {
    static let basePathMappings = AccountCollection<BasePathMapping>(
        kind: .basePathMapping, items: \AccountState.basePathMappings,
        notFound: { _ in .notFound("Invalid base path mapping identifier specified") })

    static func registerBasePathMappings(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createBasePathMapping] = { context in
            let input = try context.body(CreateBasePathMappingRequest.self)
            let domain = context.domainKey
            let basePath = BasePaths.normalized(input.basePath)
            let mapping = BasePathMapping(basePath: basePath, restApiId: input.restApiId, stage: input.stage)
            try await context.write { state throws(ManagementError) in
                _ = try domainNames.find(domain, in: state)
                try BasePaths.validate(mapping, in: state)
                if state.account.basePathMappings[domain + "/" + basePath] != nil {
                    throw ManagementError.conflict("Base path already exists for this domain name")
                }
                return ((), [basePathMappings.store(mapping, id: domain + "/" + basePath, in: &state)])
            }
            return .json(mapping)
        }
        handlers[.getBasePathMapping] = { context in
            let state = context.model.current
            _ = try domainNames.find(context.domainKey, in: state)
            return .json(try basePathMappings.find(context.domainKey + "/" + BasePaths.normalized(context.label("base_path")), in: state))
        }
        handlers[.getBasePathMappings] = { context in
            let state = context.model.current
            let domain = context.domainKey
            _ = try domainNames.find(domain, in: state)
            let mappings = state.account.basePathMappings.filter { $0.key.hasPrefix(domain + "/") }.values
                .sorted { ($0.basePath ?? "") < ($1.basePath ?? "") }
            let page = try Page.of(
                mappings, id: { $0.basePath ?? "" }, limit: try context.limit(),
                position: context.request.queryValue("position"))
            return .json(BasePathMappings(position: page.position, items: page.items))
        }
        handlers[.updateBasePathMapping] = { context in
            let input = try context.body(UpdateBasePathMappingRequest.self)
            let domain = context.domainKey
            let old = domain + "/" + BasePaths.normalized(context.label("base_path"))
            return .json(
                try await context.write { state throws(ManagementError) in
                    _ = try domainNames.find(domain, in: state)
                    var mapping = try basePathMappings.find(old, in: state)
                    try basePathMappingPatch.apply(input.patchOperations ?? [], to: &mapping)
                    mapping.basePath = BasePaths.normalized(mapping.basePath)
                    try BasePaths.validate(mapping, in: state)
                    let new = domain + "/" + (mapping.basePath ?? "(none)")
                    if new != old, state.account.basePathMappings[new] != nil {
                        throw ManagementError.conflict("Base path already exists for this domain name")
                    }
                    var dirty = [basePathMappings.store(nil, id: old, in: &state)]
                    dirty.append(basePathMappings.store(mapping, id: new, in: &state))
                    return (mapping, dirty)
                })
        }
        handlers[.deleteBasePathMapping] = { context in
            let domain = context.domainKey
            let id = domain + "/" + BasePaths.normalized(context.label("base_path"))
            try await context.write { state throws(ManagementError) in
                _ = try domainNames.find(domain, in: state)
                _ = try basePathMappings.find(id, in: state)
                return ((), [basePathMappings.store(nil, id: id, in: &state)])
            }
            return .empty
        }
    }
}

enum BasePaths {
    /// The empty base path is `(none)`.
    static func normalized(_ path: String?) -> String {
        guard let path, !path.isEmpty else { return "(none)" }
        return path
    }

    static func validate(_ mapping: BasePathMapping, in state: ModelState) throws(ManagementError) {
        if mapping.basePath?.contains("/") == true {
            throw .badRequest(
                "API Gateway V1 doesn't support the slash character (/) in base path mappings. "
                    + "To create a multi-level base path mapping, use API Gateway V2.")
        }
        guard let api = state.apis[mapping.restApiId ?? ""] else { throw .badRequest("Invalid REST API identifier specified") }
        if let stage = mapping.stage, !stage.isEmpty, api.stages[stage] == nil {
            throw .badRequest("Invalid stage identifier specified")
        }
    }
}

/// UpdateBasePathMapping's paths (Terraform sends `/restapiId`, with a lower-case "api").
let basePathMappingPatch = PatchTable<BasePathMapping>(
    .bare,
    [
        PatchRule("/basePath", ["replace"]) { mapping, request throws(ManagementError) in mapping.basePath = request.value },
        PatchRule("/basepath", ["replace"]) { mapping, request throws(ManagementError) in mapping.basePath = request.value },
        PatchRule("/restapiId", ["replace"]) { mapping, request throws(ManagementError) in mapping.restApiId = request.value },
        PatchRule("/stage", ["replace"]) { mapping, request throws(ManagementError) in
            mapping.stage = request.value?.isEmpty == false ? request.value : nil
        },
    ])
