import JavaNumbers

/// Number formatting as Java prints numbers.
enum JavaFormat {
    /// Java's `Double.toString`, exactly (Velocity prints doubles with it; its digits, Java
    /// 8–18, are not always the shortest round-trip ones).
    static func double(_ d: Double) -> String { JavaDouble.toString(d) }

    /// Java's `Double.toHexString`: `0x1.8p1`, `-0x0.0p0`, subnormals as `0x0.…p-1022`.
    static func hexDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        let sign = d.sign == .minus ? "-" : ""
        if d == 0 { return sign + "0x0.0p0" }
        let bits = d.bitPattern
        let fraction = bits & 0x000F_FFFF_FFFF_FFFF
        var hex = String(fraction, radix: 16)
        hex = String(repeating: "0", count: 13 - hex.count) + hex
        while hex.count > 1 && hex.hasSuffix("0") { hex.removeLast() }
        if d.isSubnormal { return sign + "0x0." + hex + "p-1022" }
        let exponent = Int((bits >> 52) & 0x7FF) - 1023
        return sign + "0x1." + hex + "p" + String(exponent)
    }
}
