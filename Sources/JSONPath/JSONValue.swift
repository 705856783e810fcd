import Collections
import JavaNumbers

/// A JSON value as Jayway JsonPath's json-smart provider holds it after parsing
/// (the document API Gateway's `$input` and `$util.parseJson` work on).
///
/// The number cases mirror the Java classes json-smart 2.2 produces, because they print
/// differently and VTL arithmetic treats them differently:
/// - `.int`: `Integer` or `Long` (any integer literal that fits in 64 bits);
/// - `.bigInt`: `BigInteger` (an integer literal beyond `Long`), canonical decimal digits;
/// - `.double`: `Double` (a literal with `.`/exponent of at most 18 characters, e.g.
///   `10.00` -> `10.0`, `1e3` -> `1000.0`); also json-smart's `NaN` (a `Float` in Java,
///   printed the same);
/// - `.decimal`: `BigDecimal` (a literal with `.`/exponent longer than 18 characters,
///   json-smart's "high precision" rule), stored as `BigDecimal.toString()`, e.g.
///   `0.30000000000000004` or `1.0000000000000000000E+30`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// json-smart `Integer` or `Long`.
    case int(Int64)
    /// Integer beyond `Long`: decimal digits, optional leading `-`, no leading zeros.
    case bigInt(String)
    /// json-smart `Double` (and the `Float` NaN of a bare `NaN` literal).
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Insertion order kept, like the `LinkedHashMap` json-smart builds; a duplicate key
    /// keeps its first position and takes the last value.
    case object(OrderedDictionary<String, JSONValue>)
    /// json-smart `BigDecimal` (a fractional/exponent literal longer than 18 characters),
    /// stored as Java's `BigDecimal.toString()` of the literal.
    case decimal(String)
}

extension JSONValue {
    /// True for the number cases (`.int`, `.bigInt`, `.double`, `.decimal`).
    public var isNumber: Bool {
        switch self {
        case .int, .bigInt, .double, .decimal: return true
        default: return false
        }
    }

    /// The text Java's `toString()` gives for a number value (`Integer`/`Long`/`BigInteger`
    /// digits, `Double.toString`, `BigDecimal.toString`); nil for non-numbers.
    public var javaNumberText: String? {
        switch self {
        case .int(let v): return String(v)
        case .bigInt(let s): return s
        case .double(let d): return JavaDouble.toString(d)
        case .decimal(let s): return s
        default: return nil
        }
    }

    /// Member lookup for objects (nil when absent or not an object).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// A payload json-smart (as Jayway's provider configures it) refuses, with the offset
/// (in UTF-8 bytes) where parsing stopped.
public struct JSONError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at position \(offset)" }
}
