extension Compiler {
    /// Compiles a node in value position (expressions, arguments, literals).
    func compileValue(_ pn: ParseNode) throws(CompileFailure) -> Node {
        switch pn.type {
        case .reference:
            return try compileReference(pn)
        case .stringLiteral:
            return try compileStringLiteral(pn)
        case .integerLiteral:
            return try compileInteger(pn)
        case .floatingPointLiteral:
            let text = pn.first.image
            if let d = NumberParsing.javaDoubleLiteral(text) {
                return LiteralNode(.double(d), type: .floatingPointLiteral, literal: text)
            }
            if let bd = BigDecimal(text) {
                return LiteralNode(.decimal(bd), type: .floatingPointLiteral, literal: text)
            }
            throw initError("NumberFormatException", "For input string: \"\(text)\"", pn)
        case .trueNode:
            return LiteralNode(.bool(true), type: .trueNode, literal: "true")
        case .falseNode:
            return LiteralNode(.bool(false), type: .falseNode, literal: "false")
        case .map:
            let kids = try compileChildren(pn.children)
            var pairs: [(Node, Node)] = []
            var i = 0
            while i + 1 < kids.count {
                pairs.append((kids[i], kids[i + 1]))
                i += 2
            }
            return MapNode(pairs, literal: "")
        case .objectArray:
            return ListNode(try compileChildren(pn.children), literal: "")
        case .integerRange:
            let kids = try compileChildren(pn.children)
            guard kids.count == 2 else { return Node(type: .integerRange) }
            return RangeNode(from: kids[0], to: kids[1], literal: "")
        case .expression:
            // An expression node only forwards to its child; render trees skip it.
            guard let inner = pn.children.first else { return Node(type: .expression) }
            return try compile(inner)
        case .notNode:
            guard let inner = pn.children.first else { return Node(type: .notNode) }
            return LogicNode(.not, try compile(inner), nil, type: .notNode, literal: "")
        case .andNode, .orNode:
            let (l, r) = try operands(pn)
            return LogicNode(pn.type == .andNode ? .and : .or, l, r, type: pn.type, literal: "")
        case .eqNode, .neNode, .ltNode, .gtNode, .leNode, .geNode:
            let (l, r) = try operands(pn)
            let op: CompareNode.Op
            switch pn.type {
            case .eqNode: op = .eq
            case .neNode: op = .ne
            case .ltNode: op = .lt
            case .gtNode: op = .gt
            case .leNode: op = .le
            default: op = .ge
            }
            return CompareNode(op, l, r, type: pn.type, literal: "")
        case .addNode, .subtractNode, .mulNode, .divNode, .modNode:
            let (l, r) = try operands(pn, withLiterals: pn.type == .addNode)
            let op: Arithmetic.Op
            switch pn.type {
            case .addNode: op = .add
            case .subtractNode: op = .subtract
            case .mulNode: op = .multiply
            case .divNode: op = .divide
            default: op = .modulo
            }
            return MathNode(op, l, r, type: pn.type, literal: "")
        default:
            return try compile(pn)
        }
    }

    /// The two operands of a binary node; with their source text when `+` may need it.
    private func operands(_ pn: ParseNode, withLiterals: Bool = false) throws(CompileFailure) -> (Node, Node) {
        guard pn.children.count == 2 else {
            throw initError("IllegalStateException", "malformed expression", pn)
        }
        let l = try compile(pn.children[0])
        let r = try compile(pn.children[1])
        guard withLiterals else { return (l, r) }
        return (LiteralText.wrap(l, pn.children[0].literal), LiteralText.wrap(r, pn.children[1].literal))
    }

    private func compileInteger(_ pn: ParseNode) throws(CompileFailure) -> Node {
        let text = pn.first.image
        if let i = Int32(text) { return LiteralNode(.int(i), type: .integerLiteral, literal: text) }
        if let l = Int64(text) { return LiteralNode(.long(l), type: .integerLiteral, literal: text) }
        if text.first != "+", let b = BigInt(text) { return LiteralNode(.bigInteger(b), type: .integerLiteral, literal: text) }
        throw initError("NumberFormatException", "For input string: \"\(text)\"", pn)
    }

