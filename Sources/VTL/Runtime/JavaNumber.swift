/// Methods of `Integer`, `Long`, `Double`, `BigInteger`, `BigDecimal`, `Boolean` and
/// `Character`, including the static ones templates call through an instance
/// (`$zero.parseInt('42')`).
enum JavaNumberMethods {
    static func call(_ o: VTLValue, _ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        if let r = try common(o, name, args) { return r }
        switch o {
        case .int: return try integerStatics(name, args, long: false)
        case .long: return try integerStatics(name, args, long: true)
        case .double: return try doubleStatics(name, args)
        case .bigInteger(let b): return try bigInteger(b, name, args)
        case .bool: return booleanStatics(name, args)
        case .char: return characterStatics(name, args)
        default: return .null
        }
    }

    /// Static methods of `Character` (code point or char arguments).
    private static func characterStatics(_ name: String, _ args: [VTLValue]) -> VTLValue {
        guard args.count == 1 else { return .null }
        let cp: UInt32
        let isChar: Bool
        if case .char(let c) = args[0] {
            cp = UInt32(c)
            isChar = true
        } else if case .int(let i) = args[0] {
            cp = UInt32(bitPattern: i)
            isChar = false
        } else {
            return .null
        }
        let scalar = Unicode.Scalar(cp)
        func mapped(_ f: (String) -> String) -> VTLValue {
            guard let scalar else { return isChar ? .char(UInt16(truncatingIfNeeded: cp)) : .int(Int32(bitPattern: cp)) }
            let m = f(String(scalar)).unicodeScalars
            let out = m.count == 1 ? (m.first?.value ?? cp) : cp
            return isChar ? .char(UInt16(truncatingIfNeeded: out <= 0xFFFF ? out : cp)) : .int(Int32(bitPattern: out))
        }
        switch name {
        case "toUpperCase": return mapped { $0.uppercased() }
        case "toLowerCase": return mapped { $0.lowercased() }
        case "isDigit": return .bool(scalar?.properties.numericType == .decimal)
        case "isLetter": return .bool(scalar?.properties.isAlphabetic == true && scalar?.properties.generalCategory != .otherNumber)
        case "isLetterOrDigit":
            return .bool(scalar?.properties.isAlphabetic == true || scalar?.properties.numericType == .decimal)
        case "isWhitespace": return .bool(cp <= 0xFFFF && JString.isJavaWhitespace(UInt16(cp)))
        case "isUpperCase": return .bool(scalar?.properties.isUppercase == true)
        case "isLowerCase": return .bool(scalar?.properties.isLowercase == true)
        default: return .null
        }
    }

