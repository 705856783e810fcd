/// A value seen by templates, modelled on the Java objects Velocity works with: Velocity's
/// behaviour (how values print, compare, widen in arithmetic, which methods they have)
/// depends on the Java class, so the cases keep those classes apart (Integer vs Long, a
/// template list vs a JSON array, ...).
///
/// Lists and maps are reference types (Java collections are shared, `#set($b = $a)` aliases
/// them). Values belong to one render at a time; they are not meant to cross threads.
public enum VTLValue {
    /// Java `null` (templates mostly see the empty string instead, see `VTLTemplate`).
    case null
    case string(String)
    case bool(Bool)
    /// `java.lang.Character` (from `charAt`), a UTF-16 code unit.
    case char(UInt16)
    /// `java.lang.Integer`
    case int(Int32)
    /// `java.lang.Long`
    case long(Int64)
    /// `java.math.BigInteger`
    case bigInteger(BigInt)
    /// `java.lang.Double`
    case double(Double)
    /// `java.math.BigDecimal` (long decimal numbers in JSON payloads); boxed, so that the
    /// common cases stay small and cheap to copy.
    indirect case decimal(BigDecimal)
    /// A Java list (ArrayList, a JSON array, an array or a collection view).
    case list(VTLList)
    /// A Java map with insertion order (LinkedHashMap).
    case map(VTLMap)
    /// Anything else: host objects such as `$input`, loop scopes, map entries.
    case object(any VTLObject)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether the value is a `java.lang.Number`.
    var isNumber: Bool {
        switch self {
        case .int, .long, .bigInteger, .double, .decimal: return true
        default: return false
        }
    }

    /// Java's `toString()`; nil when it returns null (or the value is null). Collections
    /// nested beyond what Java's stack allows (possible only when one contains itself through
    /// another) print as `(nested too deeply)`, where Java would fail.
    public func javaString() -> String? {
        do {
            return try javaString(depth: 0, budget: WalkBudget())
        } catch {
            return "(nested too deeply)"
        }
    }

    /// `toString()` with nesting counted; throws (at once, like Java's stack overflow)
    /// beyond `ValueGuard.maxDepth`.
    func javaString(depth: Int, budget: WalkBudget) throws(NestingTooDeep) -> String? {
        try budget.spend(depth)
        switch self {
        case .null: return nil
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .char(let c): return JString.string([c][...])
        case .int(let i): return String(i)
        case .long(let l): return String(l)
        case .bigInteger(let b): return b.description
        case .double(let d): return JavaFormat.double(d)
        case .decimal(let d): return d.description
        case .list(let l): return try l.javaString(depth: depth, budget: budget)
        case .map(let m): return try m.javaString(depth: depth, budget: budget)
        case .object(let o):
            if let view = o as? MapView { return try view.javaString(depth: depth, budget: budget) }
            return o.javaString()
        }
    }

    /// `String.valueOf(value)`: like `javaString` but "null" for null.
    var stringValueOf: String { javaString() ?? "null" }

    func stringValueOf(depth: Int, budget: WalkBudget) throws(NestingTooDeep) -> String { try javaString(depth: depth, budget: budget) ?? "null" }

    /// The Java class name (as `getClass().getName()` reports it).
    public var javaClassName: String {
        switch self {
        case .null: return "null"
        case .string: return "java.lang.String"
        case .bool: return "java.lang.Boolean"
        case .char: return "java.lang.Character"
        case .int: return "java.lang.Integer"
        case .long: return "java.lang.Long"
        case .bigInteger: return "java.math.BigInteger"
        case .double: return "java.lang.Double"
        case .decimal: return "java.math.BigDecimal"
        case .list(let l): return l.flavor.javaClassName
        case .map: return "java.util.LinkedHashMap"
        case .object(let o): return o.javaClassName
        }
    }

    /// Java `equals`: same class family and equal content (Integer 1 does not equal Long 1).
    public func javaEquals(_ other: VTLValue) -> Bool {
        javaEquals(other, depth: 0, budget: WalkBudget())
    }