    /// A string literal: single-quoted strings are fixed; double-quoted ones with `$` or `#`
    /// are parsed as templates (with a trailing space, so a final `$` ends cleanly).
    private func compileStringLiteral(_ pn: ParseNode) throws(CompileFailure) -> Node {
        let img = Array(pn.first.image.utf16)
        guard img.count >= 2 else { return LiteralNode(.string(""), type: .stringLiteral, literal: pn.first.image) }
        let quote = img[0]
        let doubleQuoted = quote == 0x22
        let interpolate = doubleQuoted && (img.contains(0x24) || img.contains(0x23))
        var body = Array(img[1..<(img.count - 1)])
        if doubleQuoted {
            do {
                body = try StringLiteralText.unescape(body)
            } catch {
                throw .runtime(VTLRuntimeError(error.kind, error.message, location: location(pn.first)))
            }
        }
        body = StringLiteralText.replaceQuotes(body, quote)
        let hasLineComment = StringLiteralText.contains(body, [0x23, 0x23])
        guard interpolate else {
            return LiteralNode(.string(String(decoding: body, as: UTF16.self)), type: .stringLiteral, literal: pn.first.image)
        }
        if !hasLineComment { body.append(0x20) }
        let base = location(pn.first)
        let tree = try parse(body, lines: LineTable(body), baseLocation: base)
        let compiled = try compileBlock(tree.children)
        return InterpolatedStringNode(body: compiled, dropLast: !hasLineComment, literal: pn.first.image)
    }

    /// Velocity's ASTReference.init (getRoot): reads escapes and glued characters off the
    /// reference's first token, rewriting that token's image as Velocity does.
    func compileReference(_ pn: ParseNode) throws(CompileFailure) -> ReferenceNode {
        let first = pn.first
        var image = Array(first.image.utf16)
        var escaped = false
        var escPrefix = ""
        var morePrefix = ""
        let nullString: String
        let rootName: String
        var kind = ReferenceNode.Kind.normal
        var computable = true

        if StringLiteralText.contains(image, [0x5C, 0x21]) {
            // "$\!name": never evaluated; renders as its text minus one backslash.
            computable = false
            if var i = image.firstIndex(of: 0x24) {
                while i < image.count && image[i] != 0x5C { i += 1 }
                let start = i
                var count = 0
                while i < image.count {
                    let ch = image[i]
                    i += 1
                    if ch != 0x5C { break }
                    count += 1
                }
                var s = Array(image[0..<start])
                s.append(contentsOf: image[start..<(start + max(0, count - 1))])
                s.append(contentsOf: image[min(image.count, start + count)...])
                nullString = String(decoding: s, as: UTF16.self)
            } else {
                nullString = first.image
            }
            rootName = nullString
        } else {
            if image.first == 0x5C {
                var i = 0
                while i < image.count && image[i] == 0x5C { i += 1 }
                escaped = i % 2 != 0
                escPrefix = String(decoding: image[0..<(i / 2)], as: UTF16.self)
                image = Array(image[i...])
                first.image = String(decoding: image, as: UTF16.self)
            }
            if let loc1 = image.lastIndex(of: 0x24), loc1 > 0 {
                morePrefix = String(decoding: image[0..<loc1], as: UTF16.self)
                image = Array(image[loc1...])
                first.image = String(decoding: image, as: UTF16.self)
            }
            var ns = pn.literal
            if image.starts(with: [0x24, 0x21]) {
                if !escaped { ns = "" }
                if image.starts(with: [0x24, 0x21, 0x7B]) {
                    rootName = first.next?.image ?? ""
                } else {
                    rootName = String(decoding: image.dropFirst(2), as: UTF16.self)
                }
            } else if image == [0x24, 0x7B] {
                rootName = first.next?.image ?? ""
            } else if image.first == 0x24 {
                rootName = String(decoding: image.dropFirst(), as: UTF16.self)
            } else {
                kind = .runt
                rootName = first.image
            }
            nullString = ns
        }

        var members: [Member] = []
        for child in pn.children {
            switch child.type {
            case .identifier:
                members.append(.property(child.first.image))
            case .method:
                let name = child.children.first?.first.image ?? child.first.image
                var args: [Node] = []
                for a in child.children.dropFirst() { args.append(try compile(a)) }
                members.append(.method(name, args))
            case .index:
                guard let arg = child.children.first else { continue }
                members.append(.index(try compile(arg)))
            default:
                continue
            }
        }
        referencedNames.insert(rootName)
        return ReferenceNode(
            kind: kind, rootName: rootName, rootSlot: symbols.slot(rootName),
            members: members, escaped: escaped, escPrefix: escPrefix,
            morePrefix: morePrefix, nullString: nullString, computable: computable,
            literal: pn.literal, location: location(first))
    }
}

