/// Why compiling failed: the source does not parse (Velocity's parse errors, including those
/// it raises while initialising the tree), or initialisation hit a Java exception (which
/// Velocity reports as a runtime failure of the template).
enum CompileFailure: Error {
    case syntax(VTLSyntaxError)
    case runtime(VTLRuntimeError)
}

/// Turns parse trees into render trees, doing what Velocity does when it initialises a
/// template: parses interpolated string literals, registers macros (in tree order, so a
/// string literal parsed later knows the macros defined before it), resolves variable names
/// to slots, and precomputes the text of fixed nodes.
final class Compiler {
    var symbols = SymbolTable()
    var macros: [String: MacroDefinition] = [:]
    let limits: VTLLimits
    /// Nesting of string literals parsed inside string literals.
    private var nestedParses = 0
    /// Line table of the source being compiled (for error locations).
    var lines = LineTable([])
    /// Whether the template contains `#evaluate` (which may use any variable).
    var usesEvaluate = false
    /// Root names of every reference compiled.
    var referencedNames: Set<String> = []
    /// Shared by this template's loops; narrowed once compilation is complete.
    let loopVariables = LoopVariables()

    let counterSlot: Int
    let hasNextSlot: Int
    let foreachSlot: Int
    let bodyContentSlot: Int

    init(limits: VTLLimits, symbols: SymbolTable = SymbolTable(), macros: [String: MacroDefinition] = [:]) {
        self.limits = limits
        self.symbols = symbols
        self.macros = macros
        counterSlot = self.symbols.slot("velocityCount")
        hasNextSlot = self.symbols.slot("velocityHasNext")
        foreachSlot = self.symbols.slot("foreach")
        bodyContentSlot = self.symbols.slot("bodyContent")
    }

    // MARK: - Entry points

    /// Parses `source` into a parse tree, with Velocity's error as a syntax error.
    func parse(_ units: [UInt16], lines: LineTable, baseLocation: SourceLocation? = nil) throws(CompileFailure) -> ParseNode {
        let parser = Parser(units: units, knownMacros: Set(macros.keys), maxNesting: limits.maxNesting)
        do {
            return try parser.parseProcess()
        } catch {
            throw .syntax(Self.syntaxError(error, lines: lines, base: baseLocation))
        }
    }

    static func syntaxError(_ error: any Error, lines: LineTable, base: SourceLocation?) -> VTLSyntaxError {
        func loc(_ offset: Int) -> SourceLocation {
            if let base { return base }
            return lines.location(offset)
        }
        let prefix = base == nil ? "" : "in a string literal: "
        guard let f = error as? ParseFailure else {
            return VTLSyntaxError(location: base ?? SourceLocation(line: 1, column: 1), message: "\(error)")
        }
        switch f {
        case .unexpected(let offset, let image, let kind):
            let what: String
            if kind == .eof {
                what = "end of template"
            } else if image.hasPrefix("#") && !image.contains(where: { $0.isWhitespace }) {
                what = image
            } else {
                what = "\"" + image + "\""
            }
            return VTLSyntaxError(location: loc(offset), message: prefix + "unexpected \(what)")
        case .lexical(let e):
            return VTLSyntaxError(location: loc(e.offset), message: prefix + e.message)
        case .macro(let offset, let message):
            return VTLSyntaxError(location: loc(offset), message: prefix + message)
        case .tooDeep(let offset):
            return VTLSyntaxError(location: loc(offset), message: prefix + "directives or expressions nested too deeply")
        case .lookaheadSuccess:
            return VTLSyntaxError(location: loc(0), message: "internal parser error")
        }
    }

    func compileTemplate(_ source: String, narrowLoops: Bool = true) throws(CompileFailure) -> Node {
        let units = Array(source.utf16)
        lines = LineTable(units)
        let tree = try parse(units, lines: lines)
        let root = try compileBlock(tree.children)
        if narrowLoops && !usesEvaluate {
            loopVariables.counter = referencedNames.contains("velocityCount")
            loopVariables.hasNext = referencedNames.contains("velocityHasNext")
            loopVariables.scope = referencedNames.contains("foreach")
        }
        return root
    }

    /// Compiles `#evaluate` text during a render, against the render's variables and macros.
    static func compileAtRenderTime(_ text: String, _ c: RenderContext) throws(RenderSignal) -> Node {
        let compiler = Compiler(limits: c.limits, symbols: c.symbols, macros: c.macros)
        let node: Node
        do {
            node = try compiler.compileTemplate(text, narrowLoops: false)
        } catch {
            switch error {
            case .syntax(let e): throw .parseError(e)
            case .runtime(let e): throw .error(e)
            }
        }
        for name in compiler.symbols.names.dropFirst(c.symbols.count) { _ = c.slot(for: name) }
        c.symbols = compiler.symbols
        c.vars.grow(to: c.symbols.count)
        c.macros = compiler.macros
        return node
    }

