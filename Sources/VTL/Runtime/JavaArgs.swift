/// Argument matching with Java's method-invocation conversions, as Velocity's introspector
/// applies them: a Java `int` parameter accepts an Integer (not a Long), `long` accepts
/// Integer or Long, `double` accepts any of Integer, Long, Double; reference parameters
/// accept null. A call whose arguments fit no overload finds no method (the template then
/// sees an empty string).
enum JavaArg {
    static func int(_ v: VTLValue) -> Int32? {
        if case .int(let i) = v { return i }
        return nil
    }

    static func long(_ v: VTLValue) -> Int64? {
        switch v {
        case .int(let i): return Int64(i)
        case .long(let l): return l
        default: return nil
        }
    }

    static func double(_ v: VTLValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .long(let l): return Double(l)
        case .double(let d): return d
        default: return nil
        }
    }

    static func bool(_ v: VTLValue) -> Bool? {
        if case .bool(let b) = v { return b }
        return nil
    }

    static func char(_ v: VTLValue) -> UInt16? {
        if case .char(let c) = v { return c }
        return nil
    }

    /// A `String` parameter: `.some(nil)` for null, nil when the argument is not a String.
    static func string(_ v: VTLValue) -> String?? {
        switch v {
        case .string(let s): return .some(s)
        case .null: return .some(nil)
        default: return nil
        }
    }

    /// Whether `v` can be passed where a `String` is expected (String or null).
    static func isStringOrNull(_ v: VTLValue) -> Bool {
        switch v {
        case .string, .null: return true
        default: return false
        }
    }

    static func npe(_ what: String = "") -> VTLRuntimeError {
        VTLRuntimeError("NullPointerException", what)
    }
}

/// Java string operations on UTF-16 code units (Java strings are UTF-16; indexes and lengths
/// count code units).
struct JString {
    let u: [UInt16]

    init(_ s: String) { u = Array(s.utf16) }
    init(units: [UInt16]) { u = units }

    var string: String { Self.string(u[...]) }

    /// A Swift string from Java UTF-16 units; an unpaired surrogate (which Java keeps, and
    /// writes as `?` when it encodes the output) becomes `?`.
    static func string(_ units: ArraySlice<UInt16>) -> String {
        var clean = true
        var i = units.startIndex
        while i < units.endIndex {
            let c = units[i]
            if c >= 0xD800 && c <= 0xDFFF {
                if c <= 0xDBFF, i + 1 < units.endIndex, units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF {
                    i += 2
                    continue
                }
                clean = false
                break
            }
            i += 1
        }
        if clean { return String(decoding: units, as: UTF16.self) }
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        i = units.startIndex
        while i < units.endIndex {
            let c = units[i]
            if c >= 0xD800 && c <= 0xDBFF, i + 1 < units.endIndex, units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF {
                out.append(c)
                out.append(units[i + 1])
                i += 2
            } else if c >= 0xD800 && c <= 0xDFFF {
                out.append(0x3F)
                i += 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    func indexOf(_ sub: [UInt16], from: Int) -> Int {
        let start = max(0, from)
        if sub.isEmpty { return min(start, u.count) }
        if sub.count > u.count { return -1 }
        var i = start
        while i + sub.count <= u.count {
            if u[i] == sub[0] {
                var k = 1
                while k < sub.count && u[i + k] == sub[k] { k += 1 }
                if k == sub.count { return i }
            }
            i += 1
        }
        return -1
    }

    func lastIndexOf(_ sub: [UInt16], from: Int) -> Int {
        var i = min(from, u.count - sub.count)
        if i < 0 { return -1 }
        if sub.isEmpty { return i }
        while i >= 0 {
            var k = 0
            while k < sub.count && u[i + k] == sub[k] { k += 1 }
            if k == sub.count { return i }
            i -= 1
        }
        return -1
    }

    /// `indexOf(int ch, int from)` with supplementary code points split into surrogates.
    static func units(ofCodePoint cp: Int32) -> [UInt16]? {
        guard cp >= 0, cp <= 0x10FFFF else { return nil }
        if cp < 0x10000 { return [UInt16(cp)] }
        let v = cp - 0x10000
        return [UInt16(0xD800 + (v >> 10)), UInt16(0xDC00 + (v & 0x3FF))]
    }

    static func outOfBounds(_ begin: Int, _ end: Int, _ length: Int) -> VTLRuntimeError {
        VTLRuntimeError("StringIndexOutOfBoundsException", "begin \(begin), end \(end), length \(length)")
    }

    func substring(_ begin: Int, _ end: Int) throws(VTLRuntimeError) -> String {
        guard begin >= 0, end <= u.count, begin <= end else { throw Self.outOfBounds(begin, end, u.count) }
        return Self.string(u[begin..<end])
    }

    /// Java `String.hashCode()`.
    var javaHash: Int32 {
        var h: Int32 = 0
        for c in u { h = h &* 31 &+ Int32(c) }
        return h
    }

    /// `Character.isWhitespace`.
    static func isJavaWhitespace(_ c: UInt16) -> Bool {
        switch c {
        case 0x09...0x0D, 0x1C...0x20, 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x2028, 0x2029, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `compareTo`: lexicographic by UTF-16 unit, then by length.
    static func compare(_ a: [UInt16], _ b: [UInt16]) -> Int32 {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return Int32(a[i]) - Int32(b[i]) }
        return Int32(a.count - b.count)
    }

    /// Java's `Character.toUpperCase(Character.toLowerCase(c))`-style folding used by
    /// `equalsIgnoreCase` and `compareToIgnoreCase`, for one UTF-16 unit.
    static func foldCase(_ c: UInt16) -> UInt16 {
        guard let scalar = Unicode.Scalar(c) else { return c }
        let up = String(scalar).uppercased().utf16
        let upper = up.count == 1 ? up.first ?? c : c
        guard let us = Unicode.Scalar(upper) else { return upper }
        let low = String(us).lowercased().utf16
        return low.count == 1 ? low.first ?? upper : upper
    }
}
