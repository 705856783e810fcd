/// `#foreach($item in iterable) body #end`, as Velocity 1.7 runs it: `$velocityCount`,
/// `$velocityHasNext` and the `$foreach` scope are set for each element, the loop stops
/// silently after `maxForeachIterations` elements (API Gateway's quota), and the loop
/// variable and counters are restored afterwards.
///
/// Like Velocity, the node reads its iterable and body from fixed argument positions, so
/// malformed calls behave as there (`#foreach($i in)` iterates nothing).
final class ForeachNode: Node, @unchecked Sendable {
    let elementSlot: Int
    /// Argument 2 (the iterable) and argument 3 (the body), as Velocity picks them.
    let iterable: Node?
    let body: Node?
    let counterSlot: Int
    let hasNextSlot: Int
    let scopeSlot: Int
    let location: SourceLocation

    init(elementSlot: Int, iterable: Node?, body: Node?, counterSlot: Int, hasNextSlot: Int,
         scopeSlot: Int, location: SourceLocation) {
        self.elementSlot = elementSlot
        self.iterable = iterable
        self.body = body
        self.counterSlot = counterSlot
        self.hasNextSlot = hasNextSlot
        self.scopeSlot = scopeSlot
        self.location = location
        super.init(type: .directive)
    }

    private func missingChild() -> RenderSignal {
        .error(VTLRuntimeError("ArrayIndexOutOfBoundsException", "#foreach is missing arguments", location: location))
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        guard let iterable else { throw missingChild() }
        let listValue = try iterable.value(c)
        var iterator: ForeachIterator
        switch listValue {
        case .list(let l): iterator = .list(l, 0, l.modCount)
        case .map(let m): iterator = .map(m, 0, m.modCount)
        case .object(let o):
            if let view = o as? MapView {
                iterator = .view(view, 0, view.map.modCount)
            } else {
                guard let items = o.iterationValues() else { return }
                iterator = .list(VTLList(items), 0, 0)
            }
        default:
            return
        }
        let savedElement = try c.get(elementSlot)
        let savedCounter = try c.get(counterSlot)
        let savedHasNext = try c.get(hasNextSlot)
        let scope = ForeachScope(owner: ObjectIdentifier(self), previous: try c.get(scopeSlot))
        c.put(scopeSlot, .object(scope))

        var counter: Int32 = 1
        var count = 0
        var holder: NullHolder?
        do {
            while count < c.limits.maxForeachIterations, iterator.hasNext {
                c.put(counterSlot, .int(counter))
                let value = try iterator.next(location)
                let more = iterator.hasNext
                c.put(hasNextSlot, .bool(more))
                c.put(elementSlot, value)
                scope.index += 1
                scope.hasNext = more
                c.totalIterations += 1
                if c.totalIterations > c.limits.maxTotalIterations {
                    try raise(.error(VTLRuntimeError("LimitExceeded",
                        "more than \(c.limits.maxTotalIterations) #foreach iterations in one render", location: location)))
                }
                try c.tick()
                guard let body else { try raise(missingChild()) }
                if value.isNull {
                    let h = holder ?? NullHolder(slot: elementSlot, frame: c.frame)
                    holder = h
                    if try renderHeld(body, h, c) { break }
                } else if try renderBody(body, c) {
                    break
                }
                counter &+= 1
                count += 1
            }
        } catch {
            if case .stop = error { clean(c, savedElement, savedCounter, savedHasNext) }
            throw error
        }
        clean(c, savedElement, savedCounter, savedHasNext)
    }

    /// Throws `signal` (a function, so do/catch blocks keep the typed error).
    private func raise(_ signal: RenderSignal) throws(RenderSignal) -> Never {
        throw signal
    }

    /// Renders the body for a null element, with the loop variable held at null.
    private func renderHeld(_ body: Node, _ holder: NullHolder, _ c: RenderContext) throws(RenderSignal) -> Bool {
        c.nullHolders.append(holder)
        defer { c.nullHolders.removeLast() }
        return try renderBody(body, c)
    }

    /// Renders the body once; true when a `#break` for this loop ended it.
    private func renderBody(_ body: Node, _ c: RenderContext) throws(RenderSignal) -> Bool {
        do {
            try body.render(c)
            return false
        } catch {
            if case .stop(let t) = error, StopHandling.isFor(t, owner: ObjectIdentifier(self)) { return true }
            throw error
        }
    }

    private func clean(_ c: RenderContext, _ element: VTLValue, _ counter: VTLValue, _ hasNext: VTLValue) {
        if element.isNull { c.remove(elementSlot) } else { c.put(elementSlot, element) }
        if counter.isNull { c.remove(counterSlot) } else { c.put(counterSlot, counter) }
        if hasNext.isNull { c.remove(hasNextSlot) } else { c.put(hasNextSlot, hasNext) }
        // Velocity's postRender: restore the enclosing $foreach (or what it replaced).
        let current = (try? c.get(scopeSlot)) ?? .null
        if case .object(let o) = current, let scope = o as? ForeachScope {
            if let parent = scope.parent {
                c.put(scopeSlot, .object(parent))
            } else if let replaced = scope.replaced {
                c.put(scopeSlot, replaced)
            } else {
                c.remove(scopeSlot)
            }
        }
    }
}

