import APIGatewayModel
import Foundation
import Store
import XCTest

final class ModelStoreTests: XCTestCase {
    private var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "portico-store-\(UUID().uuidString)"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private var path: String { directory + "/portico.sqlite" }

    private struct Refusal: Error {}

    private static func addAPI(_ store: ModelStore, id: String, resource: Resource? = nil) async throws {
        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            var api = APIState(restApi: RestApi(id: id, name: "n-\(id)", createdDate: Date(timeIntervalSince1970: 1_700_000_000)))
            var dirty: [DirtyDocument] = [.api(id)]
            if let resource, let rid = resource.id {
                api.resources[rid] = resource
                dirty.append(.resource(api: id, id: rid))
            }
            state.apis[id] = api
            return ((), dirty)
        }
    }

    func testWritesSurviveReopen() async throws {
        do {
            let store = try ModelStore(path: path)
            try await Self.addAPI(store, id: "api1", resource: Resource(id: "r1", path: "/"))
            try await Self.addAPI(store, id: "api2")
        }
        let reopened = try ModelStore(path: path)
        let state = reopened.current
        XCTAssertEqual(Set(state.apis.keys), ["api1", "api2"])
        XCTAssertEqual(state.apis["api1"]?.restApi.name, "n-api1")
        XCTAssertEqual(state.apis["api1"]?.restApi.createdDate, Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertEqual(state.apis["api1"]?.resources["r1"]?.path, "/")
    }

    func testDeletingAnAPIDeletesItsDocuments() async throws {
        let store = try ModelStore(path: path)
        try await Self.addAPI(store, id: "api1", resource: Resource(id: "r1", path: "/"))
        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["api1"] = nil
            return ((), [.deletedAPI("api1")])
        }
        XCTAssertNil(store.current.apis["api1"])
        XCTAssertTrue(try ModelStore(path: path).current.apis.isEmpty)
    }

    func testAFailedMutationChangesNothing() async throws {
        let store = try ModelStore(path: path)
        try await Self.addAPI(store, id: "api1")
        do {
            try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
                state.apis["api1"] = nil
                throw Refusal()
            }
            XCTFail("expected the mutation to throw")
        } catch is Refusal {}
        XCTAssertNotNil(store.current.apis["api1"])
        XCTAssertNotNil(try ModelStore(path: path).current.apis["api1"])
    }

    func testInMemoryStoreKeepsNothingOnDisk() async throws {
        let store = try ModelStore(path: nil)
        try await Self.addAPI(store, id: "mem")
        XCTAssertNotNil(store.current.apis["mem"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testConcurrentWritersAreSerialised() async throws {
        let store = try ModelStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask { try await ModelStoreTests.addAPI(store, id: "api\(index)") }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(store.current.apis.count, 50)
        XCTAssertEqual(try ModelStore(path: path).current.apis.count, 50)
    }
}
