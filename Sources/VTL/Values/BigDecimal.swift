/// A decimal number with Java `BigDecimal` semantics (unscaled integer and scale), for the
/// long decimal numbers that json-smart reads as BigDecimal and the arithmetic Velocity
/// then does on them.
public struct BigDecimal: Sendable, Hashable, CustomStringConvertible {
    public let unscaled: BigInt
    public let scale: Int

    public init(unscaled: BigInt, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// Parses Java `BigDecimal(String)` syntax: `-12.345`, `1.5E+10`.
    public init?(_ text: String) {
        var s = Substring(text)
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var expText = s[s.index(after: e)...]
            if expText.first == "+" { expText = expText.dropFirst() }
            guard let x = Int(expText) else { return nil }
            exp = x
            s = s[..<e]
        }
        var digits = String(s)
        var scale = 0
        if let dot = digits.firstIndex(of: ".") {
            scale = digits.distance(from: dot, to: digits.endIndex) - 1
            digits.remove(at: dot)
        }
        guard let u = BigInt(digits) else { return nil }
        self.init(unscaled: u, scale: scale - exp)
    }

    /// Java `new BigDecimal(double)`: the exact binary value with the smallest scale >= 0.
    public init?(exactly d: Double) {
        guard d.isFinite else { return nil }
        if d == 0 {
            self.init(unscaled: BigInt(0), scale: 0)
            return
        }
        let neg = d < 0
        var m = d.magnitude.significandBitPattern | (d.magnitude.isNormal ? (1 << 52) : 0)
        var e = Int(d.magnitude.exponentBitPattern) - 1075
        if !d.magnitude.isNormal { e = -1074 }
        while m & 1 == 0 && m != 0 {
            m >>= 1
            e += 1
        }
        var u = BigInt(Int64(m))
        var scale = 0
        if e >= 0 {
            for _ in 0..<e { u = u * BigInt(2) }
        } else {
            for _ in 0..<(-e) { u = u * BigInt(5) }
            scale = -e
        }
        self.init(unscaled: neg ? -u : u, scale: scale)
    }

    static func pow10(_ n: Int) -> BigInt {
        var r = BigInt(1)
        for _ in 0..<n { r = r * BigInt(10) }
        return r
    }

    /// Both numbers' unscaled values at a common scale.
    static func aligned(_ a: BigDecimal, _ b: BigDecimal) -> (BigInt, BigInt, Int) {
        if a.scale == b.scale { return (a.unscaled, b.unscaled, a.scale) }
        if a.scale > b.scale { return (a.unscaled, b.unscaled * pow10(a.scale - b.scale), a.scale) }
        return (a.unscaled * pow10(b.scale - a.scale), b.unscaled, b.scale)
    }

    public static func + (a: BigDecimal, b: BigDecimal) -> BigDecimal {
        let (x, y, s) = aligned(a, b)
        return BigDecimal(unscaled: x + y, scale: s)
    }

    public static func - (a: BigDecimal, b: BigDecimal) -> BigDecimal {
        let (x, y, s) = aligned(a, b)
        return BigDecimal(unscaled: x - y, scale: s)
    }

    public static func * (a: BigDecimal, b: BigDecimal) -> BigDecimal {
        BigDecimal(unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale)
    }

    /// `a.divide(b, ROUND_HALF_DOWN)`: the quotient at `a`'s scale; nil when b is zero.
    public func dividedHalfDown(by b: BigDecimal) -> BigDecimal? {
        guard !b.unscaled.isZero else { return nil }
        var num = unscaled
        var den = b.unscaled
        if b.scale >= 0 { num = num * Self.pow10(b.scale) } else { den = den * Self.pow10(-b.scale) }
        guard let q = num.quotient(den), let r = num.remainder(den) else { return nil }
        let twice = r.magnitudeValue * BigInt(2)
        var result = q
        if twice.compare(den.magnitudeValue) > 0 {
            result = (num.negative != den.negative) ? q - BigInt(1) : q + BigInt(1)
        }
        return BigDecimal(unscaled: result, scale: scale)
    }

    public func compare(_ b: BigDecimal) -> Int {
        let (x, y, _) = Self.aligned(self, b)
        return x.compare(y)
    }

    public var isZero: Bool { unscaled.isZero }

    public var doubleValue: Double { Double(description) ?? 0 }

    /// Java `BigDecimal.toString()`.
    public var description: String {
        let neg = unscaled.negative
        let coeff = unscaled.magnitudeValue.description
        let sign = neg ? "-" : ""
        if scale == 0 { return sign + coeff }
        let adjusted = -scale + (coeff.count - 1)
        if scale > 0 && adjusted >= -6 {
            if coeff.count > scale {
                let cut = coeff.index(coeff.endIndex, offsetBy: -scale)
                return sign + coeff[..<cut] + "." + coeff[cut...]
            }
            return sign + "0." + String(repeating: "0", count: scale - coeff.count) + coeff
        }
        var s = sign + String(coeff.prefix(1))
        if coeff.count > 1 { s += "." + coeff.dropFirst() }
        return s + "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
    }

    /// Java's `BigDecimal.hashCode()`.
    public var javaHash: Int32 {
        if let v = unscaled.int64, v != Int64.min {
            let val2 = UInt64(v.magnitude)
            let temp = Int32(truncatingIfNeeded: Int64(Int32(truncatingIfNeeded: val2 >> 32)) &* 31 &+ Int64(val2 & 0xFFFF_FFFF))
            return 31 &* (v < 0 ? 0 &- temp : temp) &+ Int32(truncatingIfNeeded: scale)
        }
        return 31 &* unscaled.javaHash &+ Int32(truncatingIfNeeded: scale)
    }

    /// Java's `BigDecimal.toPlainString()`: no exponent.
    public var plainString: String {
        let neg = unscaled.negative
        let coeff = unscaled.magnitudeValue.description
        let sign = neg ? "-" : ""
        if scale <= 0 { return sign + coeff + String(repeating: "0", count: -scale) }
        if coeff.count > scale {
            let cut = coeff.index(coeff.endIndex, offsetBy: -scale)
            return sign + coeff[..<cut] + "." + coeff[cut...]
        }
        return sign + "0." + String(repeating: "0", count: scale - coeff.count) + coeff
    }

    /// Java's `equals` compares value and scale.
    public static func == (a: BigDecimal, b: BigDecimal) -> Bool {
        a.scale == b.scale && a.unscaled == b.unscaled
    }
}
