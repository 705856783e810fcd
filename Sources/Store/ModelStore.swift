import APIGatewayModel
import Foundation
import Synchronization

/// The model served from memory and written through to SQLite.
///
/// Reads never touch disk: they copy the current `ModelState` (a cheap, copy-on-write value)
/// under a lock. Writes are serialised by the document store, persisted in one transaction,
/// and published to readers only after the commit, so every acknowledged write is durable
/// and readers never see a write that could still be lost.
public final class ModelStore: Sendable {
    private let state: Mutex<ModelState>
    private let documents: DocumentStore

    /// Opens the store at `path` (nil: in memory) and loads every document into memory
    /// (every document through the shapes' JSON readers).
    public init(path: String?) throws {
        documents = try DocumentStore(path: path)
        let (model, legacy) = try Self.load(documents)
        // Resources stored by earlier versions embed their methods: rewrite them once, in one
        // transaction, as one document per resource and per method.
        if !legacy.isEmpty {
            try documents.applyNow(try Self.changes(for: legacy, in: model))
        }
        state = Mutex(model)
    }

    /// The model, and the resources whose documents still embed their methods.
    private static func load(_ documents: DocumentStore) throws -> (ModelState, [DirtyDocument]) {
        var model = ModelState()
        var children: [(api: String, kind: Substring, name: String, data: Data)] = []
        for (key, value) in try documents.loadAll() {
            switch DocumentKey.parse(key) {
            case .api(let id):
                let api = try RestApi.read(Array(value))
                model.apis[id] = APIState(restApi: api)
            case .child(let api, let kind, let name):
                children.append((api, kind, name, value))
            case .unknown:
                continue
            }
        }
        var legacy: [DirtyDocument] = []
        var methods: [(api: String, name: String, data: Data)] = []
        for (api, kind, name, data) in children where model.apis[api] != nil {
            switch kind {
            case "r":
                let resource = try Resource.read(Array(data))
                if resource.resourceMethods != nil { legacy.append(.resource(api: api, id: name)) }
                model.apis[api]?.resources[name] = resource
            case "m": methods.append((api, name, data))
            case "d": model.apis[api]?.deployments[name] = try DeploymentRecord.read(Array(data))
            case "s": model.apis[api]?.stages[name] = try Stage.read(Array(data))
            case "g": model.apis[api]?.gatewayResponses[name] = try GatewayResponse.read(Array(data))
            default: continue
            }
        }
        // Methods after their resources (keys sort `m` before `r`).
        for (api, name, data) in methods {
            let parts = name.split(separator: "/", maxSplits: 1)
            let resourceId = parts.first.map(String.init) ?? ""
            guard parts.count == 2, var resource = model.apis[api]?.resources[resourceId] else { continue }
            var byVerb = resource.resourceMethods ?? [:]
            byVerb[String(parts[1])] = try Method.read(Array(data))
            resource.resourceMethods = byVerb
            model.apis[api]?.resources[resourceId] = resource
        }
        return (model, legacy)
    }

    /// The current model. Cheap: the value is shared copy-on-write.
    public var current: ModelState {
        state.withLock { $0 }
    }

    /// Applies `mutation` to the current model, persists the documents it reports dirty in one
    /// transaction, then publishes the new model. If `mutation` throws, nothing changes.
    public func write<T: Sendable, E: Error>(
        _ mutation: @escaping @Sendable (inout ModelState) throws(E) -> (T, [DirtyDocument])
    ) async throws -> T {
        try await documents.serialWrite { changes in
            var next = self.current
            let (result, dirty) = try mutation(&next)
            changes = try Self.changes(for: dirty, in: next)
            let published = next
            return (result, { self.state.withLock { $0 = published } })
        }
    }

    private static func changes(for dirty: [DirtyDocument], in model: ModelState) throws -> [DocumentChange] {
        var out: [DocumentChange] = []
        for item in Set(dirty) {
            switch item {
            case .api(let id):
                if let api = model.apis[id] {
                    out.append(.put(key: DocumentKey.api(id), value: Data(api.restApi.jsonBytes(capacity: 1024))))
                }
            case .resource(let api, let id):
                guard var resource = model.apis[api]?.resources[id] else { continue }
                out.append(.deletePrefix(DocumentKey.methodPrefix(api, id)))
                for (verb, method) in resource.resourceMethods ?? [:] {
                    out.append(.put(key: DocumentKey.method(api, id, verb), value: Data(method.jsonBytes(capacity: 1024))))
                }
                resource.resourceMethods = nil
                out.append(.put(key: DocumentKey.resource(api, id), value: Data(resource.jsonBytes())))
            case .method(let api, let id, let verb):
                if let method = model.apis[api]?.resources[id]?.resourceMethods?[verb] {
                    out.append(.put(key: DocumentKey.method(api, id, verb), value: Data(method.jsonBytes(capacity: 1024))))
                } else {
                    out.append(.delete(key: DocumentKey.method(api, id, verb)))
                }
            case .deletedAPI(let id):
                out.append(.delete(key: DocumentKey.api(id)))
                out.append(.deletePrefix(DocumentKey.apiPrefix(id)))
            case .deletedResource(let api, let id):
                out.append(.delete(key: DocumentKey.resource(api, id)))
                out.append(.deletePrefix(DocumentKey.methodPrefix(api, id)))
            case .deployment(let api, let id):
                if let record = model.apis[api]?.deployments[id] {
                    out.append(.put(key: DocumentKey.deployment(api, id), value: Data(record.jsonBytes(capacity: 4096))))
                }
            case .deletedDeployment(let api, let id):
                out.append(.delete(key: DocumentKey.deployment(api, id)))
            case .stage(let api, let name):
                if let stage = model.apis[api]?.stages[name] {
                    out.append(.put(key: DocumentKey.stage(api, name), value: Data(stage.jsonBytes(capacity: 1024))))
                }
            case .deletedStage(let api, let name):
                out.append(.delete(key: DocumentKey.stage(api, name)))
            case .gatewayResponse(let api, let type):
                if let response = model.apis[api]?.gatewayResponses[type] {
                    out.append(.put(key: DocumentKey.gatewayResponse(api, type), value: Data(response.jsonBytes(capacity: 1024))))
                }
            case .deletedGatewayResponse(let api, let type):
                out.append(.delete(key: DocumentKey.gatewayResponse(api, type)))
            case .everything:
                out.append(.deleteAll)
            }
        }
        // Deletions first, so a put in the same batch is not undone by a prefix delete.
        out.sort { rank($0) < rank($1) }
        return out
    }

    private static func rank(_ change: DocumentChange) -> Int {
        switch change {
        case .deleteAll: 0
        case .deletePrefix, .delete: 1
        case .put: 2
        }
    }
}
