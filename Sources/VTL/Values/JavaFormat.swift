/// How templates print doubles. Velocity prints them with Java's `Double.toString`, whose
/// digits (Java 8–18) are not always the shortest round-trip ones; a caller with an exact
/// implementation installs it here once, before rendering (MappingTemplates does).
public enum VTLDoubleFormat {
    nonisolated(unsafe) private static var formatter: (@Sendable (Double) -> String)?

    /// Installs Java's `Double.toString`. Call once, before any template renders.
    public static func install(_ f: @escaping @Sendable (Double) -> String) {
        formatter = f
    }

    static var installed: (@Sendable (Double) -> String)? { formatter }
}

/// Number formatting as Java prints numbers.
enum JavaFormat {
    /// Java's `Double.toString` (the installed implementation, else an approximation with
    /// the shortest round-trip digits): plain notation with at least one fractional digit
    /// for magnitudes in [1e-3, 1e7), otherwise `d.dddE±n`.
    static func double(_ d: Double) -> String {
        if let f = VTLDoubleFormat.installed { return f(d) }
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exp10) = shortestDigits(d.magnitude)
        let sign = d < 0 ? "-" : ""
        let mag = d.magnitude
        if mag >= 1e-3 && mag < 1e7 {
            // value = 0.digits × 10^exp10
            if exp10 <= 0 {
                return sign + "0." + String(repeating: "0", count: -exp10) + digits
            }
            if digits.count <= exp10 {
                return sign + digits + String(repeating: "0", count: exp10 - digits.count) + ".0"
            }
            let cut = digits.index(digits.startIndex, offsetBy: exp10)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exp10 - 1)
    }

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

    /// Shortest round-trip decimal digits of a positive finite double, as (digits, e) with
    /// value = 0.digits × 10^e and no trailing zeros in digits.
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = d.description
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            var expText = text[text.index(after: e)...]
            if expText.first == "+" { expText = expText.dropFirst() }
            exp = Int(expText) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + fracPart
        var pointPos = intPart.count + exp
        while digits.hasPrefix("0") {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.isEmpty { digits = "0" }
        return (digits, pointPos)
    }
}
