import Synchronization

/// The most recent traces, bounded (a circular buffer); looked up by request id, or read in
/// the order they were added by sequence number (the console's live feed).
///
/// Every added trace gets the next sequence number (1, 2, …; never reused, not even after
/// `removeAll`), so a reader that remembers the last number it saw asks for what is newer
/// with `traces(after:limit:)`. Adding costs the same whether anyone reads or not: readers
/// poll, the invocation path never notifies.
public final class TraceRing: Sendable {
    private struct Ring {
        var slots: [InvocationTrace?]
        /// The sequence number of the last trace added (0: none yet).
        var last: UInt64 = 0
        var byId: [String: InvocationTrace] = [:]
        /// Traces with a sequence number up to this one were removed (`removeAll`).
        var clearedThrough: UInt64 = 0
    }

    private let ring: Mutex<Ring>
    public let capacity: Int

    public init(capacity: Int = 1000) {
        self.capacity = capacity
        ring = Mutex(Ring(slots: Array(repeating: nil, count: capacity)))
    }

    func add(_ trace: InvocationTrace) {
        ring.withLock { ring in
            ring.last += 1
            let slot = Int((ring.last - 1) % UInt64(capacity))
            if let evicted = ring.slots[slot] { ring.byId[evicted.requestId] = nil }
            ring.slots[slot] = trace
            ring.byId[trace.requestId] = trace
        }
    }

    public func trace(_ requestId: String) -> InvocationTrace? {
        ring.withLock { $0.byId[requestId] }
    }

    /// The sequence number of the newest trace (0 when none was ever added).
    public var lastSequence: UInt64 { ring.withLock { $0.last } }

    /// What `traces(after:limit:)` found: traces in the order they were added, each with its
    /// sequence number, and whether some newer than `after` are gone (evicted or removed)
    /// before they could be read.
    public struct Batch: Sendable {
        public let traces: [(sequence: UInt64, trace: InvocationTrace)]
        public let missed: Bool
        /// The sequence number of the newest trace when the batch was read.
        public let newest: UInt64
    }

    /// Up to `limit` traces newer than sequence number `after`, oldest first. One lock, held
    /// for copying references only: summaries are built by the reader, outside it.
    public func traces(after: UInt64, limit: Int) -> Batch {
        ring.withLock { ring in
            let oldestKept = max(ring.last >= UInt64(capacity) ? ring.last - UInt64(capacity) + 1 : 1, ring.clearedThrough + 1)
            let first = max(after + 1, oldestKept)
            let missed = after + 1 < oldestKept && after < ring.last
            guard first <= ring.last, limit > 0 else { return Batch(traces: [], missed: missed, newest: ring.last) }
            let end = min(ring.last, first + UInt64(limit) - 1)
            var out: [(sequence: UInt64, trace: InvocationTrace)] = []
            out.reserveCapacity(Int(end - first + 1))
            for sequence in first...end {
                if let trace = ring.slots[Int((sequence - 1) % UInt64(capacity))] { out.append((sequence, trace)) }
            }
            return Batch(traces: out, missed: missed, newest: ring.last)
        }
    }

    /// Forgets every trace; sequence numbers go on from where they were.
    public func removeAll() {
        ring.withLock { ring in
            ring.slots = Array(repeating: nil, count: capacity)
            ring.byId = [:]
            ring.clearedThrough = ring.last
        }
    }
}
