import DataPlane
import Foundation
import Synchronization

/// The console's live invocation feed: `GET /_portico/console/events`, a `text/event-stream`.
///
/// Invocations pay nothing for it: the data plane only numbers each trace it adds to its ring
/// (`TraceRing`), as it does with no console open. Each stream polls instead: it wakes every
/// `interval` (200 ms), takes every trace newer than the last one it sent in one locked read,
/// builds the summaries itself, outside the lock, and writes them as one chunk of events
/// (`id:` the trace's sequence number, so a reconnecting `EventSource` resumes with
/// `Last-Event-ID`). A stream that fell further behind than the ring holds gets one
/// `event: gap`. A comment every 15 s of silence keeps proxies from closing the stream.
///
/// At most `maxStreams` streams run at once (each costs a poll every interval); beyond, 503.
public final class LiveFeed: Sendable {
    let traces: TraceRing
    let maxStreams: Int
    let interval: Duration
    let keepAlive: Duration
    /// Traces read per lock (more wait for the next round, without sleeping).
    let batchLimit: Int
    private let open = Atomic<Int>(0)

    public init(
        traces: TraceRing, maxStreams: Int = 16, interval: Duration = .milliseconds(200), keepAlive: Duration = .seconds(15),
        batchLimit: Int = 512
    ) {
        self.traces = traces
        self.maxStreams = maxStreams
        self.interval = interval
        self.keepAlive = keepAlive
        self.batchLimit = batchLimit
    }

    /// Streams running now.
    public var openStreams: Int { open.load(ordering: .relaxed) }

    /// A stream starting after sequence number `after` (nil: from the newest trace on), or nil
    /// when `maxStreams` already run.
    public func stream(after: UInt64?, filter: InvocationFilter) -> EventStream? {
        while true {
            let count = open.load(ordering: .relaxed)
            guard count < maxStreams else { return nil }
            if open.compareExchange(expected: count, desired: count + 1, ordering: .relaxed).exchanged { break }
        }
        let newest = traces.lastSequence
        // A number beyond the newest comes from before a restart: everything here is new to it.
        if let after, after > newest { return EventStream(feed: self, after: 0, filter: filter, renumbered: true) }
        return EventStream(feed: self, after: after ?? newest, filter: filter, renumbered: false)
    }

    fileprivate func release() {
        open.subtract(1, ordering: .relaxed)
    }
}

/// One open event stream. Holds its place among the feed's `maxStreams` until it is released
/// (when the response that runs it is gone, whether it ran or not).
public final class EventStream: Sendable {
    private let feed: LiveFeed
    private let start: UInt64
    private let filter: InvocationFilter
    private let stopped = Atomic<Bool>(false)
    /// The client's last event id is from another numbering (the server restarted).
    private let renumbered: Bool

    fileprivate init(feed: LiveFeed, after: UInt64, filter: InvocationFilter, renumbered: Bool) {
        self.feed = feed
        start = after
        self.filter = filter
        self.renumbered = renumbered
    }

    deinit { feed.release() }

    /// The response's header fields.
    public static let headers: [(name: String, value: String)] =
        ConsoleResponse.securityHeaders + [
            ("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store"),
            // Asks nginx-style proxies not to buffer the stream.
            ("X-Accel-Buffering", "no"),
        ]

