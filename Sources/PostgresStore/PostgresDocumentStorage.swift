import Foundation
import Logging
import NIOCore
import PostgresNIO
import Store
import Synchronization

/// `DocumentStorage` on PostgreSQL, shared by several Portico instances (`--database-url`).
///
/// Tables: `portico_documents` (key → the same JSON documents SQLite stores) and
/// `portico_changes`, a log of committed writes (a sequence number and the scopes each
/// touched: one REST API, the account, or everything).
///
/// A write, on the instance's one writer connection, is one transaction that first takes a
/// transaction-level advisory lock (so writers of every instance run one at a time, in commit
/// order), then applies to the model what other instances committed since this one last
/// looked, then runs `body` on that current model, stores its changes, appends them to the log
/// and `pg_notify`s the new sequence number. The result is returned, and the model published,
/// only after COMMIT. Two instances writing the same API therefore never lose a write: the
/// second runs its body on the first's result.
///
/// Every instance LISTENs on the channel; a notification makes it read the log past the last
/// sequence it saw and reload the documents of the scopes named there (`PostgresCatchUp.swift`).
/// When the database cannot be reached, a write throws `StorageUnavailableError` and changes
/// nothing; reads never reach the database.
public final class PostgresDocumentStorage: DocumentStorage {
    static let channel = "portico_changes"
    /// Key of the transaction-level advisory lock every writer holds until it commits.
    static let writerLock: Int64 = 0x506F_7274_6963_6F

    public let url: PostgresURL
    let logger: Logger
    let gate = AsyncGate()
    let shared = Mutex(Shared())

    struct Shared {
        /// The writer connection (used only under `gate`); nil after it failed.
        var connection: PostgresConnection?
        /// The last change-log sequence number this instance's model reflects.
        var seen: Int64 = 0
        /// The sequence number of this instance's write being committed: its notification may
        /// arrive before COMMIT's answer, and needs no catch-up.
        var committing: Int64 = 0
        var apply: (@Sendable (RemoteChanges) -> Void)?
        /// What `open` read, handed to the model once.
        var initial: [(key: String, value: Data)] = []
        var catchUpQueued = false
        var listeners: [Task<Void, Never>] = []
        var nextConnectionID = 1
    }

    private init(url: PostgresURL, logger: Logger) {
        self.url = url
        self.logger = logger
    }

    /// Connects, creates or migrates the schema, reads every document and starts listening
    /// for other instances' commits. Throws `PostgresStartError` (one line, no password) when
    /// the database cannot be reached or used.
    public static func open(url: PostgresURL, logger: Logger) async throws -> PostgresDocumentStorage {
        let storage = PostgresDocumentStorage(url: url, logger: logger)
        let connection: PostgresConnection
        do {
            connection = try await storage.connect()
        } catch {
            throw PostgresStartError(description: "cannot connect to \(url.redacted): \(describe(error))")
        }
        do {
            try await PostgresSchema.migrate(connection, logger: logger)
            let (seen, documents) = try await storage.snapshot(connection)
            storage.shared.withLock {
                $0.connection = connection
                $0.seen = seen
                $0.initial = documents
            }
        } catch {
            try? await connection.close()
            throw PostgresStartError(description: "cannot use \(url.redacted): \(describe(error))")
        }
        storage.startListening()
        return storage
    }

    /// Stops listening and closes the writer connection.
    public func close() async {
        let (listeners, connection) = shared.withLock { ($0.listeners, $0.connection) }
        for listener in listeners { listener.cancel() }
        try? await connection?.close()
    }

    func connect() async throws -> PostgresConnection {
        let id = shared.withLock { state in
            defer { state.nextConnectionID += 1 }
            return state.nextConnectionID
        }
        // The configuration's timeout covers TCP's connect; this one the start-up exchange too,
        // which a server that stopped answering would leave pending for ever (and cancelling
        // the connect does not end). A connection that arrives after it is closed.
        let eventLoop = PostgresConnection.defaultEventLoopGroup.any()
        let connecting: EventLoopFuture<PostgresConnection> = PostgresConnection.connect(
            on: eventLoop, configuration: url.configuration, id: id, logger: logger)
        return try await Self.within(.seconds(5), connecting) { late in
            let closing: EventLoopFuture<Void> = late.close()
            _ = closing
        }.get()
    }

    /// Sends `query` now (statements sent one after another run in that order: pipelining);
    /// its result, or a `StorageUnavailableError` after 16 s, a backstop behind the watchdog.
    static func send(_ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger) -> EventLoopFuture<PostgresQueryResult> {
        let sent: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        return within(.seconds(16), sent)
    }

