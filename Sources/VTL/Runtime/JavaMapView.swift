/// `keySet()`, `values()` and `entrySet()` of a map: live views (they see later changes to
/// the map, and a loop over one fails if the map changes underneath, as in Java).
final class MapView: VTLObject {
    enum Kind { case keys, values, entries }
    let map: VTLMap
    let kind: Kind

    init(map: VTLMap, kind: Kind) {
        self.map = map
        self.kind = kind
    }

    /// The view's elements now.
    var elements: [VTLValue] {
        switch kind {
        case .keys: return map.keys
        case .values: return map.values
        case .entries: return map.keys.map { .object(MapEntry(map: map, key: $0)) }
        }
    }

    func element(at i: Int) -> VTLValue {
        switch kind {
        case .keys: return map.key(at: i)
        case .values: return map.value(at: i)
        case .entries: return .object(MapEntry(map: map, key: map.key(at: i)))
        }
    }

    var javaClassName: String {
        switch kind {
        case .keys: return "java.util.LinkedHashMap$LinkedKeySet"
        case .values: return "java.util.LinkedHashMap$LinkedValues"
        case .entries: return "java.util.LinkedHashMap$LinkedEntrySet"
        }
    }

    func javaString() -> String? {
        (try? javaString(depth: 0, budget: WalkBudget())) ?? "(nested too deeply)"
    }

    func javaString(depth: Int, budget: WalkBudget) throws(NestingTooDeep) -> String {
        var parts: [String] = []
        for e in elements {
            if case .object(let o) = e, o === self {
                parts.append("(this Collection)")
            } else {
                parts.append(try e.stringValueOf(depth: depth + 1, budget: budget))
            }
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    func iterationValues() -> [VTLValue]? { elements }

    var zeroArgumentMethods: Set<String> { JavaMethodNames.collection }

    private func contains(_ v: VTLValue) -> Bool {
        switch kind {
        case .keys: return map.lookup(v) != nil
        case .values: return map.values.contains { $0.javaEquals(v) }
        case .entries:
            guard case .object(let o) = v, let e = o as? MapEntry, let mine = map.lookup(e.key) else { return false }
            return mine.javaEquals(e.value)
        }
    }

    func property(_ name: String) throws(VTLRuntimeError) -> VTLValue {
        name == "empty" || name == "Empty" ? .bool(map.count == 0) : .null
    }

    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (method, args.count) {
        case ("size", 0): return .int(Int32(map.count))
        case ("isEmpty", 0): return .bool(map.count == 0)
        case ("contains", 1): return .bool(contains(args[0]))
        case ("containsAll", 1):
            guard let items = JavaListMethods.collectionItems(args[0]) else {
                if args[0].isNull { throw JavaArg.npe() }
                return .null
            }
            return .bool(items.allSatisfy(contains))
        case ("toString", 0): return .string(javaString() ?? "")
        case ("hashCode", 0):
            var h: Int32 = 0
            for e in elements { h = h &+ JavaAccess.javaHashCode(e) }
            return .int(h)
        case ("clear", 0):
            map.removeAll()
            return .string("")
        case ("remove", 1):
            switch kind {
            case .keys: return .bool(map.remove(args[0]) != nil)
            case .values:
                guard let i = map.values.firstIndex(where: { $0.javaEquals(args[0]) }) else { return .bool(false) }
                map.remove(map.keys[i])
                return .bool(true)
            case .entries:
                guard contains(args[0]), case .object(let o) = args[0], let e = o as? MapEntry else { return .bool(false) }
                map.remove(e.key)
                return .bool(true)
            }
        case ("add", 1):
            throw JavaListMethods.unsupported()
        case ("addAll", 1):
            guard let items = JavaListMethods.collectionItems(args[0]) else {
                if args[0].isNull { throw JavaArg.npe() }
                return .null
            }
            if items.isEmpty { return .bool(false) }
            throw JavaListMethods.unsupported()
        default:
            return .null
        }
    }

    func javaEquals(_ other: any VTLObject) -> Bool {
        if other === self { return true }
        guard kind != .values, let o = other as? MapView, o.kind == kind else { return false }
        let mine = elements
        let theirs = o.elements
        guard mine.count == theirs.count else { return false }
        return theirs.allSatisfy(contains)
    }
}