    /// Ends `run` at its next wake-up (the server is shutting down).
    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Writes events until `write` throws (the client went away), the task is cancelled or
    /// `stop` is called.
    public func run(write: ([UInt8]) async throws -> Void) async throws {
        var last = start
        // A first chunk at once: the browser's EventSource opens, and a reconnection waits 2 s.
        try await write(Array("retry: 2000\n: portico console events\n\n".utf8))
        var lastWrite = ContinuousClock.now
        var missedBefore = renumbered
        while !stopped.load(ordering: .relaxed) {
            try Task.checkCancellation()
            let batch = feed.traces.traces(after: last, limit: feed.batchLimit)
            var out: [UInt8] = []
            if batch.missed || missedBefore {
                missedBefore = false
                let resumed = batch.traces.first?.sequence ?? batch.newest + 1
                out += ServerSentEvents.frame(event: "gap", data: Array(#"{"resumesAt":\#(resumed)}"#.utf8))
            }
            for (sequence, trace) in batch.traces {
                let entry = trace.feedEntry(sequence: sequence)
                guard filter.accepts(entry.summary) else { continue }
                ServerSentEvents.append(id: sequence, event: "invocation", data: entry.json, to: &out)
            }
            last = batch.traces.last?.sequence ?? max(last, batch.newest)
            let now = ContinuousClock.now
            if !out.isEmpty {
                try await write(out)
                lastWrite = now
            } else if now - lastWrite >= feed.keepAlive {
                try await write(ServerSentEvents.keepAlive)
                lastWrite = now
            }
            // A full batch means more are waiting: read on without sleeping.
            if batch.traces.count < feed.batchLimit { try await Task.sleep(for: feed.interval) }
        }
    }
}

/// Server-sent event framing (https://html.spec.whatwg.org/multipage/server-sent-events.html).
public enum ServerSentEvents {
    /// `id: 7\nevent: invocation\ndata: {…}\n\n`. `data` must hold no line break (the JSON
    /// writers escape them).
    public static func frame(id: UInt64? = nil, event: String, data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 40)
        append(id: id, event: event, data: data, to: &out)
        return out
    }

    /// Appends one event's frame to `out` (a batch of events is written as one chunk).
    public static func append(id: UInt64?, event: String, data: [UInt8], to out: inout [UInt8]) {
        if let id {
            out += "id: ".utf8
            out += String(id).utf8
            out.append(UInt8(ascii: "\n"))
        }
        out += "event: ".utf8
        out += event.utf8
        out += "\ndata: ".utf8
        out += data
        out += "\n\n".utf8
    }

    /// A comment line: ignored by the browser, keeps idle proxies from closing the stream.
    public static let keepAlive = Array(": keep-alive\n\n".utf8)

    /// Where a stream resumes: the `Last-Event-ID` header (a reconnecting EventSource), else
    /// the `after` query parameter (the page's newest row), else nil (from now on).
    public static func resumePoint(lastEventId: String?, after: String?) -> UInt64? {
        if let lastEventId, let value = UInt64(lastEventId.trimmingCharacters(in: .whitespaces)) { return value }
        if let after, let value = UInt64(after) { return value }
        return nil
    }
}

extension Console {
    /// `GET /_portico/console/events` (streamed by the responder).
    public static let eventsPath = prefix + "/events"

    /// What `openEvents` answers: a stream to run, or a response (503 when `maxStreams` run).
    public enum EventsAnswer: Sendable {
        case stream(EventStream)
        case refused(ConsoleResponse)
    }

    /// Opens the live feed for `request`: from its `Last-Event-ID` (or `after`) on, filtered
    /// by its `api`, `stage` and `status` parameters.
    public func openEvents(_ request: ConsoleRequest) -> EventsAnswer {
        guard let feed else {
            return .refused(
                ConsoleResponse.page(
                    ConsoleRenderer.errorPage(
                        status: 503, title: "No data plane", message: "This console runs without a data plane."),
                    status: 503, request: request, started: .now))
        }
        let after = ServerSentEvents.resumePoint(
            lastEventId: request.header("Last-Event-ID"), after: InvocationFilter.queryValue(request.query, "after"))
        guard let stream = feed.stream(after: after, filter: InvocationFilter(query: request.query)) else {
            var answer = ConsoleResponse.page(
                ConsoleRenderer.errorPage(
                    status: 503, title: "Too many event streams",
                    message: "At most \(feed.maxStreams) event streams run at once; close a console tab and retry."),
                status: 503, request: request, started: .now)
            answer.headers.append(("Retry-After", "5"))
            return .refused(answer)
        }
        return .stream(stream)
    }
}
