import Foundation
import Store

/// One console address: a path pattern below `/_portico/console/` (`apis/{api}/stages`:
/// `{name}` matches one segment, percent-decoded), the methods it answers and its handler.
///
/// Model pages answer GET and HEAD only; any other method gets a 405 page with `Allow`.
struct ConsoleRoute: Sendable {
    typealias Handler = @Sendable (PageContext) async throws(ConsoleFailure) -> ConsoleOutput

    /// Every route, built at the first console request (a lazy `static let`).
    static let all: [ConsoleRoute] = modelRoutes + liveRoutes + assetRoutes

    let pattern: [Segment]
    let methods: [String]
    let handler: Handler

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    init(_ pattern: String, methods: [String] = ["GET", "HEAD"], _ handler: @escaping Handler) {
        self.pattern = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        self.methods = methods
        self.handler = handler
    }

    /// The parameters when `segments` fit the pattern, else nil.
    func match(_ segments: [String]) -> [String: String]? {
        guard segments.count == pattern.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, pattern) {
            switch part {
            case .literal(let text): if segment != text { return nil }
            case .parameter(let name): parameters[name] = segment
            }
        }
        return parameters
    }

    /// The percent-decoded segments of `path` below the prefix (`/_portico/console/apis/a1` →
    /// `["apis", "a1"]`; the console's root → `[]`).
    static func segments(of path: String) -> [String] {
        path.utf8.dropFirst(Console.prefix.utf8.count).split(separator: UInt8(ascii: "/")).map { part in
            let text = String(decoding: part, as: UTF8.self)
            return text.removingPercentEncoding ?? text
        }
    }
}

/// What a handler sees: the request, its path parameters, one snapshot of the model, and the
/// console (for the data plane's live state).
struct PageContext {
    let request: ConsoleRequest
    let parameters: [String: String]
    let model: ModelState
    let console: Console

    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// The API named by the `{api}` parameter, or a 404.
    func api() throws(ConsoleFailure) -> APIState {
        let id = parameter("api")
        guard let api = model.apis[id] else { throw .notFound("No REST API has the id \(id).") }
        return api
    }
}

/// A handler's answer: a page to render in the layout, or a finished response (assets).
enum ConsoleOutput {
    case page(ConsolePage)
    case raw(ConsoleResponse)
}

/// A page: which template renders it, its title, the breadcrumbs above it, and the values
/// the template reads (dictionaries, arrays, strings, numbers and booleans only: never an
/// Optional, whose `nil` Mustache would render as a present value).
struct ConsolePage {
    var template: String
    var title: String
    var crumbs: [(text: String, href: String)] = []
    var view: [String: Any] = [:]
}

/// Why a page cannot be shown: a 404 (no such API, resource, …) or another status.
struct ConsoleFailure: Error {
    let status: Int
    let title: String
    let message: String

    static func notFound(_ message: String) -> ConsoleFailure {
        ConsoleFailure(status: 404, title: "Not found", message: message)
    }
}
