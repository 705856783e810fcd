/// Lexical states of Velocity 1.7's token manager (numbered as in its grammar).
enum LexState: UInt8, Sendable {
    case reference = 0, refModifier = 1, refIndex = 2, directive = 3, refMod2 = 4
    case defaultState = 5, refMod = 6, inTextblock = 7, inMultiLineComment = 8
    case inFormalComment = 9, inSingleLineComment = 10, preDirective = 11
}

/// A lexical error: no token pattern matches (or the input ends inside a token).
struct LexError: Error {
    let offset: Int
    let message: String
}

/// The template lexer: a faithful model of the JavaCC token manager that Velocity 1.7 generates
/// from its grammar, because Velocity's surprising whitespace and escaping rules all come from
/// how that token manager switches states, glues MORE matches onto the next token and keeps
/// terminator characters aside as special tokens.
///
/// Each call to `nextToken` finds, in the current state, the longest match among the state's
/// patterns (ties go to the pattern declared first), then runs that pattern's action (state
/// push/pop, paren counting, pushing characters back), exactly as the generated code does.
struct Lexer {
    let src: [UInt16]
    var pos = 0
    var state: LexState = .defaultState

    private var lparen = 0
    private var rparen = 0
    private var stack: [(lparen: Int, rparen: Int, state: LexState)] = []
    private var inComment = false
    /// True between `#set(` and its closing parenthesis (the parser clears it too).
    var inSet = false

    init(_ units: [UInt16]) {
        self.src = units
    }

    // MARK: - State stack (Velocity's stateStackPush/Pop)

    mutating func pushState() {
        stack.append((lparen, rparen, state))
        lparen = 0
    }

    @discardableResult
    mutating func popState() -> Bool {
        guard let s = stack.popLast() else {
            lparen = 0
            state = .defaultState
            return false
        }
        lparen = s.lparen
        rparen = s.rparen
        state = s.state
        return true
    }

    private mutating func rparenHandler() {
        var closed = inComment
        while !closed {
            if lparen > 0 {
                if lparen == rparen + 1 { popState() } else { rparen += 1 }
                closed = true
            } else if !popState() {
                break
            }
        }
    }

    // MARK: - Token manager loop

    /// Returns the next regular token (with any special tokens attached), or throws a
    /// `LexError` when nothing matches.
    mutating func nextToken() throws(LexError) -> Token {
        var specialHead: Token?
        var specialTail: Token?
        outer: while true {
            let start = pos
            if pos >= src.count {
                let t = Token(kind: .eof, image: "", begin: pos)
                t.specialToken = specialTail
                _ = specialHead
                return t
            }
            while true {
                guard pos < src.count, let (kind, len) = bestMatch(at: pos) else {
                    throw LexError(offset: pos >= src.count ? start : pos, message: describeFailure(at: pos))
                }
                pos += len
                switch kind.category {
                case .token:
                    let t = Token(kind: kind, image: text(start, pos), begin: start)
                    t.specialToken = specialTail
                    tokenAction(t)
                    return t
                case .skip:
                    continue outer
                case .special:
                    let t = Token(kind: kind, image: text(start, pos), begin: start)
                    if specialHead == nil {
                        specialHead = t
                    } else {
                        t.specialToken = specialTail
                        specialTail?.next = t
                    }
                    specialTail = t
                    specialAction(kind)
                    continue outer
                case .more:
                    moreAction(kind)
                }
            }
        }
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(decoding: src[from..<to], as: UTF16.self)
    }

    /// Why nothing matches at `i`: the template ends inside a construct, a string literal is
    /// not closed, or a character is not allowed here.
    private func describeFailure(at i: Int) -> String {
        guard i < src.count else {
            switch state {
            case .inTextblock: return "unterminated #[[ ]]# block"
            case .inMultiLineComment, .inFormalComment, .inSingleLineComment: return "unexpected end of template in a comment"
            default: return "unexpected end of template"
            }
        }
        let c = src[i]
        if c == 0x22 || c == 0x27 { return "unterminated string literal" }
        return "unexpected character '\(String(decoding: src[i..<(i + 1)], as: UTF16.self))'"
    }

    // MARK: - Actions

