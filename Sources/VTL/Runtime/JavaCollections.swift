/// `java.util.List` methods (ArrayList, json-smart's JSONArray, arrays through Velocity's
/// ArrayListWrapper, collection views).
enum JavaListMethods {
    static func call(_ l: VTLList, _ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        let isArray = l.flavor == .stringArray
        let readOnly = isArray
        switch (name, args.count) {
        case ("size", 0):
            return .int(Int32(l.items.count))
        case ("isEmpty", 0):
            return .bool(l.items.isEmpty)
        case ("get", 1):
            guard let i = JavaArg.int(args[0]) else { return .null }
            guard i >= 0, Int(i) < l.items.count else { throw JavaAccess.outOfBounds(Int(i), l.items.count) }
            return l.items[Int(i)]
        case ("contains", 1):
            return .bool(l.items.contains { $0.javaEquals(args[0]) })
        case ("indexOf", 1):
            return .int(Int32(l.items.firstIndex { $0.javaEquals(args[0]) } ?? -1))
        case ("lastIndexOf", 1):
            return .int(Int32(l.items.lastIndex { $0.javaEquals(args[0]) } ?? -1))
        case ("toString", 0):
            return .string(l.javaString())
        case ("equals", 1):
            // Java arrays compare by identity.
            if isArray {
                if case .list(let other) = args[0] { return .bool(other === l) }
                return .bool(false)
            }
            return .bool(VTLValue.list(l).javaEquals(args[0]))
        case ("hashCode", 0):
            if isArray { return .int(Int32(truncatingIfNeeded: ObjectIdentifier(l).hashValue)) }
            return .int(JavaAccess.javaHashCode(.list(l)))
        case ("getClass", 0):
            return .object(JavaClassObject(name: l.flavor.javaClassName))
        case ("containsAll", 1):
            guard let other = collectionItems(args[0]) else { return args[0].isNull ? try npe() : .null }
            return .bool(other.allSatisfy { o in l.items.contains { $0.javaEquals(o) } })
        case ("subList", 2):
            guard let a = JavaArg.int(args[0]), let b = JavaArg.int(args[1]) else { return .null }
            guard a >= 0, b <= l.items.count, a <= b else {
                throw VTLRuntimeError("IndexOutOfBoundsException", "fromIndex: \(a), toIndex: \(b), size: \(l.items.count)")
            }
            return .list(VTLList(Array(l.items[Int(a)..<Int(b)]), flavor: .arrayList))
        case ("set", 2):
            guard let i = JavaArg.int(args[0]) else { return .null }
            guard i >= 0, Int(i) < l.items.count else { throw JavaAccess.outOfBounds(Int(i), l.items.count) }
            let old = l.items[Int(i)]
            l.items[Int(i)] = args[1]
            return old
        default:
            break
        }
        if readOnly {
            // Arrays (Velocity's ArrayListWrapper, an AbstractList): fixed size.
            switch (name, args.count) {
            case ("add", 1): throw unsupported()
            case ("add", 2):
                guard JavaArg.int(args[0]) != nil else { return .null }
                throw unsupported()
            case ("addAll", 1), ("addAll", 2):
                if args.count == 2 && JavaArg.int(args[0]) == nil { return .null }
                guard let other = collectionItems(args[args.count - 1]) else {
                    return args[args.count - 1].isNull ? try npe() : .null
                }
                if other.isEmpty { return .bool(false) }
                throw unsupported()
            case ("remove", 1):
                if JavaArg.int(args[0]) != nil { throw unsupported() }
                if l.items.contains(where: { $0.javaEquals(args[0]) }) { throw unsupported() }
                return .bool(false)
            case ("removeAll", 1), ("retainAll", 1):
                guard let other = collectionItems(args[0]) else { return args[0].isNull ? try npe() : .null }
                let keep = name == "retainAll"
                if l.items.contains(where: { e in other.contains { $0.javaEquals(e) } != keep }) { throw unsupported() }
                return .bool(false)
            case ("clear", 0):
                if !l.items.isEmpty { throw unsupported() }
                return .string("")
            default: return .null
            }
        }
        switch (name, args.count) {
        case ("add", 1):
            l.items.append(args[0])
            l.modCount += 1
            return .bool(true)
        case ("add", 2):
            guard let i = JavaArg.int(args[0]) else { return .null }
            guard i >= 0, Int(i) <= l.items.count else { throw JavaAccess.outOfBounds(Int(i), l.items.count) }
            l.items.insert(args[1], at: Int(i))
            l.modCount += 1
            return .string("")
        case ("addAll", 1):
            guard let other = collectionItems(args[0]) else { return args[0].isNull ? try npe() : .null }
            l.items.append(contentsOf: other)
            l.modCount += 1
            return .bool(!other.isEmpty)
        case ("addAll", 2):
            guard let i = JavaArg.int(args[0]) else { return .null }
            guard let other = collectionItems(args[1]) else { return args[1].isNull ? try npe() : .null }
            guard i >= 0, Int(i) <= l.items.count else { throw JavaAccess.outOfBounds(Int(i), l.items.count) }
            l.items.insert(contentsOf: other, at: Int(i))
            l.modCount += 1
            return .bool(!other.isEmpty)
        case ("remove", 1):
            if let i = JavaArg.int(args[0]) {
                guard i >= 0, Int(i) < l.items.count else { throw JavaAccess.outOfBounds(Int(i), l.items.count) }
                l.modCount += 1
                return l.items.remove(at: Int(i))
            }
            if let k = l.items.firstIndex(where: { $0.javaEquals(args[0]) }) {
                l.items.remove(at: k)
                l.modCount += 1
                return .bool(true)
            }
            return .bool(false)
        case ("removeAll", 1), ("retainAll", 1):
            guard let other = collectionItems(args[0]) else { return args[0].isNull ? try npe() : .null }
            let keep = name == "retainAll"
            let before = l.items.count
            l.items.removeAll { e in other.contains { $0.javaEquals(e) } != keep }
            if l.items.count != before { l.modCount += 1 }
            return .bool(l.items.count != before)
        case ("clear", 0):
            l.items.removeAll()
            l.modCount += 1
            return .string("")
        default:
            return .null
        }
    }

