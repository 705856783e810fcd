/// `#foreach($item in iterable) body #end`, as Velocity 1.7 runs it: `$velocityCount`,
/// `$velocityHasNext` and the `$foreach` scope are set for each element, the loop stops
/// silently after `maxForeachIterations` elements (API Gateway's quota), and the loop
/// variable and counters are restored afterwards.
///
/// Like Velocity, the node reads its iterable and body from fixed argument positions, so
/// malformed calls behave as there (`#foreach($i in)` iterates nothing).
final class ForeachNode: Node, @unchecked Sendable {
    let needs: LoopVariables
    let elementSlot: Int
    /// Argument 2 (the iterable) and argument 3 (the body), as Velocity picks them.
    let iterable: Node?
    let body: Node?
    let counterSlot: Int
    let hasNextSlot: Int
    let scopeSlot: Int
    let location: SourceLocation

    init(
        elementSlot: Int, iterable: Node?, body: Node?, counterSlot: Int, hasNextSlot: Int,
        scopeSlot: Int, location: SourceLocation, needs: LoopVariables
    ) {
        self.needs = needs
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
        case .list(let l): iterator = ForeachIterator(list: l)
        case .map(let m): iterator = ForeachIterator(map: m)
        case .object(let o):
            if let view = o as? MapView {
                iterator = ForeachIterator(view: view)
            } else {
                guard let items = o.iterationValues() else { return }
                iterator = ForeachIterator(list: VTLList(items))
            }
        default:
            return
        }
        let counterUsed = needs.counter
        let hasNextUsed = needs.hasNext
        let savedElement = try c.get(elementSlot)
        let savedCounter = counterUsed ? try c.get(counterSlot) : .null
        let savedHasNext = hasNextUsed ? try c.get(hasNextSlot) : .null
        var scope: ForeachScope?
        if needs.scope {
            let s = ForeachScope(owner: ObjectIdentifier(self), previous: try c.get(scopeSlot))
            c.put(scopeSlot, .object(s))
            scope = s
        }

        var counter: Int32 = 1
        var count = 0
        var holder: NullHolder?
        do {
            while count < c.limits.maxForeachIterations, iterator.hasNext {
                if counterUsed { c.put(counterSlot, .int(counter)) }
                let value = try iterator.next(location)
                let more = iterator.hasNext
                if hasNextUsed { c.put(hasNextSlot, .bool(more)) }
                c.put(elementSlot, value)
                if let scope {
                    scope.index += 1
                    scope.hasNext = more
                }
                c.totalIterations += 1
                if c.totalIterations > c.limits.maxTotalIterations {
                    try raise(
                        .error(
                            VTLRuntimeError(
                                "LimitExceeded",
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
        if needs.counter {
            if counter.isNull { c.remove(counterSlot) } else { c.put(counterSlot, counter) }
        }
        if needs.hasNext {
            if hasNext.isNull { c.remove(hasNextSlot) } else { c.put(hasNextSlot, hasNext) }
        }
        guard needs.scope else { return }
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

/// Which loop variables a template can read (`$velocityCount`, `$velocityHasNext`,
/// `$foreach`); loops skip setting the others. Filled in once compilation has seen every
/// reference, then never changed.
final class LoopVariables: @unchecked Sendable {
    var counter = true
    var hasNext = true
    var scope = true
}

/// Iteration over a live list, map (values) or map view, failing like Java's fail-fast
/// iterators when the body changes the collection's size.
struct ForeachIterator {
    private let list: VTLList?
    private let map: VTLMap?
    private let view: MapView?
    private var index = 0
    private let expectedModCount: Int

    init(list: VTLList) {
        self.list = list
        map = nil
        view = nil
        expectedModCount = list.modCount
    }

    init(map: VTLMap) {
        list = nil
        self.map = map
        view = nil
        expectedModCount = map.modCount
    }

    init(view: MapView) {
        list = nil
        map = nil
        self.view = view
        expectedModCount = view.map.modCount
    }

    var hasNext: Bool {
        if let list { return index != list.items.count }
        if let map { return index != map.count }
        if let view { return index != view.map.count }
        return false
    }

    mutating func next(_ location: SourceLocation) throws(RenderSignal) -> VTLValue {
        let i = index
        index += 1
        if let list {
            guard list.modCount == expectedModCount, i < list.items.count else { throw Self.concurrentModification(location) }
            return list.items[i]
        }
        if let map {
            guard map.modCount == expectedModCount, i < map.count else { throw Self.concurrentModification(location) }
            return map.value(at: i)
        }
        if let view {
            guard view.map.modCount == expectedModCount, i < view.map.count else { throw Self.concurrentModification(location) }
            return view.element(at: i)
        }
        throw Self.concurrentModification(location)
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

    var zeroArgumentMethods: Set<String> {
        JavaMethodNames.object.union([
            "getIndex", "getCount", "hasNext", "getHasNext", "isFirst", "getFirst", "isLast", "getLast", "getParent",
            "getTopmost", "getReplaced", "getInfo", "size", "isEmpty", "clear", "keySet", "values", "entrySet",
        ])
    }

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
