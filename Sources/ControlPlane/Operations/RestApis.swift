import APIGatewayModel
import Foundation
import IAMPolicy
import JSONPath
import Store

/// CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html
extension ManagementAPI {
    static func registerRestApis(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createRestApi] = createRestApi
        handlers[.getRestApi] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            return .json(withTags(api.restApi))
        }
        handlers[.getRestApis] = { context in
            let all = context.model.current.apis.values.map(\.restApi).sorted(by: creationOrder)
            let page = try Page.of(all, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(RestApis(position: page.position, items: page.items))
        }
        handlers[.updateRestApi] = updateRestApi
        handlers[.deleteRestApi] = { context in
            let id = context.restApiId
            let account = context.environment.accountId
            try await context.write { state throws(ManagementError) in
                _ = try state.restApi(id, account: account)
                state.apis[id] = nil
                return ((), [.deletedAPI(id)])
            }
            return .empty
        }
    }

    /// AWS lists APIs oldest first; ties broken by id.
    static func creationOrder(_ a: RestApi, _ b: RestApi) -> Bool {
        let da = a.createdDate ?? .distantPast, db = b.createdDate ?? .distantPast
        return da != db ? da < db : (a.id ?? "") < (b.id ?? "")
    }

    /// Single-object reads and updates always carry `tags` (`{}` when none).
    static func withTags(_ api: RestApi) -> RestApi {
        var out = api
        if out.tags == nil { out.tags = [:] }
        return out
    }

    private static let createRestApi: OperationHandler = { context in
        let input = try context.body(CreateRestApiRequest.self)
        if input.description == "" { throw ManagementError.badRequest("Description cannot be an empty string") }
        if let size = input.minimumCompressionSize, !(0...10_485_760).contains(size) {
            throw ManagementError.badRequest("Invalid minimum compression size, must be between 0 and 10485760")
        }
        let endpoint = try endpointConfiguration(input.endpointConfiguration)
        let env = context.environment
        let customId = try customRestApiId(input.tags)
        if let policy = input.policy { try ResourcePolicy.validate(policy) }
        var api = RestApi(
            id: customId ?? env.ids.next(.restApi), name: input.name, description: input.description,
            createdDate: env.creationTimestamp(), version: input.version,
            binaryMediaTypes: (input.binaryMediaTypes?.isEmpty ?? true) ? nil : input.binaryMediaTypes,
            minimumCompressionSize: input.minimumCompressionSize,
            apiKeySource: input.apiKeySource ?? .header, endpointConfiguration: endpoint,
            policy: input.policy, tags: (input.tags?.isEmpty ?? true) ? nil : input.tags,
            disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false)
        let rootId = env.ids.next(.rootResource)
        api.rootResourceId = rootId
        if let policy = api.policy, let id = api.id {
            api.policy = ResourcePolicy.normalized(policy, apiId: id, region: env.region, account: env.accountId)
        }
        let root = Resource(id: rootId, path: "/")
        let created = api
        let defaultModels = ModelSchemas.defaults { env.ids.next(.model) }
        try await context.write { state throws(ManagementError) in
            let id = created.id ?? ""
            if customId != nil, state.apis[id] != nil { throw .conflict("A REST API with the id \(id) already exists") }
            var newAPI = APIState(restApi: created, resources: [rootId: root])
            newAPI.models = defaultModels
            state.apis[id] = newAPI
            return ((), [.api(id), .resource(api: id, id: rootId)] + defaultModels.keys.map { DirtyDocument(.model, api: id, name: $0) })
        }
        return .json(created)
    }

    /// The id a `_custom_id_` tag asks for: an extension of LocalStack's and moto's (AWS has none,
    /// and keeps the tag as an ordinary one), so tests can fix an API's URL in advance. The id is
    /// used in paths and host names, hence lowercase letters, digits, `-` and `_` only (host
    /// names ignore case, so an uppercase id could not be reached host-based; LocalStack refuses
    /// it with the same message).
    static func customRestApiId(_ tags: [String: String]?) throws(ManagementError) -> String? {
        guard let id = tags?["_custom_id_"] else { return nil }
        if id.utf8.contains(where: { (0x41...0x5A).contains($0) }) {
            throw .badRequest("The RestApiId '\(id)' cannot contain uppercase characters")
        }
        let allowed = id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard !id.isEmpty, id.utf8.count <= 128, allowed else {
            throw .badRequest("Invalid _custom_id_ tag: letters, digits, '-' and '_' only, at most 128 characters")
        }
        return id
    }

    /// Defaults and AWS's checks for `endpointConfiguration` (EDGE unless given; PRIVATE is dualstack).
    static func endpointConfiguration(_ given: EndpointConfiguration?) throws(ManagementError) -> EndpointConfiguration {
        var config = given ?? EndpointConfiguration()
        let types = config.types ?? [.edge]
        if types.isEmpty { throw ManagementError.badRequest("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.") }
        if types.count > 1 { throw ManagementError.badRequest("Cannot create an api with multiple Endpoint Types.") }
        config.types = types
        if types == [.`private`] {
            if config.ipAddressType == .ipv4 { throw ManagementError.badRequest("Only dualstack ipAddressType is supported for Private APIs.") }
            config.ipAddressType = .dualstack
        } else if config.ipAddressType == nil {
            config.ipAddressType = .ipv4
        }
        return config
    }

    private static let updateRestApi: OperationHandler = { context in
        let input = try context.body(UpdateRestApiRequest.self)
        let id = context.restApiId
        let (account, region) = (context.environment.accountId, context.environment.region)
        let updated = try await context.write { state throws(ManagementError) in
            var api = try state.restApi(id, account: account).restApi
            let policyBefore = api.policy
            try restApiPatch.apply(input.patchOperations ?? [], to: &api)
            if api.policy != policyBefore, let policy = api.policy {
                try ResourcePolicy.validate(policy)
                api.policy = ResourcePolicy.normalized(policy, apiId: id, region: region, account: account)
            }
            state.apis[id]?.restApi = api
            return (api, [.api(id)])
        }
        return .json(withTags(updated))
    }
}

