/// Strict JSON as a generic value: request bodies checked against the model's shapes before
/// they are decoded into generated input structs, and Lambda proxy results.
public enum JSONNode: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONNode].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    /// How the value prints inside AWS's validation messages (`[wrong]` for a list).
    public var validationText: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): value
        case .array(let items): "[" + items.map(\.validationText).joined(separator: ", ") + "]"
        case .object: "{}"
        }
    }
}

extension JSONNode {
    /// Parses strict JSON; nil when the bytes are not JSON.
    public static func parse(_ bytes: [UInt8]) -> JSONNode? {
        try? JSONDecoder().decode(JSONNode.self, from: Data(bytes))
    }

    public subscript(key: String) -> JSONNode? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

import Foundation
