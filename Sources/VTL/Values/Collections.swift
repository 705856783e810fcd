/// A Java list. The flavor records which Java class it stands for, because that decides how
/// it prints: a template list `[1, 2]` prints like `java.util.ArrayList`, a JSON array (a
/// json-smart `JSONArray`) prints as compact JSON.
public final class VTLList {
    public enum Flavor: Sendable {
        /// `java.util.ArrayList` (template list literals, ranges, `subList`, ...).
        case arrayList
        /// `net.minidev.json.JSONArray` (arrays from `$input.path` and `$util.parseJson`).
        case jsonArray
        /// A Java array such as the `String[]` that `split` returns.
        case stringArray

        var javaClassName: String {
            switch self {
            case .arrayList: return "java.util.ArrayList"
            case .jsonArray: return "net.minidev.json.JSONArray"
            case .stringArray: return "[Ljava.lang.String;"
            }
        }

        /// Whether the Java class implements `java.util.List` (equals between lists).
        var isList: Bool { self == .arrayList || self == .jsonArray }
    }

    @exclusivity(unchecked) public var items: [VTLValue]
    public let flavor: Flavor
    /// Incremented by structural changes, so `#foreach` can detect them like Java iterators.
    @exclusivity(unchecked) var modCount = 0

    public init(_ items: [VTLValue] = [], flavor: Flavor = .arrayList) {
        self.items = items
        self.flavor = flavor
    }

    public var count: Int { items.count }

    /// `toString()` of the Java class.
    func javaString() -> String {
        (try? javaString(depth: 0, budget: WalkBudget())) ?? "(nested too deeply)"
    }

    func javaString(depth: Int, budget: WalkBudget) throws(NestingTooDeep) -> String {
        switch flavor {
        case .jsonArray:
            var out: [UInt8] = []
            try JSONOutput.write(.list(self), into: &out, escapeSlash: true, depth: depth, budget: budget)
            return String(decoding: out, as: UTF8.self)
        case .stringArray:
            return "[Ljava.lang.String;@" + String(UInt(bitPattern: ObjectIdentifier(self).hashValue) & 0xFFFFFFF, radix: 16)
        case .arrayList:
            var s = "["
            var first = true
            for v in items {
                if !first { s += ", " }
                first = false
                if case .list(let l) = v, l === self {
                    s += "(this Collection)"
                } else {
                    s += try v.stringValueOf(depth: depth + 1, budget: budget)
                }
            }
            return s + "]"
        }
    }
}

/// A Java map that keeps insertion order (`java.util.LinkedHashMap`): template map literals,
/// JSON objects, `$context`, parameter maps. Keys compare with Java `equals`.
public final class VTLMap {
    @exclusivity(unchecked) private var storedKeys: [VTLValue] = []
    @exclusivity(unchecked) private var storedValues: [VTLValue] = []
    /// Entries not built yet (a parsed JSON object is converted on first use, so the parts
    /// of a payload a template never touches are never converted).
    @exclusivity(unchecked) private var pending: (() -> ([VTLValue], [VTLValue]))?
    /// Key positions, built once the map grows beyond a few entries.
    @exclusivity(unchecked) private var index: [JavaKey: Int]?
    @exclusivity(unchecked) var modCount = 0

    public init() {}

    /// A map with string keys, in the given order (a repeated key keeps its first position
    /// and takes the last value, as `put` does).
    public init(_ pairs: [(String, VTLValue)]) {
        storedKeys.reserveCapacity(pairs.count)
        storedValues.reserveCapacity(pairs.count)
        for (k, v) in pairs { put(.string(k), v) }
    }

    /// A map from keys known to be distinct (e.g. the members of a parsed JSON object).
    public init(distinctKeys: [VTLValue], values: [VTLValue]) {
        let n = min(distinctKeys.count, values.count)
        storedKeys = Array(distinctKeys.prefix(n))
        storedValues = Array(values.prefix(n))
    }

    /// A map whose entries (distinct keys, values) are built on first use.
    public init(lazyEntries: @escaping () -> ([VTLValue], [VTLValue])) {
        pending = lazyEntries
    }

    @inline(__always)
    private func materialize() {
        guard let p = pending else { return }
        pending = nil
        let (k, v) = p()
        let n = min(k.count, v.count)
        storedKeys = n == k.count ? k : Array(k.prefix(n))
        storedValues = n == v.count ? v : Array(v.prefix(n))
    }