    /// `equals` with nesting counted (collections that contain each other compare unequal
    /// past the limit instead of recursing forever).
    func javaEquals(_ other: VTLValue, depth: Int, budget: WalkBudget) -> Bool {
        guard budget.trySpend(depth) else { return false }
        switch (self, other) {
        case (.null, .null): return true
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.char(let a), .char(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.long(let a), .long(let b)): return a == b
        case (.bigInteger(let a), .bigInteger(let b)): return a == b
        case (.double(let a), .double(let b)):
            return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        case (.decimal(let a), .decimal(let b)): return a == b
        case (.list(let a), .list(let b)):
            if a === b { return true }
            if a.flavor == .stringArray || b.flavor == .stringArray { return false }
            guard a.flavor.isList == b.flavor.isList, a.count == b.count else { return false }
            for i in 0..<a.count where !a.items[i].javaEquals(b.items[i], depth: depth + 1, budget: budget) { return false }
            return true
        case (.map(let a), .map(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            for (k, v) in a.entries {
                guard let w = b.lookup(k), v.javaEquals(w, depth: depth + 1, budget: budget) else { return false }
            }
            return true
        case (.object(let a), .object(let b)): return a.javaEquals(b)
        default: return false
        }
    }

    /// Java `hashCode`-compatible hashing input (equal values hash alike).
    func hashJava(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .string(let s): h.combine(1); h.combine(s)
        case .bool(let b): h.combine(2); h.combine(b)
        case .char(let c): h.combine(3); h.combine(c)
        case .int(let i): h.combine(4); h.combine(i)
        case .long(let l): h.combine(5); h.combine(l)
        case .bigInteger(let b): h.combine(6); h.combine(b)
        case .double(let d): h.combine(7); h.combine(d.isNaN ? Double.nan.bitPattern : d.bitPattern)
        case .decimal(let d): h.combine(8); h.combine(d)
        case .list(let l): h.combine(9); h.combine(l.count)
        case .map(let m): h.combine(10); h.combine(m.count)
        case .object(let o): h.combine(11); h.combine(ObjectIdentifier(o))
        }
    }
}

/// Collections nested deeper than `ValueGuard.maxDepth` (Java would overflow its stack), or
/// too much work walking them (shared sub-collections can make a small value print huge).
struct NestingTooDeep: Error {}

/// Bounds one walk over nested collections (printing, comparing, hashing, copying): depth
/// as Java's stack would, and the total number of elements visited.
final class WalkBudget {
    static let maxElements = 2_000_000
    private var remaining = WalkBudget.maxElements

    @inline(__always)
    func spend(_ depth: Int) throws(NestingTooDeep) {
        remaining -= 1
        if remaining < 0 || depth > ValueGuard.maxDepth { throw NestingTooDeep() }
    }

    @inline(__always)
    func trySpend(_ depth: Int) -> Bool {
        remaining -= 1
        return remaining >= 0 && depth <= ValueGuard.maxDepth
    }
}

/// A map key with Java `equals`/`hashCode` semantics.
struct JavaKey: Hashable {
    let value: VTLValue

    static func == (a: JavaKey, b: JavaKey) -> Bool { a.value.javaEquals(b.value) }

    func hash(into hasher: inout Hasher) { value.hashJava(into: &hasher) }
}

/// Objects other than strings, numbers, lists and maps: host objects (`$input`, `$util`) and
/// the engine's own helper objects. Lookups return `.null` when a property or method does
/// not exist, which templates see as the empty string.
public protocol VTLObject: AnyObject {
    /// The Java class name this object stands for (used by `equals` between classes).
    var javaClassName: String { get }
    /// Java `toString()`; nil stands for a null result.
    func javaString() -> String?
    /// `$object.name`: a bean property (getName/isName) or map entry.
    func property(_ name: String) throws(VTLRuntimeError) -> VTLValue
    /// `$object.name(args)`.
    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue
    /// Java `equals` (identity unless the object says otherwise).
    func javaEquals(_ other: any VTLObject) -> Bool
    /// Elements for `#foreach`, or nil when the object cannot be iterated.
    func iterationValues() -> [VTLValue]?
    /// `#set($object.name = value)`; false when the object has no such settable property.
    func setProperty(_ name: String, _ value: VTLValue) throws(VTLRuntimeError) -> Bool
    /// Names of the object's methods without parameters. Velocity's introspector accepts
    /// such a method for any number of arguments, so calling one with arguments (when no
    /// overload takes them) fails with "wrong number of arguments", as in Java.
    var zeroArgumentMethods: Set<String> { get }
}

extension VTLObject {
    public var javaClassName: String { "java.lang.Object" }
    public func javaString() -> String? { "{}" }
    public func property(_ name: String) throws(VTLRuntimeError) -> VTLValue { .null }
    public func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue { .null }
    public func javaEquals(_ other: any VTLObject) -> Bool { self === other }
    public func iterationValues() -> [VTLValue]? { nil }
    public func setProperty(_ name: String, _ value: VTLValue) throws(VTLRuntimeError) -> Bool { false }
    public var zeroArgumentMethods: Set<String> { JavaMethodNames.object }
}

/// A Java exception thrown while rendering (a method failed, a limit was reached, ...).
public struct VTLRuntimeError: Error, Sendable, CustomStringConvertible {
    /// The Java exception class name it stands for (e.g. `IndexOutOfBoundsException`), or a
    /// short tag for engine limits (`LimitExceeded`).
    public let kind: String
    public let message: String
    /// Where in the template it happened, when known.
    public var location: SourceLocation?

    public init(_ kind: String, _ message: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(kind): \(message)"
    }
}
