import APIGatewayModel
import Foundation
import HashTreeCollections
import Synchronization

/// The whole API Gateway model of one Portico instance, as an immutable value.
///
/// Readers take the current value under a lock and work on it without holding the lock; a
/// writer builds the next value and publishes it after the store committed it.
///
/// APIs and resources are held in persistent hash tries (`TreeDictionary`): the writer's copy
/// shares all but the path it changes with the published value, so a write costs the same with
/// 10 resources as with 100,000 (a `Dictionary` would be copied whole on each write).
public struct ModelState: Sendable {
    public var apis: TreeDictionary<String, APIState> = [:]
    /// Entities that belong to the account, not to one API.
    public var account = AccountState()

    public init() {}
}

/// The account-level entities: API keys, usage plans, custom domain names, client
/// certificates, VPC links, account settings and tags. Each collection is persisted through one
/// entry of `EntityKind.table`.
public struct AccountState: Sendable {
    public var apiKeys: TreeDictionary<String, ApiKey> = [:] { didSet { accessRevision = Revision.next() } }
    public var usagePlans: TreeDictionary<String, UsagePlan> = [:] { didSet { accessRevision = Revision.next() } }
    /// Keys of usage plans, by `{usagePlanId}/{keyId}`.
    public var usagePlanKeys: TreeDictionary<String, UsagePlanKey> = [:] { didSet { accessRevision = Revision.next() } }
    public var domainNames: TreeDictionary<String, DomainName> = [:] { didSet { domainRevision = Revision.next() } }
    /// Base path mappings, by `{domainName}/{basePath}`.
    public var basePathMappings: TreeDictionary<String, BasePathMapping> = [:] { didSet { domainRevision = Revision.next() } }
    /// Access associations of private domain names, by their ARN.
    public var domainNameAccessAssociations: TreeDictionary<String, DomainNameAccessAssociation> = [:]
    public var clientCertificates: TreeDictionary<String, ClientCertificate> = [:]
    /// The private key (PEM) of each generated client certificate, for backends that ask for it.
    public var clientCertificateKeys: TreeDictionary<String, String> = [:]
    public var vpcLinks: TreeDictionary<String, VpcLink> = [:]
    /// GetAccount's settings, once UpdateAccount changed them (nil: AWS's defaults).
    public var settings: Account?
    /// Requests counted against usage plans, by `{usagePlanId}/{keyId}/{yyyy-MM-dd}` (UTC day).
    public var usage: TreeDictionary<String, Int64> = [:] { didSet { usageRevision = Revision.next() } }

    /// Changes whenever API keys, usage plans or their keys change: the data plane rebuilds its
    /// index of keys and plans only then (the API key gate compares one integer instead of the
    /// collections).
    public private(set) var accessRevision = 0
    /// Changes whenever `usage` changes: the data plane re-reads stored counts only then.
    public private(set) var usageRevision = 0
    /// Changes whenever domain names or base path mappings change: the data plane rebuilds its
    /// index of custom domains only then.
    public private(set) var domainRevision = 0

    public init() {}
}

/// Revisions drawn from one process-wide counter, so a later value is always a later change,
/// whichever model value it was made on.
enum Revision {
    private static let counter = Atomic<Int>(0)

    static func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}

/// One REST API and everything that hangs off it.
public struct APIState: Sendable {
    /// The API's own fields (id, name, createdDate, rootResourceId, …).
    public var restApi: RestApi
    /// Resources by id; each carries its methods, method responses, integration and
    /// integration responses (the shape GetResource returns with `embed=methods`).
    public var resources: TreeDictionary<String, Resource>
    /// Deployments by id, each with its immutable snapshot of the API.
    public var deployments: [String: DeploymentRecord]
    /// Stages by name.
    public var stages: [String: Stage]
    /// Gateway responses the user customised, by type (defaults are not stored).
    public var gatewayResponses: [String: GatewayResponse]
    public var authorizers: [String: Authorizer] = [:]
    /// Models by name.
    public var models: [String: Model] = [:]
    public var requestValidators: [String: RequestValidator] = [:]
    public var documentationParts: [String: DocumentationPart] = [:]
    /// Documentation versions by version.
    public var documentationVersions: [String: DocumentationVersion] = [:]