    /// `future`, or a `StorageUnavailableError` after `limit` if it has not completed by then;
    /// a value that arrives later goes to `late`. (A query sent on a connection that is being
    /// closed may never complete: nothing awaits such a future without a limit.)
    static func within<T: Sendable>(
        _ limit: TimeAmount, _ future: EventLoopFuture<T>, late: @escaping @Sendable (T) -> Void = { _ in }
    ) -> EventLoopFuture<T> {
        let result = future.eventLoop.makePromise(of: T.self)
        let settled = Once()
        let timeout = future.eventLoop.scheduleTask(in: limit) {
            if settled.claim() { result.fail(StorageUnavailableError(reason: "no answer within \(limit.nanoseconds / 1_000_000_000) s")) }
        }
        future.whenComplete { outcome in
            timeout.cancel()
            switch outcome {
            case .success(let value):
                if settled.claim() { result.succeed(value) } else { late(value) }
            case .failure(let error):
                if settled.claim() { result.fail(error) }
            }
        }
        return result.futureResult
    }

    /// The sequence number and the documents, as of one snapshot.
    private func snapshot(_ connection: PostgresConnection) async throws -> (Int64, [(key: String, value: Data)]) {
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
        var seen: Int64 = 0
        for try await value in try await connection.query("SELECT coalesce(max(seq), 0) FROM portico_changes", logger: logger)
            .decode(Int64.self)
        {
            seen = value
        }
        let documents = try await allDocuments(connection)
        try await connection.query("COMMIT", logger: logger)
        return (seen, documents)
    }

    func allDocuments(_ connection: PostgresConnection) async throws -> [(key: String, value: Data)] {
        let rows = try await Self.send("SELECT key, value FROM portico_documents ORDER BY key", on: connection, logger).get().rows
        return try rows.map { row in
            let (key, value) = try row.decode((String, Data).self)
            return (key, value)
        }
    }

    public func loadAll() throws -> [(key: String, value: Data)] {
        shared.withLock { state in
            defer { state.initial = [] }
            return state.initial
        }
    }

    public func observeRemoteChanges(_ apply: @escaping @Sendable (RemoteChanges) -> Void) {
        shared.withLock { $0.apply = apply }
        requestCatchUp()
    }

    /// A failure of `body` itself, told apart from the database's.
    private struct BodyFailure: Error {
        let error: any Error
    }

    public func serialWrite<T: Sendable>(
        _ body: @escaping @Sendable (_ changes: inout [DocumentChange]) throws -> (T, publish: @Sendable () -> Void)
    ) async throws -> T {
        try await gate.withGate {
            let connection = try await self.writerConnection()
            let logger = self.logger
            let watchdog = Self.watchdog(connection)
            defer { watchdog.cancel() }
            do {
                // Statements are pipelined: each is sent at once and the server runs them in
                // order, so a write costs two round trips (three when another instance wrote).
                // The log is read after the lock is held, so it holds every earlier commit.
                let seen = self.shared.withLock { $0.seen }
                let begin = Self.send("BEGIN", on: connection, logger)
                let lock = Self.send("SELECT pg_advisory_xact_lock(\(Self.writerLock))", on: connection, logger)
                let log = Self.send(Self.changes(after: seen), on: connection, logger)
                _ = try await begin.get()
                _ = try await lock.get()
                try await self.apply(try await log.get().rows, after: seen, connection)
                var changes: [DocumentChange] = []
                let (result, publish): (T, @Sendable () -> Void)
                do {
                    (result, publish) = try body(&changes)
                } catch {
                    throw BodyFailure(error: error)
                }
                var sequence: Int64?
                var pending: [EventLoopFuture<PostgresQueryResult>] = []
                if !changes.isEmpty {
                    pending = try Self.queries(for: changes).map { Self.send($0, on: connection, logger) }
                    // The change log's trigger notifies the other instances (delivered at COMMIT).
                    let scopes = RemoteChanges.scopes(of: changes).map(PostgresSchema.encode).sorted()
                    pending.append(Self.send("INSERT INTO portico_changes (scopes) VALUES (\(scopes)) RETURNING seq", on: connection, logger))
                }
                let commit = Self.send("COMMIT", on: connection, logger)
                for statement in pending {
                    // A failed statement aborts the transaction: its COMMIT only rolls back.
                    let rows = try await statement.get().rows
                    if let row = rows.first { sequence = try row.decode(Int64.self) }
                }
                if let sequence { self.shared.withLock { $0.committing = sequence } }
                _ = try await commit.get()
                if let sequence { self.shared.withLock { $0.seen = sequence } }
                publish()
                return result
            } catch let failure as BodyFailure {
                await self.rollBack(connection)
                throw failure.error
            } catch {
                // Not committed, or not known to be: nothing is published. Had COMMIT reached
                // the server after all, the catch-up brings the change in like another's.
                await self.rollBack(connection)
                self.logger.warning("write not committed: \(Self.describe(error))")
                // Had the COMMIT landed after all, its notification was taken for this
                // instance's own: look at the log once the database answers again.
                self.requestCatchUp()
                throw StorageUnavailableError(reason: Self.describe(error))
            }
        }
    }

