/// A minimal arbitrary-precision natural number (little-endian 32-bit limbs), just enough
/// for ``JavaDoubleDigits``' exact digit generation of very large or very small doubles.
struct BigNat: Comparable {
    var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    mutating func normalize() {
        while limbs.count > 1 && limbs[limbs.count - 1] == 0 { limbs.removeLast() }
        if limbs.isEmpty { limbs = [0] }
    }

    /// 5^p5 x 2^p2.
    static func pow52(_ p5: Int, _ p2: Int) -> BigNat {
        BigNat(1).multipliedByPow52(p5, p2)
    }

    func multipliedByPow52(_ p5: Int, _ p2: Int) -> BigNat {
        var r = self
        var remaining = p5
        while remaining > 0 {
            let step = min(remaining, 13)  // 5^13 < 2^32
            var factor: UInt32 = 1
            for _ in 0..<step { factor *= 5 }
            r.multiply(by: factor)
            remaining -= step
        }
        return r.shiftedLeft(p2)
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func multiplyBy10() { multiply(by: 10) }

    func shiftedLeft(_ bits: Int) -> BigNat {
        guard bits > 0 else { return self }
        let limbShift = bits / 32
        let bitShift = bits % 32
        var out = [UInt32](repeating: 0, count: limbShift)
        out.reserveCapacity(limbShift + limbs.count + 1)
        if bitShift == 0 {
            out.append(contentsOf: limbs)
        } else {
            var carry: UInt32 = 0
            for limb in limbs {
                out.append((limb << UInt32(bitShift)) | carry)
                carry = limb >> UInt32(32 - bitShift)
            }
            out.append(carry)
        }
        return BigNat(limbs: out)
    }

    func adding(_ other: BigNat) -> BigNat {
        let n = max(limbs.count, other.limbs.count)
        var out = [UInt32]()
        out.reserveCapacity(n + 1)
        var carry: UInt64 = 0
        for i in 0..<n {
            let a = i < limbs.count ? UInt64(limbs[i]) : 0
            let b = i < other.limbs.count ? UInt64(other.limbs[i]) : 0
            let s = a + b + carry
            out.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry != 0 { out.append(UInt32(carry)) }
        return BigNat(limbs: out)
    }

    /// Requires self >= other.
    mutating func subtract(_ other: BigNat) {
        var borrow: Int64 = 0
        for i in limbs.indices {
            let b = i < other.limbs.count ? Int64(other.limbs[i]) : 0
            var d = Int64(limbs[i]) - b - borrow
            if d < 0 {
                d += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            limbs[i] = UInt32(truncatingIfNeeded: d)
        }
        normalize()
    }

    /// q = self / divisor (a single decimal digit in practice); self becomes
    /// (self mod divisor) x 10.
    mutating func quotientRemainderTimes10(_ divisor: BigNat) -> Int {
        var q = 0
        while self >= divisor {
            subtract(divisor)
            q += 1
        }
        multiplyBy10()
        return q
    }

    static func compare(_ a: BigNat, _ b: BigNat) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    static func < (a: BigNat, b: BigNat) -> Bool { compare(a, b) < 0 }
    static func == (a: BigNat, b: BigNat) -> Bool { compare(a, b) == 0 }
}