    private mutating func tokenAction(_ t: Token) {
        switch t.kind {
        case .indexLBracket:
            pushState()
            state = .refIndex
        case .indexRBracket:
            popState()
        case .lParen:
            if !inComment { lparen += 1 }
            if state == .refModifier { state = .refMod2 }
        case .rParen:
            rparenHandler()
        case .refMod2RParen:
            state = .reference
        case .setDirective:
            if !inComment {
                pushState()
                inSet = true
                state = .directive
                lparen += 1
                if state == .refModifier { state = .refMod2 }
            }
        case .singleLineCommentStart:
            if !inComment {
                if state == .reference { popState() }
                inComment = true
                pushState()
                state = .inSingleLineComment
            }
        case .singleLineComment, .formalComment, .multiLineComment, .textblock:
            inComment = false
            popState()
        case .stringLiteral:
            if state == .directive && !inSet && lparen == 0 { popState() }
        case .newline:
            popState()
            inSet = false
        case .end, .elseDirective:
            popState()
        case .ifDirective, .elseIfDirective:
            state = .directive
        case .integerLiteral:
            if t.image.hasSuffix("..") {
                pos -= 2
                t.image.removeLast(2)
            }
            if lparen == 0 && !inSet && state != .refMod2 && state != .refIndex { popState() }
        case .floatingPointLiteral:
            if lparen == 0 && !inSet && state != .refMod2 { popState() }
        case .dot:
            pos -= 1
            t.image = "."
            state = .refModifier
        case .rCurly:
            popState()
        default:
            break
        }
    }

    private mutating func specialAction(_ kind: TokenKind) {
        pos -= 1
        popState()
        _ = kind
    }

    private mutating func moreAction(_ kind: TokenKind) {
        guard !inComment else { return }
        switch kind {
        case .dollar, .dollarBang:
            if state == .reference { popState() }
            pushState()
            state = .reference
        case .textblockStart:
            inComment = true
            pushState()
            state = .inTextblock
        case .formalCommentStart:
            pos -= 1
            inComment = true
            pushState()
            state = .inFormalComment
        case .multiCommentStart:
            inComment = true
            pushState()
            state = .inMultiLineComment
        case .hash:
            if state == .reference || state == .refModifier { popState() }
            pushState()
            state = .preDirective
        default:
            break
        }
    }

    // MARK: - Matching

    /// The longest match at `i` in the current state; ties go to the lower token kind.
    private func bestMatch(at i: Int) -> (TokenKind, Int)? {
        var best: (TokenKind, Int)?
        func offer(_ kind: TokenKind, _ len: Int) {
            guard len > 0 else { return }
            if let b = best, b.1 >= len { return }
            best = (kind, len)
        }
        let c = src[i]
        switch state {
        case .reference:
            offer(.indexLBracket, lit(i, "["))
            offer(.setDirective, setDirective(i))
            offerMore(i, c, offer)
            offer(.singleLineCommentStart, lit(i, "##"))
            offer(.trueLiteral, lit(i, "true"))
            offer(.falseLiteral, lit(i, "false"))
            offer(.identifier, identifier(i))
            offer(.dot, dot(i))
            offer(.lCurly, lit(i, "{"))
            offer(.rCurly, lit(i, "}"))
            offer(.referenceTerminator, 1)
            offer(.emptyIndex, emptyIndex(i))
        case .refModifier:
            offer(.indexLBracket, lit(i, "["))
            offer(.lParen, lit(i, "("))
            offer(.setDirective, setDirective(i))
            offerMore(i, c, offer)
            offer(.trueLiteral, lit(i, "true"))
            offer(.falseLiteral, lit(i, "false"))
            offer(.identifier, identifier(i))
            offer(.dot, dot(i))
            offer(.lCurly, lit(i, "{"))
            offer(.rCurly, lit(i, "}"))
            offer(.referenceTerminator, 1)
        case .refIndex:
            offer(.indexRBracket, lit(i, "]"))
            offerMore(i, c, offer)
            offer(.whitespace, whitespace(i))
            offer(.stringLiteral, stringLiteral(i))
            offer(.trueLiteral, lit(i, "true"))
            offer(.falseLiteral, lit(i, "false"))
            offer(.integerLiteral, integerLiteral(i))
            offer(.floatingPointLiteral, floatLiteral(i))
        case .directive:
            offerPunctuation(i, offer)
            offer(.lParen, lit(i, "("))
            offer(.rParen, rparen(i))
            offerMore(i, c, offer)
            offer(.singleLineCommentStart, lit(i, "##"))
            offer(.whitespace, whitespace(i))
            offer(.stringLiteral, stringLiteral(i))
            offer(.trueLiteral, lit(i, "true"))
            offer(.falseLiteral, lit(i, "false"))
            offer(.newline, newline(i))
            offerOperators(i, offer)
            offer(.integerLiteral, integerLiteral(i))
            offer(.floatingPointLiteral, floatLiteral(i))
            offer(.word, word(i))
            offer(.bracketedWord, bracketedWord(i))
        case .refMod2:
            offerPunctuation(i, offer)
            offer(.refMod2RParen, lit(i, ")"))
            offer(.setDirective, setDirective(i))
            offerMore(i, c, offer)
            offer(.whitespace, whitespace(i))
            offer(.stringLiteral, stringLiteral(i))
            offer(.trueLiteral, lit(i, "true"))
            offer(.falseLiteral, lit(i, "false"))
            offer(.integerLiteral, integerLiteral(i))
            offer(.floatingPointLiteral, floatLiteral(i))
            offer(.identifier, identifier(i))
            offer(.dot, dot(i))
        case .defaultState:
            offer(.escapeDirective, escapeDirective(i))
            offer(.setDirective, setDirective(i))
            offerMore(i, c, offer)
            offer(.singleLineCommentStart, lit(i, "##"))
            offer(.doubleEscape, lit(i, "\\\\"))
            offer(.escape, lit(i, "\\"))
            offer(.text, textRun(i))
            offer(.emptyIndex, emptyIndex(i))
        case .refMod:
            offerMore(i, c, offer)
            offer(.referenceTerminator, 1)
        case .inTextblock:
            offerMore(i, c, offer)
            offer(.textblock, lit(i, "]]#"))
            offer(.moreAny, 1)
        case .inMultiLineComment:
            offerMore(i, c, offer)
            offer(.multiLineComment, lit(i, "*#"))
            offer(.skipAny, 1)
        case .inFormalComment:
            offerMore(i, c, offer)
            offer(.formalComment, lit(i, "*#"))
            offer(.skipAny, 1)
        case .inSingleLineComment:
            offerMore(i, c, offer)
            offer(.singleLineComment, newline(i))
            offer(.skipAny, 1)
        case .preDirective:
            offerMore(i, c, offer)
            offer(.singleLineCommentStart, lit(i, "##"))
            offer(.end, endDirective(i))
            offer(.ifDirective, max(lit(i, "if"), lit(i, "{if}")))
            offer(.elseIfDirective, max(lit(i, "elseif"), lit(i, "{elseif}")))
            offer(.elseDirective, elseDirective(i))
            offer(.integerLiteral, integerLiteral(i))
            offer(.floatingPointLiteral, floatLiteral(i))
            offer(.word, word(i))
            offer(.bracketedWord, bracketedWord(i))
            offer(.directiveTerminator, 1)
        }
        return best
    }

