/// Node types of the parse tree, one per node class of Velocity 1.7's grammar.
enum ParseNodeType: UInt8, Sendable {
    case process, reference, identifier, method, index, text, escape, escapedDirective
    case comment, textblock, setDirective, ifStatement, elseIfStatement, elseStatement, block
    case directive, word, stringLiteral, integerLiteral, floatingPointLiteral, integerRange
    case map, objectArray, trueNode, falseNode, expression
    case orNode, andNode, eqNode, neNode, ltNode, gtNode, leNode, geNode
    case addNode, subtractNode, mulNode, divNode, modNode, notNode
}

/// A parse-tree node: its type, children and the first and last tokens it spans (as JJTree
/// records them), from which Velocity computes a node's literal text.
final class ParseNode {
    let type: ParseNodeType
    var children: [ParseNode] = []
    var first: Token
    var last: Token
    /// Directive name for `.directive` nodes (`foreach`, a macro name, ...).
    var directiveName = ""
    /// Rendered text of an `.escape` node (the backslashes of a `\\` run).
    var escapeValue = ""

    init(_ type: ParseNodeType, first: Token) {
        self.type = type
        self.first = first
        self.last = first
    }

    /// The node's source text as Velocity's `SimpleNode.literal()` gives it: the images of
    /// its tokens, each preceded by the `$`/`#` characters of its special tokens.
    var literal: String {
        if first === last { return Self.tokenLiteral(first) }
        var s = Self.tokenLiteral(first)
        var t = first
        var guardCount = 0
        while t !== last, let n = t.next, guardCount < 1_000_000 {
            t = n
            s += Self.tokenLiteral(t)
            guardCount += 1
        }
        return s
    }

    /// Velocity's `NodeUtils.tokenLiteral`.
    static func tokenLiteral(_ t: Token) -> String {
        if t.kind == .multiLineComment { return "" }
        guard let sp = t.specialToken, !sp.image.hasPrefix("##") else { return t.image }
        let special = specialText(t)
        return special.isEmpty ? t.image : special + t.image
    }

    /// Velocity's `NodeUtils.getSpecialText`: from the special tokens before `t`, the `$` and
    /// `#` characters and any run of backslashes ending in `$`.
    static func specialText(_ t: Token) -> String {
        guard var tmp = t.specialToken else { return "" }
        while let p = tmp.specialToken { tmp = p }
        var out: [UInt16] = []
        var cur: Token? = tmp
        while let tok = cur {
            let st = Array(tok.image.utf16)
            var i = 0
            while i < st.count {
                let c = st[i]
                if c == 0x23 || c == 0x24 { out.append(c) }
                if c == 0x5C {
                    var j = i
                    var term = false
                    while j < st.count {
                        let cc = st[j]
                        j += 1
                        if cc == 0x5C { continue }
                        if cc == 0x24 { term = true }
                        break
                    }
                    if term {
                        out.append(contentsOf: st[i..<j])
                        i = j
                    }
                }
                i += 1
            }
            cur = tok.next
        }
        return String(decoding: out, as: UTF16.self)
    }
}
