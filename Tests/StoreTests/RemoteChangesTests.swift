import APIGatewayModel
import Foundation
import Store
import Synchronization
import XCTest

/// What a storage shared by several instances delivers (`RemoteChanges`) and how the model
/// applies it: the scopes named are rebuilt from their documents, everything else is kept.
final class RemoteChangesTests: XCTestCase {
    /// A shared storage over one SQLite file: `deliver` hands the model the current documents of
    /// some scopes, as the PostgreSQL storage does after another instance's commit.
    private final class SharedFile: DocumentStorage {
        let file: SQLiteDocumentStorage
        private let handler = Mutex<(@Sendable (RemoteChanges) -> Void)?>(nil)

        init(_ file: SQLiteDocumentStorage) { self.file = file }

        func loadAll() throws -> [(key: String, value: Data)] { try file.loadAll() }
        func serialWrite<T: Sendable>(
            _ body: @escaping @Sendable (inout [DocumentChange]) throws -> (T, publish: @Sendable () -> Void)
        ) async throws -> T { try await file.serialWrite(body) }
        func applyNow(_ changes: [DocumentChange]) throws { try file.applyNow(changes) }
        func observeRemoteChanges(_ apply: @escaping @Sendable (RemoteChanges) -> Void) { handler.withLock { $0 = apply } }

        func deliver(_ scopes: Set<RemoteChanges.Scope>) throws {
            let documents = try file.loadAll().filter { scopes.contains(.everything) || scopes.contains(RemoteChanges.scope(ofKey: $0.key)) }
            handler.withLock { $0 }?(RemoteChanges(scopes: scopes, documents: documents))
        }
    }

    private struct Refusal: Error {}

    private func addAPI(_ store: ModelStore, _ id: String, description: String? = nil) async throws {
        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            var api = APIState(restApi: RestApi(id: id, name: "n-\(id)", description: description))
            api.resources["r1"] = Resource(id: "r1", path: "/")
            state.apis[id] = api
            return ((), [.api(id), .resource(api: id, id: "r1")])
        }
    }

    func testScopesOfKeys() {
        XCTAssertEqual(RemoteChanges.scope(ofKey: "a/abc"), .api("abc"))
        XCTAssertEqual(RemoteChanges.scope(ofKey: "a/abc/m/r1/GET"), .api("abc"))
        XCTAssertEqual(RemoteChanges.scope(ofKey: "a/abc/"), .api("abc"))
        XCTAssertEqual(RemoteChanges.scope(ofKey: "c/k/key1"), .account)
        XCTAssertEqual(RemoteChanges.scope(ofKey: "x"), .everything)
        XCTAssertEqual(
            RemoteChanges.scopes(of: [.put(key: "a/1/r/2", value: Data()), .delete(key: "c/u/p"), .deletePrefix("a/3/")]),
            [.api("1"), .account, .api("3")])
        XCTAssertEqual(RemoteChanges.scopes(of: [.deleteAll]), [.everything])
    }

    /// Instance B rebuilds the API another instance changed, drops the one it deleted, and
    /// keeps what no change named.
    func testTheNamedScopesAreRebuiltAndTheRestKept() async throws {
        let file = try SQLiteDocumentStorage(path: nil)
        let writer = try ModelStore(storage: file)
        try await addAPI(writer, "one")
        try await addAPI(writer, "two")
        let shared = SharedFile(file)
        let reader = try ModelStore(storage: shared)
        XCTAssertEqual(Set(reader.current.apis.keys), ["one", "two"])

        try await writer.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["one"]?.restApi.description = "changed"
            state.apis["two"] = nil
            state.apis["three"] = APIState(restApi: RestApi(id: "three", name: "n-three"))
            return ((), [.api("one"), .deletedAPI("two"), .api("three")])
        }
        XCTAssertNil(reader.current.apis["three"], "nothing is applied before it is delivered")
        try shared.deliver([.api("one"), .api("two")])
        let state = reader.current
        XCTAssertEqual(state.apis["one"]?.restApi.description, "changed")
        XCTAssertEqual(state.apis["one"]?.resources["r1"]?.path, "/", "an API's own document changing keeps its resources")
        XCTAssertNil(state.apis["two"])
        XCTAssertNil(state.apis["three"], "a scope not delivered is kept as it was")
        try shared.deliver([.everything])
        XCTAssertEqual(Set(reader.current.apis.keys), ["one", "three"])
    }

    /// Account documents from another instance replace the account state, and its revisions
    /// move forward so the data plane's caches notice.
    func testAccountChangesMoveTheRevisionsForward() async throws {
        let file = try SQLiteDocumentStorage(path: nil)
        let writer = try ModelStore(storage: file)
        let shared = SharedFile(file)
        let reader = try ModelStore(storage: shared)
        let before = reader.current.account
        try await writer.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.account.usage["p/k/2026-01-01"] = 7
            return ((), [DirtyDocument(.usage, name: "p/k/2026-01-01")])
        }
        try shared.deliver([.account])
        let after = reader.current.account
        XCTAssertEqual(after.usage["p/k/2026-01-01"], 7)
        XCTAssertGreaterThan(after.usageRevision, before.usageRevision)
        XCTAssertGreaterThan(after.accessRevision, before.accessRevision)
    }
}
