import APIGatewayModel
import Foundation
import Store

/// CreateApiKey, GetApiKey, GetApiKeys, UpdateApiKey, DeleteApiKey, ImportApiKeys. Shapes,
/// defaults and messages as recorded on AWS: `enabled` defaults to false, `stageKeys` is always
/// present, the value is answered by Create (and Get with `includeValue`), `tags` appears on
/// Get and Update.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateApiKey.html
extension ManagementAPI {
    static let apiKeys = AccountCollection<ApiKey>(
        kind: .apiKey, items: \AccountState.apiKeys, notFound: { _ in .notFound("Invalid API Key identifier specified") })

    static func registerApiKeys(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createApiKey] = { context in
            let input = try context.body(CreateApiKeyRequest.self)
            let env = context.environment
            let now = env.creationTimestamp()
            let generated = env.ids.next(.apiKeyValue)
            let id = env.ids.next(.apiKey)
            let created = try await context.write { state throws(ManagementError) in
                let key = try ApiKeyRules.newKey(id: id, input: input, generatedValue: generated, now: now, in: state)
                return (key, [apiKeys.store(key, id: id, in: &state)])
            }
            return .json(created)
        }
        handlers[.getApiKey] = { context in
            var key = try apiKeys.find(context.label("api_Key"), in: context.model.current)
            if context.request.queryValue("includeValue")?.lowercased() != "true" { key.value = nil }
            return .json(key.withTags)
        }
        handlers[.getApiKeys] = { context in
            let state = context.model.current
            let name = context.request.queryValue("name")
            let customer = context.request.queryValue("customerId")
            let withValues = context.request.queryValue("includeValues")?.lowercased() == "true"
            let matching = apiKeys.all(state)
                .filter { key in
                    (name.map { (key.name ?? "").hasPrefix($0) } ?? true) && (customer.map { key.customerId == $0 } ?? true)
                }
                .sorted { ($0.createdDate ?? .distantPast, $0.id ?? "") > ($1.createdDate ?? .distantPast, $1.id ?? "") }
                .map { key -> ApiKey in
                    var listed = key.withoutTags
                    if !withValues { listed.value = nil }
                    return listed
                }
            // AWS answers a limit below 1 with an empty page (recorded: limit=-1).
            if let limit = try context.limit(), limit < 1 { return .json(ApiKeys(items: [])) }
            let page = try Page.of(
                matching, id: { $0.id ?? "" }, limit: try context.limit(),
                position: context.request.queryValue("position"))
            return .json(ApiKeys(position: page.position, items: page.items))
        }
        handlers[.updateApiKey] = { context in
            let input = try context.body(UpdateApiKeyRequest.self)
            let id = context.label("api_Key")
            let now = context.environment.timestamp()
            var updated = try await context.write { state throws(ManagementError) in
                var key = try apiKeys.find(id, in: state)
                try apiKeyPatch.apply(input.patchOperations ?? [], to: &key)
                try ApiKeyRules.checkStageKeys(key.stageKeys ?? [], in: state)
                key.lastUpdatedDate = now
                return (key, [apiKeys.store(key, id: id, in: &state)])
            }
            updated.value = nil
            return .json(updated.withTags)
        }
        handlers[.deleteApiKey] = { context in
            let id = context.label("api_Key")
            try await context.write { state throws(ManagementError) in
                _ = try apiKeys.find(id, in: state)
                // A deleted key leaves every usage plan it belonged to (recorded on AWS).
                let memberships = state.account.usagePlanKeys.keys.filter { $0.hasSuffix("/" + id) }
                var dirty = memberships.map { usagePlanKeys.store(nil, id: $0, in: &state) }
                dirty.append(apiKeys.store(nil, id: id, in: &state))
                return ((), dirty)
            }
            return .empty
        }
        handlers[.importApiKeys] = importApiKeys
    }
}

/// What AWS checks when an API key is created or changed.
enum ApiKeyRules {
    static func newKey(
        id: String, input: CreateApiKeyRequest, generatedValue: String, now: Date,
        in state: ModelState
    ) throws(ManagementError) -> ApiKey {
        if let name = input.name, name.count > 1024 {
            throw .badRequest("Invalid API Key name, can be at most 1024 characters.")
        }
        if let description = input.description, description.count > maxDescription {
            throw .badRequest("Invalid API Key description specified.")
        }
        let value: String
        if let given = input.value, !given.isEmpty {
            try checkValue(given)
            // Only a chosen value can collide (generated ones are 40 random characters).
            if state.account.apiKeys.values.contains(where: { $0.value == given }) {
                throw .conflict("API Key already exists")
            }
            value = given
        } else {
            value = generatedValue
        }
        let stageKeys = (input.stageKeys ?? []).map { "\($0.restApiId ?? "")/\($0.stageName ?? "")" }
        try checkStageKeys(stageKeys, in: state)
        return ApiKey(
            id: id, value: value, name: input.name?.isEmpty == false ? input.name : nil,
            customerId: input.customerId, description: input.description?.isEmpty == false ? input.description : nil,
            enabled: input.enabled ?? false, createdDate: now, lastUpdatedDate: now, stageKeys: stageKeys,
            tags: (input.tags?.isEmpty ?? true) ? nil : input.tags)
    }

    /// The longest description AWS was seen to accept is not recorded; 125,000 characters were refused.
    static let maxDescription = 125_000 - 1

    static func checkValue(_ value: String) throws(ManagementError) {
        if let problem = valueProblem(value) { throw .badRequest(problem) }
    }

    /// AWS's message for a key value it refuses (20 to 128 characters), or nil.
    static func valueProblem(_ value: String) -> String? {
        if value.count < 20 { return "API Key value should be at least 20 characters" }
        if value.count > 128 { return "API Key value exceeds maximum size of 128 characters" }
        return nil
    }

    /// Stage keys (`{restApiId}/{stageName}`) must name an existing stage.
    static func checkStageKeys(_ keys: [String], in state: ModelState) throws(ManagementError) {
        for key in keys {
            let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let api = state.apis[parts[0]] else {
                throw .badRequest("Invalid REST API identifier specified")
            }
            guard api.stages[parts[1]] != nil else { throw .badRequest("Invalid stage identifier specified") }
        }
    }
}

/// UpdateApiKey's paths (recorded on AWS: replace `[/description, /enabled, /name, /customerId]`;
/// `add`/`remove /stages` with `{restApiId}/{stageName}`, the legacy stage-key form).
let apiKeyPatch = PatchTable<ApiKey>(
    .quoted,
    [
        PatchRule("/description", ["replace"]) { key, request throws(ManagementError) in
            if let value = request.value, value.count > ApiKeyRules.maxDescription {
                throw .badRequest("Invalid API Key description specified.")
            }
            key.description = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/enabled", ["replace"]) { key, request throws(ManagementError) in
            key.enabled = PatchValues.bool(request)
        },
        PatchRule("/name", ["replace"]) { key, request throws(ManagementError) in
            if let value = request.value, value.count > 1024 {
                throw .badRequest("Invalid API Key name, can be at most 1024 characters.")
            }
            key.name = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/customerId", ["replace"]) { key, request throws(ManagementError) in
            key.customerId = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/stages", ["add", "remove"]) { key, request throws(ManagementError) in
            guard let value = request.value, value.contains("/") else { throw .badRequest("Invalid stage key specified: \(request.value ?? "null")") }
            var stages = key.stageKeys ?? []
            if request.op == "remove" {
                stages.removeAll { $0 == value }
            } else if !stages.contains(value) {
                stages.append(value)
            }
            key.stageKeys = stages
        },
    ])