/// A node carrying its source text for `+` (a null operand concatenates as its text).
enum LiteralText {
    static func wrap(_ n: Node, _ literal: String) -> Node {
        if n.literal == literal { return n }
        return LiteralWrapper(n, literal: literal)
    }
}

/// Forwards to another node, with a different literal text.
final class LiteralWrapper: Node, @unchecked Sendable {
    let inner: Node

    init(_ inner: Node, literal: String) {
        self.inner = inner
        super.init(type: inner.type, literal: literal)
    }

    override func render(_ c: RenderContext) throws(RenderSignal) { try inner.render(c) }
    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue { try inner.value(c) }
    override func evaluate(_ c: RenderContext) throws(RenderSignal) -> Bool { try inner.evaluate(c) }
}

/// Processing of string literal text (ASTStringLiteral).
enum StringLiteralText {
    static func contains(_ a: [UInt16], _ sub: [UInt16]) -> Bool {
        JString(units: a).indexOf(sub, from: 0) >= 0
    }

    /// `\uXXXX` escapes (the only escapes Velocity 1.7 decodes in double-quoted strings).
    static func unescape(_ s: [UInt16]) throws(VTLRuntimeError) -> [UInt16] {
        let j = JString(units: s)
        var u = j.indexOf([0x5C, 0x75], from: 0)
        if u < 0 { return s }
        var out: [UInt16] = []
        var lastCopied = 0
        while true {
            out.append(contentsOf: s[lastCopied..<u])
            guard u + 6 <= s.count else {
                throw VTLRuntimeError("StringIndexOutOfBoundsException", "begin \(u + 2), end \(u + 6), length \(s.count)")
            }
            let hex = String(decoding: s[(u + 2)..<(u + 6)], as: UTF16.self)
            let v = try JavaNumberMethods.parseInteger(hex, radix: 16, min: Int64(Int32.min), max: Int64(Int32.max))
            out.append(UInt16(truncatingIfNeeded: v))
            lastCopied = u + 6
            u = j.indexOf([0x5C, 0x75], from: lastCopied)
            if u < 0 {
                out.append(contentsOf: s[lastCopied...])
                return out
            }
        }
    }

    /// `""` → `"` in double-quoted strings, `''` → `'` in single-quoted ones.
    static func replaceQuotes(_ s: [UInt16], _ q: UInt16) -> [UInt16] {
        guard s.contains(q) else { return s }
        var out: [UInt16] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            out.append(c)
            if i + 1 < s.count, c == q, s[i + 1] == q { i += 1 }
            i += 1
        }
        return out
    }
}

/// Number literal parsing.
enum NumberParsing {
    /// Java's `Double.valueOf` for the literal forms the grammar allows.
    static func javaDoubleLiteral(_ text: String) -> Double? {
        JavaNumberMethods.parseJavaDouble(text)
    }
}
