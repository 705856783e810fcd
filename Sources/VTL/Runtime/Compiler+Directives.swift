extension Compiler {
    /// The raw token text of a node (RuntimeMacro.getLiteral: images only, no special text),
    /// which is what an unknown `#name(...)` renders as.
    static func rawText(_ pn: ParseNode) -> String {
        var s = pn.first.image
        var t = pn.first
        var guardCount = 0
        while t !== pn.last, let n = t.next, guardCount < 10_000_000 {
            t = n
            s += t.image
            guardCount += 1
        }
        return s
    }

    func initError(_ kind: String, _ message: String, _ pn: ParseNode) -> CompileFailure {
        .runtime(VTLRuntimeError(kind, message, location: location(pn.first)))
    }

    func initSyntaxError(_ message: String, _ pn: ParseNode) -> CompileFailure {
        .syntax(VTLSyntaxError(location: location(pn.first), message: message))
    }

    func compileDirective(_ pn: ParseNode) throws(CompileFailure) -> Node {
        let name = pn.directiveName
        let children = pn.children
        switch name {
        case "foreach":
            return try compileForeach(pn)
        case "macro":
            return try compileMacroDefinition(pn)
        case "define":
            let compiled = try compileChildren(children, bodyAt: 1)
            guard children.count == 2 else {
                throw initError("VelocityException", "parameter missing: block name", pn)
            }
            let key = String(children[0].first.image.dropFirst())
            return DefineNode(slot: symbols.slot(key), body: compiled[1])
        case "evaluate":
            usesEvaluate = true
            let compiled = try compileChildren(children)
            guard children.count == 1 else {
                throw initSyntaxError("#evaluate() requires exactly one argument", pn)
            }
            guard children[0].type == .stringLiteral || children[0].type == .reference else {
                throw initSyntaxError("#evaluate() argument must be a string literal or reference", pn)
            }
            return EvaluateNode(argument: compiled[0], offset: pn.first.begin)
        case "break", "stop":
            let compiled = try compileChildren(children)
            guard children.count <= 1 else {
                throw initError("VelocityException", "The #\(name) directive only accepts a single argument", pn)
            }
            let arg = compiled.first
            return name == "break" ? BreakNode(argument: arg) : StopNode(argument: arg)
        case "literal":
            _ = try compileChildren(children)
            guard let first = children.first else {
                throw initError("NullPointerException", "#literal without arguments or body", pn)
            }
            return TextNode(first.literal)
        case "include", "parse":
            let compiled = try compileChildren(children)
            return ResourceNode(
                directive: name, args: compiled, argTypes: children.map(\.type),
                location: location(pn.first))
        default:
            if name.hasPrefix("@") {
                guard !children.isEmpty else { return TextNode("#" + name) }
                let compiled = try compileChildren(children)
                return MacroCallNode(
                    name: String(name.dropFirst()), args: Array(compiled.dropLast()),
                    body: compiled.last, badArgument: nil, bodyContentSlot: bodyContentSlot,
                    literal: Self.rawText(pn), offset: pn.first.begin)
            }
            let compiled = try compileChildren(children)
            var bad: String?
            if let w = children.first(where: { $0.type == .word }) {
                bad = "Invalid arg '\(w.first.image)' in macro #\(name)"
            }
            return MacroCallNode(
                name: name, args: compiled, body: nil, badArgument: bad,
                bodyContentSlot: bodyContentSlot, literal: Self.rawText(pn),
                offset: pn.first.begin)
        }
    }

    /// Compiles a directive's children; the one at `bodyAt` (its block) as a body.
    func compileChildren(_ children: [ParseNode], bodyAt: Int? = nil) throws(CompileFailure) -> [Node] {
        var out: [Node] = []
        out.reserveCapacity(children.count)
        for (i, c) in children.enumerated() {
            out.append(i == bodyAt ? try compileBody(c) : try compile(c))
        }
        return out
    }

    private func compileForeach(_ pn: ParseNode) throws(CompileFailure) -> Node {
        let children = pn.children
        let compiled = try compileChildren(children, bodyAt: 3)
        guard !children.isEmpty else {
            throw initError("NullPointerException", "#foreach without arguments or body", pn)
        }
        var elementName = ""
        if let first = compiled.first as? ReferenceNode {
            elementName = first.rootName
        } else if let first = children.first {
            elementName = String(first.first.image.dropFirst())
        }
        return ForeachNode(
            elementSlot: symbols.slot(elementName),
            iterable: compiled.count > 2 ? compiled[2] : nil,
            body: compiled.count > 3 ? compiled[3] : nil,
            counterSlot: counterSlot, hasNextSlot: hasNextSlot, scopeSlot: foreachSlot,
            location: location(pn.first), needs: loopVariables)
    }

    /// `#macro(name $a $b) body #end`: compiled, then registered (Velocity registers it when
    /// the directive is initialised, after its body).
    private func compileMacroDefinition(_ pn: ParseNode) throws(CompileFailure) -> Node {
        let children = pn.children
        let compiled = try compileChildren(children, bodyAt: children.count - 1)
        guard children.count >= 2, let body = compiled.last else { return SilentNode() }
        let macroName = children[0].first.image
        var params: [Int] = []
        for p in children.dropFirst().dropLast() {
            var argName = p.first.image
            if argName.hasPrefix("$") { argName.removeFirst() }
            params.append(symbols.slot(argName))
        }
        macros[macroName] = MacroDefinition(name: macroName, parameterSlots: params, body: body)
        return SilentNode()
    }
}

/// `#include(...)` and `#parse(...)`: there are no other templates to load, so an argument
/// naming one fails like a missing resource.
final class ResourceNode: Node, @unchecked Sendable {
    let directive: String
    let args: [Node]
    let argTypes: [ParseNodeType]
    let location: SourceLocation

    init(directive: String, args: [Node], argTypes: [ParseNodeType], location: SourceLocation) {
        self.directive = directive
        self.args = args
        self.argTypes = argTypes
        self.location = location
        super.init(type: .directive)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        if directive == "parse" {
            guard let a = args.first else {
                throw .error(VTLRuntimeError("VelocityException", "#parse(): argument missing", location: location))
            }
            let v = try a.value(c)
            guard let name = v.javaString() else { return }
            throw .error(VTLRuntimeError("ResourceNotFoundException", "Unable to find resource '\(name)'", location: location))
        }
        for (a, t) in zip(args, argTypes) {
            guard t == .stringLiteral || t == .reference else {
                throw .error(VTLRuntimeError("VelocityException", "invalid #include() argument", location: location))
            }
            let v = try a.value(c)
            guard let name = v.javaString() else { continue }
            throw .error(VTLRuntimeError("ResourceNotFoundException", "Unable to find resource '\(name)'", location: location))
        }
    }
}
