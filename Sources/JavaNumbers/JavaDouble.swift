/// Java's `Double.toString(double)` as Java 8–18 print it (the `FloatingDecimal` digit
/// generator, which JSON payloads on API Gateway go through): plain notation with at least
/// one fraction digit for magnitudes in [10^-3, 10^7) (`10.0`, `0.001`, `1234567.0`),
/// otherwise computerized scientific notation (`1.0E7`, `1.0E-4`); `NaN`, `Infinity`,
/// `-0.0`.
///
/// The digits are not always the shortest round-trip ones: integral values below 2^63 print
/// their exact digits up to the precision of the double (`9.6272370264499994E17`), and the
/// scientific form generates at least two digits (`4.9E-324`). This reimplements that
/// arithmetic (checked against Java 17 on 200,000 values).
public enum JavaDouble {
    public static func toString(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, decExponent) = JavaDoubleDigits.generate(value.magnitude)
        var out: [UInt8] = []
        out.reserveCapacity(26)
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let zero = UInt8(ascii: "0")
        let n = digits.count
        if decExponent > 0 && decExponent < 8 {
            let intCount = min(n, decExponent)
            out.append(contentsOf: digits[0..<intCount])
            if intCount < decExponent {
                out.append(contentsOf: repeatElement(zero, count: decExponent - intCount))
                out.append(UInt8(ascii: "."))
                out.append(zero)
            } else {
                out.append(UInt8(ascii: "."))
                if intCount < n {
                    out.append(contentsOf: digits[intCount...])
                } else {
                    out.append(zero)
                }
            }
        } else if decExponent <= 0 && decExponent > -3 {
            out.append(zero)
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(zero, count: -decExponent))
            out.append(contentsOf: digits)
        } else {
            out.append(digits[0])
            out.append(UInt8(ascii: "."))
            if n > 1 {
                out.append(contentsOf: digits[1...])
            } else {
                out.append(zero)
            }
            out.append(UInt8(ascii: "E"))
            let e: Int
            if decExponent <= 0 {
                out.append(UInt8(ascii: "-"))
                e = -decExponent + 1
            } else {
                e = decExponent - 1
            }
            out.append(contentsOf: String(e).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The digit generation behind ``JavaDouble``: decimal digits (ASCII) and the exponent `e`
/// such that the value is 0.d1d2... x 10^e.
enum JavaDoubleDigits {
    static let expShift = 52
    static let fractHOB: UInt64 = 1 << 52
    static let significandMask: UInt64 = (1 << 52) - 1
    static let maxSmallBinExp = 62
    static let minSmallBinExp = -21
    /// Bits needed for 5^i (index 0 is 0); past the table Java estimates 3 bits per power.
    static let n5Bits: [Int] = [
        0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47,
        49, 52, 54, 56, 59, 61,
    ]

    static func bitsOf5Pow(_ i: Int) -> Int { i < n5Bits.count ? n5Bits[i] : i * 3 }

    static func pow5(_ i: Int) -> UInt64 {
        var r: UInt64 = 1
        for _ in 0..<i { r &*= 5 }
        return r
    }

    static func generate(_ d: Double) -> ([UInt8], Int) {
        var fractBits = d.bitPattern & significandMask
        var binExp = Int((d.bitPattern >> 52) & 0x7FF)
        let nSignificantBits: Int
        if binExp == 0 {
            let leadingZeros = fractBits.leadingZeroBitCount
            let shift = leadingZeros - (63 - expShift)
            fractBits <<= UInt64(shift)
            binExp = 1 - shift
            nSignificantBits = 64 - leadingZeros
        } else {
            fractBits |= fractHOB
            nSignificantBits = expShift + 1
        }
        binExp -= 1023
        return dtoa(binExp: binExp, fractBits: fractBits, nSignificantBits: nSignificantBits)
    }

    static func insignificantDigitsForPow2(_ p2: Int) -> Int {
        // floor(p2 * log10(2)) for 1 < p2 < 64 (Java's table), else 0.
        guard p2 > 1 && p2 < 64 else { return 0 }
        return Int((Double(p2) * 0.30102999566398119521).rounded(.down))
    }

    static func dtoa(binExp: Int, fractBits inputFract: UInt64, nSignificantBits: Int) -> ([UInt8], Int) {
        var fractBits = inputFract
        let tailZeros = fractBits.trailingZeroBitCount
        let nFractBits = expShift + 1 - tailZeros
        let nTinyBits = max(0, nFractBits - binExp - 1)
        if binExp <= maxSmallBinExp && binExp >= minSmallBinExp && nTinyBits == 0
            && nFractBits + n5Bits[0] < 64
        {
            // An integral value that fits in a long: its exact digits, minus those below the
            // double's precision.
            let insignificant = binExp > nSignificantBits ? insignificantDigitsForPow2(binExp - nSignificantBits - 1) : 0
            if binExp >= expShift {
                fractBits <<= UInt64(binExp - expShift)
            } else {
                fractBits >>= UInt64(expShift - binExp)
            }
            return developLongDigits(fractBits, insignificant: insignificant)
        }

        var decExp = estimateDecExp(fractBits, binExp)
        let b5 = max(0, -decExp)
        var b2 = b5 + nTinyBits + binExp
        let s5 = max(0, decExp)
        var s2 = s5 + nTinyBits
        let m5 = b5
        var m2 = b2 - nSignificantBits
        fractBits >>= UInt64(tailZeros)
        b2 -= nFractBits - 1
        let common2 = min(b2, s2)
        b2 -= common2
        s2 -= common2
        m2 -= common2
        if nFractBits == 1 { m2 -= 1 }
        if m2 < 0 {
            b2 -= m2
            s2 -= m2
            m2 = 0
        }
        let bBits = nFractBits + b2 + bitsOf5Pow(b5)
        let tenSBits = s2 + 1 + bitsOf5Pow(s5 + 1)

        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var low = false, high = false
        var lowDigitDifference = 0  // sign only
        let zero = UInt8(ascii: "0")

        if bBits < 64 && tenSBits < 64 {
            if bBits < 32 && tenSBits < 32 {
                var b = (Int32(truncatingIfNeeded: fractBits) &* Int32(truncatingIfNeeded: pow5(b5))) << Int32(b2)
                let s = Int32(truncatingIfNeeded: pow5(s5)) << Int32(s2)
                var m = Int32(truncatingIfNeeded: pow5(m5)) << Int32(m2)
                let tens = s &* 10
                var q = b / s
                b = 10 &* (b % s)
                m = m &* 10
                low = b < m
                high = b &+ m > tens
                if q == 0 && !high { decExp -= 1 } else { digits.append(zero + UInt8(q)) }
                if decExp < -3 || decExp >= 8 { high = false; low = false }
                while !low && !high {
                    q = b / s
                    b = 10 &* (b % s)
                    m = m &* 10
                    if m > 0 {
                        low = b < m
                        high = b &+ m > tens
                    } else {
                        low = true
                        high = true
                    }
                    digits.append(zero + UInt8(truncatingIfNeeded: q))
                }
                let diff = (b << 1) &- tens
                lowDigitDifference = diff == 0 ? 0 : (diff > 0 ? 1 : -1)
            } else {
                var b = (Int64(bitPattern: fractBits) &* Int64(bitPattern: pow5(b5))) << Int64(b2)
                let s = Int64(bitPattern: pow5(s5)) << Int64(s2)
                var m = Int64(bitPattern: pow5(m5)) << Int64(m2)
                let tens = s &* 10
                var q = b / s
                b = 10 &* (b % s)
                m = m &* 10
                low = b < m
                high = b &+ m > tens
                if q == 0 && !high { decExp -= 1 } else { digits.append(zero + UInt8(truncatingIfNeeded: q)) }
                if decExp < -3 || decExp >= 8 { high = false; low = false }
                while !low && !high {
                    q = b / s
                    b = 10 &* (b % s)
                    m = m &* 10
                    if m > 0 {
                        low = b < m
                        high = b &+ m > tens
                    } else {
                        low = true
                        high = true
                    }
                    digits.append(zero + UInt8(truncatingIfNeeded: q))
                }
                let diff = (b << 1) &- tens
                lowDigitDifference = diff == 0 ? 0 : (diff > 0 ? 1 : -1)
            }
        } else {
            let sVal = BigNat.pow52(s5, s2)
            var bVal = BigNat(fractBits).multipliedByPow52(b5, b2)
            var mVal = BigNat.pow52(m5 + 1, m2 + 1)
            let tenS = BigNat.pow52(s5 + 1, s2 + 1)
            var q = bVal.quotientRemainderTimes10(sVal)
            low = bVal < mVal
            high = BigNat.compare(tenS, bVal.adding(mVal)) <= 0
            if q == 0 && !high { decExp -= 1 } else { digits.append(zero + UInt8(q)) }
            if decExp < -3 || decExp >= 8 { high = false; low = false }
            while !low && !high {
                q = bVal.quotientRemainderTimes10(sVal)
                mVal.multiplyBy10()
                low = bVal < mVal
                high = BigNat.compare(tenS, bVal.adding(mVal)) <= 0
                digits.append(zero + UInt8(q))
            }
            if high && low {
                lowDigitDifference = BigNat.compare(bVal.shiftedLeft(1), tenS)
            }
        }
        var decExponent = decExp + 1
        if high {
            if low {
                if lowDigitDifference == 0 {
                    if let last = digits.last, (last - zero) & 1 != 0 { roundUp(&digits, &decExponent) }
                } else if lowDigitDifference > 0 {
                    roundUp(&digits, &decExponent)
                }
            } else {
                roundUp(&digits, &decExponent)
            }
        }
        return (digits, decExponent)
    }

    static func roundUp(_ digits: inout [UInt8], _ decExponent: inout Int) {
        guard !digits.isEmpty else { return }
        var i = digits.count - 1
        var q = digits[i]
        if q == UInt8(ascii: "9") {
            while q == UInt8(ascii: "9") && i > 0 {
                digits[i] = UInt8(ascii: "0")
                i -= 1
                q = digits[i]
            }
            if q == UInt8(ascii: "9") {
                decExponent += 1
                digits[0] = UInt8(ascii: "1")
                return
            }
        }
        digits[i] = q + 1
    }

    static func developLongDigits(_ value: UInt64, insignificant: Int) -> ([UInt8], Int) {
        var lvalue = value
        var decExponent = 0
        if insignificant != 0 {
            var pow10: UInt64 = 1
            for _ in 0..<insignificant { pow10 &*= 10 }
            let residue = lvalue % pow10
            lvalue /= pow10
            decExponent += insignificant
            if residue >= pow10 >> 1 { lvalue += 1 }
        }
        var reversed: [UInt8] = []
        var c = lvalue % 10
        lvalue /= 10
        while c == 0 && lvalue != 0 {
            decExponent += 1
            c = lvalue % 10
            lvalue /= 10
        }
        while lvalue != 0 {
            reversed.append(UInt8(ascii: "0") + UInt8(c))
            decExponent += 1
            c = lvalue % 10
            lvalue /= 10
        }
        reversed.append(UInt8(ascii: "0") + UInt8(c))
        return (Array(reversed.reversed()), decExponent + 1)
    }

    /// floor(log10(d)) estimated as Java does (never too low; one too high is corrected by
    /// dropping a leading zero digit).
    static func estimateDecExp(_ fractBits: UInt64, _ binExp: Int) -> Int {
        let d2 = Double(bitPattern: (UInt64(1023) << 52) | (fractBits & significandMask))
        let d = (d2 - 1.5) * 0.289529654 + 0.176091259 + Double(binExp) * 0.301029995663981
        return Int(d.rounded(.down))
    }
}