extension OperationContext {
    /// Runs a model write (serialised, persisted, then published) and maps unexpected store
    /// failures to a 500-free AWS error.
    func write<T: Sendable>(
        _ mutation: @escaping @Sendable (inout ModelState) throws(ManagementError) -> (T, [DirtyDocument])
    ) async throws(ManagementError) -> T {
        do {
            return try await model.write(mutation)
        } catch let error as ManagementError {
            throw error
        } catch is StorageUnavailableError {
            throw .storageUnavailable
        } catch {
            throw ManagementError(
                type: "ServiceUnavailableException", status: 503,
                message: "Portico could not persist the change: \(error)")
        }
    }
}

/// How AWS stores a REST API's resource policy.
///
/// Recorded on AWS (UpdateRestApi, replace `/policy`): `execute-api:/…` resources become this
/// API's ARN (`arn:aws:execute-api:{region}:{account}:{apiId}/…`), a one-element `Resource`
/// list becomes a plain string, and the policy comes back as JSON text whose double quotes
/// are backslash-escaped. The caller's key order is kept (Terraform diffs the policy it sent);
/// spacing is compact. Text that is not a JSON object is kept as given.
enum ResourcePolicy {
    /// A policy IAM could not read (not JSON, not IAM's grammar, a statement without a valid
    /// `Principal`): AWS's 400 (the message from users' reports; LocalStack records none).
    static func validate(_ text: String) throws(ManagementError) {
        guard !text.isEmpty else { return }
        do {
            _ = try IAMPolicy(parsing: Array(text.utf8), kind: .resource)
        } catch {
            throw .badRequest("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.")
        }
    }

    static func normalized(_ text: String, apiId: String, region: String, account: String) -> String {
        guard case .object(var document)? = try? JSONReader.parse(text) else { return text }
        let arnPrefix = "arn:aws:execute-api:\(region):\(account):\(apiId)"
        func rewrite(_ resource: JSONValue) -> JSONValue {
            switch resource {
            case .string(let single) where single.hasPrefix("execute-api:"):
                return .string(arnPrefix + single.dropFirst("execute-api:".count))
            case .array(let list):
                let rewritten = list.map(rewrite)
                return rewritten.count == 1 ? rewritten[0] : .array(rewritten)
            default:
                return resource
            }
        }
        func statement(_ value: JSONValue) -> JSONValue {
            guard case .object(var fields) = value else { return value }
            for key in ["Resource", "NotResource"] {
                if let resource = fields[key] { fields[key] = rewrite(resource) }
            }
            return .object(fields)
        }
        switch document["Statement"] {
        case .array(let list)?: document["Statement"] = .array(list.map(statement))
        case let single?: document["Statement"] = statement(single)
        case nil: break
        }
        return JSONWriter.write(.object(document)).replacing("\"", with: "\\\"")
    }
}