    public init(
        restApi: RestApi, resources: TreeDictionary<String, Resource> = [:], deployments: [String: DeploymentRecord] = [:],
        stages: [String: Stage] = [:], gatewayResponses: [String: GatewayResponse] = [:]
    ) {
        self.restApi = restApi
        self.resources = resources
        self.deployments = deployments
        self.stages = stages
        self.gatewayResponses = gatewayResponses
    }

    public var id: String { restApi.id ?? "" }
}

/// A deployment and the frozen API it deployed.
public struct DeploymentRecord: Sendable {
    public var deployment: Deployment
    public var snapshot: DeploymentSnapshot

    public init(deployment: Deployment, snapshot: DeploymentSnapshot) {
        self.deployment = deployment
        self.snapshot = snapshot
    }
}

/// What a deployment froze: the API's settings, its resource tree (methods, integrations,
/// responses), its gateway responses, its authorizers, models and request validators (on AWS an authorizer change takes
/// effect with the next deployment). Later changes to the API do not touch it; the data
/// plane serves a stage from the snapshot of the deployment the stage points at.
public struct DeploymentSnapshot: Sendable {
    public var restApi: RestApi
    public var resources: [String: Resource]
    public var gatewayResponses: [String: GatewayResponse]
    /// Authorizers by id (absent from snapshots written before authorizers were enforced).
    public var authorizers: [String: Authorizer]
    /// Models by name and request validators by id, as request validation uses them
    /// (absent from snapshots written before validators were enforced).
    public var models: [String: Model]
    public var requestValidators: [String: RequestValidator]

    public init(
        restApi: RestApi, resources: [String: Resource], gatewayResponses: [String: GatewayResponse],
        authorizers: [String: Authorizer] = [:], models: [String: Model] = [:],
        requestValidators: [String: RequestValidator] = [:]
    ) {
        self.restApi = restApi
        self.resources = resources
        self.gatewayResponses = gatewayResponses
        self.authorizers = authorizers
        self.models = models
        self.requestValidators = requestValidators
    }
}

// Stored as `{"deployment": …, "snapshot": {"restApi": …, "resources": {…}, "gatewayResponses": {…}}}`
// through the same JSON writers and readers as the generated shapes (the layout Codable gave
// them before, so existing stores read back unchanged).
extension DeploymentRecord: JSONWritable, JSONReadable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("\"deployment\":", deployment)
        out.member("\"snapshot\":", snapshot)
        out.endObject()
    }

    public init(json: JSONNode) throws(ShapeDecodingError) {
        let fields = try ShapeReading.fields(json)
        guard let deployment: Deployment = try ShapeReading.member(fields, "deployment"),
            let snapshot: DeploymentSnapshot = try ShapeReading.member(fields, "snapshot")
        else {
            throw ShapeDecodingError(.missing)
        }
        self.init(deployment: deployment, snapshot: snapshot)
    }
}

extension DeploymentSnapshot: JSONWritable, JSONReadable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        out.member("\"restApi\":", restApi)
        out.member("\"resources\":", resources)
        out.member("\"gatewayResponses\":", gatewayResponses)
        if !authorizers.isEmpty { out.member("\"authorizers\":", authorizers) }
        if !models.isEmpty { out.member("\"models\":", models) }
        if !requestValidators.isEmpty { out.member("\"requestValidators\":", requestValidators) }
        out.endObject()
    }

    public init(json: JSONNode) throws(ShapeDecodingError) {
        let fields = try ShapeReading.fields(json)
        guard let restApi: RestApi = try ShapeReading.member(fields, "restApi") else { throw ShapeDecodingError(.missing) }
        self.init(
            restApi: restApi, resources: try ShapeReading.member(fields, "resources") ?? [:],
            gatewayResponses: try ShapeReading.member(fields, "gatewayResponses") ?? [:],
            authorizers: try ShapeReading.member(fields, "authorizers") ?? [:],
            models: try ShapeReading.member(fields, "models") ?? [:],
            requestValidators: try ShapeReading.member(fields, "requestValidators") ?? [:])
    }
}
