import Foundation
import PorticoCore
import Synchronization

/// A stage's response cache (`cacheClusterEnabled`): method responses kept for the method's
/// `caching/ttlInSeconds`, per stage, least recently used first out. Each stage's share is
/// bounded in bytes by its `cacheClusterSize` (GB, counted as 10⁹ bytes: body, headers and key
/// of every entry) and in entries by `maxEntries`, so a flood of distinct keys evicts old
/// entries and never grows memory without bound. FlushStageCache empties a stage's share.
/// Time comes from the injected clock.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
final class ResponseCache: Sendable {
    /// What a hit answers with (the per-request headers are added afterwards).
    struct Cached: Sendable {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        init(_ response: InvocationResponse) {
            self.init(status: response.status, headers: response.headers, body: response.body)
        }

        /// The method response a hit answers.
        func response(warns: Bool) -> InvocationResponse {
            var response = InvocationResponse(status: status, headers: headers, body: body)
            if warns { response.headers.append(CacheStage.warning) }
            return response
        }

        /// Bytes an entry is charged: payload, headers, key and a fixed overhead.
        func cost(key: String) -> Int {
            var size = body.count + key.utf8.count + 96
            for (name, value) in headers { size += name.utf8.count + value.utf8.count + 32 }
            return size
        }
    }

    private let stages = Mutex<[String: LRU]>([:])
    private let clock: any WallClock
    /// Entries a stage keeps at most, whatever its size.
    let maxEntries: Int

    init(clock: any WallClock, maxEntries: Int = 100_000) {
        self.clock = clock
        self.maxEntries = maxEntries
    }

    static func stageKey(apiId: String, stage: String) -> String { apiId + "/" + stage }

    /// `cacheClusterSize` ("0.5" … "237", GB) in bytes; 0.5 GB when unset or unknown.
    static func capacity(clusterSize: String?) -> Int {
        let gigabytes = clusterSize.flatMap(Double.init) ?? 0.5
        return Int(gigabytes * 1_000_000_000)
    }

    /// The live entry for `key`, if any (it becomes the most recently used).
    func lookup(stage: String, key: String) -> Cached? {
        let now = clock.now()
        return stages.withLock { $0[stage]?.get(key, now: now) }
    }

    /// Keeps `response` for `ttlSeconds` (nothing for 0), evicting least recently used entries
    /// until the stage's share fits `capacity` bytes and `maxEntries` entries. An entry larger
    /// than the whole capacity is not kept.
    func store(_ response: Cached, stage: String, key: String, ttlSeconds: Int, capacity: Int) {
        guard ttlSeconds > 0 else { return }
        let cost = response.cost(key: key)
        guard cost <= capacity else { return }
        let expires = clock.now().addingTimeInterval(TimeInterval(ttlSeconds))
        let limit = maxEntries
        stages.withLock { stages in
            stages[stage, default: LRU()].put(key, response, cost: cost, expires: expires, capacity: capacity, maxEntries: limit)
        }
    }

    /// Forgets one entry (an authorised `Cache-Control: max-age=0`).
    func invalidate(stage: String, key: String) {
        stages.withLock { _ = $0[stage]?.remove(key) }
    }

    /// FlushStageCache.
    func flush(stage: String) {
        _ = stages.withLock { $0.removeValue(forKey: stage) }
    }

    /// Every stage's entries (a reset of the whole model).
    func removeAll() {
        stages.withLock { $0 = [:] }
    }

    /// Entries and bytes a stage holds (tests, the trace).
    func usage(stage: String) -> (entries: Int, bytes: Int) {
        stages.withLock { ($0[stage]?.count ?? 0, $0[stage]?.bytes ?? 0) }
    }
}

/// Least-recently-used map: a dictionary into a doubly linked list kept in arrays (slots are
/// reused), so lookups, insertions and evictions are O(1).
struct LRU: Sendable {
    private struct Node: Sendable {
        var key: String
        var value: ResponseCache.Cached
        var cost: Int
        var expires: Date
        var prev: Int
        var next: Int
    }

    private var index: [String: Int] = [:]
    private var nodes: [Node] = []
    private var free: [Int] = []
    /// Most and least recently used slots (-1: empty).
    private var head = -1
    private var tail = -1
    private(set) var bytes = 0

    var count: Int { index.count }

    mutating func get(_ key: String, now: Date) -> ResponseCache.Cached? {
        guard let slot = index[key] else { return nil }
        guard nodes[slot].expires > now else {
            remove(key)
            return nil
        }
        unlink(slot)
        pushFront(slot)
        return nodes[slot].value
    }

    mutating func put(
        _ key: String, _ value: ResponseCache.Cached, cost: Int, expires: Date, capacity: Int, maxEntries: Int
    ) {
        remove(key)
        while tail >= 0 && (bytes + cost > capacity || index.count >= maxEntries) {
            remove(nodes[tail].key)
        }
        let node = Node(key: key, value: value, cost: cost, expires: expires, prev: -1, next: -1)
        let slot: Int
        if let reused = free.popLast() {
            nodes[reused] = node
            slot = reused
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        index[key] = slot
        bytes += cost
        pushFront(slot)
    }

    @discardableResult
    mutating func remove(_ key: String) -> Bool {
        guard let slot = index.removeValue(forKey: key) else { return false }
        unlink(slot)
        bytes -= nodes[slot].cost
        // Drop the payload now; the slot is reused by the next insertion.
        nodes[slot].value = ResponseCache.Cached(status: 0, headers: [], body: [])
        nodes[slot].key = ""
        free.append(slot)
        return true
    }

    private mutating func unlink(_ slot: Int) {
        let (prev, next) = (nodes[slot].prev, nodes[slot].next)
        if prev >= 0 { nodes[prev].next = next } else { head = next }
        if next >= 0 { nodes[next].prev = prev } else { tail = prev }
        nodes[slot].prev = -1
        nodes[slot].next = -1
    }

    private mutating func pushFront(_ slot: Int) {
        nodes[slot].next = head
        nodes[slot].prev = -1
        if head >= 0 { nodes[head].prev = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
