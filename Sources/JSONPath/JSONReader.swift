import Collections

/// Parses payloads the way Jayway JsonPath's json-smart 2.2 provider does in its default,
/// fully permissive mode (what API Gateway's `$input` and `$util.parseJson` see).
///
/// json-smart's permissive mode accepts, among others: single-quoted strings, unquoted
/// strings and keys (trimmed), `NaN`, leading zeros, missing or extra commas, trailing data
/// after the first value, raw control characters; an unknown escape such as `\q` is dropped.
/// A byte 0x1A acts as end of input, as in json-smart. Nesting deeper than ``maxDepth``
/// (400, the limit of the json-smart build the oracle uses: "Malicious payload, having non
/// natural depths") is rejected.
///
/// The parser runs directly over UTF-8 bytes; invalid UTF-8 inside strings becomes U+FFFD,
/// and an escaped lone surrogate becomes `?` (see ``UTF16Assembler``).
public enum JSONReader {
    /// Maximum nesting of arrays and objects.
    public static let maxDepth = 400

    /// Parses a payload as Jayway's json-smart provider does (permissive mode, as AWS's
    /// `$input` sees it).
    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parseResult($0) }) {
            return try result.get()
        }
        var copy = text
        return try copy.withUTF8 { parseResult($0) }.get()
    }

    /// Parses UTF-8 bytes as ``parse(_:)`` parses the decoded text.
    public static func parse(bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ parseResult($0) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { parseResult($0) }.get()
    }

    static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONError> {
        var parser = SmartParser(buffer)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

// MARK: - Parser

/// The sets of characters that end an unquoted token in a given position (json-smart's
/// `stopX`, `stopKey`, `stopValue` and `stopArray`); every set includes end of input.
enum StopSet {
    case top, key, value, array

    @inline(__always)
    func contains(_ c: UInt8) -> Bool {
        if c == SmartParser.eoi { return true }
        switch self {
        case .top: return false
        case .key: return c == UInt8(ascii: ":")
        case .value: return c == UInt8(ascii: ",") || c == UInt8(ascii: "}")
        case .array: return c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
        }
    }
}

/// A port of json-smart's in-memory parser state machine over UTF-8 bytes. `c` is the
/// current byte, or `eoi` past the end (json-smart uses the same 0x1A sentinel, so a real
/// 0x1A byte also ends tokens).
struct SmartParser {
    static let eoi: UInt8 = 0x1A

    let buf: UnsafeBufferPointer<UInt8>
    let len: Int
    var pos = -1
    var c: UInt8 = 0
    var depth = 0
    var scratch: [UInt8] = []

    init(_ buf: UnsafeBufferPointer<UInt8>) {
        self.buf = buf
        self.len = buf.count
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        pos = -1
        read()
        // Permissive mode accepts trailing data: whatever follows the first value is ignored.
        return try readValue(.top)
    }

    @inline(__always)
    mutating func read() {
        pos += 1
        c = pos < len ? buf[pos] : Self.eoi
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONError {
        JSONError(message: message, offset: max(0, min(offset ?? pos, len)))
    }

    @inline(__always)
    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0D || c == 0x0A || c == 0x09
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// json-smart's `skipSpace`: skips every character up to U+0020 except end of input.
    @inline(__always)
    mutating func skipSpace() {
        while c <= 0x20 && c != Self.eoi { read() }
    }

    @inline(__always)
    mutating func skipDigits() {
        while Self.isDigit(c) { read() }
    }

    @inline(__always)
    mutating func skipUnquoted(_ stop: StopSet) {
        while !stop.contains(c) { read() }
    }

    /// The bytes `start..<end` with Java `String.trim()` applied (drops bytes <= 0x20).
    func trimmed(_ start: Int, _ end: Int) -> Range<Int> {
        var a = start
        var b = min(end, len)
        while a < b && buf[a] <= 0x20 { a += 1 }
        while b > a && buf[b - 1] <= 0x20 { b -= 1 }
        return a..<b
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self)
    }

    func bytesEqual(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        var i = 0
        for j in range {
            if buf[j] != lit[i] { return false }
            i += 1
        }
        return true
    }

    /// Reads an unquoted token up to a stop character and trims it.
    mutating func readUnquoted(_ stop: StopSet) -> Range<Int> {
        let start = pos
        skipUnquoted(stop)
        return trimmed(start, pos)
    }

    /// json-smart's `readMain`/`readFirst`: one value in the position described by `stop`.
    mutating func readValue(_ stop: StopSet) throws(JSONError) -> JSONValue {
        while true {
            switch c {
            case 0x20, 0x0D, 0x0A, 0x09:
                read()
            case UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                throw fail("Unexpected character (\(Character(Unicode.Scalar(c))))")
            case UInt8(ascii: "{"):
                return try readObject()
            case UInt8(ascii: "["):
                return try readArray()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return .string(try readString())
            case UInt8(ascii: "n"):
                let r = readUnquoted(stop)
                return bytesEqual(r, "null") ? .null : .string(string(r))
            case UInt8(ascii: "t"):
                let r = readUnquoted(stop)
                return bytesEqual(r, "true") ? .bool(true) : .string(string(r))
            case UInt8(ascii: "f"):
                let r = readUnquoted(stop)
                return bytesEqual(r, "false") ? .bool(false) : .string(string(r))
            case UInt8(ascii: "N"):
                let r = readUnquoted(stop)
                return bytesEqual(r, "NaN") ? .double(.nan) : .string(string(r))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try readNumber(stop)
            default:
                return .string(string(readUnquoted(stop)))
            }
        }
    }

    mutating func enter() throws(JSONError) {
        depth += 1
        if depth > JSONReader.maxDepth {
            throw fail("Malicious payload, having non natural depths (more than \(JSONReader.maxDepth) levels)")
        }
    }

    mutating func readObject() throws(JSONError) -> JSONValue {
        try enter()
        var object = OrderedDictionary<String, JSONValue>()
        object.reserveCapacity(8)  // fewer regrowths for typical small objects
        while true {
            read()
            switch c {
            case 0x20, 0x0D, 0x09, 0x0A, UInt8(ascii: ","):
                continue
            case UInt8(ascii: ":"), UInt8(ascii: "]"), UInt8(ascii: "["), UInt8(ascii: "{"):
                throw fail("Unexpected character (\(Character(Unicode.Scalar(c))))")
            case UInt8(ascii: "}"):
                read()
                depth -= 1
                return .object(object)
            default:
                let key: String
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    key = try readString()
                } else {
                    key = string(readUnquoted(.key))
                }
                skipSpace()
                if c != UInt8(ascii: ":") {
                    throw fail(c == Self.eoi ? "Unexpected end of input" : "Unexpected character", at: pos - 1)
                }
                // json-smart's readNoEnd: the colon must not be the last character.
                pos += 1
                guard pos < len else { throw fail("Unexpected end of input", at: pos - 1) }
                c = buf[pos]
                let value = try readValue(.value)
                object[key] = value
                skipSpace()
                if c == UInt8(ascii: "}") {
                    read()
                    depth -= 1
                    return .object(object)
                }
                if c == Self.eoi { throw fail("Unexpected end of input", at: pos - 1) }
                if c != UInt8(ascii: ",") { throw fail("Unexpected token", at: pos - 1) }
            }
        }
    }

    mutating func readArray() throws(JSONError) -> JSONValue {
        try enter()
        var array: [JSONValue] = []
        read()
        while true {
            switch c {
            case 0x20, 0x0D, 0x0A, 0x09, UInt8(ascii: ","):
                read()
            case UInt8(ascii: "]"):
                read()
                depth -= 1
                return .array(array)
            case UInt8(ascii: ":"), UInt8(ascii: "}"):
                throw fail("Unexpected character (\(Character(Unicode.Scalar(c))))")
            case Self.eoi:
                throw fail("Unexpected end of input", at: pos - 1)
            default:
                array.append(try readValue(.array))
            }
        }
    }

    /// A quoted string (either quote kind). Like json-smart, a string without a backslash
    /// is taken verbatim up to the next same quote (control characters kept); one with a
    /// backslash is decoded character by character (control characters dropped, unknown
    /// escapes dropped, `\xHH` accepted).
    mutating func readString() throws(JSONError) -> String {
        let quote = c
        var end = pos + 1
        var sawBackslash = false
        while end < len {
            let b = buf[end]
            if b == quote { break }
            if b == UInt8(ascii: "\\") { sawBackslash = true }
            end += 1
        }
        if end >= len { throw fail("Unexpected end of input in string", at: len) }
        if !sawBackslash {
            let s = string(pos + 1..<end)
            pos = end
            read()
            return s
        }
        return try readEscapedString(quote)
    }

    mutating func readEscapedString(_ quote: UInt8) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var utf16 = UTF16Assembler()
        while true {
            read()
            switch c {
            case Self.eoi:
                throw fail("Unexpected end of input in string", at: pos - 1)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if c == quote {
                    utf16.flush(into: &scratch)
                    read()
                    return String(decoding: scratch, as: UTF8.self)
                }
                utf16.flush(into: &scratch)
                scratch.append(c)
            case UInt8(ascii: "\\"):
                read()
                switch c {
                case UInt8(ascii: "t"): utf16.flush(into: &scratch); scratch.append(0x09)
                case UInt8(ascii: "n"): utf16.flush(into: &scratch); scratch.append(0x0A)
                case UInt8(ascii: "r"): utf16.flush(into: &scratch); scratch.append(0x0D)
                case UInt8(ascii: "f"): utf16.flush(into: &scratch); scratch.append(0x0C)
                case UInt8(ascii: "b"): utf16.flush(into: &scratch); scratch.append(0x08)
                case UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                    utf16.flush(into: &scratch)
                    scratch.append(c)
                case UInt8(ascii: "u"):
                    utf16.append(try readHex(4), into: &scratch)
                case UInt8(ascii: "x"):
                    utf16.append(try readHex(2), into: &scratch)
                default:
                    break  // json-smart drops an unknown escape entirely
                }
            case 0x00...0x19, 0x1B...0x1F, 0x7F:
                continue  // permissive mode ignores raw control characters here
            default:
                utf16.flush(into: &scratch)
                scratch.append(c)
            }
        }
    }

    mutating func readHex(_ count: Int) throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<count {
            read()
            let digit: UInt16
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(c - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(c - UInt8(ascii: "A") + 10)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(c - UInt8(ascii: "a") + 10)
            case Self.eoi: throw fail("Unexpected end of input in escape")
            default: throw fail("Unexpected unicode escape character")
            }
            value = value &* 16 &+ digit
        }
        return value
    }
}

/// Turns the UTF-16 code units of `\u` escapes into UTF-8, pairing surrogates. A lone
/// surrogate becomes `?`: Java keeps it in the string and its UTF-8 encoder then writes
/// `?` for it, which is what a client of API Gateway receives.
struct UTF16Assembler {
    var pendingHigh: UInt16?

    mutating func flush(into out: inout [UInt8]) {
        if pendingHigh != nil {
            Self.encode(0x3F, into: &out)
            pendingHigh = nil
        }
    }

    mutating func append(_ unit: UInt16, into out: inout [UInt8]) {
        switch unit {
        case 0xD800...0xDBFF:
            flush(into: &out)
            pendingHigh = unit
        case 0xDC00...0xDFFF:
            if let high = pendingHigh {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                Self.encode(scalar, into: &out)
                pendingHigh = nil
            } else {
                Self.encode(0x3F, into: &out)
            }
        default:
            flush(into: &out)
            Self.encode(UInt32(unit), into: &out)
        }
    }

    static func encode(_ scalar: UInt32, into out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
