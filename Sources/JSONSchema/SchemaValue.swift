/// A JSON value as the schema engine sees it: objects keep their members in document order
/// (messages print them as Jackson does), numbers keep their source text (messages print it,
/// and draft 4's `integer` is decided by it: `1.0` is a number, not an integer, as in Jackson
/// and in Python's `jsonschema` for draft 4).
public indirect enum SchemaValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(SchemaNumber)
    case string(String)
    case array([SchemaValue])
    case object(SchemaObject)

    /// JSON Schema equality (`enum`, `uniqueItems`): numbers by value (`1` equals `1.0`),
    /// objects regardless of member order, booleans never equal to numbers.
    public static func == (lhs: SchemaValue, rhs: SchemaValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.value == b.value
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.members {
                guard let other = b[key], other == value else { return false }
            }
            return true
        default: return false
        }
    }

    /// The draft 4 primitive type name of this value.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n.isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Compact JSON, as Jackson's `JsonNode.toString()` prints it (no spaces, members in order).
    public var compactText: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): SchemaValue.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += "," }
                SchemaValue.quote(member.key, into: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// A JSON array of strings, compact (`["a","b"]`).
    static func stringArray(_ items: [String]) -> String {
        SchemaValue.array(items.map(SchemaValue.string)).compactText
    }
}

/// A JSON number: its source text, its value, and whether it was written as an integer.
public struct SchemaNumber: Sendable, Equatable {
    public let text: String
    public let value: Double
    public let isInteger: Bool

    public init(text: String, value: Double, isInteger: Bool) {
        self.text = text
        self.value = value
        self.isInteger = isInteger
    }

    public init(_ int: Int) {
        self.init(text: String(int), value: Double(int), isInteger: true)
    }
}

/// A JSON object's members in document order; a repeated key's last value wins.
public struct SchemaObject: Sendable {
    public let members: [(key: String, value: SchemaValue)]

    public init(_ members: [(key: String, value: SchemaValue)]) {
        self.members = members
    }

    public var count: Int { members.count }

    public subscript(key: String) -> SchemaValue? {
        var found: SchemaValue?
        for member in members where member.key == key { found = member.value }
        return found
    }

    /// The distinct keys, in document order.
    public var keys: [String] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }
}
