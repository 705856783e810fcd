import JavaNumbers
/// Writes values as json-smart 2.2 does.
///
/// ``write(_:)`` is `JSONValue.toJSONString(value, JSONStyle.LT_COMPRESS)`, what
/// `$input.json(...)` emits: compact, keys and strings always quoted, `/` not escaped,
/// `"` `\` and `\b \f \n \r \t` escaped, other characters in U+0000–U+001F, U+007F–U+009F
/// and U+2000–U+20FF as `\uXXXX` (upper-case hex), everything else verbatim. Numbers print
/// as Java does (`Double.toString`, with an infinite double written as `null`).
///
/// ``javaString(_:)`` is Java's `toString()` of the same value, what a template prints
/// for `$input.path(...)`: maps as `{a=1, b=x}`, arrays as json-smart's default style
/// (like ``write(_:)`` but `/` escaped as `\/`).
public enum JSONWriter {
    /// Compact JSON exactly as json-smart writes it (what `$input.json` emits).
    public static func write(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        emit(value, escapeSlash: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``write(_:)``'s output to `into`.
    public static func write(_ value: JSONValue, into: inout String) {
        into += write(value)
    }

    /// json-smart's default style (`JSONValue.toJSONString(value)`, `JSONArray.toString()`):
    /// like ``write(_:)`` but with `/` escaped as `\/`.
    public static func writeDefaultStyle(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        emit(value, escapeSlash: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Java's `toString()` of the object Jayway returns for this value: strings verbatim,
    /// numbers as Java prints them (`1.0E7`, `Infinity`), `true`/`false`, `null`, objects as
    /// `LinkedHashMap.toString()` (`{a=1, b=[1,2]}`), arrays as `JSONArray.toString()`
    /// (compact JSON with `/` escaped).
    public static func javaString(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .int, .bigInt, .double, .decimal: return value.javaNumberText ?? ""
        case .array: return writeDefaultStyle(value)
        case .object(let members):
            var out = "{"
            var first = true
            for (key, member) in members {
                if !first { out += ", " }
                first = false
                out += key
                out += "="
                out += javaString(member)
            }
            out += "}"
            return out
        }
    }

    static func emit(_ value: JSONValue, escapeSlash: Bool, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let v):
            out.append(contentsOf: String(v).utf8)
        case .bigInt(let s), .decimal(let s):
            out.append(contentsOf: s.utf8)
        case .double(let d):
            out.append(contentsOf: (d.isInfinite ? "null" : JavaDouble.toString(d)).utf8)
        case .string(let s):
            emitString(s, escapeSlash: escapeSlash, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                emit(item, escapeSlash: escapeSlash, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                emitString(key, escapeSlash: escapeSlash, into: &out)
                out.append(UInt8(ascii: ":"))
                emit(member, escapeSlash: escapeSlash, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func appendUnicodeEscape(_ unit: UInt32, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        out.append(hexDigits[Int((unit >> 12) & 0xF)])
        out.append(hexDigits[Int((unit >> 8) & 0xF)])
        out.append(hexDigits[Int((unit >> 4) & 0xF)])
        out.append(hexDigits[Int(unit & 0xF)])
    }

    /// A quoted string with json-smart's escapes, working on UTF-8 bytes: U+0080–U+009F
    /// is `C2 80`–`C2 9F`, U+2000–U+20FF is `E2 80 80`–`E2 83 BF`.
    static func emitString(_ s: String, escapeSlash: Bool, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            let n = bytes.count
            var runStart = 0
            var i = 0
            while i < n {
                let b = bytes[i]
                var replacement: StaticString?
                var escapeUnit: UInt32?
                var width = 1
                switch b {
                case UInt8(ascii: "\""): replacement = "\\\""
                case UInt8(ascii: "\\"): replacement = "\\\\"
                case 0x08: replacement = "\\b"
                case 0x0C: replacement = "\\f"
                case 0x0A: replacement = "\\n"
                case 0x0D: replacement = "\\r"
                case 0x09: replacement = "\\t"
                case UInt8(ascii: "/"): if escapeSlash { replacement = "\\/" }
                case 0x00..<0x20, 0x7F: escapeUnit = UInt32(b)
                case 0xC2:
                    if i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                        escapeUnit = UInt32(bytes[i + 1])
                        width = 2
                    }
                case 0xE2:
                    if i + 2 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x83 {
                        escapeUnit = 0x2000 | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                        width = 3
                    }
                default: break
                }
                if replacement == nil && escapeUnit == nil {
                    i += 1
                    continue
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                if let r = replacement {
                    out.append(contentsOf: UnsafeBufferPointer(start: r.utf8Start, count: r.utf8CodeUnitCount))
                } else if let u = escapeUnit {
                    appendUnicodeEscape(u, into: &out)
                }
                i += width
                runStart = i
            }
            if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
