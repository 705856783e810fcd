/// `#set($ref = expr)`. A null right-hand side (division by zero, math on non-numbers)
/// leaves the variable unchanged, as Velocity's default `directive.set.null.allowed=false`.
final class SetNode: Node, @unchecked Sendable {
    let left: ReferenceNode
    /// Slot of the variable for a plain `$name` target (Velocity names it by the first token's
    /// image without its first character, so `${x}` assigns a variable called `{`).
    let leftSlot: Int
    let right: Node

    init(left: ReferenceNode, leftSlot: Int, right: Node) {
        self.left = left
        self.leftSlot = leftSlot
        self.right = right
        super.init(type: .setDirective)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        let v = try right.value(c)
        if v.isNull { return }
        if left.members.isEmpty {
            c.put(leftSlot, v)
        } else {
            _ = try left.setValue(v, c)
        }
    }
}

/// `#if/#elseif/#else/#end`.
final class IfNode: Node, @unchecked Sendable {
    let branches: [(condition: Node, body: Node)]
    let elseBody: Node?

    init(branches: [(condition: Node, body: Node)], elseBody: Node?) {
        self.branches = branches
        self.elseBody = elseBody
        super.init(type: .ifStatement)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        for b in branches where try b.condition.evaluate(c) {
            try b.body.render(c)
            return
        }
        try elseBody?.render(c)
    }
}

/// Whether a `#break`/`#stop` is handled by a construct (Velocity's StopCommand.isFor).
enum StopHandling {
    /// A loop, macro call or `#define` block: takes `#break` and breaks aimed at itself.
    static func isFor(_ t: StopTarget, owner: ObjectIdentifier?) -> Bool {
        switch t {
        case .nearest: return true
        case .owner(let o): return o == owner
        case .all: return false
        }
    }
}

/// A `#macro` definition, registered when the template is compiled.
final class MacroDefinition: @unchecked Sendable {
    let name: String
    /// Parameter slots (without the leading `$`), in order.
    let parameterSlots: [Int]
    let body: Node

    init(name: String, parameterSlots: [Int], body: Node) {
        self.name = name
        self.parameterSlots = parameterSlots
        self.body = body
    }
}

/// `#name(args)` for a name that is not a built-in directive: a macro call if a macro of that
/// name exists when it runs, otherwise the literal text. `#@name(args) body #end` calls the
/// macro with `$bodyContent`.
final class MacroCallNode: Node, @unchecked Sendable {
    let name: String
    let args: [Node]
    let body: Node?
    /// Set when an argument is a bare word: an error, but only once the macro exists.
    let badArgument: String?
    let bodyContentSlot: Int

    init(name: String, args: [Node], body: Node?, badArgument: String?, bodyContentSlot: Int, literal: String, offset: Int) {
        self.name = name
        self.args = args
        self.body = body
        self.badArgument = badArgument
        self.bodyContentSlot = bodyContentSlot
        super.init(type: .directive, literal: literal, offset: offset)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        guard let def = c.macros[name] else {
            try c.write(literal)
            return
        }
        if let badArgument {
            throw .error(VTLRuntimeError("TemplateInitException", badArgument))
        }
        let frame = MacroFrame(parent: c.frame)
        for (i, slot) in def.parameterSlots.enumerated() where i < args.count {
            let a = args[i]
            if a.isConstantMacroArgument {
                frame.local[slot] = try a.value(c)
            } else {
                frame.args[slot] = a
            }
        }
        if let body {
            frame.local[bodyContentSlot] = .object(DefineBlock(body: body, frame: c.frame, maxDepth: 1, context: c))
        }
        if c.macroDepth >= c.limits.maxMacroDepth {
            throw .error(
                VTLRuntimeError(
                    "MacroOverflowException",
                    "Max calling depth of \(c.limits.maxMacroDepth) was exceeded in macro '\(name)'"))
        }
        try c.tick()
        let savedFrame = c.frame
        c.frame = frame
        c.macroDepth += 1
        defer {
            c.frame = savedFrame
            c.macroDepth -= 1
        }
        do {
            try def.body.render(c)
        } catch {
            if case .stop(let t) = error, StopHandling.isFor(t, owner: nil) { return }
            throw error
        }
    }
}

