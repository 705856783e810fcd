/// A minimal arbitrary-precision signed integer with Java `BigInteger` semantics for the
/// operations templates can reach: integer arithmetic widens from Integer to Long to
/// BigInteger on overflow, and JSON numbers beyond 64 bits arrive as BigInteger.
///
/// Magnitude is stored little-endian in 32-bit limbs without leading zero limbs; zero has an
/// empty magnitude and is never negative.
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    var negative: Bool
    var mag: [UInt32]

    public init(_ v: Int64) {
        negative = v < 0
        var m = v.magnitude
        mag = []
        while m != 0 {
            mag.append(UInt32(truncatingIfNeeded: m))
            m >>= 32
        }
    }

    init(negative: Bool, mag: [UInt32]) {
        var m = mag
        while let last = m.last, last == 0 { m.removeLast() }
        self.mag = m
        self.negative = m.isEmpty ? false : negative
    }

    /// Parses an optionally signed decimal integer; nil when malformed.
    public init?(_ text: String) {
        var s = Substring(text)
        var neg = false
        if s.first == "-" {
            neg = true
            s = s.dropFirst()
        } else if s.first == "+" {
            s = s.dropFirst()
        }
        guard !s.isEmpty else { return nil }
        var mag: [UInt32] = []
        var chunk: UInt32 = 0
        var chunkDigits = 0
        func flush(_ value: UInt32, _ digits: Int) {
            var mul: UInt32 = 1
            for _ in 0..<digits { mul *= 10 }
            var carry = UInt64(value)
            for i in 0..<mag.count {
                let p = UInt64(mag[i]) * UInt64(mul) + carry
                mag[i] = UInt32(truncatingIfNeeded: p)
                carry = p >> 32
            }
            if carry != 0 { mag.append(UInt32(carry)) }
        }
        for ch in s.utf8 {
            guard ch >= 48 && ch <= 57 else { return nil }
            chunk = chunk * 10 + UInt32(ch - 48)
            chunkDigits += 1
            if chunkDigits == 9 {
                flush(chunk, 9)
                chunk = 0
                chunkDigits = 0
            }
        }
        if chunkDigits > 0 { flush(chunk, chunkDigits) }
        self.init(negative: neg, mag: mag)
    }

    public var isZero: Bool { mag.isEmpty }

    /// The value when it fits in an Int64.
    public var int64: Int64? {
        if mag.count > 2 { return nil }
        var m: UInt64 = 0
        for (i, l) in mag.enumerated() { m |= UInt64(l) << (32 * UInt64(i)) }
        if negative {
            if m <= UInt64(Int64.max) + 1 { return m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m) }
            return nil
        }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }

    /// Java's `longValue()`: the low 64 bits of the two's-complement value.
    public var truncatedInt64: Int64 {
        var m: UInt64 = 0
        for (i, l) in mag.prefix(2).enumerated() { m |= UInt64(l) << (32 * UInt64(i)) }
        let v = Int64(bitPattern: m)
        return negative ? 0 &- v : v
    }

    /// Java's `doubleValue()` (correctly rounded).
    public var doubleValue: Double { Double(description) ?? (negative ? -.infinity : .infinity) }

    public var signum: Int { isZero ? 0 : (negative ? -1 : 1) }

    /// Java's `BigInteger.hashCode()`: over the magnitude's 32-bit words, most significant
    /// first, times the sign.
    public var javaHash: Int32 {
        var h: Int32 = 0
        for word in mag.reversed() { h = h &* 31 &+ Int32(truncatingIfNeeded: UInt64(word)) }
        return h &* Int32(signum)
    }

    // MARK: - Magnitude helpers

    static func compareMag(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    static func addMag(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var r: [UInt32] = []
        r.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let s = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
            r.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry != 0 { r.append(UInt32(carry)) }
        return r
    }

    /// a - b for |a| >= |b|.
    static func subMag(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var r = a
        var borrow: Int64 = 0
        for i in 0..<a.count {
            var d = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
            if d < 0 {
                d += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            r[i] = UInt32(d)
        }
        while let last = r.last, last == 0 { r.removeLast() }
        return r
    }

    static func mulMag(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var r = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let ai = UInt64(a[i])
            for j in 0..<b.count {
                let p = ai * UInt64(b[j]) + UInt64(r[i + j]) + carry
                r[i + j] = UInt32(truncatingIfNeeded: p)
                carry = p >> 32
            }
            var k = i + b.count
            while carry != 0 {
                let s = UInt64(r[k]) + carry
                r[k] = UInt32(truncatingIfNeeded: s)
                carry = s >> 32
                k += 1
            }
        }
        while let last = r.last, last == 0 { r.removeLast() }
        return r
    }

    /// Divides a magnitude by a small divisor; returns quotient and remainder.
    static func divSmall(_ a: [UInt32], _ d: UInt32) -> ([UInt32], UInt32) {
        var q = [UInt32](repeating: 0, count: a.count)
        var rem: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            let cur = (rem << 32) | UInt64(a[i])
            q[i] = UInt32(cur / UInt64(d))
            rem = cur % UInt64(d)
            i -= 1
        }
        while let last = q.last, last == 0 { q.removeLast() }
        return (q, UInt32(rem))
    }

    /// Long division of magnitudes (bitwise; templates only divide modest numbers).
    static func divModMag(_ a: [UInt32], _ b: [UInt32]) -> ([UInt32], [UInt32]) {
        if compareMag(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let (q, r) = divSmall(a, b[0])
            return (q, r == 0 ? [] : [r])
        }
        var q = [UInt32](repeating: 0, count: a.count)
        var r: [UInt32] = []
        let bits = a.count * 32
        var i = bits - 1
        while i >= 0 {
            // r = r << 1 | bit i of a
            var carry: UInt32 = (a[i / 32] >> UInt32(i % 32)) & 1
            for k in 0..<r.count {
                let nc = r[k] >> 31
                r[k] = (r[k] << 1) | carry
                carry = nc
            }
            if carry != 0 { r.append(carry) }
            if compareMag(r, b) >= 0 {
                r = subMag(r, b)
                q[i / 32] |= 1 << UInt32(i % 32)
            }
            i -= 1
        }
        while let last = q.last, last == 0 { q.removeLast() }
        return (q, r)
    }

    // MARK: - Arithmetic (Java semantics)

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.negative == b.negative { return BigInt(negative: a.negative, mag: addMag(a.mag, b.mag)) }
        let c = compareMag(a.mag, b.mag)
        if c == 0 { return BigInt(0) }
        return c > 0
            ? BigInt(negative: a.negative, mag: subMag(a.mag, b.mag))
            : BigInt(negative: b.negative, mag: subMag(b.mag, a.mag))
    }

    public static prefix func - (a: BigInt) -> BigInt { BigInt(negative: !a.negative, mag: a.mag) }

    public static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        BigInt(negative: a.negative != b.negative, mag: mulMag(a.mag, b.mag))
    }

    /// Truncating division (Java `divide`); nil when dividing by zero.
    public func quotient(_ b: BigInt) -> BigInt? {
        guard !b.isZero else { return nil }
        return BigInt(negative: negative != b.negative, mag: Self.divModMag(mag, b.mag).0)
    }

    /// Remainder with the sign of the dividend (Java `remainder`); nil when dividing by zero.
    public func remainder(_ b: BigInt) -> BigInt? {
        guard !b.isZero else { return nil }
        return BigInt(negative: negative, mag: Self.divModMag(mag, b.mag).1)
    }

    public var magnitudeValue: BigInt { BigInt(negative: false, mag: mag) }

    public static func < (a: BigInt, b: BigInt) -> Bool { a.compare(b) < 0 }

    public func compare(_ b: BigInt) -> Int {
        if negative != b.negative { return negative ? -1 : 1 }
        let c = Self.compareMag(mag, b.mag)
        return negative ? -c : c
    }

    public var description: String {
        if mag.isEmpty { return "0" }
        var parts: [UInt32] = []
        var cur = mag
        while !cur.isEmpty {
            let (q, r) = Self.divSmall(cur, 1_000_000_000)
            parts.append(r)
            cur = q
        }
        var s = negative ? "-" : ""
        s += String(parts.last ?? 0)
        for p in parts.dropLast().reversed() {
            let d = String(p)
            s += String(repeating: "0", count: 9 - d.count) + d
        }
        return s
    }
}
