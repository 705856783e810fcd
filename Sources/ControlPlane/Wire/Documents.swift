import APIGatewayModel
import Foundation
import Yams

/// Documents users upload (OpenAPI definitions for ImportRestApi, PutRestApi and documentation
/// import): JSON, parsed strictly, or YAML (Yams), read into the same `JSONNode` tree.
///
/// Bounded: at most `maxSize` bytes, `maxDepth` levels and `maxNodes` values after YAML
/// aliases are expanded, so an alias bomb (a few lines that expand to billions of values)
/// fails fast instead of exhausting memory.
enum Documents {
    /// The largest document accepted, in bytes (AWS's limit for an imported definition).
    static let maxSize = 6 * 1024 * 1024
    static let maxDepth = 200
    /// Values in the expanded tree; a 6 MB definition written out has far fewer.
    static let maxNodes = 1_000_000

    static func parse(_ bytes: [UInt8]) -> JSONNode? {
        guard !bytes.isEmpty, bytes.count <= maxSize else { return nil }
        if let node = StrictJSON.parse(bytes) { return node }
        guard let text = String(validating: bytes, as: UTF8.self), let root = try? Yams.compose(yaml: text) else { return nil }
        var budget = maxNodes
        return node(root, depth: 0, budget: &budget)
    }

    /// A YAML node as a JSON tree; nil past the depth or node budget. Aliases share the node
    /// they name (Yams composes them so), and each use counts against the budget.
    private static func node(_ value: Node, depth: Int, budget: inout Int) -> JSONNode? {
        budget -= 1
        guard depth < maxDepth, budget >= 0 else { return nil }
        switch value {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: value.tag.rawValue) {
            case .null: return .null
            case .bool: return value.bool.map(JSONNode.bool) ?? .string(scalar.string)
            case .int: return value.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case .float: return value.float.flatMap { $0.isFinite ? JSONNode.number($0) : nil } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let list):
            var items: [JSONNode] = []
            items.reserveCapacity(list.count)
            for item in list {
                guard let converted = node(item, depth: depth + 1, budget: &budget) else { return nil }
                items.append(converted)
            }
            return .array(items)
        case .mapping(let map):
            var fields: [String: JSONNode] = [:]
            for (key, item) in map {
                guard case .scalar(let name) = key, let converted = node(item, depth: depth + 1, budget: &budget) else { return nil }
                fields[name.string] = converted
            }
            return .object(fields)
        case .alias:
            return nil
        }
    }
}
