import APIGatewayModel
import Foundation
import Synchronization

/// The model served from memory and written through to a `DocumentStorage` (SQLite by default).
///
/// Reads never touch storage: they copy the current `ModelState` (a cheap, copy-on-write value)
/// under a lock. Writes are serialised by the storage, persisted in one transaction,
/// and published to readers only after the commit, so every acknowledged write is durable
/// and readers never see a write that could still be lost.
public final class ModelStore: Sendable {
    private let state: Mutex<ModelState>
    private let documents: any DocumentStorage

    /// Opens the SQLite store at `path` (nil: in memory).
    public convenience init(path: String?) throws {
        try self.init(storage: try SQLiteDocumentStorage(path: path))
    }

    /// Loads every document of `storage` into memory through the entity table, and rewrites
    /// once, in one transaction, the documents an earlier layout stored differently.
    public init(storage: any DocumentStorage) throws {
        documents = storage
        let (model, upgrades) = try Self.load(storage)
        if !upgrades.isEmpty {
            try storage.applyNow(Self.changes(for: upgrades, in: model))
        }
        state = Mutex(model)
        storage.observeRemoteChanges { [weak self] changes in self?.applyRemote(changes) }
    }

    /// The model, and the documents to rewrite in the current layout.
    private static func load(_ storage: any DocumentStorage) throws -> (ModelState, [DirtyDocument]) {
        try build(from: storage.loadAll())
    }

    /// The model `documents` describe, and the documents to rewrite in the current layout.
    static func build(from documents: [(key: String, value: Data)]) throws -> (ModelState, [DirtyDocument]) {
        var byKind: [EntityKind: [(api: String?, name: String, bytes: [UInt8])]] = [:]
        for (key, value) in documents {
            guard let (kind, api, name) = EntityKind.parse(key) else { continue }
            byKind[kind, default: []].append((api, name, Array(value)))
        }
        var model = ModelState()
        var upgrades: [DirtyDocument] = []
        for kind in EntityKind.table {
            for (api, name, bytes) in byKind[kind] ?? [] {
                upgrades += try kind.read(&model, api, name, bytes)
            }
        }
        return (model, upgrades)
    }

    /// Replaces the REST APIs and account state another instance changed with what its
    /// documents now say (the storage calls it serially with writes). A scope whose documents
    /// cannot be read keeps its current value: the instance that wrote them validated them.
    func applyRemote(_ changes: RemoteChanges) {
        guard let (fresh, _) = try? Self.build(from: changes.documents) else { return }
        state.withLock { model in
            if changes.scopes.contains(.everything) {
                model = fresh
            } else {
                for scope in changes.scopes {
                    switch scope {
                    case .api(let id): model.apis[id] = fresh.apis[id]
                    case .account: model.account = fresh.account
                    case .everything: break
                    }
                }
            }
            // Revisions only move forward, so the data plane's caches keyed on them see the change.
            if changes.scopes.contains(.account) || changes.scopes.contains(.everything) {
                model.account.apiKeys = model.account.apiKeys
                model.account.usage = model.account.usage
            }
        }
    }

    /// The current model. Cheap: the value is shared copy-on-write.
    public var current: ModelState {
        state.withLock { $0 }
    }

    /// One value read from the current model under the lock, without copying the model (for
    /// hot paths that need a single field, such as a revision).
    public func read<T: Sendable>(_ body: (borrowing ModelState) -> T) -> T {
        state.withLock { body($0) }
    }

    /// Applies `mutation` to the current model, persists the documents it reports dirty in one
    /// transaction, then publishes the new model. If `mutation` throws, nothing changes.
    public func write<T: Sendable, E: Error>(
        _ mutation: @escaping @Sendable (inout ModelState) throws(E) -> (T, [DirtyDocument])
    ) async throws -> T {
        try await documents.serialWrite { changes in
            var next = self.current
            let (result, dirty) = try mutation(&next)
            changes = Self.changes(for: dirty, in: next)
            let published = next
            return (result, { self.state.withLock { $0 = published } })
        }
    }

    /// The storage changes that make the stored documents match `model` for `dirty`: each
    /// document's current bytes, or its deletion with its dependents. Deletions come first, so
    /// a put in the same batch is not undone by a prefix delete.
    static func changes(for dirty: [DirtyDocument], in model: ModelState) -> [DocumentChange] {
        var deletions: [DocumentChange] = []
        var puts: [DocumentChange] = []
        for item in Set(dirty) {
            if item.kind == .everything {
                deletions.insert(.deleteAll, at: 0)
                continue
            }
            let key = item.kind.key(api: item.api, name: item.name)
            if let bytes = item.kind.write(model, item.api, item.name) {
                puts.append(.put(key: key, value: Data(bytes)))
            } else {
                deletions.append(.delete(key: key))
                deletions += item.kind.dependents(item.api, item.name).map(DocumentChange.deletePrefix)
            }
        }
        return deletions + puts
    }
}