    /// Elements of a Java collection argument (list or map view), or nil.
    static func collectionItems(_ v: VTLValue) -> [VTLValue]? {
        if case .list(let l) = v, l.flavor != .stringArray { return l.items }
        if case .object(let o) = v, let view = o as? MapView { return view.elements }
        return nil
    }

    static func unsupported() -> VTLRuntimeError {
        VTLRuntimeError("UnsupportedOperationException", "")
    }

    private static func npe() throws(VTLRuntimeError) -> VTLValue {
        throw JavaArg.npe()
    }
}

/// `java.util.Map` methods of LinkedHashMap.
enum JavaMapMethods {
    static func call(_ m: VTLMap, _ name: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (name, args.count) {
        case ("size", 0): return .int(Int32(m.count))
        case ("isEmpty", 0): return .bool(m.count == 0)
        case ("get", 1): return m.lookup(args[0]) ?? .null
        case ("getOrDefault", 2): return m.lookup(args[0]) ?? args[1]
        case ("containsKey", 1): return .bool(m.lookup(args[0]) != nil)
        case ("containsValue", 1): return .bool(m.values.contains { $0.javaEquals(args[0]) })
        case ("put", 2): return m.put(args[0], args[1]) ?? .null
        case ("putIfAbsent", 2):
            if let old = m.lookup(args[0]), !old.isNull { return old }
            m.put(args[0], args[1])
            return .null
        case ("putAll", 1):
            guard case .map(let other) = args[0] else {
                if args[0].isNull { throw JavaArg.npe() }
                return .null
            }
            for (k, v) in Array(other.entries) { m.put(k, v) }
            return .string("")
        case ("remove", 1): return m.remove(args[0]) ?? .null
        case ("remove", 2):
            if let old = m.lookup(args[0]), old.javaEquals(args[1]) {
                m.remove(args[0])
                return .bool(true)
            }
            return .bool(false)
        case ("replace", 2):
            if m.lookup(args[0]) != nil { return m.put(args[0], args[1]) ?? .null }
            return .null
        case ("clear", 0):
            m.removeAll()
            return .string("")
        case ("keySet", 0):
            return .object(MapView(map: m, kind: .keys))
        case ("values", 0):
            return .object(MapView(map: m, kind: .values))
        case ("entrySet", 0):
            return .object(MapView(map: m, kind: .entries))
        case ("toString", 0): return .string(m.javaString())
        case ("equals", 1): return .bool(VTLValue.map(m).javaEquals(args[0]))
        case ("hashCode", 0): return .int(JavaAccess.javaHashCode(.map(m)))
        case ("getClass", 0): return .object(JavaClassObject(name: "java.util.LinkedHashMap"))
        default: return .null
        }
    }
}

/// A `Map.Entry` from `entrySet()`: `getKey()`, `getValue()`, `setValue()`.
final class MapEntry: VTLObject {
    let map: VTLMap
    let key: VTLValue

    init(map: VTLMap, key: VTLValue) {
        self.map = map
        self.key = key
    }

    var value: VTLValue { map.lookup(key) ?? .null }

    var javaClassName: String { "java.util.LinkedHashMap$Entry" }

    var zeroArgumentMethods: Set<String> { JavaMethodNames.object.union(["getKey", "getValue"]) }

    func javaString() -> String? { key.stringValueOf + "=" + value.stringValueOf }

    func property(_ name: String) throws(VTLRuntimeError) -> VTLValue {
        switch name {
        case "key", "Key": return key
        case "value", "Value": return value
        default: return .null
        }
    }

    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (method, args.count) {
        case ("getKey", 0): return key
        case ("getValue", 0): return value
        case ("setValue", 1): return map.put(key, args[0]) ?? .null
        case ("toString", 0): return .string(javaString() ?? "")
        default: return .null
        }
    }

    func javaEquals(_ other: any VTLObject) -> Bool {
        guard let o = other as? MapEntry else { return false }
        return key.javaEquals(o.key) && value.javaEquals(o.value)
    }
}
