import Logging
import PostgresNIO
import Store

/// The tables of `PostgresDocumentStorage`, created and migrated at start under the writers'
/// advisory lock (so instances starting together do not race), and the change log's encoding
/// of scopes.
enum PostgresSchema {
    /// Each version's statements, applied in order to a database at an earlier version.
    static let migrations: [(version: Int, statements: [PostgresQuery])] = [
        (
            1,
            [
                // COLLATE "C": keys compare as bytes, as SQLite compares them.
                """
                CREATE TABLE portico_documents (
                    key text COLLATE "C" PRIMARY KEY,
                    value bytea NOT NULL
                )
                """,
                """
                CREATE TABLE portico_changes (
                    seq bigserial PRIMARY KEY,
                    scopes text[] NOT NULL,
                    committed_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                // Each logged write notifies the other instances (delivered at COMMIT), and every
                // 1,000th prunes the log to its last 10,000 entries.
                """
                CREATE FUNCTION portico_change_logged() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('portico_changes', NEW.seq::text);
                    IF NEW.seq % 1000 = 0 THEN
                        DELETE FROM portico_changes WHERE seq <= NEW.seq - 10000;
                    END IF;
                    RETURN NULL;
                END
                $$
                """,
                """
                CREATE TRIGGER portico_change_logged AFTER INSERT ON portico_changes
                FOR EACH ROW EXECUTE FUNCTION portico_change_logged()
                """,
            ]
        )
    ]

    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresDocumentStorage.writerLock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS portico_schema (version integer NOT NULL)", logger: logger)
            var current = 0
            for try await value in try await connection.query("SELECT coalesce(max(version), 0) FROM portico_schema", logger: logger)
                .decode(Int.self)
            {
                current = value
            }
            guard let latest = migrations.last?.version, current <= latest else {
                throw StorageUnavailableError(
                    reason: "the database holds schema version \(current), newer than this Portico's; upgrade Portico")
            }
            for (version, statements) in migrations where version > current {
                for statement in statements { try await connection.query(statement, logger: logger) }
                try await connection.query("INSERT INTO portico_schema (version) VALUES (\(version))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// A scope as stored in `portico_changes.scopes`: `*`, `c`, or `a/{id}`.
    static func encode(_ scope: RemoteChanges.Scope) -> String {
        switch scope {
        case .everything: "*"
        case .account: "c"
        case .api(let id): "a/" + id
        }
    }

    static func decode(_ text: String) -> RemoteChanges.Scope {
        switch text {
        case "c": .account
        case _ where text.hasPrefix("a/") && text.count > 2: .api(String(text.dropFirst(2)))
        default: .everything
        }
    }
}
