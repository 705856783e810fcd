/// A decimal number literal as Java's `new BigDecimal(String)` reads it: optional sign,
/// digits with an optional point (at least one digit), optional exponent `e`/`E` with
/// optional sign and at least one digit. Used for json-smart's high-precision literals
/// (`BigDecimal.toString()`) and for Jayway's filter comparisons, which compare numbers as
/// `new BigDecimal(x.toString())`.
struct DecimalText: Sendable {
    /// True when the literal has a leading `-` and is not zero.
    var negative: Bool
    /// Coefficient digits without leading zeros ("0" for zero).
    var coefficient: [UInt8]
    /// BigDecimal scale: value = coefficient x 10^-scale.
    var scale: Int

    init?(javaLiteral text: String) {
        var bytes = Array(text.utf8)[...]
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while let b = bytes.first {
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits.append(b)
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if let b = bytes.first {
            guard b == UInt8(ascii: "e") || b == UInt8(ascii: "E") else { return nil }
            bytes = bytes.dropFirst()
            var expNegative = false
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                expNegative = bytes.first == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            var value = 0
            for d in bytes {
                guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(d - UInt8(ascii: "0"))
                if value > 1 << 40 { value = 1 << 40 }  // far beyond any Java int; rejected below
            }
            exponent = expNegative ? -value : value
        }
        var firstNonZero = 0
        while firstNonZero < digits.count - 1 && digits[firstNonZero] == UInt8(ascii: "0") { firstNonZero += 1 }
        self.coefficient = Array(digits[firstNonZero...])
        self.scale = fractionDigits - exponent
        self.negative = negative && !(coefficient == [UInt8(ascii: "0")])
    }

    var isZero: Bool { coefficient == [UInt8(ascii: "0")] }

    /// Java `BigDecimal.toString()` (scientific notation when the scale is negative or the
    /// adjusted exponent is below -6); nil when Java would reject the exponent.
    var bigDecimalString: String? {
        guard scale >= Int(Int32.min), scale <= Int(Int32.max) else { return nil }
        let coeff = String(decoding: coefficient, as: UTF8.self)
        let sign = negative ? "-" : ""
        if scale == 0 { return sign + coeff }
        let adjusted = -scale + (coefficient.count - 1)
        if scale > 0 && adjusted >= -6 {
            let pad = scale - coefficient.count
            if pad >= 0 {
                return sign + "0." + String(repeating: "0", count: pad) + coeff
            }
            let split = coefficient.count - scale
            return sign + String(coeff.prefix(split)) + "." + String(coeff.dropFirst(split))
        }
        var out = sign + String(coeff.prefix(1))
        if coefficient.count > 1 { out += "." + String(coeff.dropFirst()) }
        if adjusted != 0 { out += "E" + (adjusted > 0 ? "+" : "") + String(adjusted) }
        return out
    }

    /// The nearest double (used only when Swift's own parser declines a literal).
    var doubleValue: Double {
        let coeff = String(decoding: coefficient, as: UTF8.self)
        return Double((negative ? "-" : "") + coeff + "e" + String(-scale)) ?? .nan
    }

    /// `BigDecimal.compareTo`: -1, 0 or 1 by numeric value (scale ignored).
    static func compare(_ a: DecimalText, _ b: DecimalText) -> Int {
        let sa = a.isZero ? 0 : (a.negative ? -1 : 1)
        let sb = b.isZero ? 0 : (b.negative ? -1 : 1)
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let magnitude = compareMagnitude(a, b)
        return sa > 0 ? magnitude : -magnitude
    }

    private static func compareMagnitude(_ a: DecimalText, _ b: DecimalText) -> Int {
        // Position of the leading digit (adjusted exponent) decides first.
        let ea = a.coefficient.count - a.scale
        let eb = b.coefficient.count - b.scale
        if ea != eb { return ea < eb ? -1 : 1 }
        let n = max(a.coefficient.count, b.coefficient.count)
        for i in 0..<n {
            let da = i < a.coefficient.count ? a.coefficient[i] : UInt8(ascii: "0")
            let db = i < b.coefficient.count ? b.coefficient[i] : UInt8(ascii: "0")
            if da != db { return da < db ? -1 : 1 }
        }
        return 0
    }
}
