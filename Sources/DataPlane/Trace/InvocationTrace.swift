import Foundation
import PorticoCore
import Synchronization

/// What happened during one invocation, step by step: the route matched, the mapped
/// parameters, each template's input and output, the backend exchange, every selectionPattern
/// tried, and the final answer. Events keep references to values the pipeline already has;
/// text is produced only when someone reads the trace (`GET /_portico/invocations/{id}`,
/// TestInvokeMethod's `log`).
public final class InvocationTrace: Sendable {
    enum Event: Sendable {
        /// The request line and the headers as received (before the front end drops any).
        case started(method: String, path: String, headers: [(name: String, value: String)])
        case routed(resourcePath: String, resourceId: String, parameters: [(String, String)])
        case methodRequest(path: [(String, String)], querystring: [(String, String)], headers: [(String, String)], body: [UInt8])
        case requestTemplate(contentType: String, output: String)
        case passthrough(behavior: String, contentType: String)
        case integrationRequest(headers: [(String, String)], querystring: [(String, String)], path: [(String, String)], body: [UInt8])
        case backendRequest(method: String, url: String, headers: [(String, String)], body: [UInt8])
        case backendResponse(status: Int, headers: [(String, String)], body: [UInt8])
        case selection(value: String?, tried: [SelectionAttempt], chosen: String?)
        case responseTemplate(contentType: String, output: String)
        case methodResponse(status: Int, headers: [(String, String)], body: [UInt8])
        case failed(type: String, message: String)
        /// The stage's response cache was consulted for `key`: a hit answered, a miss stored.
        case cache(hit: Bool, key: String)
        case authorizer(AuthorizerStep)
        /// A resource or identity policy decided.
        case policy(PolicyStep)
        /// A gate the method uses let the call through (its text is made when the trace is read).
        case gate(GateStep)
    }

    public let requestId: String
    /// The API and stage the call was aimed at (empty for a test invocation's trace).
    public let apiId: String
    public let stage: String
    public let startedAt: Date
    private let clock: any WallClock
    private let events = Mutex<[(Date, Event)]>([])
    private let backendAnswered = Atomic<Bool>(false)
    /// The live feed's summary of the finished trace, made once (`feedEntry`).
    let feedCache = Mutex<(summary: InvocationSummary, json: [UInt8])?>(nil)

    init(requestId: String, clock: any WallClock, apiId: String = "", stage: String = "") {
        self.requestId = requestId
        self.apiId = apiId
        self.stage = stage
        self.clock = clock
        startedAt = clock.now()
    }

    func record(_ event: Event) {
        let now = clock.now()
        events.withLock { $0.append((now, event)) }
    }

    var recorded: [(Date, Event)] { events.withLock { $0 } }

    /// Whether API Gateway's answer carries its `X-Amzn-Trace-Id`: only once a backend answered
    /// an integration whose response API Gateway maps (HTTP, AWS, AWS_PROXY). Recorded on AWS:
    /// no trace header for MOCK, for HTTP_PROXY (the backend's headers are the answer), or for
    /// a call that failed before reaching the backend.
    var answersWithTraceId: Bool { backendAnswered.load(ordering: .relaxed) }

    func markBackendAnswered() { backendAnswered.store(true, ordering: .relaxed) }
}
