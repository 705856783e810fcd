/// Property, method and index access on values, as Velocity's introspection resolves them
/// against the Java classes the values stand for.
enum JavaAccess {
    /// `$value.name`: Velocity tries `getName()`/`getname()`, then `Map.get("name")`, then
    /// `get("name")`, then `isName()`; `.null` when nothing applies.
    static func property(_ o: VTLValue, _ name: String) throws(VTLRuntimeError) -> VTLValue {
        if name == "class" || name == "Class" {
            if case .object(let obj) = o {
                let v = try obj.property(name)
                if !v.isNull { return v }
            }
            return .object(JavaClassObject(name: o.javaClassName))
        }
        switch o {
        case .map(let m):
            return m[name] ?? .null
        case .string(let s):
            switch name {
            case "empty", "Empty": return .bool(s.isEmpty)
            case "blank", "Blank": return .bool(s.utf16.allSatisfy(JString.isJavaWhitespace))
            default: return .null
            }
        case .list(let l):
            switch name {
            case "empty", "Empty": return .bool(l.items.isEmpty)
            default: return .null
            }
        case .double(let d):
            switch name {
            case "naN", "NaN": return .bool(d.isNaN)
            case "infinite", "Infinite": return .bool(d.isInfinite)
            default: return .null
            }
        case .object(let obj):
            return try obj.property(name)
        default:
            return .null
        }
    }

    /// `$value.name(args)`; `.null` when the class has no applicable method.
    static func call(_ o: VTLValue, _ name: String, _ args: [VTLValue], _ c: RenderContext) throws(VTLRuntimeError) -> VTLValue {
        let r = try dispatch(o, name, args, c)
        if r.isNull && !args.isEmpty && JavaMethodNames.zeroArgument(o).contains(name) {
            throw VTLRuntimeError("IllegalArgumentException", "wrong number of arguments")
        }
        return r
    }

    private static func dispatch(_ o: VTLValue, _ name: String, _ args: [VTLValue], _ c: RenderContext) throws(VTLRuntimeError) -> VTLValue {
        switch o {
        case .string(let s):
            return try JavaStringMethods.call(s, name, args, c)
        case .list(let l):
            return try JavaListMethods.call(l, name, args)
        case .map(let m):
            return try JavaMapMethods.call(m, name, args)
        case .object(let obj):
            if name == "getClass" && args.isEmpty { return .object(JavaClassObject(name: obj.javaClassName)) }
            let r = try obj.call(name, args)
            if !r.isNull { return r }
            return try objectMethod(o, name, args)
        case .null:
            return .null
        default:
            return try JavaNumberMethods.call(o, name, args)
        }
    }

    /// Methods every Java object has.
    static func objectMethod(_ o: VTLValue, _ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (name, args.count) {
        case ("toString", 0): return o.javaString().map { .string($0) } ?? .null
        case ("equals", 1): return .bool(o.javaEquals(args[0]))
        case ("hashCode", 0): return .int(javaHashCode(o))
        case ("getClass", 0): return .object(JavaClassObject(name: o.javaClassName))
        default: return .null
        }
    }

    /// `$value[key]`: Velocity calls `get(key)` (after turning a negative Integer index into
    /// `size() + index`).
    static func index(_ o: VTLValue, _ key: VTLValue, _ c: RenderContext) throws(VTLRuntimeError) -> VTLValue {
        let key = try adjustNegativeIndex(key, o, c)
        switch o {
        case .list(let l):
            guard let i = JavaArg.int(key) else { return .null }
            guard i >= 0, Int(i) < l.items.count else { throw outOfBounds(Int(i), l.items.count) }
            return l.items[Int(i)]
        case .map(let m):
            return m.lookup(key) ?? .null
        case .object(let obj):
            return try obj.call("get", [key])
        default:
            return .null
        }
    }

    /// Velocity's ASTIndex.adjMinusIndexArg.
    static func adjustNegativeIndex(_ key: VTLValue, _ o: VTLValue, _ c: RenderContext) throws(VTLRuntimeError) -> VTLValue {
        guard case .int(let i) = key, i < 0 else { return key }
        let size: VTLValue
        switch o {
        case .list(let l): size = .int(Int32(l.items.count))
        case .map(let m): size = .int(Int32(m.count))
        case .object(let obj): size = try obj.call("size", [])
        default: size = .null
        }
        guard case .int(let n) = size else {
            throw VTLRuntimeError(
                "VelocityException",
                "A 'size()' method required for negative value \(i) does not exist for class '\(o.javaClassName)'")
        }
        return .int(n &+ i)
    }

    static func outOfBounds(_ i: Int, _ n: Int) -> VTLRuntimeError {
        VTLRuntimeError("IndexOutOfBoundsException", "Index \(i) out of bounds for length \(n)")
    }

    /// `#set($value.name = v)`: `setName(v)`, else `Map.put("name", v)`; false when neither.
    static func setProperty(_ o: VTLValue, _ name: String, _ value: VTLValue) throws(VTLRuntimeError) -> Bool {
        switch o {
        case .map(let m):
            m.put(.string(name), value)
            return true
        case .object(let obj):
            return try obj.setProperty(name, value)
        default:
            return false
        }
    }

