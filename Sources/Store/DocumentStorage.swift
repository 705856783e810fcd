import Foundation

/// A change to the persisted documents, applied inside one transaction.
public enum DocumentChange: Sendable, Equatable {
    /// Insert or replace the document at `key`.
    case put(key: String, value: Data)
    /// Delete the document at `key` (no error if absent).
    case delete(key: String)
    /// Delete every document whose key starts with the prefix.
    case deletePrefix(String)
    /// Delete every document.
    case deleteAll
}

/// Durable key → document storage: the write-through half of Portico's model. `ModelStore`
/// depends on this protocol only; SQLite (`SQLiteDocumentStorage`) is the embedded
/// implementation, and another database can stand behind it with the same contract.
///
/// The contract: writes are serialised; each `serialWrite` is one transaction whose result is
/// returned (and whose `publish` step runs) only after the transaction committed, so an
/// acknowledged write survives a crash. Reads of the model never reach the storage; it is read
/// whole once, at start.
public protocol DocumentStorage: Sendable {
    /// Every stored document in key order (read once at start-up).
    func loadAll() throws -> [(key: String, value: Data)]

    /// Runs `body` serially with every other write, persists the changes it appends in one
    /// transaction, then runs the `publish` step it returned, still in order. If `body` throws,
    /// or the commit fails, nothing is written and nothing is published.
    func serialWrite<T: Sendable>(
        _ body: @escaping @Sendable (_ changes: inout [DocumentChange]) throws -> (T, publish: @Sendable () -> Void)
    ) async throws -> T

    /// Applies `changes` in one transaction, synchronously (start-up only: format upgrades).
    func applyNow(_ changes: [DocumentChange]) throws

    /// Installs the receiver of what other instances committed. A storage shared by several
    /// instances (PostgreSQL) calls it serially with writes: before each write's `body` runs, so
    /// the body sees every committed change, and when it is told of another instance's commit.
    func observeRemoteChanges(_ apply: @escaping @Sendable (RemoteChanges) -> Void)
}

extension DocumentStorage {
    /// A storage of one instance (SQLite) has no one else's changes to deliver.
    public func observeRemoteChanges(_ apply: @escaping @Sendable (RemoteChanges) -> Void) {}
}

/// Documents other instances changed, delivered whole by scope: the model rebuilds the REST
/// APIs and account state they name from `documents` and keeps everything else.
public struct RemoteChanges: Sendable {
    public enum Scope: Sendable, Hashable {
        /// Every document (a reset, or a gap in the change log): the model is rebuilt whole.
        case everything
        /// The account-level documents (`c/…`).
        case account
        /// One REST API and everything under it (`a/{id}`, `a/{id}/…`).
        case api(String)
    }

    public var scopes: Set<Scope>
    /// Every current document of `scopes`, in key order.
    public var documents: [(key: String, value: Data)]

    public init(scopes: Set<Scope>, documents: [(key: String, value: Data)]) {
        self.scopes = scopes
        self.documents = documents
    }

    /// The scope a stored key, or a deleted key prefix, belongs to.
    public static func scope(ofKey key: String) -> Scope {
        let parts = key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        switch parts.first {
        case "a" where parts.count >= 2 && !parts[1].isEmpty: return .api(String(parts[1]))
        case "c": return .account
        default: return .everything
        }
    }

    /// The scopes `changes` touch.
    public static func scopes(of changes: [DocumentChange]) -> Set<Scope> {
        Set(
            changes.map { change in
                switch change {
                case .put(let key, _), .delete(let key), .deletePrefix(let key): scope(ofKey: key)
                case .deleteAll: .everything
                }
            })
    }
}

/// The storage could not be reached, or could not commit: nothing was written. The management
/// API answers it as AWS answers an outage, ServiceUnavailableException (503), without the
/// reason (which names the database's host; the storage logs it).
public struct StorageUnavailableError: Error, CustomStringConvertible {
    public let reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { "the database is unavailable (\(reason))" }
}
