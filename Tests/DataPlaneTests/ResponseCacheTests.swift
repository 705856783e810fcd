import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import XCTest

/// The stage response cache: the LRU itself (TTL on the injected clock, byte and entry
/// bounds), and the cache stage in the pipeline (settings, key, Cache-Control, flush).
final class ResponseCacheTests: XCTestCase {
    private func entry(_ body: String) -> ResponseCache.Cached {
        ResponseCache.Cached(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    func testEntriesExpireOnTheInjectedClock() {
        let clock = ManualClock(Harness.start)
        let cache = ResponseCache(clock: clock)
        cache.store(entry("a"), stage: "s", key: "k", ttlSeconds: 300, capacity: 1_000_000)
        XCTAssertEqual(cache.lookup(stage: "s", key: "k")?.body, Array("a".utf8))
        clock.advance(by: 299)
        XCTAssertNotNil(cache.lookup(stage: "s", key: "k"))
        clock.advance(by: 1)
        XCTAssertNil(cache.lookup(stage: "s", key: "k"))
        XCTAssertEqual(cache.usage(stage: "s").entries, 0)
        // TTL 0 keeps nothing.
        cache.store(entry("a"), stage: "s", key: "k", ttlSeconds: 0, capacity: 1_000_000)
        XCTAssertNil(cache.lookup(stage: "s", key: "k"))
    }

    func testLeastRecentlyUsedGoesFirstWhenBytesRunOut() {
        let cache = ResponseCache(clock: ManualClock(Harness.start))
        let one = entry(String(repeating: "x", count: 100))
        let capacity = 3 * one.cost(key: "k1")
        for key in ["k1", "k2", "k3"] { cache.store(one, stage: "s", key: key, ttlSeconds: 60, capacity: capacity) }
        XCTAssertEqual(cache.usage(stage: "s").entries, 3)
        _ = cache.lookup(stage: "s", key: "k1")  // k2 is now the least recently used
        cache.store(one, stage: "s", key: "k4", ttlSeconds: 60, capacity: capacity)
        XCTAssertNil(cache.lookup(stage: "s", key: "k2"))
        for key in ["k1", "k3", "k4"] { XCTAssertNotNil(cache.lookup(stage: "s", key: key), key) }
        XCTAssertLessThanOrEqual(cache.usage(stage: "s").bytes, capacity)
        // An entry larger than the whole cache is not kept (and evicts nothing).
        cache.store(entry(String(repeating: "y", count: capacity)), stage: "s", key: "big", ttlSeconds: 60, capacity: capacity)
        XCTAssertNil(cache.lookup(stage: "s", key: "big"))
        XCTAssertEqual(cache.usage(stage: "s").entries, 3)
    }

    func testAFloodOfDistinctKeysStaysBounded() {
        let cache = ResponseCache(clock: ManualClock(Harness.start), maxEntries: 500)
        let capacity = 64 * 1024
        for n in 0..<20_000 {
            cache.store(entry("value \(n)"), stage: "s", key: "GET /pets\u{0}q=\(n)", ttlSeconds: 300, capacity: capacity)
        }
        let usage = cache.usage(stage: "s")
        XCTAssertLessThanOrEqual(usage.entries, 500)
        XCTAssertLessThanOrEqual(usage.bytes, capacity)
        XCTAssertNotNil(cache.lookup(stage: "s", key: "GET /pets\u{0}q=19999"), "the newest entry stays")
        XCTAssertNil(cache.lookup(stage: "s", key: "GET /pets\u{0}q=0"))
        cache.flush(stage: "s")
        XCTAssertEqual(cache.usage(stage: "s").entries, 0)
    }

    func testClusterSizeIsABoundInBytes() {
        XCTAssertEqual(ResponseCache.capacity(clusterSize: "0.5"), 500_000_000)
        XCTAssertEqual(ResponseCache.capacity(clusterSize: "237"), 237_000_000_000)
        XCTAssertEqual(ResponseCache.capacity(clusterSize: nil), 500_000_000)
    }

    func testCacheControlDirectives() {
        XCTAssertTrue(CacheStage.asksForFreshAnswer("max-age=0"))
        XCTAssertTrue(CacheStage.asksForFreshAnswer("no-cache, Max-Age = 0"))
        XCTAssertFalse(CacheStage.asksForFreshAnswer("max-age=10"))
        XCTAssertFalse(CacheStage.asksForFreshAnswer("no-store"))
    }

    // MARK: in the pipeline

    /// `/pets/{id}` GET (or `verb`) → HTTP backend, on a stage with the given cache settings.
    private func deploy(
        _ harness: Harness, verb: String = "GET", settings: [String: MethodSetting], enabled: Bool = true,
        keyParameters: [String]? = nil
    ) async throws {
        let method = Method(
            httpMethod: verb, authorizationType: "NONE",
            methodIntegration: Integration(
                type: .http, httpMethod: verb, uri: "http://backend.test/", cacheKeyParameters: keyParameters,
                integrationResponses: ["200": IntegrationResponse(statusCode: "200")]))
        var pets = Resource(id: "pets", parentId: "root", pathPart: "{id}", path: "/pets/{id}")
        pets.resourceMethods = [verb: method]
        let stage = Stage(
            deploymentId: "d1", stageName: "dev", cacheClusterEnabled: enabled, cacheClusterSize: .v05,
            methodSettings: settings)
        try await harness.deploy(resources: ["root": Resource(id: "root", path: "/"), "pets": pets], stage: stage)
    }

    private func caching(
        ttl: Int? = nil, requireAuthorization: Bool? = nil, strategy: UnauthorizedCacheControlHeaderStrategy? = nil
    ) -> MethodSetting {
        MethodSetting(
            cachingEnabled: true, cacheTtlInSeconds: ttl, requireAuthorizationForCacheControl: requireAuthorization,
            unauthorizedCacheControlHeaderStrategy: strategy)
    }

    func testAGetIsAnsweredFromTheCacheUntilItsTTL() async throws {
        let harness = try Harness()
        harness.transport.script(.init(status: 200, body: "first"))
        try await deploy(harness, settings: ["*/*": caching(ttl: 60)])
        let miss = await harness.invoke("/pets/1")
        harness.transport.script(.init(status: 200, body: "second"))
        let hit = await harness.invoke("/pets/1")
        XCTAssertEqual([miss.text, hit.text], ["first", "first"])
        XCTAssertEqual(harness.transport.seen.count, 1)
        XCTAssertNotNil(hit.header("x-amz-apigw-id"))
        let trace = try XCTUnwrap(harness.plane.traces.trace("req-1"))
        XCTAssertTrue(trace.recorded.contains { if case .cache(true, _) = $0.1 { return true } else { return false } })
        // No cacheKeyParameters: /pets/2 shares the entry, as on AWS.
        let other = await harness.invoke("/pets/2")
        XCTAssertEqual(other.text, "first")
        harness.clock.advance(by: 60)
        let expired = await harness.invoke("/pets/1")
        XCTAssertEqual(expired.text, "second")
        XCTAssertEqual(harness.transport.seen.count, 2)
        // FlushStageCache empties it.
        harness.transport.script(.init(status: 200, body: "third"))
        harness.plane.flushStageCache(apiId: "api1", stage: "dev")
        let flushed = await harness.invoke("/pets/1")
        XCTAssertEqual(flushed.text, "third")
    }

    func testCacheKeyParametersSplitEntries() async throws {
        let harness = try Harness()
        try await deploy(
            harness, settings: ["*/*": caching()],
            keyParameters: ["method.request.path.id", "method.request.querystring.q"])
        for (path, query, body) in [("/pets/1", "a", "1a"), ("/pets/2", "a", "2a"), ("/pets/1", "b", "1b")] {
            harness.transport.script(.init(status: 200, body: body))
            let reply = await harness.invoke(path, query: [("q", query)])
            XCTAssertEqual(reply.text, body)
        }
        harness.transport.script(.init(status: 200, body: "fresh"))
        let again = await harness.invoke("/pets/2", query: [("q", "a")])
        XCTAssertEqual(again.text, "2a")
        XCTAssertEqual(harness.transport.seen.count, 3)
    }

    func testOnlyGetIsCachedByTheStageWideSetting() async throws {
        let harness = try Harness()
        try await deploy(harness, verb: "POST", settings: ["*/*": caching()])
        _ = await harness.invoke("/pets/1", method: "POST")
        _ = await harness.invoke("/pets/1", method: "POST")
        XCTAssertEqual(harness.transport.seen.count, 2)
        // The method's own setting caches it.
        let own = try Harness()
        try await deploy(own, verb: "POST", settings: ["pets/{id}/POST": caching()])
        _ = await own.invoke("/pets/1", method: "POST")
        _ = await own.invoke("/pets/1", method: "POST")
        XCTAssertEqual(own.transport.seen.count, 1)
        // No cache cluster: nothing cached whatever the settings.
        let off = try Harness()
        try await deploy(off, settings: ["*/*": caching()], enabled: false)
        _ = await off.invoke("/pets/1")
        _ = await off.invoke("/pets/1")
        XCTAssertEqual(off.transport.seen.count, 2)
    }

    func testCacheControlMaxAgeZero() async throws {
        let fresh = [(name: "Cache-Control", value: "max-age=0")]
        // Authorization not required: the entry is replaced.
        let open = try Harness()
        try await deploy(open, settings: ["*/*": caching(requireAuthorization: false)])
        open.transport.script(.init(status: 200, body: "old"))
        _ = await open.invoke("/pets/1")
        open.transport.script(.init(status: 200, body: "new"))
        let refreshed = await open.invoke("/pets/1", headers: fresh)
        XCTAssertEqual(refreshed.text, "new")
        let after = await open.invoke("/pets/1")
        XCTAssertEqual(after.text, "new")
        XCTAssertEqual(open.transport.seen.count, 2)

        // Required (the default) and the caller is not authorised: the strategy decides.
        for (strategy, status, warns) in [
            (UnauthorizedCacheControlHeaderStrategy?.none, 200, true), (.succeedWithResponseHeader, 200, true),
            (.succeedWithoutResponseHeader, 200, false), (.failWith403, 403, false),
        ] {
            let harness = try Harness()
            try await deploy(harness, settings: ["*/*": caching(strategy: strategy)])
            harness.transport.script(.init(status: 200, body: "old"))
            _ = await harness.invoke("/pets/1")
            harness.transport.script(.init(status: 200, body: "new"))
            let reply = await harness.invoke("/pets/1", headers: fresh)
            XCTAssertEqual(reply.status, status, "\(String(describing: strategy))")
            XCTAssertEqual(reply.header("Warning") != nil, warns, "\(String(describing: strategy))")
            if status == 200 { XCTAssertEqual(reply.text, "old") } else { XCTAssertEqual(reply.text, #"{"message":"Unauthorized"}"#) }
            XCTAssertEqual(harness.transport.seen.count, 1)
        }
    }
}
