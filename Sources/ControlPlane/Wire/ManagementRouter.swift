import APIGatewayModel
import Routing

/// The one route table of the management API, built from the model's URI templates.
///
/// Every one of the model's operations is routed, implemented or not; literal segments beat
/// `{label}` segments at each level. Where two operations share a method and path and differ
/// by a fixed query (`POST /restapis?mode=import` vs `POST /restapis`), the fixed query decides.
struct ManagementRouter: Sendable {
    private var tries: [String: RouteTrie<[OperationSpec]>] = [:]

    init(operations: [OperationSpec] = OperationSpec.all) {
        var grouped: [String: [String: [OperationSpec]]] = [:]
        for op in operations {
            grouped[op.method, default: [:]][op.path, default: []].append(op)
        }
        for (method, byPath) in grouped {
            var trie = RouteTrie<[OperationSpec]>()
            for (path, specs) in byPath {
                // Operations with a fixed query first, so they are tried before the plain one.
                let ordered = specs.sorted { $0.fixedQuery.count > $1.fixedQuery.count }
                trie.insert(RouteTrie<[OperationSpec]>.segments(of: path), value: ordered)
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
        guard let op = match.value.first(where: { spec in
            spec.fixedQuery.allSatisfy { fixed in query.contains { $0.name == fixed.0 && $0.value == fixed.1 } }
        }) else { return .failure(.noRoute) }
        var labels: [String: String] = [:]
        for (name, raw) in match.parameters {
            guard let decoded = String(raw).percentDecoded else { return .failure(.badEncoding) }
            labels[name] = decoded
        }
        return .success(Route(operation: op, labels: labels))
    }
}
