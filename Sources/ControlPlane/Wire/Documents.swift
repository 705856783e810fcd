import APIGatewayModel
import Foundation
import Yams

/// Documents users upload (OpenAPI definitions for documentation import): JSON, parsed strictly,
/// or YAML (Yams), read into the same `JSONNode` tree.
enum Documents {
    /// The largest document accepted, in bytes.
    static let maxSize = 6 * 1024 * 1024

    static func parse(_ bytes: [UInt8]) -> JSONNode? {
        guard !bytes.isEmpty, bytes.count <= maxSize else { return nil }
        if let node = StrictJSON.parse(bytes) { return node }
        guard let text = String(validating: bytes, as: UTF8.self), let loaded = try? Yams.load(yaml: text) else { return nil }
        return node(loaded, depth: 0)
    }

    /// A YAML value as a JSON tree; nil past 200 levels of nesting or for values JSON cannot hold.
    private static func node(_ value: Any?, depth: Int) -> JSONNode? {
        guard depth < 200 else { return nil }
        switch value {
        case nil, is NSNull: return .null
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double: return .number(number)
        case let list as [Any]:
            var items: [JSONNode] = []
            for item in list {
                guard let converted = node(item, depth: depth + 1) else { return nil }
                items.append(converted)
            }
            return .array(items)
        case let map as [String: Any]:
            var fields: [String: JSONNode] = [:]
            for (key, item) in map {
                guard let converted = node(item, depth: depth + 1) else { return nil }
                fields[key] = converted
            }
            return .object(fields)
        case let map as [AnyHashable: Any]:
            var fields: [String: JSONNode] = [:]
            for (key, item) in map {
                guard let converted = node(item, depth: depth + 1) else { return nil }
                fields[String(describing: key.base)] = converted
            }
            return .object(fields)
        case let date as Date:
            return .string(date.formatted(Date.ISO8601FormatStyle()))
        default:
            return nil
        }
    }
}
