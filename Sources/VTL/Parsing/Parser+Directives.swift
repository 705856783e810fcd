extension Parser {
    /// `#if (expr) block [#elseif (expr) block]* [#else block] #end`
    func ifStatement() throws -> ParseNode {
        let n = try open(.ifStatement)
        try consume(.ifDirective)
        try consumeIf(.whitespace)
        try consume(.lParen)
        n.children.append(try expression())
        try consume(.rParen)
        n.children.append(try block())
        while try peek() == .elseIfDirective {
            let e = try open(.elseIfStatement)
            try consume(.elseIfDirective)
            try consumeIf(.whitespace)
            try consume(.lParen)
            e.children.append(try expression())
            try consume(.rParen)
            e.children.append(try block())
            close(e)
            n.children.append(e)
        }
        if try peek() == .elseDirective {
            let e = try open(.elseStatement)
            try consume(.elseDirective)
            e.children.append(try block())
            close(e)
            n.children.append(e)
        }
        try consume(.end)
        close(n)
        return n
    }

    /// `#set( [ws] reference [ws] = expression )`
    func setDirective() throws -> ParseNode {
        let n = try open(.setDirective)
        try consume(.setDirective)
        try consumeIf(.whitespace)
        n.children.append(try reference())
        try consumeIf(.whitespace)
        try consume(.equals)
        n.children.append(try expression())
        try consume(.rParen)
        lexer.inSet = false
        try consumeIf(.newline)
        close(n)
        return n
    }

    /// `#name`, `#name(args)` or `#name(args) block #end`: built-in directives, macro
    /// definitions and calls, and anything else that looks like one (rendered as text).
    func directive() throws -> ParseNode {
        let n = try open(.directive)
        let t = try getToken(1)
        guard t.kind == .word || t.kind == .bracketedWord else { try fail() }
        token = t
        let name: String
        if t.kind == .bracketedWord {
            name = String(t.image.dropFirst(2).dropLast())
        } else {
            name = String(t.image.dropFirst())
        }
        n.directiveName = name
        let isBuiltin = BuiltinDirective.isDirective(name)
        let isMacroDefinition = name == "macro"
        let isBlock: Bool
        var isVM = false
        if isBuiltin {
            isBlock = BuiltinDirective.blockDirectives.contains(name)
        } else if name.hasPrefix("@") {
            isBlock = true
        } else {
            isVM = knownMacros.contains(name)
            isBlock = false
        }
        lexer.state = .directive

        if isLeftParenthesis() {
            try consumeIf(.whitespace)
            try consume(.lParen)
            var argPos = 0
            while try lookahead(2, { () throws -> Bool in try scanDirectiveArgPrefix() }) {
                try consumeIf(.whitespace)
                if try peek() == .comma {
                    try consume(.comma)
                    try consumeIf(.whitespace)
                }
                let arg = try directiveArg()
                if arg.type == .word {
                    if isMacroDefinition && argPos == 0 {
                        // the macro's name
                    } else if isVM {
                        throw ParseFailure.macro(t, "invalid argument #\(argPos) in call of macro \(t.image)")
                    } else if isBuiltin && (name != "foreach" || argPos != 1) {
                        throw ParseFailure.macro(t, "invalid argument #\(argPos) in directive \(t.image)")
                    }
                } else if isMacroDefinition && argPos == 0 {
                    throw ParseFailure.macro(t, "the first argument of #macro must be the macro name (a word, not quoted)")
                }
                n.children.append(arg)
                argPos += 1
            }
            try consumeIf(.whitespace)
            try consume(.rParen)
            if !isBlock {
                close(n)
                return n
            }
        } else {
            if isMacroDefinition {
                throw ParseFailure.macro(t, "a macro declaration requires at least a name argument")
            }
            lexer.popState()
            close(n)
            return n
        }
        n.children.append(try block())
        try consume(.end)
        if isMacroDefinition {
            guard n.children.count >= 2, n.children[0].type == .word else {
                throw ParseFailure.macro(t, "the first argument of #macro must be the macro name")
            }
            macroNames.insert(n.children[0].first.image)
        }
        close(n)
        return n
    }

    /// Velocity's `isLeftParenthesis`: reads raw characters after the directive name, skipping
    /// blanks and newlines, and reports whether a `(` comes next.
    func isLeftParenthesis() -> Bool {
        var i = lexer.pos
        while i < lexer.src.count {
            let c = lexer.src[i]
            if c == 0x28 { return true }
            if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { return false }
            i += 1
        }
        return false
    }

    /// One argument of a directive or macro call.
    func directiveArg() throws -> ParseNode {
        switch try peek() {
        case .identifier, .lCurly:
            return try reference()
        case .word:
            return try leaf(.word)
        case .stringLiteral:
            return try leaf(.stringLiteral)
        case .integerLiteral:
            return try leaf(.integerLiteral)
        default:
            if try lookahead(Int.max, { () throws -> Bool in try scanRangePrefix() }) {
                return try integerRange()
            }
            switch try peek() {
            case .floatingPointLiteral: return try leaf(.floatingPointLiteral)
            case .leftCurley: return try map()
            case .lBracket: return try objectArray()
            case .trueLiteral: return try leaf(.trueNode)
            case .falseLiteral: return try leaf(.falseNode)
            default: try fail()
            }
        }
    }

    /// A node made of exactly one token of the kind its type implies.
    func leaf(_ type: ParseNodeType) throws -> ParseNode {
        let n = try open(type)
        let kind: TokenKind
        switch type {
        case .word: kind = .word
        case .stringLiteral: kind = .stringLiteral
        case .integerLiteral: kind = .integerLiteral
        case .floatingPointLiteral: kind = .floatingPointLiteral
        case .trueNode: kind = .trueLiteral
        case .falseNode: kind = .falseLiteral
        case .identifier: kind = .identifier
        default: kind = .eof
        }
        try consume(kind)
        close(n)
        return n
    }
}
