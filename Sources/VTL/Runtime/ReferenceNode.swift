/// One step after the root of a reference: `.name`, `.name(args)` or `[index]`.
enum Member: Sendable {
    case property(String)
    case method(String, [Node])
    case index(Node)
}

/// A reference (`$a`, `${a.b}`, `$!a.b(1)[0]`), with the prefixes Velocity derives from the
/// token that starts it (escaping backslashes, glued `$`/`#` characters).
final class ReferenceNode: Node, @unchecked Sendable {
    enum Kind: Sendable {
        /// `$a`, `${a}`, `$!a`: evaluated normally.
        case normal
        /// Not a reference at all (an identifier without `$`, e.g. a bare method argument):
        /// renders its name, evaluates to null.
        case runt
    }

    let kind: Kind
    let rootName: String
    let rootSlot: Int
    let members: [Member]
    /// `\$a`: render the literal text instead of the value.
    let escaped: Bool
    /// Half of the leading backslashes (`\\$a` renders `\` then the value).
    let escPrefix: String
    /// Characters glued before the `$` by the lexer (`$$a`, `#$a`).
    let morePrefix: String
    /// What an escaped (or null) reference renders as.
    let nullString: String
    /// False for the odd `$\!a` form, which never evaluates.
    let computable: Bool
    /// Source location for errors.
    let location: SourceLocation

    init(
        kind: Kind, rootName: String, rootSlot: Int, members: [Member], escaped: Bool,
        escPrefix: String, morePrefix: String, nullString: String, computable: Bool,
        literal: String, location: SourceLocation
    ) {
        self.kind = kind
        self.rootName = rootName
        self.rootSlot = rootSlot
        self.members = members
        self.escaped = escaped
        self.escPrefix = escPrefix
        self.morePrefix = morePrefix
        self.nullString = nullString
        self.computable = computable
        self.location = location
        super.init(type: .reference, literal: literal)
    }

    /// Velocity's ASTReference.execute with API Gateway's null handler: a null anywhere along
    /// the chain (unset variable, missing property, unknown method, null result) yields "".
    func execute(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        if kind == .runt { return .null }
        var result = try c.get(rootSlot)
        if result.isNull { return .string("") }
        if members.isEmpty { return result }
        for m in members {
            result = try step(result, m, c)
            if result.isNull { return .string("") }
        }
        return result
    }

    @inline(__always)
    private func step(_ o: VTLValue, _ m: Member, _ c: RenderContext) throws(RenderSignal) -> VTLValue {
        switch m {
        case .property(let name):
            return try located { () throws(VTLRuntimeError) in try JavaAccess.property(o, name) }
        case .method(let name, let argNodes):
            var args: [VTLValue] = []
            args.reserveCapacity(argNodes.count)
            for a in argNodes { args.append(try a.value(c)) }
            return try located { () throws(VTLRuntimeError) in try JavaAccess.call(o, name, args, c) }
        case .index(let node):
            let key = try node.value(c)
            return try located { () throws(VTLRuntimeError) in try JavaAccess.index(o, key, c) }
        }
    }

    /// Runs a Java-level operation, turning its exception into a render error located here.
    @inline(__always)
    private func located<T>(_ body: () throws(VTLRuntimeError) -> T) throws(RenderSignal) -> T {
        do {
            return try body()
        } catch {
            var e = error
            if e.location == nil { e.location = location }
            throw .error(e)
        }
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        computable ? try execute(c) : .null
    }

    override func evaluate(_ c: RenderContext) throws(RenderSignal) -> Bool {
        let v = try execute(c)
        switch v {
        case .null: return false
        case .bool(let b): return b
        case .object(let o):
            if let block = o as? DefineBlock { return try block.toJavaString(c) != nil }
            return o.javaString() != nil
        default: return true
        }
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        if kind == .runt {
            try c.write(rootName)
            return
        }
        let v = try execute(c)
        if escaped {
            try c.write(escPrefix)
            if v.isNull { try c.write("\\") }
            try c.write(nullString)
            return
        }
        if case .object(let o) = v, let block = o as? DefineBlock {
            if try block.render(c) { return }
        }
        guard let s = try renderString(v, c) else {
            try c.write(escPrefix)
            try c.write(escPrefix)
            try c.write(morePrefix)
            try c.write(nullString)
            return
        }
        if !escPrefix.isEmpty { try c.write(escPrefix) }
        if !morePrefix.isEmpty { try c.write(morePrefix) }
        try c.write(s)
    }

    /// The text a value renders as (`toString()`), guarding against self-containing lists.
    private func renderString(_ v: VTLValue, _ c: RenderContext) throws(RenderSignal) -> String? {
        switch v {
        case .string(let s): return s
        case .list, .map:
            try ValueGuard.checkDepth(v)
            return v.javaString()
        case .object(let o):
            if let block = o as? DefineBlock { return try block.toJavaString(c) }
            return o.javaString()
        default:
            return v.javaString()
        }
    }

    override func proxyArgumentValue(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        if members.isEmpty { return kind == .runt ? .null : try c.get(rootSlot) }
        return try execute(c)
    }

    /// `#set($a.b.c = value)`: resolves all but the last member, then sets the last one.
    /// Returns false when the target cannot be set (Velocity then just logs).
    func setValue(_ value: VTLValue, _ c: RenderContext) throws(RenderSignal) -> Bool {
        var result = try c.get(rootSlot)
        if result.isNull { return false }
        for m in members.dropLast() {
            result = try step(result, m, c)
            if result.isNull { return false }
        }
        guard let last = members.last else { return false }
        switch last {
        case .index(let node):
            let key = try node.value(c)
            return try located { () throws(VTLRuntimeError) in try JavaAccess.setIndex(result, key, value, c) }
        case .property(let name), .method(let name, _):
            return try located { () throws(VTLRuntimeError) in try JavaAccess.setProperty(result, name, value) }
        }
    }
}

/// Guards against values Java could not print: ones that contain themselves through another
/// collection (Java overflows its stack) or share sub-collections so much that printing
/// them would take practically forever.
enum ValueGuard {
    static let maxDepth = 1000

    static func checkDepth(_ v: VTLValue) throws(RenderSignal) {
        let budget = WalkBudget()
        do {
            try walk(v, 0, budget)
        } catch {
            throw .error(VTLRuntimeError("StackOverflowError", "value nested too deeply, contains itself, or is too large to print"))
        }
    }

    private static func walk(_ v: VTLValue, _ d: Int, _ budget: WalkBudget) throws(NestingTooDeep) {
        switch v {
        case .list(let l):
            try budget.spend(d)
            for e in l.items {
                if case .list(let x) = e, x === l { continue }
                if case .list = e { try walk(e, d + 1, budget) } else if case .map = e { try walk(e, d + 1, budget) }
            }
        case .map(let mp):
            try budget.spend(d)
            for (k, e) in mp.entries {
                for x in [k, e] {
                    if case .map(let y) = x, y === mp { continue }
                    if case .list = x { try walk(x, d + 1, budget) } else if case .map = x { try walk(x, d + 1, budget) }
                }
            }
        default:
            return
        }
    }
}
