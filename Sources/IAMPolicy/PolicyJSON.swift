import Foundation

/// A policy document as JSON: the engine's own value type, so callers holding a parsed tree of
/// their own convert to it and text is read through Foundation's `JSONDecoder` (which tells
/// booleans from numbers and bounds nesting).
public enum PolicyJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PolicyJSON])
    case object([String: PolicyJSON])

    /// A scalar as IAM reads condition values: numbers without a fraction as integers,
    /// booleans as `true`/`false` (nil for null, lists and objects).
    var scalarText: String? {
        switch self {
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .null, .array, .object: nil
        }
    }
}

extension PolicyJSON: Decodable {
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
        } else if let value = try? container.decode([PolicyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PolicyJSON].self))
        }
    }
}
