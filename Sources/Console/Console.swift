import APIGatewayModel
import DataPlane
import Foundation
import Store

/// The browser console at `/_portico/console/`: server-rendered HTML pages over the model the
/// store holds in memory, served by the server itself on its own port.
///
/// Nothing is prepared when the server starts: the templates compile once, lazily, at the first
/// console request (`ConsoleRenderer.library`), so start-up time and idle memory are unchanged.
/// Every page reads one `ModelState` value (`ModelStore.current`, a copy-on-write snapshot) and
/// never writes: the model pages are read-only.
public final class Console: Sendable {
    /// Where the console lives; everything below it is the console's.
    public static let prefix = "/_portico/console"
    static let prefixSlash = prefix + "/"

    let model: ModelStore
    /// Usage still counted in memory (flushed before the usage page reads), and the traces.
    let dataPlane: DataPlane?
    /// The live invocation feed over the data plane's traces (`GET …/events`).
    public let feed: LiveFeed?
    /// `--lambda-log-dir`: where hosted functions' output lines go (`{function}.log`), for the
    /// function page's recent lines; nil when the server keeps none.
    let lambdaLogDirectory: String?

    public init(model: ModelStore, dataPlane: DataPlane? = nil, lambdaLogDirectory: String? = nil) {
        self.model = model
        self.dataPlane = dataPlane
        feed = dataPlane.map { LiveFeed(traces: $0.traces) }
        self.lambdaLogDirectory = lambdaLogDirectory
    }

    /// Whether `path` is the console's (`/_portico/console` or below it).
    public static func claims(_ path: String) -> Bool {
        path == prefix || path.hasPrefix(prefixSlash)
    }

    /// Answers one console request: a page, an asset, or a 404 / 405 page. Never throws.
    public func respond(_ request: ConsoleRequest) async -> ConsoleResponse {
        let started = ContinuousClock.now
        let segments = ConsoleRoute.segments(of: request.path)
        guard let (route, parameters) = match(segments) else {
            return ConsoleResponse.page(
                ConsoleRenderer.errorPage(status: 404, title: "Not found", message: "The console has no page at \(request.path)."),
                status: 404, request: request, started: started)
        }
        guard route.methods.contains(request.method) else {
            var response = ConsoleResponse.page(
                ConsoleRenderer.errorPage(
                    status: 405, title: "Method not allowed",
                    message: "\(request.method) is not allowed on \(request.path); use \(route.methods.joined(separator: " or "))."),
                status: 405, request: request, started: started)
            response.headers.append(("Allow", route.methods.joined(separator: ", ")))
            return response
        }
        let context = PageContext(request: request, parameters: parameters, model: model.current, console: self)
        do {
            switch try await route.handler(context) {
            case .page(let page):
                return ConsoleResponse.page(ConsoleRenderer.render(page), status: 200, request: request, started: started)
            case .raw(let response):
                return response
            }
        } catch {
            return ConsoleResponse.page(
                ConsoleRenderer.errorPage(status: error.status, title: error.title, message: error.message), status: error.status,
                request: request, started: started)
        }
    }

    private func match(_ segments: [String]) -> (ConsoleRoute, [String: String])? {
        for route in ConsoleRoute.all {
            if let parameters = route.match(segments) { return (route, parameters) }
        }
        return nil
    }
}

/// One console request as the responder hands it over.
public struct ConsoleRequest: Sendable {
    public var method: String
    /// The raw path, `/_portico/console/…`.
    public var path: String
    public var query: String?
    /// The `Host` the browser used (`127.0.0.1:4566`): invoke URLs are built on it.
    public var host: String
    /// The header fields, names as sent (the POST endpoints' origin checks read them).
    public var headers: [(name: String, value: String)]
    /// The body of a POST (a form), at most `Console.maxFormBytes`.
    public var body: [UInt8]

    public init(
        method: String, path: String, query: String? = nil, host: String, headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.host = host
        self.headers = headers
        self.body = body
    }

    /// The last value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.last { $0.name.equalsIgnoringASCIICase(name) }?.value
    }
}

/// A console answer: status, header fields and body bytes.
public struct ConsoleResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The headers every console answer carries: no inline script or style, no framing, no
    /// sniffing, no referrer (docs/threat_model.md).
    static let securityHeaders: [(name: String, value: String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
    ]

    /// An HTML page: never cached, with its render time in `Server-Timing`; HEAD gets the
    /// headers alone.
    static func page(_ html: String, status: Int, request: ConsoleRequest, started: ContinuousClock.Instant) -> ConsoleResponse {
        let elapsed = ContinuousClock.now - started
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var headers = securityHeaders
        headers.append(("Content-Type", "text/html; charset=utf-8"))
        headers.append(("Cache-Control", "no-store"))
        headers.append(("Server-Timing", "render;dur=" + String(format: "%.3f", millis)))
        return ConsoleResponse(status: status, headers: headers, body: request.method == "HEAD" ? [] : Array(html.utf8))
    }
}
