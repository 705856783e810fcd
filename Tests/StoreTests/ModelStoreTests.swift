import APIGatewayModel
import Foundation
import XCTest

@testable import Store

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
                for verb in resource.resourceMethods?.keys.sorted() ?? [] {
                    dirty.append(.method(api: id, resource: rid, httpMethod: verb))
                }
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

    private static func method(_ pattern: String) -> Method {
        Method(
            httpMethod: "GET", authorizationType: "NONE",
            methodIntegration: Integration(
                type: .mock,
                integrationResponses: [
                    "200": IntegrationResponse(statusCode: "200", selectionPattern: pattern, responseTemplates: ["application/json": nil])
                ]))
    }

    /// A new database gets its schema without flushes, then runs every write with
    /// `synchronous = NORMAL` (WAL): when created, and when opened again.
    func testDatabaseWritesWithNormalSynchronousOnceCreated() throws {
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try SQLiteDocumentStorage(path: path).synchronousMode(), 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try SQLiteDocumentStorage(path: path).synchronousMode(), 1)
    }

    /// A change to one method rewrites that method's document only; methods and their deletion
    /// survive a reopen, and a deleted resource takes its methods along.
    func testMethodsArePersistedOnePerDocument() async throws {
        let store = try ModelStore(path: path)
        try await Self.addAPI(
            store, id: "api1", resource: Resource(id: "r1", path: "/", resourceMethods: ["GET": Self.method("a"), "POST": Self.method("b")]))
        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["api1"]?.resources["r1"]?.resourceMethods?["GET"] = Self.method("changed")
            state.apis["api1"]?.resources["r1"]?.resourceMethods?["POST"] = nil
            return ((), [.method(api: "api1", resource: "r1", httpMethod: "GET"), .method(api: "api1", resource: "r1", httpMethod: "POST")])
        }
        let keys = try SQLiteDocumentStorage(path: path).loadAll().map(\.key)
        XCTAssertEqual(keys, ["a/api1", "a/api1/m/r1/GET", "a/api1/r/r1"])
        let reopened = try ModelStore(path: path).current.apis["api1"]?.resources["r1"]
        XCTAssertEqual(reopened?.resourceMethods?.keys.sorted(), ["GET"])
        XCTAssertEqual(reopened?.resourceMethods?["GET"], Self.method("changed"))
        XCTAssertEqual(reopened?.path, "/")

        let again = try ModelStore(path: path)
        try await again.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["api1"]?.resources["r1"] = nil
            return ((), [.deletedResource(api: "api1", id: "r1")])
        }
        XCTAssertEqual(try SQLiteDocumentStorage(path: path).loadAll().map(\.key), ["a/api1"])
    }

    /// Documents written before methods had their own (a resource embedding its methods) load
    /// as they were and are rewritten once into the current layout.
    func testResourcesEmbeddingTheirMethodsAreUpgradedOnOpen() throws {
        let legacy = Resource(id: "r1", path: "/", resourceMethods: ["GET": Self.method("x")])
        do {
            let documents = try SQLiteDocumentStorage(path: path)
            try documents.applyNow([
                .put(key: "a/api1", value: Data(RestApi(id: "api1", name: "old").jsonBytes())),
                .put(key: "a/api1/r/r1", value: Data(legacy.jsonBytes())),
            ])
        }
        let store = try ModelStore(path: path)
        XCTAssertEqual(store.current.apis["api1"]?.resources["r1"], legacy)
        let documents = try SQLiteDocumentStorage(path: path).loadAll()
        XCTAssertEqual(documents.map(\.key), ["a/api1", "a/api1/m/r1/GET", "a/api1/r/r1"])
        let stored = try Resource.read(Array(try XCTUnwrap(documents.last?.value)))
        XCTAssertNil(stored.resourceMethods)
        XCTAssertEqual(try ModelStore(path: path).current.apis["api1"]?.resources["r1"], legacy)
    }

    /// Deployment records (with the authorizers they froze) round-trip through reopen, and
    /// records written by the earlier Codable layout (JSONEncoder, epoch seconds, sorted keys,
    /// no authorizers) read back the same.
    func testDeploymentRecordsSurviveReopenInBothLayouts() async throws {
        let deployment = Deployment(id: "d1", description: "first", createdDate: Date(timeIntervalSince1970: 1_700_000_123))
        let resources = ["r1": Resource(id: "r1", path: "/", resourceMethods: ["GET": Self.method("2\\d{2}")])]
        let responses = ["DEFAULT_4XX": GatewayResponse(responseType: .default4xx, statusCode: "418", defaultResponse: false)]
        let authorizers = ["a1": Authorizer(id: "a1", name: "tok", type: .token, authorizerResultTtlInSeconds: 0)]
        let store = try ModelStore(path: path)
        try await Self.addAPI(store, id: "api1")
        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["api1"]?.deployments["d1"] = DeploymentRecord(
                deployment: deployment,
                snapshot: DeploymentSnapshot(
                    restApi: RestApi(id: "api1"), resources: resources, gatewayResponses: responses, authorizers: authorizers))
            return ((), [.deployment(api: "api1", id: "d1")])
        }
        // What JSONEncoder wrote for such a record (deployment d0 with `resources`, no gateway
        // responses) while the shapes were Codable.
        let old =
            #"{"deployment":{"createdDate":1600000000,"id":"d0"},"snapshot":{"gatewayResponses":{},"resources":{"r1":{"id":"r1","#
            + #""path":"\/","resourceMethods":{"GET":{"authorizationType":"NONE","httpMethod":"GET","methodIntegration":{"#
            + #""integrationResponses":{"200":{"responseTemplates":{"application\/json":null},"selectionPattern":"2\\d{2}","#
            + #""statusCode":"200"}},"type":"MOCK"}}}}},"restApi":{"id":"api1"}}}"#
        try SQLiteDocumentStorage(path: path).applyNow([.put(key: "a/api1/d/d0", value: Data(old.utf8))])

        let reopened = try XCTUnwrap(ModelStore(path: path).current.apis["api1"])
        XCTAssertEqual(reopened.deployments["d1"]?.deployment, deployment)
        XCTAssertEqual(reopened.deployments["d1"]?.snapshot.resources, resources)
        XCTAssertEqual(reopened.deployments["d1"]?.snapshot.gatewayResponses, responses)
        XCTAssertEqual(reopened.deployments["d1"]?.snapshot.authorizers, authorizers)
        XCTAssertEqual(reopened.deployments["d0"]?.snapshot.authorizers, [:])
        XCTAssertEqual(
            reopened.deployments["d0"]?.deployment, Deployment(id: "d0", createdDate: Date(timeIntervalSince1970: 1_600_000_000)))
        XCTAssertEqual(reopened.deployments["d0"]?.snapshot.resources, resources)
    }

    /// Account-level entities are one table entry each: they persist, reload and delete like
    /// the per-API ones, and names may contain slashes (usage-plan keys, base paths, usage days).
    func testAccountLevelEntitiesPersistThroughTheTable() async throws {
        do {
            let store = try ModelStore(path: path)
            try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
                state.account.apiKeys["k1"] = ApiKey(id: "k1", value: "secretsecretsecretsecret", name: "key", enabled: true)
                state.account.usagePlans["p1"] = UsagePlan(id: "p1", name: "gold")
                state.account.usagePlanKeys["p1/k1"] = UsagePlanKey(id: "k1", type: "API_KEY", value: "secretsecretsecretsecret", name: "key")
                state.account.basePathMappings["api.example.com/v1"] = BasePathMapping(basePath: "v1", restApiId: "abc", stage: "dev")
                state.account.settings = Account(cloudwatchRoleArn: "arn:aws:iam::123456789012:role/logs")
                state.account.usage["p1/k1/2026-12-01"] = 42
                return (
                    (),
                    [
                        DirtyDocument(.apiKey, name: "k1"), DirtyDocument(.usagePlan, name: "p1"),
                        DirtyDocument(.usagePlanKey, name: "p1/k1"), DirtyDocument(.basePathMapping, name: "api.example.com/v1"),
                        DirtyDocument(.accountSettings, name: "settings"), DirtyDocument(.usage, name: "p1/k1/2026-12-01"),
                    ]
                )
            }
        }
        let reopened = try ModelStore(path: path)
        let account = reopened.current.account
        XCTAssertEqual(account.apiKeys["k1"]?.name, "key")
        XCTAssertEqual(account.usagePlans["p1"]?.name, "gold")
        XCTAssertEqual(account.usagePlanKeys["p1/k1"]?.type, "API_KEY")
        XCTAssertEqual(account.basePathMappings["api.example.com/v1"]?.restApiId, "abc")
        XCTAssertEqual(account.settings?.cloudwatchRoleArn, "arn:aws:iam::123456789012:role/logs")
        XCTAssertEqual(account.usage["p1/k1/2026-12-01"], 42)

        try await reopened.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.account.apiKeys["k1"] = nil
            state.account.usage["p1/k1/2026-12-01"] = nil
            return ((), [DirtyDocument(.apiKey, name: "k1"), DirtyDocument(.usage, name: "p1/k1/2026-12-01")])
        }
        let keys = try SQLiteDocumentStorage(path: path).loadAll().map(\.key)
        XCTAssertEqual(keys, ["c/acct/settings", "c/bp/api.example.com/v1", "c/u/p1", "c/uk/p1/k1"])
    }

    /// Per-API collections added for the next families (authorizers, models, validators,
    /// documentation) persist under their API and go with it.
    func testPerAPICollectionsPersistAndGoWithTheirAPI() async throws {
        let store = try ModelStore(path: path)
        try await Self.addAPI(store, id: "api1")
        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["api1"]?.authorizers["au1"] = Authorizer(id: "au1", name: "auth", type: .token)
            state.apis["api1"]?.models["Pet"] = Model(id: "m1", name: "Pet", schema: "{}", contentType: "application/json")
            state.apis["api1"]?.requestValidators["v1"] = RequestValidator(id: "v1", name: "body", validateRequestBody: true)
            return (
                (),
                [
                    DirtyDocument(.authorizer, api: "api1", name: "au1"), DirtyDocument(.model, api: "api1", name: "Pet"),
                    DirtyDocument(.requestValidator, api: "api1", name: "v1"),
                ]
            )
        }
        let api = try XCTUnwrap(ModelStore(path: path).current.apis["api1"])
        XCTAssertEqual(api.authorizers["au1"]?.type, .token)
        XCTAssertEqual(api.models["Pet"]?.schema, "{}")
        XCTAssertEqual(api.requestValidators["v1"]?.validateRequestBody, true)

        try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.apis["api1"] = nil
            return ((), [.deletedAPI("api1")])
        }
        XCTAssertTrue(try SQLiteDocumentStorage(path: path).loadAll().isEmpty)
    }

    /// Every kind of the table has its own code within its scope, so no two kinds share keys.
    func testTableCodesAreUniquePerScope() {
        let perAPI = EntityKind.table.filter { $0.scope == .perAPI }.map(\.code)
        let account = EntityKind.table.filter { $0.scope == .account }.map(\.code)
        XCTAssertEqual(Set(perAPI).count, perAPI.count)
        XCTAssertEqual(Set(account).count, account.count)
        XCTAssertEqual(EntityKind.table.count, 23)
    }

    /// Lambda functions are opaque documents of the account: written, reloaded and deleted whole.
    func testLambdaFunctionDocumentsSurviveReopen() async throws {
        let document = JSONNode.object(["name": .string("fn"), "timeout": .number(3), "env": .object(["A": .string("1")])])
        do {
            let store = try ModelStore(path: path)
            try await store.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
                state.account.lambdaFunctions["fn"] = document
                return ((), [DirtyDocument(.lambdaFunction, name: "fn")])
            }
        }
        let reopened = try ModelStore(path: path)
        XCTAssertEqual(reopened.current.account.lambdaFunctions["fn"], document)
        try await reopened.write { (state: inout ModelState) throws(Refusal) -> ((), [DirtyDocument]) in
            state.account.lambdaFunctions["fn"] = nil
            return ((), [DirtyDocument(.lambdaFunction, name: "fn")])
        }
        XCTAssertNil(try ModelStore(path: path).current.account.lambdaFunctions["fn"])
    }

    /// Keys no kind claims (written by a newer version) are left alone, not fatal.
    func testUnknownKeysAreIgnored() throws {
        do {
            let documents = try SQLiteDocumentStorage(path: path)
            try documents.applyNow([
                .put(key: "a/api1", value: Data(RestApi(id: "api1", name: "x").jsonBytes())),
                .put(key: "a/api1/zz/thing", value: Data("{}".utf8)),
                .put(key: "c/zz/thing", value: Data("{}".utf8)),
                .put(key: "other", value: Data("{}".utf8)),
            ])
        }
        XCTAssertEqual(try ModelStore(path: path).current.apis["api1"]?.restApi.name, "x")
    }

    /// The store works through the storage protocol only: a storage of the test's own sees
    /// every write as one batch of changes, after which the model is published.
    func testModelStoreDependsOnlyOnTheStorageProtocol() async throws {
        final class Recording: DocumentStorage, @unchecked Sendable {
            var batches: [[DocumentChange]] = []
            func loadAll() throws -> [(key: String, value: Data)] {
                [("a/seed", Data(RestApi(id: "seed", name: "s").jsonBytes()))]
            }
            func serialWrite<T: Sendable>(
                _ body: @escaping @Sendable (_ changes: inout [DocumentChange]) throws -> (T, publish: @Sendable () -> Void)
            ) async throws -> T {
                var changes: [DocumentChange] = []
                let (result, publish) = try body(&changes)
                batches.append(changes)
                publish()
                return result
            }
            func applyNow(_ changes: [DocumentChange]) throws { batches.append(changes) }
        }
        let storage = Recording()
        let store = try ModelStore(storage: storage)
        XCTAssertEqual(store.current.apis["seed"]?.restApi.name, "s")
        try await Self.addAPI(store, id: "api2")
        XCTAssertEqual(storage.batches.count, 1)
        guard case .put(let key, _)? = storage.batches.first?.first else { return XCTFail("expected a put") }
        XCTAssertEqual(key, "a/api2")
    }
}
