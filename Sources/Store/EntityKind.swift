import APIGatewayModel
import Foundation
import HashTreeCollections

/// One kind of persisted entity, declared once in `EntityKind.table`: where its documents
/// live (the account, or one REST API), how a document is read into the model and written
/// from it. Adding a family of entities is one entry in the table; nothing else in the store
/// names kinds.
///
/// Keys: a REST API's own document is `a/{id}`; what belongs to it `a/{id}/{code}/{name}`;
/// account-level documents `c/{code}/{name}`. Names may contain `/`.
public struct EntityKind: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        /// The REST API document itself (`a/{name}`); everything of that API lives under it.
        case restApi
        /// A collection of one REST API.
        case perAPI
        /// A collection of the account.
        case account
    }

    /// The key segment naming the collection.
    public let code: String
    public let scope: Scope
    /// Reads one stored document into the model; returns documents to rewrite (format upgrades).
    let read: @Sendable (_ model: inout ModelState, _ api: String?, _ name: String, _ bytes: [UInt8]) throws -> [DirtyDocument]
    /// The document's bytes, or nil when the model no longer holds the entity.
    let write: @Sendable (_ model: ModelState, _ api: String?, _ name: String) -> [UInt8]?
    /// Key prefixes of documents that live under this one and go when it goes.
    let dependents: @Sendable (_ api: String?, _ name: String) -> [String]

    public static func == (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.code == rhs.code && lhs.scope == rhs.scope }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(scope)
    }

    /// The storage key of the entity `name` (of REST API `api` for per-API kinds).
    func key(api: String?, name: String) -> String {
        switch scope {
        case .restApi: "a/" + name
        case .perAPI: "a/" + (api ?? "") + "/" + code + "/" + name
        case .account: "c/" + code + "/" + name
        }
    }

    /// What a stored key names: its kind, API and name; nil for keys no kind claims.
    static func parse(_ key: String) -> (kind: EntityKind, api: String?, name: String)? {
        let parts = key.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        switch parts.first {
        case "a" where parts.count == 2:
            return (.restApi, nil, String(parts[1]))
        case "a" where parts.count == 4:
            return perAPIByCode[String(parts[2])].map { ($0, String(parts[1]), String(parts[3])) }
        case "c" where parts.count >= 3:
            let name = parts.count == 4 ? parts[2...].joined(separator: "/") : String(parts[2])
            return accountByCode[String(parts[1])].map { ($0, nil, name) }
        default:
            return nil
        }
    }

    private static let perAPIByCode = Dictionary(uniqueKeysWithValues: table.filter { $0.scope == .perAPI }.map { ($0.code, $0) })
    private static let accountByCode = Dictionary(uniqueKeysWithValues: table.filter { $0.scope == .account }.map { ($0.code, $0) })
}

/// A keyed collection of the model (`Dictionary` or `TreeDictionary` keyed by name).
public protocol DocumentMap: SendableMetatype {
    associatedtype Value
    subscript(key: String) -> Value? { get set }
}

extension Dictionary: DocumentMap where Key == String {}
extension TreeDictionary: DocumentMap where Key == String {}

extension EntityKind {
    /// A collection of each REST API, at `path` of `APIState`.
    static func perAPI<M: DocumentMap>(_ code: String, _ path: WritableKeyPath<APIState, M>, capacity: Int = 1024) -> EntityKind
    where M.Value: JSONWritable & JSONReadable & SendableMetatype {
        nonisolated(unsafe) let path = path
        return EntityKind(
            code: code, scope: .perAPI,
            read: { model, api, name, bytes in
                guard let api, model.apis[api] != nil else { return [] }
                let value = try M.Value.read(bytes)
                model.apis[api]?[keyPath: path][name] = value
                return []
            },
            write: { model, api, name in
                api.flatMap { model.apis[$0]?[keyPath: path][name] }.map { $0.storageBytes(capacity: capacity) }
            },
            dependents: { _, _ in [] })
    }

    /// A collection of the account, at `path` of `AccountState`.
    static func account<M: DocumentMap>(_ code: String, _ path: WritableKeyPath<AccountState, M>) -> EntityKind
    where M.Value: JSONWritable & JSONReadable & SendableMetatype {
        nonisolated(unsafe) let path = path
        return EntityKind(
            code: code, scope: .account,
            read: { model, _, name, bytes in
                model.account[keyPath: path][name] = try M.Value.read(bytes)
                return []
            },
            write: { model, _, name in model.account[keyPath: path][name].map { $0.storageBytes(capacity: 512) } },
            dependents: { _, _ in [] })
    }
}
