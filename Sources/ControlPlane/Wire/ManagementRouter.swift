import APIGatewayModel
import Routing

/// The one route table of the management API, built from the model's URI templates.
///
/// Every one of the model's operations is routed, implemented or not; literal segments beat
/// `{label}` segments at each level. Where two operations share a method and path and differ
/// by a fixed query (`POST /restapis?mode=import` vs `POST /restapis`), the fixed query decides.
struct ManagementRouter: Sendable {
    /// One routable operation with the `{label}` names of its own template, in order.
    ///
    /// The trie keeps a single label name per position, shared by every template through that
    /// node (`POST …/resources/{parent_id}` and `POST …/resources/{resource_id}/methods/…`), so
    /// the names a request's captures get must come from the chosen operation itself.
    struct Entry: Sendable {
        let spec: OperationSpec
        let labelNames: [String]
    }

    private var tries: [String: RouteTrie<[Entry]>] = [:]

    init(operations: [OperationSpec] = OperationSpec.all) {
        var grouped: [String: [String: [OperationSpec]]] = [:]
        for op in operations {
            grouped[op.method, default: [:]][op.path, default: []].append(op)
        }
        for (method, byPath) in grouped {
            var trie = RouteTrie<[Entry]>()
            for (path, specs) in byPath {
                // Operations with a fixed query first, so they are tried before the plain one.
                let ordered = specs.sorted { $0.fixedQuery.count > $1.fixedQuery.count }
                let segments = RouteTrie<[Entry]>.segments(of: path)
                let names = Self.labelNames(of: segments)
                trie.insert(segments, value: ordered.map { Entry(spec: $0, labelNames: names) })
            }
            tries[method] = trie
        }
    }

    /// A routed request: the operation and its decoded URI labels.
    struct Route: Sendable {
        let operation: OperationSpec
        let labels: [String: String]
    }

    enum Failure: Error {
        case noRoute
        case badEncoding
    }

    func route(method: String, path: Substring, query: [(name: String, value: String)]) -> Result<Route, Failure> {
        guard let trie = tries[method], let match = trie.match(path: path) else { return .failure(.noRoute) }
        guard
            let entry = match.value.first(where: { entry in
                entry.spec.fixedQuery.allSatisfy { fixed in query.contains { $0.name == fixed.0 && $0.value == fixed.1 } }
            })
        else { return .failure(.noRoute) }
        guard entry.labelNames.count == match.parameters.count else { return .failure(.noRoute) }
        var labels: [String: String] = [:]
        for (name, captured) in zip(entry.labelNames, match.parameters) {
            guard let decoded = String(captured.value).percentDecoded else { return .failure(.badEncoding) }
            labels[name] = decoded
        }
        return .success(Route(operation: entry.spec, labels: labels))
    }

    /// The `{label}` names of a URI template, in order.
    static func labelNames(of segments: [RouteTrie<[Entry]>.Segment]) -> [String] {
        segments.compactMap { segment in
            switch segment {
            case .label(let name), .greedy(let name): name
            case .literal: nil
            }
        }
    }
}