    func location(_ t: Token) -> SourceLocation { lines.location(t.begin) }

    // MARK: - Statements

    /// Compiles statements into a block, merging neighbouring fixed text into one node.
    func compileBlock(_ nodes: [ParseNode]) throws(CompileFailure) -> Node {
        let out = try compileStatements(nodes)
        if out.isEmpty { return TextNode("") }
        if out.count == 1, let t = out[0] as? TextNode { return t }
        return BlockNode(out)
    }

    /// A block in a position where it is only ever rendered (branch, loop or macro body): a
    /// single statement needs no wrapping block.
    func compileBody(_ pn: ParseNode) throws(CompileFailure) -> Node {
        guard pn.type == .block else { return try compile(pn) }
        let out = try compileStatements(pn.children)
        if out.count == 1 { return out[0] }
        if out.isEmpty { return TextNode("") }
        return BlockNode(out)
    }

    func compileStatements(_ nodes: [ParseNode]) throws(CompileFailure) -> [Node] {
        var out: [Node] = []
        var pendingText = ""
        var hasText = false
        for pn in nodes {
            let n = try compile(pn)
            if let t = n as? TextNode {
                pendingText += t.text
                hasText = true
                continue
            }
            if n is SilentNode { continue }
            if hasText {
                out.append(TextNode(pendingText))
                pendingText = ""
                hasText = false
            }
            out.append(n)
        }
        if hasText { out.append(TextNode(pendingText)) }
        return out
    }

    /// Compiles any parse node (statement or value position).
    func compile(_ pn: ParseNode) throws(CompileFailure) -> Node {
        switch pn.type {
        case .text:
            return TextNode(ParseNode.tokenLiteral(pn.first))
        case .escape:
            return TextNode(pn.escapeValue)
        case .escapedDirective:
            return TextNode(pn.first.image)
        case .comment:
            return TextNode(commentText(pn.first.image))
        case .textblock:
            let u = Array(pn.first.image.utf16)
            guard u.count >= 6 else { return TextNode("") }
            return TextNode(JString.string(u[3..<(u.count - 3)]))
        case .block, .process:
            return try compileBlock(pn.children)
        case .setDirective:
            return try compileSet(pn)
        case .ifStatement:
            return try compileIf(pn)
        case .directive:
            return try compileDirective(pn)
        case .word:
            return Node(type: .word, literal: pn.first.image)
        default:
            return try compileValue(pn)
        }
    }

    /// ASTComment: the text before `##` or `#*` in the comment's first token (what the lexer
    /// glued in front of the comment, e.g. `$` in `$##`).
    private func commentText(_ image: String) -> String {
        let u = Array(image.utf16)
        func find(_ a: UInt16, _ b: UInt16) -> Int? {
            guard u.count >= 2 else { return nil }
            for i in 0..<(u.count - 1) where u[i] == a && u[i + 1] == b { return i }
            return nil
        }
        let loc1 = find(0x23, 0x23)
        let loc2 = find(0x23, 0x2A)
        guard let cut = loc1 ?? loc2 else { return "" }
        return JString.string(u[0..<cut])
    }

    private func compileSet(_ pn: ParseNode) throws(CompileFailure) -> Node {
        guard pn.children.count == 2 else { return SilentNode() }
        let left = try compileReference(pn.children[0])
        let right = try compile(pn.children[1])
        let name = String(pn.children[0].first.image.dropFirst())
        return SetNode(left: left, leftSlot: symbols.slot(name), right: right)
    }

    private func compileIf(_ pn: ParseNode) throws(CompileFailure) -> Node {
        var branches: [(condition: Node, body: Node)] = []
        var elseBody: Node?
        guard pn.children.count >= 2 else { return SilentNode() }
        branches.append((try compile(pn.children[0]), try compileBody(pn.children[1])))
        for child in pn.children.dropFirst(2) {
            if child.type == .elseIfStatement, child.children.count == 2 {
                branches.append((try compile(child.children[0]), try compileBody(child.children[1])))
            } else if child.type == .elseStatement, let b = child.children.first {
                elseBody = try compileBody(b)
            }
        }
        return IfNode(branches: branches, elseBody: elseBody)
    }
}

/// A node that renders nothing and can be dropped from its block (`#macro` definitions).
final class SilentNode: Node, @unchecked Sendable {
    init() { super.init(type: .directive) }
}
