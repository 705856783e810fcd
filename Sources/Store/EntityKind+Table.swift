import APIGatewayModel
import Foundation

/// Every kind of entity Portico persists. Order matters when loading: a kind is read after
/// the kinds listed before it (methods after their resources).
extension EntityKind {
    public static let table: [EntityKind] = [
        .restApi, .resource, .method, .deployment, .stage, .gatewayResponse,
        .authorizer, .model, .requestValidator, .documentationPart, .documentationVersion,
        .apiKey, .usagePlan, .usagePlanKey, .domainName, .basePathMapping, .domainNameAccessAssociation,
        .clientCertificate, .clientCertificateKey, .vpcLink, .accountSettings, .usage, .lambdaFunction,
    ]

    // MARK: a REST API and what hangs off it

    /// The RestApi's own fields; when it goes, everything under `a/{id}/` goes with it.
    public static let restApi = EntityKind(
        code: "a", scope: .restApi,
        read: { model, _, name, bytes in
            model.apis[name] = APIState(restApi: try RestApi.read(bytes))
            return []
        },
        write: { model, _, name in model.apis[name]?.restApi.storageBytes(capacity: 1024) },
        dependents: { _, name in ["a/\(name)/"] })

    /// A resource's own fields (its methods are documents of their own); when it goes, its
    /// methods go too. Stores written before methods had their own documents embed them in
    /// the resource: such a resource is read whole and rewritten in this layout.
    public static let resource = EntityKind(
        code: "r", scope: .perAPI,
        read: { model, api, name, bytes in
            guard let api, model.apis[api] != nil else { return [] }
            let resource = try Resource.read(bytes)
            model.apis[api]?.resources[name] = resource
            guard let embedded = resource.resourceMethods else { return [] }
            return [.resource(api: api, id: name)] + embedded.keys.map { .method(api: api, resource: name, httpMethod: $0) }
        },
        write: { model, api, name in
            guard let api, var resource = model.apis[api]?.resources[name] else { return nil }
            resource.resourceMethods = nil
            return resource.storageBytes()
        },
        dependents: { api, name in ["a/\(api ?? "")/m/\(name)/"] })

    /// One method of a resource, named `{resourceId}/{httpMethod}`, with its method responses,
    /// integration and integration responses.
    public static let method = EntityKind(
        code: "m", scope: .perAPI,
        read: { model, api, name, bytes in
            guard let api, let (resourceId, verb) = splitMethodName(name),
                var resource = model.apis[api]?.resources[resourceId]
            else { return [] }
            var byVerb = resource.resourceMethods ?? [:]
            byVerb[verb] = try Method.read(bytes)
            resource.resourceMethods = byVerb
            model.apis[api]?.resources[resourceId] = resource
            return []
        },
        write: { model, api, name in
            guard let api, let (resourceId, verb) = splitMethodName(name) else { return nil }
            return model.apis[api]?.resources[resourceId]?.resourceMethods?[verb]?.storageBytes(capacity: 1024)
        },
        dependents: { _, _ in [] })

    private static func splitMethodName(_ name: String) -> (String, String)? {
        let parts = name.split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    public static let deployment = perAPI("d", \APIState.deployments, capacity: 4096)
    public static let stage = perAPI("s", \APIState.stages)
    /// Gateway responses the user customised, by type.
    public static let gatewayResponse = perAPI("g", \APIState.gatewayResponses)
    public static let authorizer = perAPI("au", \APIState.authorizers)
    public static let model = perAPI("mo", \APIState.models)
    public static let requestValidator = perAPI("rv", \APIState.requestValidators)
    public static let documentationPart = perAPI("dp", \APIState.documentationParts)
    public static let documentationVersion = perAPI("dv", \APIState.documentationVersions)

    // MARK: the account

    public static let apiKey = account("k", \AccountState.apiKeys)
    public static let usagePlan = account("u", \AccountState.usagePlans)
    /// Named `{usagePlanId}/{keyId}`.
    public static let usagePlanKey = account("uk", \AccountState.usagePlanKeys)
    public static let domainName = account("dn", \AccountState.domainNames)
    /// Named `{domainName}/{basePath}`.
    public static let basePathMapping = account("bp", \AccountState.basePathMappings)
    public static let domainNameAccessAssociation = account("da", \AccountState.domainNameAccessAssociations)
    public static let clientCertificate = account("cc", \AccountState.clientCertificates)
    public static let clientCertificateKey = account("ck", \AccountState.clientCertificateKeys)
    public static let vpcLink = account("vl", \AccountState.vpcLinks)
    /// Usage counts, named `{usagePlanId}/{keyId}/{yyyy-MM-dd}`.
    public static let usage = account("us", \AccountState.usage)
    /// Lambda functions Portico hosts (the `LambdaService` target reads and writes the documents).
    public static let lambdaFunction = account("lf", \AccountState.lambdaFunctions)

    /// GetAccount's settings: one document, `c/acct/settings`.
    public static let accountSettings = EntityKind(
        code: "acct", scope: .account,
        read: { model, _, _, bytes in
            model.account.settings = try Account.read(bytes)
            return []
        },
        write: { model, _, _ in model.account.settings?.storageBytes(capacity: 512) },
        dependents: { _, _ in [] })

    /// Not a collection: a write naming it wipes every document (reset).
    static let everything = EntityKind(
        code: "*", scope: .account, read: { _, _, _, _ in [] }, write: { _, _, _ in nil },
        dependents: { _, _ in [] })
}
