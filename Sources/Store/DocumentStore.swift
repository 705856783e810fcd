import Foundation
import GRDB

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

/// Durable key → document storage on SQLite (GRDB), the write-through half of Portico's model.
///
/// The model is served from memory; this store only persists it. Writes are serialised on
/// GRDB's writer queue and each `serialWrite` is one transaction: its result is returned (and
/// its `publish` step run) only after SQLite committed, so an acknowledged write survives a
/// `kill -9`. The database runs in WAL mode with `synchronous=NORMAL`, which loses nothing on
/// a process crash (only, possibly, the last transactions on an OS crash or power loss).
public final class DocumentStore: Sendable {
    private let queue: DatabaseQueue
    /// Where the database lives; nil when running in memory.
    public let path: String?

    /// Opens (creating if needed) the database at `path`, or an in-memory database when nil.
    public init(path: String?) throws {
        var config = Configuration()
        config.label = "portico.store"
        if path != nil {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        if let path {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            queue = try DatabaseQueue(path: path, configuration: config)
        } else {
            queue = try DatabaseQueue(configuration: config)
        }
        self.path = path
        try Self.migrator.migrate(queue)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-documents") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }

    /// Every stored document in key order (read once at start-up).
    public func loadAll() throws -> [(key: String, value: Data)] {
        try queue.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM documents ORDER BY key")
            var out: [(key: String, value: Data)] = []
            while let row = try rows.next() {
                out.append((row[0], row[1]))
            }
            return out
        }
    }

    /// Runs `body` serially with every other write, persists the changes it appends in one
    /// transaction, then runs the `publish` step it returned, still in order. If `body` throws,
    /// or the commit fails, nothing is written and nothing is published.
    public func serialWrite<T: Sendable>(
        _ body: @escaping @Sendable (_ changes: inout [DocumentChange]) throws -> (T, publish: @Sendable () -> Void)
    ) async throws -> T {
        try await queue.writeWithoutTransaction { db in
            var changes: [DocumentChange] = []
            let (result, publish) = try body(&changes)
            if !changes.isEmpty {
                try db.inTransaction(.immediate) {
                    try Self.apply(changes, db)
                    return .commit
                }
            }
            publish()
            return result
        }
    }

    /// Applies `changes` in one transaction, synchronously (start-up only: format upgrades).
    public func applyNow(_ changes: [DocumentChange]) throws {
        try queue.write { db in try Self.apply(changes, db) }
    }

    private static func apply(_ changes: [DocumentChange], _ db: Database) throws {
        for change in changes {
            switch change {
            case .put(let key, let value):
                try db.execute(sql: "INSERT OR REPLACE INTO documents (key, value) VALUES (?, ?)",
                               arguments: [key, value])
            case .delete(let key):
                try db.execute(sql: "DELETE FROM documents WHERE key = ?", arguments: [key])
            case .deletePrefix(let prefix):
                try db.execute(sql: "DELETE FROM documents WHERE key >= ? AND key < ?",
                               arguments: [prefix, prefix + "\u{FFFF}"])
            case .deleteAll:
                try db.execute(sql: "DELETE FROM documents")
            }
        }
    }
}
