import Foundation

/// A value that reads itself from a parsed JSON body or stored document, the way Foundation's
/// `JSONDecoder` (epoch-second dates) read generated shapes before: unknown members ignored,
/// absent or null members nil, a null where a value is required refused.
///
/// Every generated shape conforms (see `Generated/ShapeReaders.swift`). Request bodies are
/// parsed once by `StrictJSON` and then read from that tree, instead of being decoded a second
/// time from bytes.
public protocol JSONReadable {
    init(json: JSONNode) throws(ShapeDecodingError)
}

/// Why a JSON value could not become a shape, and where (member names and list indices from
/// the document's root).
public struct ShapeDecodingError: Error, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The wrong JSON type (JSONDecoder's typeMismatch).
        case type
        /// The right type but an unusable value: a fraction for an integer, an unknown enum
        /// value, bad base64 (JSONDecoder's dataCorrupted).
        case value
        /// null where a value is required (JSONDecoder's valueNotFound).
        case missing
    }

    public var problem: Problem
    public var path: [String]

    public init(_ problem: Problem, path: [String] = []) {
        self.problem = problem
        self.path = path
    }

    /// The same error one level further down (`key` prepended to the path).
    func under(_ key: String) -> ShapeDecodingError {
        ShapeDecodingError(problem, path: [key] + path)
    }
}

extension JSONReadable {
    /// Reads a shape from JSON bytes (a stored document); nil when they are not JSON.
    public static func read(_ bytes: [UInt8]) throws(ShapeDecodingError) -> Self {
        guard let node = StrictJSON.parse(bytes) else { throw ShapeDecodingError(.type) }
        return try Self(json: node)
    }
}

/// Member access for the generated readers.
public enum ShapeReading {
    /// The member at `key`: nil when absent or null.
    @inline(__always)
    public static func member<T: JSONReadable>(_ fields: [String: JSONNode], _ key: String) throws(ShapeDecodingError) -> T? {
        guard let node = fields[key] else { return nil }
        if case .null = node { return nil }
        do {
            return try T(json: node)
        } catch {
            throw error.under(key)
        }
    }

    /// A scalar of the kind `pick` accepts; null is `.missing`, any other kind `.type`.
    @inline(__always)
    static func scalar<T>(_ node: JSONNode, _ pick: (JSONNode) -> T?) throws(ShapeDecodingError) -> T {
        if let value = pick(node) { return value }
        if case .null = node { throw ShapeDecodingError(.missing) }
        throw ShapeDecodingError(.type)
    }

    /// The object a structure reads from.
    @inline(__always)
    public static func fields(_ node: JSONNode) throws(ShapeDecodingError) -> [String: JSONNode] {
        switch node {
        case .object(let fields): return fields
        case .null: throw ShapeDecodingError(.missing)
        default: throw ShapeDecodingError(.type)
        }
    }
}

extension String: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        self = try ShapeReading.scalar(json) { if case .string(let value) = $0 { value } else { nil } }
    }
}

extension Bool: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        self = try ShapeReading.scalar(json) { if case .bool(let value) = $0 { value } else { nil } }
    }
}

extension Double: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        self = try ShapeReading.scalar(json) { if case .number(let value) = $0 { value } else { nil } }
    }
}

extension Int: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        let number = try Double(json: json)
        guard let value = Int(exactly: number) else { throw ShapeDecodingError(.value) }
        self = value
    }
}

extension Int64: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        let number = try Double(json: json)
        guard let value = Int64(exactly: number) else { throw ShapeDecodingError(.value) }
        self = value
    }
}

/// Timestamps: epoch seconds.
extension Date: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        self.init(timeIntervalSince1970: try Double(json: json))
    }
}

/// Blobs: base64 text.
extension Data: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        guard let data = Data(base64Encoded: try String(json: json)) else { throw ShapeDecodingError(.value) }
        self = data
    }
}

/// A map value given as null (templates stored as null).
extension Optional: JSONReadable where Wrapped: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        if case .null = json {
            self = .none
        } else {
            self = .some(try Wrapped(json: json))
        }
    }
}

extension Array: JSONReadable where Element: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        switch json {
        case .array(let items):
            var out: [Element] = []
            out.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                do {
                    out.append(try Element(json: item))
                } catch {
                    throw error.under(String(index))
                }
            }
            self = out
        case .null: throw ShapeDecodingError(.missing)
        default: throw ShapeDecodingError(.type)
        }
    }
}

extension Dictionary: JSONReadable where Key == String, Value: JSONReadable {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        let fields = try ShapeReading.fields(json)
        var out: [String: Value] = [:]
        out.reserveCapacity(fields.count)
        for (key, node) in fields {
            do {
                out[key] = try Value(json: node)
            } catch {
                throw error.under(key)
            }
        }
        self = out
    }
}

/// String enums read their raw value; an unknown value is a value error.
extension JSONReadable where Self: RawRepresentable, RawValue == String {
    public init(json: JSONNode) throws(ShapeDecodingError) {
        guard let value = Self(rawValue: try String(json: json)) else { throw ShapeDecodingError(.value) }
        self = value
    }
}
