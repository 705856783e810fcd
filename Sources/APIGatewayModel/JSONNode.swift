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

/// A stored document kept as a parsed tree (Lambda functions: their shapes live outside the
/// generated model).
extension JSONNode: JSONReadable {
    public init(json: JSONNode) { self = json }
}

extension JSONNode {
    public subscript(key: String) -> JSONNode? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

/// A parsed JSON value written back as JSON text (object members in key order, as the tree
/// does not keep the source's order).
extension JSONNode: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        switch self {
        case .null: out.raw("null")
        case .bool(let value): value.writeJSON(to: &out)
        case .number(let value):
            if value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 { out.integer(Int64(value)) } else { out.double(value) }
        case .string(let value): out.string(value)
        case .array(let items): items.writeJSON(to: &out)
        case .object(let fields):
            out.beginObject()
            for key in fields.keys.sorted() { out.entry(key, fields[key] ?? .null) }
            out.endObject()
        }
    }
}
