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
}