/// `#define($name) block #end`: binds `$name` to the block, rendered where `$name` is used.
final class DefineNode: Node, @unchecked Sendable {
    let slot: Int
    let body: Node

    init(slot: Int, body: Node) {
        self.slot = slot
        self.body = body
        super.init(type: .directive)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        c.put(slot, .object(DefineBlock(body: body, frame: c.frame, maxDepth: 2, context: c)))
    }
}

/// The value of a `#define`d name (Velocity's Block.Reference): renders its block in the
/// current context; as a string (`toString`) it renders in the context it was defined in.
/// Recursion is cut at a small depth, as in Velocity.
final class DefineBlock: VTLObject {
    let body: Node
    let frame: MacroFrame?
    let maxDepth: Int
    private var depth = 0
    /// The render it belongs to (for `toString()` outside of rendering, e.g. in `==`).
    private weak var context: RenderContext?

    init(body: Node, frame: MacroFrame?, maxDepth: Int, context: RenderContext) {
        self.body = body
        self.frame = frame
        self.maxDepth = maxDepth
        self.context = context
    }

    var javaClassName: String { "org.apache.velocity.runtime.directive.Block$Reference" }

    /// Renders into the output; false when the recursion limit was reached.
    func render(_ c: RenderContext) throws(RenderSignal) -> Bool {
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth { return false }
        do {
            try body.render(c)
        } catch {
            if case .stop(let t) = error, StopHandling.isFor(t, owner: nil) { return true }
            throw error
        }
        return true
    }

    /// `toString()`: the block rendered in its defining context, or nil past the depth limit.
    func toJavaString(_ c: RenderContext) throws(RenderSignal) -> String? {
        let savedOut = c.out
        let savedFrame = c.frame
        c.out = []
        c.frame = frame
        defer {
            c.out = savedOut
            c.frame = savedFrame
        }
        guard try render(c) else { return nil }
        return c.outputString
    }

    func javaString() -> String? {
        guard let context else { return nil }
        return (try? toJavaString(context)) ?? nil
    }
}

/// `#evaluate(text)`: parses and renders a string at render time.
final class EvaluateNode: Node, @unchecked Sendable {
    let argument: Node

    init(argument: Node, offset: Int) {
        self.argument = argument
        super.init(type: .directive, offset: offset)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        let text = try argument.value(c).javaString() ?? ""
        guard c.evaluateDepth < c.limits.maxEvaluateDepth else {
            throw .error(VTLRuntimeError("StackOverflowError", "#evaluate nested too deeply"))
        }
        let tree = try Compiler.compileAtRenderTime(text, c)
        c.evaluateDepth += 1
        defer { c.evaluateDepth -= 1 }
        do {
            try tree.render(c)
        } catch {
            if case .stop(let t) = error {
                switch t {
                case .nearest, .all: return
                case .owner: break
                }
            }
            throw error
        }
    }
}

/// `#break` / `#break($foreach)`.
final class BreakNode: Node, @unchecked Sendable {
    let argument: Node?

    init(argument: Node?) {
        self.argument = argument
        super.init(type: .directive)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        guard let argument else { throw .stop(.nearest) }
        let v = try argument.value(c)
        if case .object(let o) = v, let scope = o as? ForeachScope {
            throw .stop(.owner(scope.owner))
        }
        throw .error(VTLRuntimeError("VelocityException", "\(argument.literal) is not a valid scope for #break"))
    }
}

/// `#stop` / `#stop(message)`: ends the whole template (or the enclosing `#evaluate`).
final class StopNode: Node, @unchecked Sendable {
    let argument: Node?

    init(argument: Node?) {
        self.argument = argument
        super.init(type: .directive)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        if let argument { _ = try argument.value(c) }
        throw .stop(.all)
    }
}