    /// The keys, in order.
    var keys: [VTLValue] {
        materialize()
        return storedKeys
    }

    /// The values, in the order of the keys.
    var values: [VTLValue] {
        materialize()
        return storedValues
    }

    public var count: Int {
        materialize()
        return storedKeys.count
    }

    public var entries: Zip2Sequence<[VTLValue], [VTLValue]> { zip(keys, values) }

    /// Maps up to this size are searched linearly (cheaper than hashing for the small maps
    /// templates use); larger ones get a hash index.
    static let linearLimit = 32

    private func position(_ key: VTLValue) -> Int? {
        materialize()
        if storedKeys.count > Self.linearLimit {
            if index == nil { rebuildIndex() }
            return index?[JavaKey(value: key)]
        }
        if case .string(let s) = key {
            for i in 0..<storedKeys.count {
                if case .string(let t) = storedKeys[i], t == s { return i }
            }
            return nil
        }
        for i in 0..<storedKeys.count where storedKeys[i].javaEquals(key) { return i }
        return nil
    }

    private func rebuildIndex() {
        var d: [JavaKey: Int] = [:]
        d.reserveCapacity(storedKeys.count)
        for (i, k) in storedKeys.enumerated() where d[JavaKey(value: k)] == nil { d[JavaKey(value: k)] = i }
        index = d
    }

    /// `get(key)`; nil when the key is absent (a present key may hold `.null`).
    public func lookup(_ key: VTLValue) -> VTLValue? {
        guard let i = position(key) else { return nil }
        return storedValues[i]
    }

    /// The value at a position (0 ..< count).
    func value(at i: Int) -> VTLValue {
        materialize()
        return storedValues[i]
    }

    /// The key at a position (0 ..< count).
    func key(at i: Int) -> VTLValue {
        materialize()
        return storedKeys[i]
    }

    /// `get(name)` for a string key.
    public subscript(_ key: String) -> VTLValue? { lookup(.string(key)) }

    /// `put(key, value)`: replaces in place or appends; returns the previous value.
    @discardableResult
    public func put(_ key: VTLValue, _ value: VTLValue) -> VTLValue? {
        if let i = position(key) {
            let old = storedValues[i]
            storedValues[i] = value
            return old
        }
        storedKeys.append(key)
        storedValues.append(value)
        modCount += 1
        if index != nil { index?[JavaKey(value: key)] = storedKeys.count - 1 }
        return nil
    }

    public func put(_ key: String, _ value: VTLValue) {
        put(.string(key), value)
    }

    /// `remove(key)`; returns the removed value.
    @discardableResult
    public func remove(_ key: VTLValue) -> VTLValue? {
        guard let i = position(key) else { return nil }
        let old = storedValues[i]
        storedKeys.remove(at: i)
        storedValues.remove(at: i)
        modCount += 1
        index = nil
        return old
    }

    public func removeAll() {
        pending = nil
        storedKeys.removeAll()
        storedValues.removeAll()
        index = nil
        modCount += 1
    }

    /// A deep copy of nested maps and lists (scalars and objects are shared).
    public func deepCopy() -> VTLMap {
        let m = VTLMap()
        for (k, v) in entries { m.put(k, v.deepCopy(depth: 1, budget: WalkBudget())) }
        return m
    }

    /// `AbstractMap.toString()`: `{k=v, k2=v2}`.
    func javaString() -> String {
        (try? javaString(depth: 0, budget: WalkBudget())) ?? "(nested too deeply)"
    }

    func javaString(depth: Int, budget: WalkBudget) throws(NestingTooDeep) -> String {
        var s = "{"
        var first = true
        for (k, v) in entries {
            if !first { s += ", " }
            first = false
            if case .map(let m) = k, m === self { s += "(this Map)" } else { s += try k.stringValueOf(depth: depth + 1, budget: budget) }
            s += "="
            if case .map(let m) = v, m === self { s += "(this Map)" } else { s += try v.stringValueOf(depth: depth + 1, budget: budget) }
        }
        return s + "}"
    }
}

extension VTLValue {
    /// A deep copy of maps and lists (nesting beyond `ValueGuard.maxDepth` is cut off).
    public func deepCopy() -> VTLValue {
        deepCopy(depth: 0, budget: WalkBudget())
    }

