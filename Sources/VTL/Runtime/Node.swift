/// A node of a compiled template. Like Velocity's AST nodes, each node can render itself,
/// give its value (in expressions) and evaluate to a boolean (in `#if`); the defaults are
/// Velocity's: no output, null, false.
///
/// Nodes are immutable after compilation, so one compiled template can render on many
/// threads at once (hence `@unchecked Sendable`: every stored property is a `let` of a
/// Sendable type or of another node).
class Node: @unchecked Sendable {
    /// The grammar node this was compiled from (Velocity's node type id).
    let type: ParseNodeType
    /// The node's source text as Velocity's `literal()` gives it, where some behaviour needs
    /// it (null operands of `+`, escaped references, unknown macros).
    let literal: String
    /// Offset in the template source, for error locations.
    let offset: Int

    init(type: ParseNodeType, literal: String = "", offset: Int = 0) {
        self.type = type
        self.literal = literal
        self.offset = offset
    }

    func render(_ c: RenderContext) throws(RenderSignal) {}

    func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue { .null }

    func evaluate(_ c: RenderContext) throws(RenderSignal) -> Bool { false }

    /// The value a macro parameter bound to this node has when the macro body reads it
    /// (Velocity's ProxyVMContext.get).
    func proxyArgumentValue(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        try value(c)
    }

    /// Whether a macro argument of this kind is evaluated once at the call (literals) rather
    /// than on every use.
    var isConstantMacroArgument: Bool {
        switch type {
        case .integerRange, .reference, .objectArray, .map, .stringLiteral, .text: return false
        default: return true
        }
    }
}

/// Fixed text: template text, comments, escapes, `#[[...]]#` blocks (merged at compile time).
final class TextNode: Node, @unchecked Sendable {
    let text: String

    init(_ text: String, type: ParseNodeType = .text, literal: String = "") {
        self.text = text
        super.init(type: type, literal: literal)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        try c.write(text)
    }

    override func proxyArgumentValue(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        .string(text)
    }
}

/// A sequence of statements (a template, a `#if` branch, a loop body, ...).
final class BlockNode: Node, @unchecked Sendable {
    let children: [Node]

    init(_ children: [Node], type: ParseNodeType = .block, literal: String = "") {
        self.children = children
        super.init(type: type, literal: literal)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) {
        for child in children { try child.render(c) }
    }
}