/// Iteration over a live list or map (values), failing like Java's fail-fast iterators when
/// the body changes the collection's size.
enum ForeachIterator {
    case list(VTLList, Int, Int)
    case map(VTLMap, Int, Int)
    case view(MapView, Int, Int)

    var hasNext: Bool {
        switch self {
        case .list(let l, let i, _): return i != l.items.count
        case .map(let m, let i, _): return i != m.count
        case .view(let v, let i, _): return i != v.map.count
        }
    }

    mutating func next(_ location: SourceLocation) throws(RenderSignal) -> VTLValue {
        switch self {
        case .list(let l, let i, let mod):
            guard l.modCount == mod else { throw Self.concurrentModification(location) }
            guard i < l.items.count else { throw Self.concurrentModification(location) }
            self = .list(l, i + 1, mod)
            return l.items[i]
        case .map(let m, let i, let mod):
            guard m.modCount == mod, i < m.count else { throw Self.concurrentModification(location) }
            self = .map(m, i + 1, mod)
            return m.values[i]
        case .view(let v, let i, let mod):
            guard v.map.modCount == mod, i < v.map.count else { throw Self.concurrentModification(location) }
            self = .view(v, i + 1, mod)
            return v.element(at: i)
        }
    }

    private static func concurrentModification(_ location: SourceLocation) -> RenderSignal {
        .error(VTLRuntimeError("ConcurrentModificationException", "the collection changed during #foreach", location: location))
    }
}

/// `$foreach`: the loop's index, count, hasNext, first, last and parent scope. Like
/// Velocity's ForeachScope it is also a map (`#set($foreach.x = 1)`), printing as one.
final class ForeachScope: VTLObject {
    let owner: ObjectIdentifier
    let parent: ForeachScope?
    let replaced: VTLValue?
    @exclusivity(unchecked) var index = -1
    @exclusivity(unchecked) var hasNext = false
    private let storage = VTLMap()

    init(owner: ObjectIdentifier, previous: VTLValue) {
        self.owner = owner
        if case .object(let o) = previous, let p = o as? ForeachScope {
            parent = p
            replaced = nil
        } else {
            parent = nil
            replaced = previous.isNull ? nil : previous
        }
    }

    var javaClassName: String { "org.apache.velocity.runtime.directive.ForeachScope" }

    func javaString() -> String? { storage.javaString() }

    var topmost: ForeachScope { parent?.topmost ?? self }

    /// Velocity's Scope.getReplaced: what the outermost scope replaced.
    var replacedValue: VTLValue { replaced ?? parent?.replacedValue ?? .null }

    private func getter(_ name: String) -> VTLValue? {
        switch name {
        case "index", "Index": return .int(Int32(index))
        case "count", "Count": return .int(Int32(index + 1))
        case "hasNext", "HasNext": return .bool(hasNext)
        case "first", "First": return .bool(index < 1)
        case "last", "Last": return .bool(!hasNext)
        case "parent", "Parent": return parent.map { .object($0) } ?? .null
        case "topmost", "Topmost": return .object(topmost)
        case "replaced", "Replaced": return replacedValue
        default: return nil
        }
    }

    /// Scope.get: own entries, then the parent's.
    private func mapGet(_ key: VTLValue) -> VTLValue {
        if let v = storage.lookup(key) { return v }
        return parent?.mapGet(key) ?? .null
    }

    func property(_ name: String) throws(VTLRuntimeError) -> VTLValue {
        if let v = getter(name) { return v }
        return mapGet(.string(name))
    }

    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        switch (method, args.count) {
        case ("getIndex", 0): return .int(Int32(index))
        case ("getCount", 0): return .int(Int32(index + 1))
        case ("hasNext", 0), ("getHasNext", 0): return .bool(hasNext)
        case ("isFirst", 0), ("getFirst", 0): return .bool(index < 1)
        case ("isLast", 0), ("getLast", 0): return .bool(!hasNext)
        case ("getParent", 0): return parent.map { .object($0) } ?? .null
        case ("getTopmost", 0): return .object(topmost)
        case ("getReplaced", 0): return replacedValue
        case ("get", 1): return mapGet(args[0])
        case ("put", 2): return storage.put(args[0], args[1]) ?? .null
        case ("containsKey", 1): return .bool(storage.lookup(args[0]) != nil)
        case ("size", 0): return .int(Int32(storage.count))
        case ("isEmpty", 0): return .bool(storage.count == 0)
        case ("toString", 0): return .string(storage.javaString())
        default: return .null
        }
    }

    func setProperty(_ name: String, _ value: VTLValue) throws(VTLRuntimeError) -> Bool {
        storage.put(.string(name), value)
        return true
    }
}