    func deepCopy(depth: Int, budget: WalkBudget) -> VTLValue {
        guard budget.trySpend(depth) else { return .null }
        switch self {
        case .map(let m):
            let c = VTLMap()
            for (k, v) in m.entries { c.put(k, v.deepCopy(depth: depth + 1, budget: budget)) }
            return .map(c)
        case .list(let l): return .list(VTLList(l.items.map { $0.deepCopy(depth: depth + 1, budget: budget) }, flavor: l.flavor))
        default: return self
        }
    }
}

extension VTLValue {
    /// The value as compact JSON, the way json-smart writes Java objects (`/` escaped as
    /// `\/` only when `escapeSlash`, as in its default style).
    public func jsonText(escapeSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        do {
            try JSONOutput.write(self, into: &out, escapeSlash: escapeSlash, depth: 0, budget: WalkBudget())
        } catch {
            return "null"
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// JSON text of values the way json-smart writes them (`JSONValue.toJSONString`).
enum JSONOutput {
    static func write(_ v: VTLValue, into out: inout [UInt8], escapeSlash: Bool, depth: Int, budget: WalkBudget) throws(NestingTooDeep) {
        try budget.spend(depth)
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .string(let s): writeString(s, into: &out, escapeSlash: escapeSlash)
        case .char(let c): writeString(JString.string([c][...]), into: &out, escapeSlash: escapeSlash)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .long(let l): out.append(contentsOf: String(l).utf8)
        case .bigInteger(let b): out.append(contentsOf: b.description.utf8)
        case .double(let d): out.append(contentsOf: (d.isInfinite ? "null" : JavaFormat.double(d)).utf8)
        case .decimal(let d): out.append(contentsOf: d.description.utf8)
        case .list(let l):
            out.append(UInt8(ascii: "["))
            for (i, e) in l.items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                try write(e, into: &out, escapeSlash: escapeSlash, depth: depth + 1, budget: budget)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let m):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, e) in m.entries {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(k.stringValueOf, into: &out, escapeSlash: escapeSlash)
                out.append(UInt8(ascii: ":"))
                try write(e, into: &out, escapeSlash: escapeSlash, depth: depth + 1, budget: budget)
            }
            out.append(UInt8(ascii: "}"))
        case .object(let o):
            if let elements = o.iterationValues() {
                try write(.list(VTLList(elements)), into: &out, escapeSlash: escapeSlash, depth: depth + 1, budget: budget)
            } else if let s = o.javaString() {
                writeString(s, into: &out, escapeSlash: escapeSlash)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
    }

    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// A quoted JSON string with json-smart's escapes (`\uXXXX` for control characters,
    /// U+007F–U+009F and U+2000–U+20FF; `\/` only in the web-safe style).
    static func writeString(_ s: String, into out: inout [UInt8], escapeSlash: Bool) {
        out.append(UInt8(ascii: "\""))
        var ascii = true
        for b in s.utf8 {
            if b >= 0x80 {
                ascii = false
                break
            }
        }
        if ascii {
            for b in s.utf8 { appendASCII(b, into: &out, escapeSlash: escapeSlash) }
        } else {
            for scalar in s.unicodeScalars {
                let u = scalar.value
                if u < 0x80 {
                    appendASCII(UInt8(u), into: &out, escapeSlash: escapeSlash)
                } else if (u >= 0x7F && u <= 0x9F) || (u >= 0x2000 && u <= 0x20FF) {
                    appendUnicodeEscape(u, into: &out)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func appendASCII(_ b: UInt8, into out: inout [UInt8], escapeSlash: Bool) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x2F where escapeSlash: out.append(0x5C); out.append(0x2F)
        default:
            if b <= 0x1F || b == 0x7F { appendUnicodeEscape(UInt32(b), into: &out) } else { out.append(b) }
        }
    }

    private static func appendUnicodeEscape(_ u: UInt32, into out: inout [UInt8]) {
        out.append(0x5C)
        out.append(UInt8(ascii: "u"))
        out.append(hex[Int(u >> 12) & 15])
        out.append(hex[Int(u >> 8) & 15])
        out.append(hex[Int(u >> 4) & 15])
        out.append(hex[Int(u) & 15])
    }
}
