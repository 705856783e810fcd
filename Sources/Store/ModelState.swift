import APIGatewayModel
import Foundation
import HashTreeCollections

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

    public init() {}
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

    public init(restApi: RestApi, resources: TreeDictionary<String, Resource> = [:], deployments: [String: DeploymentRecord] = [:],
                stages: [String: Stage] = [:], gatewayResponses: [String: GatewayResponse] = [:]) {
        self.restApi = restApi
        self.resources = resources
        self.deployments = deployments
        self.stages = stages
        self.gatewayResponses = gatewayResponses
    }

    public var id: String { restApi.id ?? "" }
}

/// Which persisted documents a write touched; the store rewrites exactly these.
public enum DirtyDocument: Sendable, Hashable {
    /// The RestApi fields of an API (not its resources).
    case api(String)
    /// One resource and every method on it.
    case resource(api: String, id: String)
    /// One method of a resource (its method responses, integration and integration responses),
    /// or its absence.
    case method(api: String, resource: String, httpMethod: String)
    /// An API and everything under it is gone.
    case deletedAPI(String)
    /// A resource is gone.
    case deletedResource(api: String, id: String)
    /// A deployment (with its snapshot).
    case deployment(api: String, id: String)
    case deletedDeployment(api: String, id: String)
    /// A stage.
    case stage(api: String, name: String)
    case deletedStage(api: String, name: String)
    /// A customised gateway response.
    case gatewayResponse(api: String, type: String)
    case deletedGatewayResponse(api: String, type: String)
    /// Everything is gone (reset).
    case everything
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
/// responses) and its gateway responses. Later changes to the API do not touch it; the data
/// plane serves a stage from the snapshot of the deployment the stage points at.
public struct DeploymentSnapshot: Sendable {
    public var restApi: RestApi
    public var resources: [String: Resource]
    public var gatewayResponses: [String: GatewayResponse]

    public init(restApi: RestApi, resources: [String: Resource], gatewayResponses: [String: GatewayResponse]) {
        self.restApi = restApi
        self.resources = resources
        self.gatewayResponses = gatewayResponses
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
              let snapshot: DeploymentSnapshot = try ShapeReading.member(fields, "snapshot") else {
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
        out.endObject()
    }

    public init(json: JSONNode) throws(ShapeDecodingError) {
        let fields = try ShapeReading.fields(json)
        guard let restApi: RestApi = try ShapeReading.member(fields, "restApi") else { throw ShapeDecodingError(.missing) }
        self.init(restApi: restApi, resources: try ShapeReading.member(fields, "resources") ?? [:],
                  gatewayResponses: try ShapeReading.member(fields, "gatewayResponses") ?? [:])
    }
}

/// How documents are keyed in the store: one row per API, per resource (its own fields) and per
/// method (with everything below it), so a change to one integration response rewrites one
/// method's document, not the whole resource's.
enum DocumentKey {
    static func api(_ id: String) -> String { "a/\(id)" }
    static func apiPrefix(_ id: String) -> String { "a/\(id)/" }
    static func resource(_ api: String, _ id: String) -> String { "a/\(api)/r/\(id)" }
    static func method(_ api: String, _ resource: String, _ httpMethod: String) -> String { "a/\(api)/m/\(resource)/\(httpMethod)" }
    static func methodPrefix(_ api: String, _ resource: String) -> String { "a/\(api)/m/\(resource)/" }
    static func deployment(_ api: String, _ id: String) -> String { "a/\(api)/d/\(id)" }
    static func stage(_ api: String, _ name: String) -> String { "a/\(api)/s/\(name)" }
    static func gatewayResponse(_ api: String, _ type: String) -> String { "a/\(api)/g/\(type)" }

    /// What a key names, for loading: the API and, below it, a kind letter and a name.
    enum Parsed {
        case api(String)
        case child(api: String, kind: Substring, name: String)
        case unknown
    }

    static func parse(_ key: String) -> Parsed {
        let parts = key.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.first == "a" else { return .unknown }
        if parts.count == 2 { return .api(String(parts[1])) }
        if parts.count == 4 { return .child(api: String(parts[1]), kind: parts[2], name: String(parts[3])) }
        return .unknown
    }
}
