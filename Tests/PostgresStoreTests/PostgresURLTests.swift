import Store
import XCTest

@testable import PostgresStore

/// `--database-url` parsing (libpq's URL form) and the change log's scope encoding; the storage
/// itself is tested end to end against a real cluster (tests/e2e/test_postgres.py).
final class PostgresURLTests: XCTestCase {
    func testAFullURL() throws {
        let url = try PostgresURL("postgres://alice:p%40ss@db.example:6543/portico?sslmode=disable")
        XCTAssertEqual(url.configuration.host, "db.example")
        XCTAssertEqual(url.configuration.port, 6543)
        XCTAssertEqual(url.configuration.username, "alice")
        XCTAssertEqual(url.configuration.password, "p@ss")
        XCTAssertEqual(url.configuration.database, "portico")
        XCTAssertEqual(url.redacted, "postgres://alice@db.example:6543/portico")
    }

    func testDefaultsFollowLibpq() throws {
        let url = try PostgresURL("postgresql://bob@localhost")
        XCTAssertEqual(url.configuration.port, 5432)
        XCTAssertEqual(url.configuration.database, "bob", "the database defaults to the user's name")
        XCTAssertNil(url.configuration.password)
        XCTAssertEqual(url.redacted, "postgresql://bob@localhost:5432/bob")
    }

    func testOtherSchemesAndSSLModesAreRefusedWithoutThePassword() {
        XCTAssertThrowsError(try PostgresURL("mysql://u:secret@h/d")) { error in
            XCTAssertFalse("\(error)".contains("secret"), "\(error)")
            XCTAssertTrue("\(error)".contains("mysql://u:***@h/d"), "\(error)")
        }
        XCTAssertThrowsError(try PostgresURL("postgres://u@h/d?sslmode=sometimes"))
    }

    func testScopesRoundTripThroughTheLog() {
        for scope: RemoteChanges.Scope in [.everything, .account, .api("abc123"), .api("with/slash")] {
            XCTAssertEqual(PostgresSchema.decode(PostgresSchema.encode(scope)), scope)
        }
        XCTAssertEqual(PostgresSchema.decode("unknown"), .everything, "anything unreadable reloads everything")
    }
}