    /// Instance methods shared by the number classes and Object's methods.
    private static func common(_ o: VTLValue, _ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue? {
        switch (name, args.count) {
        case ("toString", 0): return .string(o.stringValueOf)
        case ("equals", 1): return .bool(o.javaEquals(args[0]))
        case ("hashCode", 0): return .int(JavaAccess.javaHashCode(o))
        case ("getClass", 0): return .object(JavaClassObject(name: o.javaClassName))
        default: break
        }
        if o.isNumber {
            switch (name, args.count) {
            case ("intValue", 0): return .int(Arithmetic.intValue(o))
            case ("longValue", 0): return .long(Arithmetic.longValue(o))
            case ("doubleValue", 0): return .double(Arithmetic.doubleValue(o))
            case ("shortValue", 0): return .int(Int32(Int16(truncatingIfNeeded: Arithmetic.intValue(o))))
            case ("byteValue", 0): return .int(Int32(Int8(truncatingIfNeeded: Arithmetic.intValue(o))))
            case ("compareTo", 1):
                guard sameClass(o, args[0]) else { return args[0].isNull ? try nullArg() : try classCast(args[0], o) }
                return .int(Int32(Arithmetic.compare(o, args[0])))
            default: break
            }
        }
        switch o {
        case .double(let d):
            switch (name, args.count) {
            case ("isNaN", 0): return .bool(d.isNaN)
            case ("isInfinite", 0): return .bool(d.isInfinite)
            default: return nil
            }
        case .bool(let b):
            switch (name, args.count) {
            case ("booleanValue", 0): return .bool(b)
            case ("compareTo", 1):
                guard case .bool(let x) = args[0] else { return args[0].isNull ? try nullArg() : try classCast(args[0], o) }
                return .int(b == x ? 0 : (b ? 1 : -1))
            default: return nil
            }
        case .char(let c):
            switch (name, args.count) {
            case ("charValue", 0): return .char(c)
            case ("compareTo", 1):
                guard case .char(let x) = args[0] else { return args[0].isNull ? try nullArg() : try classCast(args[0], o) }
                return .int(Int32(c) - Int32(x))
            default: return nil
            }
        case .decimal(let d):
            switch (name, args.count) {
            case ("toPlainString", 0): return .string(d.plainString)
            case ("scale", 0): return .int(Int32(truncatingIfNeeded: d.scale))
            case ("negate", 0): return .decimal(BigDecimal(unscaled: -d.unscaled, scale: d.scale))
            case ("abs", 0): return .decimal(BigDecimal(unscaled: d.unscaled.magnitudeValue, scale: d.scale))
            case ("signum", 0): return .int(Int32(d.unscaled.signum))
            case ("unscaledValue", 0): return .bigInteger(d.unscaled)
            case ("precision", 0): return .int(Int32(max(1, d.unscaled.magnitudeValue.description.count)))
            case ("add", 1), ("subtract", 1), ("multiply", 1):
                guard case .decimal(let x) = args[0] else { return nil }
                return .decimal(name == "add" ? d + x : (name == "subtract" ? d - x : d * x))
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func nullArg() throws(VTLRuntimeError) -> VTLValue {
        throw JavaArg.npe()
    }

    /// `compareTo(Object)` (the bridge method) with an argument of another class.
    static func classCast(_ arg: VTLValue, _ receiver: VTLValue) throws(VTLRuntimeError) -> VTLValue {
        throw VTLRuntimeError(
            "ClassCastException",
            "class \(arg.javaClassName) cannot be cast to class \(receiver.javaClassName)")
    }

    private static func sameClass(_ a: VTLValue, _ b: VTLValue) -> Bool {
        switch (a, b) {
        case (.int, .int), (.long, .long), (.double, .double), (.bigInteger, .bigInteger), (.decimal, .decimal):
            return true
        default:
            return false
        }
    }

    /// `Integer.parseInt`-style parsing with Java's rules (optional sign, radix digits).
    static func parseInteger(_ s: String?, radix: Int, min: Int64, max: Int64) throws(VTLRuntimeError) -> Int64 {
        guard let s else {
            throw VTLRuntimeError("NumberFormatException", "Cannot parse null string: null")
        }
        guard (2...36).contains(radix) else {
            throw VTLRuntimeError("NumberFormatException", "radix \(radix) out of range")
        }
        var chars = Substring(s)
        var negative = false
        if let f = chars.first, f == "-" || f == "+" {
            negative = f == "-"
            chars = chars.dropFirst()
        }
        guard !chars.isEmpty else { throw numberFormat(s, radix) }
        var value: Int64 = 0
        let limit = negative ? min : -max
        for ch in chars {
            guard let d = ch.hexDigitValue ?? letterDigit(ch), d < radix else { throw numberFormat(s, radix) }
            let (m, o1) = value.multipliedReportingOverflow(by: Int64(radix))
            let (n, o2) = m.subtractingReportingOverflow(Int64(d))
            guard !o1, !o2, n >= limit else { throw numberFormat(s, radix) }
            value = n
        }
        return negative ? value : -value
    }

    private static func letterDigit(_ ch: Character) -> Int? {
        guard let a = ch.asciiValue else { return nil }
        switch a {
        case 97...122: return Int(a) - 87
        case 65...90: return Int(a) - 55
        default: return nil
        }
    }

    private static func numberFormat(_ s: String, _ radix: Int) -> VTLRuntimeError {
        VTLRuntimeError("NumberFormatException", "For input string: \"\(s)\"" + (radix == 10 ? "" : " under radix \(radix)"))
    }

    /// Static methods of Integer/Long reachable through an instance.
    private static func integerStatics(_ name: String, _ args: [VTLValue], long: Bool) throws(VTLRuntimeError) -> VTLValue {
        let min: Int64 = long ? Int64.min : Int64(Int32.min)
        let max: Int64 = long ? Int64.max : Int64(Int32.max)
        func make(_ v: Int64) -> VTLValue { long ? .long(v) : .int(Int32(truncatingIfNeeded: v)) }
        func arg(_ v: VTLValue) -> Int64? { long ? JavaArg.long(v) : JavaArg.int(v).map(Int64.init) }
        switch (name, args.count) {
        case ("parseInt", 1) where !long, ("parseLong", 1) where long, ("valueOf", 1), ("decode", 1):
            if name == "valueOf", let v = arg(args[0]) { return make(v) }
            guard let s = JavaArg.string(args[0]) else { return .null }
            return make(try parseInteger(s, radix: 10, min: min, max: max))
        case ("parseInt", 2) where !long, ("parseLong", 2) where long, ("valueOf", 2):
            guard let s = JavaArg.string(args[0]), let r = JavaArg.int(args[1]) else { return .null }
            return make(try parseInteger(s, radix: Int(r), min: min, max: max))
        case ("toString", 1):
            guard let v = arg(args[0]) else { return .null }
            return .string(String(v))
        case ("toString", 2):
            guard let v = arg(args[0]), let r = JavaArg.int(args[1]) else { return .null }
            let radix = (2...36).contains(Int(r)) ? Int(r) : 10
            return .string(String(v, radix: radix))
        case ("toHexString", 1), ("toBinaryString", 1), ("toOctalString", 1):
            guard let v = arg(args[0]) else { return .null }
            let radix = name == "toHexString" ? 16 : (name == "toBinaryString" ? 2 : 8)
            let bits = long ? UInt64(bitPattern: v) : UInt64(UInt32(truncatingIfNeeded: v))
            return .string(String(bits, radix: radix))
        case ("max", 2), ("min", 2), ("sum", 2):
            guard let a = arg(args[0]), let b = arg(args[1]) else { return .null }
            switch name {
            case "max": return make(Swift.max(a, b))
            case "min": return make(Swift.min(a, b))
            default: return make(long ? a &+ b : Int64(Int32(truncatingIfNeeded: a &+ b)))
            }
        case ("signum", 1):
            guard let a = arg(args[0]) else { return .null }
            return .int(a > 0 ? 1 : (a < 0 ? -1 : 0))
        case ("hashCode", 1):
            guard let a = arg(args[0]) else { return .null }
            return .int(long ? Int32(truncatingIfNeeded: a ^ (a >>> 32)) : Int32(truncatingIfNeeded: a))
        case ("compare", 2):
            guard let a = arg(args[0]), let b = arg(args[1]) else { return .null }
            return .int(a < b ? -1 : (a > b ? 1 : 0))
        default:
            return .null
        }
    }

    private static func doubleStatics(_ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (name, args.count) {
        case ("parseDouble", 1), ("valueOf", 1):
            if name == "valueOf", let d = JavaArg.double(args[0]) { return .double(d) }
            guard let s = JavaArg.string(args[0]) else { return .null }
            guard let s else { throw JavaArg.npe() }
            guard let d = parseJavaDouble(s) else {
                throw VTLRuntimeError("NumberFormatException", "For input string: \"\(s)\"")
            }
            return .double(d)
        case ("toString", 1):
            guard let d = JavaArg.double(args[0]) else { return .null }
            return .string(JavaFormat.double(d))
        case ("toHexString", 1):
            guard let d = JavaArg.double(args[0]) else { return .null }
            return .string(JavaFormat.hexDouble(d))
        case ("max", 2), ("min", 2), ("sum", 2):
            guard let a = JavaArg.double(args[0]), let b = JavaArg.double(args[1]) else { return .null }
            switch name {
            case "max": return .double(a.isNaN || b.isNaN ? .nan : Swift.max(a, b))
            case "min": return .double(a.isNaN || b.isNaN ? .nan : Swift.min(a, b))
            default: return .double(a + b)
            }
        case ("isNaN", 1), ("isInfinite", 1), ("isFinite", 1):
            guard let a = JavaArg.double(args[0]) else { return .null }
            return .bool(name == "isNaN" ? a.isNaN : (name == "isInfinite" ? a.isInfinite : a.isFinite))
        case ("hashCode", 1):
            guard let a = JavaArg.double(args[0]) else { return .null }
            return .int(JavaAccess.javaHashCode(.double(a)))
        default:
            return .null
        }
    }

    /// `Double.parseDouble`: Java's float syntax (blanks trimmed, optional f/d suffix).
    static func parseJavaDouble(_ text: String) -> Double? {
        var s = Substring(text)
        while let f = s.utf16.first, f <= 0x20 { s = s.dropFirst() }
        while let l = s.utf16.last, l <= 0x20 { s = s.dropLast() }
        if let l = s.last, "fFdD".contains(l) { s = s.dropLast() }
        switch s {
        case "NaN", "+NaN", "-NaN": return .nan
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        guard !s.isEmpty, s.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return Double(String(s))
    }

    private static func booleanStatics(_ name: String, _ args: [VTLValue]) -> VTLValue {
        switch (name, args.count) {
        case ("parseBoolean", 1), ("valueOf", 1):
            if case .bool(let b) = args[0] { return .bool(b) }
            guard let s = JavaArg.string(args[0]) else { return .null }
            return .bool(s?.lowercased() == "true")
        case ("toString", 1):
            guard case .bool(let b) = args[0] else { return .null }
            return .string(b ? "true" : "false")
        case ("hashCode", 1):
            guard case .bool(let b) = args[0] else { return .null }
            return .int(b ? 1231 : 1237)
        default:
            return .null
        }
    }

    private static func bigInteger(_ b: BigInt, _ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (name, args.count) {
        case ("negate", 0): return .bigInteger(-b)
        case ("abs", 0): return .bigInteger(b.magnitudeValue)
        case ("signum", 0): return .int(Int32(b.signum))
        default: break
        }
        guard args.count == 1, case .bigInteger(let x) = args[0] else { return .null }
        switch name {
        case "add": return .bigInteger(b + x)
        case "subtract": return .bigInteger(b - x)
        case "multiply": return .bigInteger(b * x)
        case "divide", "remainder":
            guard let r = name == "divide" ? b.quotient(x) : b.remainder(x) else {
                throw VTLRuntimeError("ArithmeticException", "BigInteger divide by zero")
            }
            return .bigInteger(r)
        case "max": return .bigInteger(b.compare(x) >= 0 ? b : x)
        case "min": return .bigInteger(b.compare(x) <= 0 ? b : x)
        default: return .null
        }
    }
}
