/// A persisted document a write touched, named by its kind and place. The store rewrites
/// exactly these after the mutation: the document's current value, or its deletion (with
/// everything under it) when the model no longer has it.
public struct DirtyDocument: Sendable, Hashable {
    public let kind: EntityKind
    /// The owning REST API, for per-API kinds.
    public let api: String?
    /// The entity's name within its collection.
    public let name: String

    public init(_ kind: EntityKind, api: String? = nil, name: String) {
        self.kind = kind
        self.api = api
        self.name = name
    }

    /// Every document is gone (reset).
    public static let everything = DirtyDocument(.everything, name: "")
}

// The names the control plane writes with; each is one entry of `EntityKind.table`.
extension DirtyDocument {
    /// The RestApi fields of an API (not what hangs off it); when the API is gone, everything under it.
    public static func api(_ id: String) -> DirtyDocument { DirtyDocument(.restApi, name: id) }
    public static func deletedAPI(_ id: String) -> DirtyDocument { .api(id) }
    /// One resource's own fields; when it is gone, its methods too.
    public static func resource(api: String, id: String) -> DirtyDocument { DirtyDocument(.resource, api: api, name: id) }
    public static func deletedResource(api: String, id: String) -> DirtyDocument { .resource(api: api, id: id) }
    /// One method with its method responses, integration and integration responses.
    public static func method(api: String, resource: String, httpMethod: String) -> DirtyDocument {
        DirtyDocument(.method, api: api, name: resource + "/" + httpMethod)
    }
    public static func deployment(api: String, id: String) -> DirtyDocument { DirtyDocument(.deployment, api: api, name: id) }
    public static func deletedDeployment(api: String, id: String) -> DirtyDocument { .deployment(api: api, id: id) }
    public static func stage(api: String, name: String) -> DirtyDocument { DirtyDocument(.stage, api: api, name: name) }
    public static func deletedStage(api: String, name: String) -> DirtyDocument { .stage(api: api, name: name) }
    public static func gatewayResponse(api: String, type: String) -> DirtyDocument { DirtyDocument(.gatewayResponse, api: api, name: type) }
    public static func deletedGatewayResponse(api: String, type: String) -> DirtyDocument { .gatewayResponse(api: api, type: type) }
}
