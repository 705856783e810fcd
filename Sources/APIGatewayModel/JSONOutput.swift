import Foundation

/// A value that writes itself as JSON the way AWS's REST-JSON protocol shapes it (member
/// names as the model gives them, timestamps as epoch seconds, absent members left out).
///
/// Every generated shape conforms (see `Generated/ShapeWriters.swift`); the control plane
/// uses it for responses and the store for its documents. It writes the same text as
/// Foundation's `JSONEncoder` with `.secondsSince1970` and `.withoutEscapingSlashes`, in one
/// pass over a byte buffer, with no boxing through `Encoder` containers (the encoder was the
/// largest cost of GetIntegrationResponse and PutIntegrationResponse).
public protocol JSONWritable {
    func writeJSON(to out: inout JSONOutput)
}

extension JSONWritable {
    /// The value as JSON text.
    public func jsonBytes(capacity: Int = 256) -> [UInt8] {
        var out = JSONOutput(capacity: capacity)
        writeJSON(to: &out)
        return out.bytes
    }

    /// The value as the store keeps it: as `jsonBytes`, but timestamps keep their fraction of
    /// a second, so things made in the same second still list in the order they were made
    /// (the wire shows whole seconds, as AWS does).
    public func storageBytes(capacity: Int = 256) -> [UInt8] {
        var out = JSONOutput(capacity: capacity)
        out.keepsFractionalSeconds = true
        writeJSON(to: &out)
        return out.bytes
    }
}

/// A JSON text being written. Objects and arrays track their own commas.
public struct JSONOutput {
    public private(set) var bytes: [UInt8]
    private var needsComma = false
    /// Timestamps are written in whole seconds (AWS's wire) unless this is set (the store's
    /// documents, which keep the sub-second order of creation).
    public var keepsFractionalSeconds = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: structure

    @inline(__always)
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    @inline(__always)
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    @inline(__always)
    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    @inline(__always)
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"key":value` when `value` is present; `key` is the member's JSON text with
    /// its quotes and colon (`"statusCode":`), precomputed by the generator.
    @inline(__always)
    public mutating func member<T: JSONWritable>(_ key: StaticString, _ value: T?) {
        guard let value else { return }
        comma()
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        value.writeJSON(to: &self)
        needsComma = true
    }

    /// Writes one array element.
    @inline(__always)
    public mutating func element<T: JSONWritable>(_ value: T) {
        comma()
        value.writeJSON(to: &self)
        needsComma = true
    }

    /// Writes `"key":value` for a map entry.
    @inline(__always)
    public mutating func entry<T: JSONWritable>(_ key: String, _ value: T) {
        comma()
        string(key)
        bytes.append(UInt8(ascii: ":"))
        value.writeJSON(to: &self)
        needsComma = true
    }

    @inline(__always)
    private mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    // MARK: scalars

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal: `"` `\` and control characters escaped (short forms where JSON
    /// has them), `/` and everything else as is.
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// `value` as a JSON string literal (quotes included): the one JSON string escaper, for
    /// the few places that build JSON text outside a writer (error bodies, `$context.error.messageString`).
    public static func quoted(_ value: String) -> String {
        var out = JSONOutput(capacity: value.utf8.count + 2)
        out.string(value)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    public mutating func integer<T: BinaryInteger>(_ value: T) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A number as JSONEncoder prints it: Swift's shortest round-trip text without a trailing
    /// `.0`; non-finite values (never stored) as 0.
    public mutating func double(_ value: Double) {
        guard value.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}

// MARK: conformances of the values shapes are made of

extension String: JSONWritable {
    @inline(__always)
    public func writeJSON(to out: inout JSONOutput) { out.string(self) }
}

extension Bool: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) { self ? out.raw("true") : out.raw("false") }
}

extension Int: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) { out.integer(self) }
}

extension Int64: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) { out.integer(self) }
}

extension Double: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) { out.double(self) }
}

/// Timestamps: whole epoch seconds, as AWS's REST-JSON protocol sends them (the store keeps
/// the fraction: see `storageBytes`).
extension Date: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        let seconds = timeIntervalSince1970
        out.double(out.keepsFractionalSeconds ? seconds : seconds.rounded(.down))
    }
}

/// Blobs: base64 text.
extension Data: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) { out.string(base64EncodedString()) }
}

/// A map value given as JSON null (templates stored as null).
extension Optional: JSONWritable where Wrapped: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        if let value = self { value.writeJSON(to: &out) } else { out.raw("null") }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginArray()
        for item in self { out.element(item) }
        out.endArray()
    }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    public func writeJSON(to out: inout JSONOutput) {
        out.beginObject()
        for (key, value) in self { out.entry(key, value) }
        out.endObject()
    }
}

/// String enums write their raw value.
extension JSONWritable where Self: RawRepresentable, RawValue == String {
    public func writeJSON(to out: inout JSONOutput) { out.string(rawValue) }
}