    /// The statements that make `changes`, in order.
    static func queries(for changes: [DocumentChange]) throws -> [PostgresQuery] {
        try changes.map { change -> PostgresQuery in
            switch change {
            case .put(let key, let value):
                try "INSERT INTO portico_documents (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
            case .delete(let key):
                "DELETE FROM portico_documents WHERE key = \(key)"
            case .deletePrefix(let prefix):
                "DELETE FROM portico_documents WHERE starts_with(key, \(prefix))"
            case .deleteAll:
                "DELETE FROM portico_documents"
            }
        }
    }

    /// Start-up format upgrades, applied synchronously on the writer connection.
    public func applyNow(_ changes: [DocumentChange]) throws {
        guard !changes.isEmpty else { return }
        guard let connection = shared.withLock({ $0.connection }) else {
            throw StorageUnavailableError(reason: "not connected")
        }
        let logger = logger
        let queries: [PostgresQuery]
        do {
            queries = try Self.queries(for: changes) + ["COMMIT"]
        } catch {
            throw StorageUnavailableError(reason: Self.describe(error))
        }
        var future = connection.query("BEGIN", logger: logger).map { _ in }
        for query in queries {
            future = future.flatMap { connection.query(query, logger: logger).map { _ in } }
        }
        do {
            try future.wait()
        } catch {
            throw StorageUnavailableError(reason: Self.describe(error))
        }
    }

    /// The writer connection, connecting anew if the last one failed; throws
    /// `StorageUnavailableError` when the database cannot be reached. Called under `gate`.
    func writerConnection() async throws -> PostgresConnection {
        if let connection = shared.withLock({ $0.connection }), !connection.isClosed { return connection }
        do {
            let connection = try await connect()
            shared.withLock { $0.connection = connection }
            return connection
        } catch {
            logger.warning("cannot connect to \(url.redacted): \(Self.describe(error))")
            throw StorageUnavailableError(reason: "cannot connect to \(url.redacted): \(Self.describe(error))")
        }
    }

    /// Closes `connection` in 15 s unless cancelled first: a database that stops answering (not
    /// one that went away: its connections close) fails the write or catch-up holding the gate
    /// then, instead of holding every write of the instance.
    static func watchdog(_ connection: PostgresConnection) -> Scheduled<Void> {
        connection.eventLoop.scheduleTask(in: .seconds(15)) {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
        }
    }

    /// Ends a failed transaction; a connection that cannot is dropped (the next write connects anew).
    func rollBack(_ connection: PostgresConnection) async {
        do {
            guard !connection.isClosed else { throw StorageUnavailableError(reason: "closed") }
            let rollback: EventLoopFuture<PostgresQueryResult> = connection.query("ROLLBACK", logger: logger)
            _ = try await Self.within(.seconds(2), rollback).get()
        } catch {
            shared.withLock { if $0.connection === connection { $0.connection = nil } }
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
        }
    }

    /// A one-line account of a database error: the server's message, or why no connection.
    static func describe(_ error: any Error) -> String {
        let text: String
        if let error = error as? StorageUnavailableError {
            text = error.reason
        } else if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                text = message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            } else if let underlying = error.underlying {
                text = "\(underlying)"
            } else {
                text = "\(error.code)"
            }
        } else {
            text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Why the database could not be opened at start: one line, the URL without its password.
public struct PostgresStartError: Error, CustomStringConvertible {
    public let description: String
}

/// Claimed once: whichever of two racing callbacks comes first settles a promise.
private final class Once: Sendable {
    private let done = Atomic<Bool>(false)

    func claim() -> Bool { done.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged }
}
