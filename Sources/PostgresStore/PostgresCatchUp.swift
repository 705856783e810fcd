import Foundation
import PostgresNIO
import Store

/// How an instance learns what the others committed: LISTEN on the change channel, and on
/// each notification (and on every (re)connection, for what was missed meanwhile) read the
/// change log past the last sequence number applied, then reload the documents of the scopes
/// it names and hand them to the model.
extension PostgresDocumentStorage {
    /// Starts the listener: one connection of its own, reconnected every 250 ms while the
    /// database is away; and a catch-up every 2 s whatever the listener heard, for a listening
    /// connection that went silent without closing.
    func startListening() {
        let poller = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                requestCatchUp()
            }
        }
        let task = Task { [self] in
            while !Task.isCancelled {
                do {
                    let connection = try await connect()
                    do {
                        try await connection.listen(on: Self.channel) { notifications in
                            requestCatchUp()
                            for try await notification in notifications {
                                if let sequence = Int64(notification.payload),
                                    sequence <= shared.withLock({ max($0.seen, $0.committing) })
                                {
                                    continue  // this instance's own write
                                }
                                requestCatchUp()
                            }
                        }
                    } catch {
                        logger.debug("change listener lost its connection: \(Self.describe(error))")
                    }
                    try? await connection.close()
                } catch {
                    logger.debug("change listener cannot connect: \(Self.describe(error))")
                }
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        shared.withLock { $0.listeners = [task, poller] }
    }

    /// Schedules one catch-up; requests made before it starts are served by it.
    func requestCatchUp() {
        let schedule = shared.withLock { state in
            if state.catchUpQueued || state.apply == nil { return false }
            state.catchUpQueued = true
            return true
        }
        guard schedule else { return }
        Task {
            try? await gate.withGate {
                self.shared.withLock { $0.catchUpQueued = false }
                let connection = try await self.writerConnection()
                let watchdog = Self.watchdog(connection)
                defer { watchdog.cancel() }
                do {
                    // One snapshot: the log and the documents agree.
                    _ = try await Self.send("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", on: connection, self.logger).get()
                    try await self.catchUp(connection)
                    _ = try await Self.send("COMMIT", on: connection, self.logger).get()
                } catch {
                    await self.rollBack(connection)
                }
            }
        }
    }

    /// Applies to the model what the change log holds past `seen` (inside a transaction the
    /// caller opened; under `gate`).
    func catchUp(_ connection: PostgresConnection) async throws {
        let seen = shared.withLock { $0.seen }
        let rows = try await Self.send(Self.changes(after: seen), on: connection, logger).get().rows
        try await apply(rows, after: seen, connection)
    }

    /// The change log past `seen`: rows of (seq, scopes).
    static func changes(after seen: Int64) -> PostgresQuery {
        "SELECT seq, scopes FROM portico_changes WHERE seq > \(seen) ORDER BY seq"
    }

    /// Hands the model the current documents of the scopes the log `rows` (read past `seen`)
    /// name. A gap in the sequence (the log was pruned past this instance, or a write rolled
    /// back after taking its number) reloads everything.
    func apply(_ rows: [PostgresRow], after seen: Int64, _ connection: PostgresConnection) async throws {
        guard let apply = shared.withLock({ $0.apply }) else { return }
        var scopes: Set<RemoteChanges.Scope> = []
        var last = seen
        for row in rows {
            let (sequence, names) = try row.decode((Int64, [String]).self)
            if last == seen, sequence != seen + 1 { scopes.insert(.everything) }
            scopes.formUnion(names.map(PostgresSchema.decode))
            last = sequence
        }
        guard last > seen else { return }
        let documents = try await documents(of: scopes, connection)
        apply(RemoteChanges(scopes: scopes.contains(.everything) ? [.everything] : scopes, documents: documents))
        shared.withLock { $0.seen = last }
    }

    /// The current documents of `scopes`, in key order.
    private func documents(of scopes: Set<RemoteChanges.Scope>, _ connection: PostgresConnection) async throws -> [(
        key: String, value: Data
    )] {
        if scopes.contains(.everything) { return try await allDocuments(connection) }
        var exact: [String] = []
        var prefixes: [String] = []
        for scope in scopes {
            switch scope {
            case .api(let id):
                exact.append("a/" + id)
                prefixes.append("a/" + id + "/")
            case .account: prefixes.append("c/")
            case .everything: break
            }
        }
        let rows = try await Self.send(
            """
            SELECT key, value FROM portico_documents
            WHERE key = ANY(\(exact)) OR EXISTS (SELECT 1 FROM unnest(\(prefixes)::text[]) AS p WHERE starts_with(key, p))
            ORDER BY key
            """, on: connection, logger
        ).get().rows
        return try rows.map { row in
            let (key, value) = try row.decode((String, Data).self)
            return (key, value)
        }
    }
}