    /// The MORE patterns, valid in every state: `\*$`, `\*$\*!`, `#[[`, `#**x`, `#*`, `#`.
    private func offerMore(_ i: Int, _ c: UInt16, _ offer: (TokenKind, Int) -> Void) {
        if c == 0x5C || c == 0x24 {
            var j = i
            while j < src.count && src[j] == 0x5C { j += 1 }
            if j < src.count && src[j] == 0x24 {
                offer(.dollar, j + 1 - i)
                var k = j + 1
                while k < src.count && src[k] == 0x5C { k += 1 }
                if k < src.count && src[k] == 0x21 { offer(.dollarBang, k + 1 - i) }
            }
        } else if c == 0x23 {
            offer(.textblockStart, lit(i, "#[["))
            if lit(i, "#**") > 0 && i + 3 < src.count && src[i + 3] != 0x23 {
                offer(.formalCommentStart, 4)
            }
            offer(.multiCommentStart, lit(i, "#*"))
            offer(.hash, 1)
        }
    }

    private func offerPunctuation(_ i: Int, _ offer: (TokenKind, Int) -> Void) {
        switch src[i] {
        case 0x5B: offer(.lBracket, 1)
        case 0x5D: offer(.rBracket, 1)
        case 0x2C: offer(.comma, 1)
        case 0x2E: offer(.doubleDot, lit(i, ".."))
        case 0x3A: offer(.colon, 1)
        case 0x7B: offer(.leftCurley, 1)
        case 0x7D: offer(.rightCurley, 1)
        default: break
        }
    }

    private func offerOperators(_ i: Int, _ offer: (TokenKind, Int) -> Void) {
        offer(.minus, lit(i, "-"))
        offer(.plus, lit(i, "+"))
        offer(.multiply, lit(i, "*"))
        offer(.divide, lit(i, "/"))
        offer(.modulus, lit(i, "%"))
        offer(.logicalAnd, max(lit(i, "&&"), lit(i, "and")))
        offer(.logicalOr, max(lit(i, "||"), lit(i, "or")))
        offer(.logicalLT, max(lit(i, "<"), lit(i, "lt")))
        offer(.logicalLE, max(lit(i, "<="), lit(i, "le")))
        offer(.logicalGT, max(lit(i, ">"), lit(i, "gt")))
        offer(.logicalGE, max(lit(i, ">="), lit(i, "ge")))
        offer(.logicalEquals, max(lit(i, "=="), lit(i, "eq")))
        offer(.logicalNotEquals, max(lit(i, "!="), lit(i, "ne")))
        offer(.logicalNot, max(lit(i, "!"), lit(i, "not")))
        offer(.equals, lit(i, "="))
    }
}
