/// Strict JSON as a generic value, parsed by `StrictJSON`: request bodies checked against the
/// model's shapes before they are read into generated input structs, and Lambda proxy results.
public enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

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
    public subscript(key: String) -> JSONNode? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

