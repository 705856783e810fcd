/// Velocity 1.7's number arithmetic (its MathUtils): the calculation "base" is chosen from the
/// operand classes, integer results keep the wider operand class and widen further on
/// overflow (Integer → Long → BigInteger), and division or modulus by zero gives null.
enum Arithmetic {
    enum Op { case add, subtract, multiply, divide, modulo }

    /// The calculation base for two numbers.
    private enum Base { case long, double, bigInteger, bigDecimal }

    private static func base(_ a: VTLValue, _ b: VTLValue) -> Base {
        let aInt = isInteger(a)
        let bInt = isInteger(b)
        if case .decimal = a { return .bigDecimal }
        if case .decimal = b { return .bigDecimal }
        let aBig: Bool
        if case .bigInteger = a { aBig = true } else { aBig = false }
        let bBig: Bool
        if case .bigInteger = b { bBig = true } else { bBig = false }
        if (!aInt || !bInt) && (aBig || bBig) { return .bigDecimal }
        if aInt && bInt { return (aBig || bBig) ? .bigInteger : .long }
        return .double
    }

    private static func isInteger(_ v: VTLValue) -> Bool {
        switch v {
        case .int, .long, .bigInteger: return true
        default: return false
        }
    }

    /// Java's `Number.longValue()`.
    static func longValue(_ v: VTLValue) -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .long(let l): return l
        case .bigInteger(let b): return b.truncatedInt64
        case .double(let d): return javaDoubleToLong(d)
        case .decimal(let d): return javaDoubleToLong(d.doubleValue)
        default: return 0
        }
    }

    /// Java's `Number.intValue()`.
    static func intValue(_ v: VTLValue) -> Int32 {
        switch v {
        case .double(let d): return javaDoubleToInt(d)
        case .decimal(let d): return javaDoubleToInt(d.doubleValue)
        default: return Int32(truncatingIfNeeded: longValue(v))
        }
    }

    /// Java's `Number.doubleValue()`.
    static func doubleValue(_ v: VTLValue) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .long(let l): return Double(l)
        case .bigInteger(let b): return b.doubleValue
        case .double(let d): return d
        case .decimal(let d): return d.doubleValue
        default: return 0
        }
    }

    static func javaDoubleToLong(_ d: Double) -> Int64 {
        if d.isNaN { return 0 }
        if d >= 9.223372036854775807e18 { return Int64.max }
        if d <= -9.223372036854775808e18 { return Int64.min }
        return Int64(d.rounded(.towardZero))
    }

    static func javaDoubleToInt(_ d: Double) -> Int32 {
        if d.isNaN { return 0 }
        if d >= 2147483647 { return Int32.max }
        if d <= -2147483648 { return Int32.min }
        return Int32(d.rounded(.towardZero))
    }

    static func toBigInteger(_ v: VTLValue) -> BigInt {
        if case .bigInteger(let b) = v { return b }
        return BigInt(longValue(v))
    }

    static func toBigDecimal(_ v: VTLValue) -> BigDecimal {
        switch v {
        case .decimal(let d): return d
        case .bigInteger(let b): return BigDecimal(unscaled: b, scale: 0)
        default: return BigDecimal(exactly: doubleValue(v)) ?? BigDecimal(unscaled: BigInt(0), scale: 0)
        }
    }

    /// An integer result in the wider class of the two operands (MathUtils.wrapPrimitive).
    private static func wrap(_ r: Int64, _ a: VTLValue, _ b: VTLValue) -> VTLValue {
        let wide: Bool
        if case .long = a { wide = true } else if case .long = b { wide = true } else { wide = false }
        if !wide, r >= Int64(Int32.min), r <= Int64(Int32.max) { return .int(Int32(r)) }
        return .long(r)
    }

    static func isZero(_ v: VTLValue) -> Bool {
        switch v {
        case .int(let i): return i == 0
        case .long(let l): return l == 0
        case .bigInteger(let b): return b.isZero
        case .double(let d): return d == 0
        case .decimal(let d): return d.isZero
        default: return false
        }
    }

    /// `a op b` for two numbers; nil where Velocity yields null (division by zero).
    /// Throws for the BigDecimal/BigInteger cases Java rejects.
    static func perform(_ op: Op, _ a: VTLValue, _ b: VTLValue) throws(VTLRuntimeError) -> VTLValue? {
        if op == .divide || op == .modulo, isZero(b) { return nil }
        switch base(a, b) {
        case .bigInteger:
            let x = toBigInteger(a)
            let y = toBigInteger(b)
            switch op {
            case .add: return .bigInteger(x + y)
            case .subtract: return .bigInteger(x - y)
            case .multiply: return .bigInteger(x * y)
            case .divide: return x.quotient(y).map { .bigInteger($0) }
            case .modulo:
                guard y.signum > 0 else {
                    throw VTLRuntimeError("ArithmeticException", "BigInteger: modulus not positive")
                }
                guard var r = x.remainder(y) else { return nil }
                if r.negative { r = r + y }
                return .bigInteger(r)
            }
        case .long:
            let x = longValue(a)
            let y = longValue(b)
            switch op {
            case .add:
                let (r, o) = x.addingReportingOverflow(y)
                return o ? .bigInteger(BigInt(x) + BigInt(y)) : wrap(r, a, b)
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                return o ? .bigInteger(BigInt(x) - BigInt(y)) : wrap(r, a, b)
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? .bigInteger(BigInt(x) * BigInt(y)) : wrap(r, a, b)
            case .divide:
                return wrap(x.dividedReportingOverflow(by: y).partialValue, a, b)
            case .modulo:
                return wrap(x.remainderReportingOverflow(dividingBy: y).partialValue, a, b)
            }
        case .double:
            let x = doubleValue(a)
            let y = doubleValue(b)
            switch op {
            case .add: return .double(x + y)
            case .subtract: return .double(x - y)
            case .multiply: return .double(x * y)
            case .divide: return .double(x / y)
            case .modulo: return .double(x.truncatingRemainder(dividingBy: y))
            }
        case .bigDecimal:
            let x = toBigDecimal(a)
            let y = toBigDecimal(b)
            switch op {
            case .add: return .decimal(x + y)
            case .subtract: return .decimal(x - y)
            case .multiply: return .decimal(x * y)
            case .divide: return x.dividedHalfDown(by: y).map { .decimal($0) }
            case .modulo:
                throw VTLRuntimeError("ArithmeticException", "Cannot calculate the modulo of BigDecimals.")
            }
        }
    }

    /// MathUtils.compare: -1, 0 or 1.
    static func compare(_ a: VTLValue, _ b: VTLValue) -> Int {
        switch base(a, b) {
        case .bigInteger: return toBigInteger(a).compare(toBigInteger(b))
        case .long:
            let x = longValue(a)
            let y = longValue(b)
            return x < y ? -1 : (x > y ? 1 : 0)
        case .double:
            let x = doubleValue(a)
            let y = doubleValue(b)
            return x < y ? -1 : (x > y ? 1 : 0)
        case .bigDecimal:
            return toBigDecimal(a).compare(toBigDecimal(b))
        }
    }

    /// Velocity's `==` (ASTEQNode): numbers by value, same-class objects by `equals`,
    /// everything else by `toString()`.
    static func looselyEqual(_ a: VTLValue, _ b: VTLValue) -> Bool {
        if a.isNumber && b.isNumber { return compare(a, b) == 0 }
        if !a.isNull && !b.isNull && sameClassFamily(a, b) { return a.javaEquals(b) }
        let l = a.javaString()
        let r = b.javaString()
        if l == nil && r == nil { return true }
        guard let l, let r else { return false }
        return l == r
    }

    /// Whether one value's class is assignable from the other's (then `equals` is used).
    private static func sameClassFamily(_ a: VTLValue, _ b: VTLValue) -> Bool {
        switch (a, b) {
        case (.string, .string), (.bool, .bool), (.char, .char), (.int, .int), (.long, .long),
            (.bigInteger, .bigInteger), (.double, .double), (.decimal, .decimal), (.map, .map):
            return true
        case (.list(let x), .list(let y)):
            // JSONArray extends ArrayList; views and arrays are unrelated classes.
            if x.flavor == y.flavor { return true }
            return (x.flavor == .arrayList && y.flavor == .jsonArray) || (x.flavor == .jsonArray && y.flavor == .arrayList)
        case (.object(let x), .object(let y)):
            return x.javaClassName == y.javaClassName
        default:
            return false
        }
    }
}
