import JavaNumbers

/// `String.format(String, Object...)` as `java.util.Formatter` (Java 17, `Locale.US`) renders
/// it. Velocity lets a template call this static method on any string (`$s.format("%05d", 7)`;
/// the receiver is ignored), so templates use it for padding and rounding.
///
/// Conversions: `b B h H s S c C d o x X e E f g G % n` with flags `-#+ 0,(<`, width,
/// precision and explicit (`2$`) or relative (`<`) argument indexes. Floating-point values are
/// rounded half-up on the digits `Double.toString` prints, as Java's `FormattedFloatingDecimal`
/// does (`%.1f` of 0.15 is `0.2`). Every misuse Java refuses (a missing argument, a flag the
/// conversion does not take, `%d` of a Double) is a runtime error of the same exception class.
/// Not supported (a runtime error): `%a` and the date/time conversions `%t`/`%T`.
/// https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Formatter.html
enum JavaStringFormat {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let left = Flags(rawValue: 1)
        static let alternate = Flags(rawValue: 2)
        static let plus = Flags(rawValue: 4)
        static let space = Flags(rawValue: 8)
        static let zero = Flags(rawValue: 16)
        static let group = Flags(rawValue: 32)
        static let parentheses = Flags(rawValue: 64)
        static let previous = Flags(rawValue: 128)
    }

    /// One `%…` specifier.
    struct Spec {
        var index: Int?
        var flags: Flags = []
        var width: Int?
        var precision: Int?
        var conversion: UInt8
        var upper: Bool
    }

    static func error(_ kind: String, _ message: String) -> VTLRuntimeError {
        VTLRuntimeError(kind, message)
    }

    /// Formats `format` with `args`; output longer than `limit` bytes fails.
    static func format(_ format: String, _ args: [VTLValue], limit: Int) throws(VTLRuntimeError) -> String {
        let f = Array(format.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(f.count + 16)
        var i = 0
        var ordinary = 0
        var last: Int?
        while i < f.count {
            guard f[i] == UInt8(ascii: "%") else {
                out.append(f[i])
                i += 1
                continue
            }
            let start = i
            i += 1
            var spec = try parse(f, &i, start: start)
            let text: [UInt8]
            switch spec.conversion {
            case UInt8(ascii: "%"):
                try check(spec.precision == nil, "IllegalFormatPrecisionException", "\(spec.precision ?? 0)")
                try check(
                    spec.flags.subtracting(.left).isEmpty, "IllegalFormatFlagsException", "Flags = '\(flagText(spec.flags))'")
                try check(!(spec.flags.contains(.left) && spec.width == nil), "MissingFormatWidthException", "%-%")
                text = justify(Array("%".utf8), spec)
            case UInt8(ascii: "n"):
                try check(spec.width == nil, "IllegalFormatWidthException", "\(spec.width ?? 0)")
                try check(spec.precision == nil, "IllegalFormatPrecisionException", "\(spec.precision ?? 0)")
                try check(spec.flags.isEmpty, "IllegalFormatFlagsException", "Flags = '\(flagText(spec.flags))'")
                text = [0x0A]
            default:
                try validate(spec)
                let position: Int
                if spec.flags.contains(.previous) {
                    guard let last else { throw error("MissingFormatArgumentException", "Format specifier '\(specText(f, start, i))'") }
                    position = last
                } else if let index = spec.index {
                    position = index - 1
                } else {
                    position = ordinary
                    ordinary += 1
                }
                guard position >= 0, position < args.count else {
                    throw error("MissingFormatArgumentException", "Format specifier '\(specText(f, start, i))'")
                }
                last = position
                spec.flags.remove(.previous)
                text = try print(args[position], spec, limit: limit)
            }
            out.append(contentsOf: text)
            if out.count > limit {
                throw error("OutOfMemoryError", "String.format output exceeds \(limit) bytes")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func check(_ ok: Bool, _ kind: String, _ message: String) throws(VTLRuntimeError) {
        if !ok { throw error(kind, message) }
    }

    private static func specText(_ f: [UInt8], _ from: Int, _ to: Int) -> String {
        String(decoding: f[from..<min(to, f.count)], as: UTF8.self)
    }

    private static func flagText(_ flags: Flags) -> String {
        let names: [(Flags, String)] = [
            (.left, "-"), (.alternate, "#"), (.plus, "+"), (.space, " "), (.zero, "0"), (.group, ","),
            (.parentheses, "("), (.previous, "<"),
        ]
        return names.filter { flags.contains($0.0) }.map(\.1).joined()
    }

    /// Parses `(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])` after the `%`.
    private static func parse(_ f: [UInt8], _ i: inout Int, start: Int) throws(VTLRuntimeError) -> Spec {
        func digits() -> (value: Int, count: Int)? {
            var n = 0
            var count = 0
            while i < f.count, f[i] >= 0x30, f[i] <= 0x39 {
                n = n > 100_000_000 ? n : n * 10 + Int(f[i] - 0x30)
                count += 1
                i += 1
            }
            return count == 0 ? nil : (n, count)
        }
        var index: Int?
        let save = i
        if let (n, _) = digits(), i < f.count, f[i] == UInt8(ascii: "$") {
            index = n
            i += 1
        } else {
            i = save
        }
        var flags: Flags = []
        flagLoop: while i < f.count {
            let flag: Flags
            switch f[i] {
            case UInt8(ascii: "-"): flag = .left
            case UInt8(ascii: "#"): flag = .alternate
            case UInt8(ascii: "+"): flag = .plus
            case UInt8(ascii: " "): flag = .space
            case UInt8(ascii: "0"): flag = .zero
            case UInt8(ascii: ","): flag = .group
            case UInt8(ascii: "("): flag = .parentheses
            case UInt8(ascii: "<"): flag = .previous
            default: break flagLoop
            }
            if flags.contains(flag) { throw error("DuplicateFormatFlagsException", "Flags = '\(flagText(flag))'") }
            flags.insert(flag)
            i += 1
        }
        let width = digits()?.value
        var precision: Int?
        if i < f.count, f[i] == UInt8(ascii: ".") {
            let dot = i
            i += 1
            if let (n, _) = digits() {
                precision = n
            } else {
                i = dot
            }
        }
        guard i < f.count else {
            throw error("UnknownFormatConversionException", "Conversion = '%'")
        }
        let c = f[i]
        i += 1
        if c == UInt8(ascii: "t") || c == UInt8(ascii: "T") {
            throw error("UnknownFormatConversionException", "Conversion = 't' (date/time conversions are not supported)")
        }
        if index == 0 { throw error("IllegalFormatArgumentIndexException", "Illegal format argument index = 0") }
        let lower = c | 0x20
        let upper = c >= 0x41 && c <= 0x5A
        switch c {
        case UInt8(ascii: "%"), UInt8(ascii: "n"):
            return Spec(index: index, flags: flags, width: width, precision: precision, conversion: c, upper: false)
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "s"), UInt8(ascii: "S"),
            UInt8(ascii: "c"), UInt8(ascii: "C"), UInt8(ascii: "d"), UInt8(ascii: "o"), UInt8(ascii: "x"), UInt8(ascii: "X"),
            UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "G"):
            return Spec(index: index, flags: flags, width: width, precision: precision, conversion: lower, upper: upper)
        case UInt8(ascii: "a"), UInt8(ascii: "A"):
            throw error("UnknownFormatConversionException", "Conversion = 'a' (not supported)")
        default:
            throw error("UnknownFormatConversionException", "Conversion = '\(String(decoding: [c], as: UTF8.self))'")
        }
    }

    /// Java's checks made when a specifier is parsed (before any argument is looked at).
    private static func validate(_ s: Spec) throws(VTLRuntimeError) {
        let conv = String(decoding: [s.conversion], as: UTF8.self)
        func bad(_ forbidden: Flags) throws(VTLRuntimeError) {
            let hit = s.flags.intersection(forbidden)
            if !hit.isEmpty { throw error("FormatFlagsConversionMismatchException", "Conversion = \(conv), Flags = \(flagText(hit))") }
        }
        func numeric() throws(VTLRuntimeError) {
            if s.width == nil && !s.flags.isDisjoint(with: [.left, .zero]) {
                throw error("MissingFormatWidthException", "%" + flagText(s.flags) + conv)
            }
            if s.flags.isSuperset(of: [.plus, .space]) || s.flags.isSuperset(of: [.left, .zero]) {
                throw error("IllegalFormatFlagsException", "Flags = '\(flagText(s.flags))'")
            }
        }
        switch s.conversion {
        case UInt8(ascii: "b"), UInt8(ascii: "h"), UInt8(ascii: "s"):
            if s.conversion != UInt8(ascii: "s") { try bad(.alternate) }
            if s.width == nil && s.flags.contains(.left) { throw error("MissingFormatWidthException", "%-" + conv) }
            try bad([.plus, .space, .zero, .group, .parentheses])
        case UInt8(ascii: "c"):
            if let p = s.precision { throw error("IllegalFormatPrecisionException", "\(p)") }
            try bad([.alternate, .plus, .space, .zero, .group, .parentheses])
            if s.width == nil && s.flags.contains(.left) { throw error("MissingFormatWidthException", "%-" + conv) }
        case UInt8(ascii: "d"), UInt8(ascii: "o"), UInt8(ascii: "x"):
            try numeric()
            if let p = s.precision { throw error("IllegalFormatPrecisionException", "\(p)") }
            try bad(s.conversion == UInt8(ascii: "d") ? .alternate : .group)
        default:  // e f g
            try numeric()
            if s.conversion == UInt8(ascii: "e") { try bad(.group) }
            if s.conversion == UInt8(ascii: "g") { try bad(.alternate) }
        }
    }

    private static func mismatch(_ s: Spec, _ v: VTLValue) -> VTLRuntimeError {
        let conv = String(decoding: [s.upper ? s.conversion - 0x20 : s.conversion], as: UTF8.self)
        return error("IllegalFormatConversionException", "\(conv) != \(v.javaClassName)")
    }

    private static func print(_ v: VTLValue, _ s: Spec, limit: Int) throws(VTLRuntimeError) -> [UInt8] {
        if let w = s.width, w > limit { throw error("OutOfMemoryError", "width \(w) exceeds \(limit) bytes") }
        if let p = s.precision, p > limit { throw error("OutOfMemoryError", "precision \(p) exceeds \(limit) bytes") }
        switch s.conversion {
        case UInt8(ascii: "b"):
            let text: String
            switch v {
            case .null: text = "false"
            case .bool(let b): text = b ? "true" : "false"
            default: text = "true"
            }
            return general(text, s)
        case UInt8(ascii: "h"):
            if case .null = v { return general("null", s) }
            return general(String(UInt32(bitPattern: JavaAccess.javaHashCode(v)), radix: 16), s)
        case UInt8(ascii: "s"):
            if s.flags.contains(.alternate) {
                throw error("FormatFlagsConversionMismatchException", "Conversion = s, Flags = #")
            }
            let text: String
            do {
                text = try v.stringValueOf(depth: 0, budget: WalkBudget())
            } catch {
                throw VTLRuntimeError("StackOverflowError", "nesting too deep")
            }
            return general(text, s)
        case UInt8(ascii: "c"):
            var units: [UInt16]
            switch v {
            case .null: units = Array("null".utf16)
            case .char(let ch): units = [ch]
            case .int(let cp):
                guard let u = JString.units(ofCodePoint: cp) else {
                    throw error("IllegalFormatCodePointException", "Code point = 0x\(String(UInt32(bitPattern: cp), radix: 16))")
                }
                units = u
            default: throw mismatch(s, v)
            }
            var text = JString.string(units[...])
            if s.upper { text = text.uppercased() }
            return justify(Array(text.utf8), s)
        case UInt8(ascii: "d"), UInt8(ascii: "o"), UInt8(ascii: "x"):
            if case .null = v { return general("null", s) }
            return try integer(v, s)
        default:
            let number: Decimal
            switch v {
            case .null: return general("null", s)
            case .double(let d):
                if d.isNaN { return justify(Array((s.upper ? "NAN" : "NaN").utf8), s) }
                let negative = d < 0 || (d == 0 && d.sign == .minus)
                if d.isInfinite {
                    var out = leadingSign(negative, s.flags)
                    out += Array((s.upper ? "INFINITY" : "Infinity").utf8)
                    if negative && s.flags.contains(.parentheses) { out.append(UInt8(ascii: ")")) }
                    return justify(out, s)
                }
                number = Decimal(text: JavaDouble.toString(Swift.abs(d)), negative: negative)
            case .decimal(let b):
                var text = b.plainString
                let negative = text.hasPrefix("-")
                if negative { text.removeFirst() }
                number = Decimal(text: text, negative: negative)
            default: throw mismatch(s, v)
            }
            return floating(number, s)
        }
    }

    /// `%s`, `%b`, `%h`: precision truncates (UTF-16 units), upper case, then justified.
    private static func general(_ text: String, _ s: Spec) -> [UInt8] {
        var text = text
        if let p = s.precision, p < text.utf16.count {
            text = JString.string(Array(text.utf16)[0..<p])
        }
        if s.upper { text = text.uppercased() }
        return justify(Array(text.utf8), s)
    }

    /// Pads to the width with spaces (on the right with `-`), counting characters.
    private static func justify(_ bytes: [UInt8], _ s: Spec) -> [UInt8] {
        guard let w = s.width else { return bytes }
        let length = String(decoding: bytes, as: UTF8.self).utf16.count
        guard length < w else { return bytes }
        let pad = [UInt8](repeating: 0x20, count: w - length)
        return s.flags.contains(.left) ? bytes + pad : pad + bytes
    }

    private static func leadingSign(_ negative: Bool, _ flags: Flags) -> [UInt8] {
        if negative { return [flags.contains(.parentheses) ? UInt8(ascii: "(") : UInt8(ascii: "-")] }
        if flags.contains(.plus) { return [UInt8(ascii: "+")] }
        if flags.contains(.space) { return [0x20] }
        return []
    }

    /// Appends the integer digits `magnitude` (grouped with `,` by 3 when asked) and zero-pads
    /// to `width` (counting what `out` already holds, the sign included).
    private static func magnitude(_ out: inout [UInt8], _ digits: [UInt8], fraction: [UInt8]?, _ flags: Flags, width: Int?) {
        let begin = out.count
        if flags.contains(.group) {
            for (k, d) in digits.enumerated() {
                if k > 0 && (digits.count - k) % 3 == 0 { out.append(UInt8(ascii: ",")) }
                out.append(d)
            }
        } else {
            out.append(contentsOf: digits)
        }
        if let fraction {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: fraction)
        }
        if let width, flags.contains(.zero), out.count < width {
            out.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "0"), count: width - out.count), at: begin)
        }
    }

    private static func adjusted(_ width: Int?, _ flags: Flags, _ negative: Bool) -> Int? {
        guard let width else { return nil }
        return negative && flags.contains(.parentheses) ? width - 1 : width
    }

    private static func integer(_ v: VTLValue, _ s: Spec) throws(VTLRuntimeError) -> [UInt8] {
        // Value, its bit width for two's-complement `%o`/`%x` (nil: BigInteger, signed).
        let value: Int64
        var bits: Int? = 64
        switch v {
        case .int(let i):
            value = Int64(i)
            bits = 32
        case .long(let l): value = l
        case .bigInteger(let b):
            if let small = Int64(b.description) {
                value = small
                bits = nil
            } else if s.conversion == UInt8(ascii: "d") {
                var text = b.description
                let negative = text.hasPrefix("-")
                if negative { text.removeFirst() }
                var out = leadingSign(negative, s.flags)
                magnitude(&out, Array(text.utf8), fraction: nil, s.flags, width: adjusted(s.width, s.flags, negative))
                if negative && s.flags.contains(.parentheses) { out.append(UInt8(ascii: ")")) }
                return justify(out, s)
            } else {
                // BigInteger: signed digits in the radix (`-ff`), prefix and padding as for a long.
                var text = b.description
                let negative = text.hasPrefix("-")
                if negative { text.removeFirst() }
                let radix = s.conversion == UInt8(ascii: "o") ? 8 : 16
                var out = leadingSign(negative, s.flags)
                if s.flags.contains(.alternate) { out += radix == 8 ? [UInt8(ascii: "0")] : Array((s.upper ? "0X" : "0x").utf8) }
                var digits = convert(decimal: text, radix: radix)
                if s.upper { digits = digits.uppercased() }
                return radixDigits(out, Array(digits.utf8), negative: negative, s)
            }
        default: throw mismatch(s, v)
        }
        var out: [UInt8] = []
        if s.conversion == UInt8(ascii: "d") {
            let negative = value < 0
            out = leadingSign(negative, s.flags)
            magnitude(&out, Array(String(value.magnitude).utf8), fraction: nil, s.flags, width: adjusted(s.width, s.flags, negative))
            if negative && s.flags.contains(.parentheses) { out.append(UInt8(ascii: ")")) }
            return justify(out, s)
        }
        let radix = s.conversion == UInt8(ascii: "o") ? 8 : 16
        let digits: String
        var negative = false
        if let bits {
            let hit = s.flags.intersection([.plus, .space, .parentheses])
            if !hit.isEmpty {
                throw error("FormatFlagsConversionMismatchException", "Conversion = \(radix == 8 ? "o" : "x"), Flags = \(flagText(hit))")
            }
            let unsigned = bits == 32 ? UInt64(UInt32(truncatingIfNeeded: value)) : UInt64(bitPattern: value)
            digits = String(unsigned, radix: radix)
        } else {
            negative = value < 0
            out = leadingSign(negative, s.flags)
            digits = String(value.magnitude, radix: radix)
        }
        var prefix: [UInt8] = []
        if s.flags.contains(.alternate) { prefix = radix == 8 ? [UInt8(ascii: "0")] : Array((s.upper ? "0X" : "0x").utf8) }
        out += prefix
        return radixDigits(out, Array((s.upper ? digits.uppercased() : digits).utf8), negative: negative, s)
    }

    /// The end of an octal or hexadecimal conversion: `body` after the sign and prefix already in
    /// `out`, zero-padded to the width (`0` flag), a parenthesised negative closed, then justified.
    private static func radixDigits(_ out: [UInt8], _ body: [UInt8], negative: Bool, _ s: Spec) -> [UInt8] {
        var out = out
        if let w = s.width, s.flags.contains(.zero) {
            let len = out.count + body.count + (negative && s.flags.contains(.parentheses) ? 1 : 0)
            if len < w { out += [UInt8](repeating: UInt8(ascii: "0"), count: w - len) }
        }
        out += body
        if negative && s.flags.contains(.parentheses) { out.append(UInt8(ascii: ")")) }
        return justify(out, s)
    }

    /// Decimal digits in another radix (long division; BigIntegers are short).
    static func convert(decimal: String, radix: Int) -> String {
        var number = decimal.utf8.map { Int($0) - 48 }
        var out: [Character] = []
        let symbols = Array("0123456789abcdef")
        while !(number.isEmpty || number.allSatisfy { $0 == 0 }) {
            var remainder = 0
            var quotient: [Int] = []
            quotient.reserveCapacity(number.count)
            for d in number {
                let current = remainder * 10 + d
                let q = current / radix
                remainder = current % radix
                if !(quotient.isEmpty && q == 0) { quotient.append(q) }
            }
            out.append(symbols[remainder])
            number = quotient
        }
        return out.isEmpty ? "0" : String(out.reversed())
    }

    /// A non-negative decimal `0.d₁d₂… × 10^point` (no leading zeros in `digits`; empty is 0).
    struct Decimal {
        var digits: [UInt8]
        var point: Int
        let negative: Bool

        /// From Java's `Double.toString` (`123.45`, `1.0E-5`) or a plain decimal string.
        init(text: String, negative: Bool) {
            self.negative = negative
            var mantissa = Substring(text)
            var exponent = 0
            if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
                mantissa = text[..<e]
                exponent = Int(text[text.index(after: e)...]) ?? 0
            }
            var all: [UInt8] = []
            var point = 0
            var seenDot = false
            for b in mantissa.utf8 {
                if b == UInt8(ascii: ".") {
                    seenDot = true
                    continue
                }
                all.append(b)
                if !seenDot { point += 1 }
            }
            while let first = all.first, first == UInt8(ascii: "0") {
                all.removeFirst()
                point -= 1
            }
            while let last = all.last, last == UInt8(ascii: "0") { all.removeLast() }
            if all.isEmpty { point = 0 }
            digits = all
            self.point = point + exponent
        }

        /// Keeps `count` leading digits, rounding half up on the next one.
        mutating func round(keeping count: Int) {
            guard count < digits.count else { return }
            if count < 0 {
                digits = []
                point = 0
                return
            }
            let up = digits[count] >= UInt8(ascii: "5")
            digits.removeSubrange(count...)
            if up {
                var k = count - 1
                while k >= 0 {
                    if digits[k] == UInt8(ascii: "9") {
                        digits[k] = UInt8(ascii: "0")
                        k -= 1
                    } else {
                        digits[k] += 1
                        break
                    }
                }
                if k < 0 {
                    digits.insert(UInt8(ascii: "1"), at: 0)
                    point += 1
                }
            }
            while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
            if digits.isEmpty { point = 0 }
        }

        func digit(_ k: Int) -> UInt8 { k >= 0 && k < digits.count ? digits[k] : UInt8(ascii: "0") }

        /// Integer and fraction digits with `fraction` digits after the point.
        func fixed(_ fraction: Int) -> (whole: [UInt8], fraction: [UInt8]) {
            let whole = point > 0 ? (0..<point).map(digit) : [UInt8(ascii: "0")]
            return (whole, (0..<fraction).map { digit(point + $0) })
        }
    }

    private static func floating(_ n: Decimal, _ s: Spec) -> [UInt8] {
        var n = n
        var out = leadingSign(n.negative, s.flags)
        let width = adjusted(s.width, s.flags, n.negative)
        func scientific(_ fraction: Int) {
            if !n.digits.isEmpty { n.round(keeping: fraction + 1) }
            let exponent = n.digits.isEmpty ? 0 : n.point - 1
            var digits = (0..<(fraction + 1)).map(n.digit)
            let lead = [digits.removeFirst()]
            var exp: [UInt8] = [exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")]
            let e = String(Swift.abs(exponent))
            if e.count < 2 { exp.append(UInt8(ascii: "0")) }
            exp += Array(e.utf8)
            let show = fraction > 0 || s.flags.contains(.alternate)
            magnitude(
                &out, lead, fraction: show ? digits : nil, s.flags.subtracting(.group),
                width: width.map { $0 - exp.count - 1 })
            out.append(s.upper ? UInt8(ascii: "E") : UInt8(ascii: "e"))
            out += exp
        }
        func decimal(_ fraction: Int) {
            n.round(keeping: n.point + fraction)
            let (whole, frac) = n.fixed(fraction)
            let show = fraction > 0 || s.flags.contains(.alternate)
            magnitude(&out, whole, fraction: show ? frac : nil, s.flags, width: width)
        }
        switch s.conversion {
        case UInt8(ascii: "e"):
            scientific(s.precision ?? 6)
        case UInt8(ascii: "f"):
            decimal(s.precision ?? 6)
        default:  // g
            var precision = s.precision ?? 6
            if precision == 0 { precision = 1 }
            if n.digits.isEmpty {
                decimal(precision - 1)
            } else {
                var rounded = n
                rounded.round(keeping: precision)
                let x = rounded.point - 1
                if x >= -4 && x < precision {
                    decimal(precision - 1 - x)
                } else {
                    scientific(precision - 1)
                }
            }
        }
        if n.negative && s.flags.contains(.parentheses) { out.append(UInt8(ascii: ")")) }
        return justify(out, s)
    }
}