    /// `#set($value[key] = v)`: `set(key, v)`, else `put(key, v)`; false when neither.
    static func setIndex(_ o: VTLValue, _ key: VTLValue, _ value: VTLValue, _ c: RenderContext) throws(VTLRuntimeError) -> Bool {
        let key = try adjustNegativeIndex(key, o, c)
        switch o {
        case .list(let l):
            guard let i = JavaArg.int(key) else { return false }
            guard i >= 0, Int(i) < l.items.count else { throw outOfBounds(Int(i), l.items.count) }
            if l.flavor == .stringArray, !JavaArg.isStringOrNull(value) {
                throw VTLRuntimeError("IllegalArgumentException", "array element type mismatch")
            }
            l.items[Int(i)] = value
            return true
        case .map(let m):
            m.put(key, value)
            return true
        case .object(let obj):
            let r = try obj.call("put", [key, value])
            _ = r
            return true
        default:
            return false
        }
    }

    /// Java `hashCode()` (0 for collections nested too deeply to hash).
    static func javaHashCode(_ v: VTLValue) -> Int32 {
        (try? javaHashCode(v, depth: 0, budget: WalkBudget())) ?? 0
    }

    static func javaHashCode(_ v: VTLValue, depth: Int, budget: WalkBudget) throws(NestingTooDeep) -> Int32 {
        try budget.spend(depth)
        switch v {
        case .null: return 0
        case .string(let s): return JString(s).javaHash
        case .bool(let b): return b ? 1231 : 1237
        case .char(let c): return Int32(c)
        case .int(let i): return i
        case .long(let l): return Int32(truncatingIfNeeded: l ^ (l >>> 32))
        case .bigInteger(let b): return b.javaHash
        case .double(let d):
            let bits = Int64(bitPattern: d.isNaN ? 0x7ff8000000000000 : d.bitPattern)
            return Int32(truncatingIfNeeded: bits ^ (bits >>> 32))
        case .decimal(let d): return d.javaHash
        case .list(let l):
            var h: Int32 = 1
            for e in l.items { h = h &* 31 &+ (try javaHashCode(e, depth: depth + 1, budget: budget)) }
            return h
        case .map(let m):
            var h: Int32 = 0
            for (k, e) in m.entries {
                h = h &+ ((try javaHashCode(k, depth: depth + 1, budget: budget)) ^ (try javaHashCode(e, depth: depth + 1, budget: budget)))
            }
            return h
        case .object(let o): return Int32(truncatingIfNeeded: ObjectIdentifier(o).hashValue)
        }
    }
}

/// Method names of the Java classes values stand for (see `VTLObject.zeroArgumentMethods`).
public enum JavaMethodNames {
    public static let object: Set<String> = ["toString", "hashCode", "getClass"]
    static let string: Set<String> = object.union([
        "length", "isEmpty", "isBlank", "trim", "strip", "stripLeading", "stripTrailing", "toLowerCase",
        "toUpperCase", "toCharArray", "intern", "chars", "codePoints", "lines", "getBytes", "describeConstable",
        "stripIndent", "translateEscapes",
    ])
    static let number: Set<String> = object.union([
        "intValue", "longValue", "doubleValue", "floatValue", "shortValue", "byteValue", "describeConstable",
    ])
    static let double: Set<String> = number.union(["isNaN", "isInfinite"])
    static let bigInteger: Set<String> = number.union([
        "negate", "abs", "signum", "bitLength", "bitCount", "getLowestSetBit", "sqrt", "toByteArray",
        "intValueExact", "longValueExact", "shortValueExact", "byteValueExact",
    ])
    static let bigDecimal: Set<String> = number.union([
        "negate", "abs", "signum", "scale", "precision", "unscaledValue", "stripTrailingZeros", "toBigInteger",
        "toPlainString", "toEngineeringString", "ulp", "toBigIntegerExact", "intValueExact", "longValueExact",
    ])
    static let boolean: Set<String> = object.union(["booleanValue", "describeConstable"])
    static let character: Set<String> = object.union(["charValue", "describeConstable"])
    static let list: Set<String> = object.union([
        "size", "isEmpty", "clear", "iterator", "listIterator", "toArray", "stream", "parallelStream",
        "spliterator", "trimToSize", "clone",
    ])
    static let map: Set<String> = object.union(["size", "isEmpty", "clear", "keySet", "values", "entrySet", "clone"])
    public static let collection: Set<String> = object.union([
        "size", "isEmpty", "clear", "iterator", "toArray", "stream", "parallelStream", "spliterator",
    ])

    static func zeroArgument(_ v: VTLValue) -> Set<String> {
        switch v {
        case .null: return []
        case .string: return string
        case .int, .long: return number
        case .double: return double
        case .bigInteger: return bigInteger
        case .decimal: return bigDecimal
        case .bool: return boolean
        case .char: return character
        case .list: return list
        case .map: return map
        case .object(let o): return o.zeroArgumentMethods
        }
    }
}

infix operator >>> : BitwiseShiftPrecedence

/// Java's unsigned right shift on Int64.
func >>> (lhs: Int64, rhs: Int64) -> Int64 {
    Int64(bitPattern: UInt64(bitPattern: lhs) >> UInt64(rhs))
}
