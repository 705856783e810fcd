import APIGatewayModel
import Foundation

/// The whole API Gateway model of one Portico instance, as an immutable value.
///
/// Readers take the current value under a lock and work on it without holding the lock; a
/// writer builds the next value and publishes it after the store committed it.
public struct ModelState: Sendable {
    public var apis: [String: APIState] = [:]

    public init() {}
}

/// One REST API and everything that hangs off it.
public struct APIState: Sendable {
    /// The API's own fields (id, name, createdDate, rootResourceId, …).
    public var restApi: RestApi
    /// Resources by id; each carries its methods, method responses, integration and
    /// integration responses (the shape GetResource returns with `embed=methods`).
    public var resources: [String: Resource]

    public init(restApi: RestApi, resources: [String: Resource] = [:]) {
        self.restApi = restApi
        self.resources = resources
    }

    public var id: String { restApi.id ?? "" }
}

/// Which persisted documents a write touched; the store rewrites exactly these.
public enum DirtyDocument: Sendable, Hashable {
    /// The RestApi fields of an API (not its resources).
    case api(String)
    /// One resource with all it embeds.
    case resource(api: String, id: String)
    /// An API and everything under it is gone.
    case deletedAPI(String)
    /// A resource is gone.
    case deletedResource(api: String, id: String)
    /// Everything is gone (reset).
    case everything
}

/// How documents are keyed in the store: one row per API and one per resource.
enum DocumentKey {
    static func api(_ id: String) -> String { "a/\(id)" }
    static func apiPrefix(_ id: String) -> String { "a/\(id)/" }
    static func resource(_ api: String, _ id: String) -> String { "a/\(api)/r/\(id)" }

    /// What a key names, for loading.
    enum Parsed {
        case api(String)
        case resource(api: String, id: String)
        case unknown
    }

    static func parse(_ key: String) -> Parsed {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first == "a" else { return .unknown }
        if parts.count == 2 { return .api(String(parts[1])) }
        if parts.count == 4, parts[2] == "r" { return .resource(api: String(parts[1]), id: String(parts[3])) }
        return .unknown
    }
}
