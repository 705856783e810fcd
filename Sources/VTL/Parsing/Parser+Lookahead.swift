/// Scanning versions of the productions, used by the limited lookaheads. Like JavaCC's
/// `jj_3` routines they return true when the input does NOT match, and unwind with
/// `.lookaheadSuccess` as soon as the lookahead's token budget is used up by a match.
extension Parser {
    typealias Scan = () throws -> Bool

    func scanSequence(_ parts: Scan...) throws -> Bool {
        for p in parts where try p() { return true }
        return false
    }

    func tok(_ k: TokenKind) -> Scan { { () throws -> Bool in try self.scanToken(k) } }

    func optWhitespace() throws {
        try scanOptional(tok(.whitespace))
    }

    /// Enters one level of a recursive scan; fails (like the parse would) beyond the limit.
    func enterScan() throws {
        scanNesting += 1
        if scanNesting > maxNesting { throw ParseFailure.tooDeep(offset: scanpos.begin) }
    }

    /// Reference: `IDENTIFIER Index* (DOT member Index*)*` or `LCURLY IDENTIFIER ... RCURLY`.
    func scanReference() throws -> Bool {
        try enterScan()
        defer { scanNesting -= 1 }
        return try scanChoice([
            { () throws -> Bool in
                if try self.scanToken(.identifier) { return true }
                try self.scanRepeat { () throws -> Bool in try self.scanIndex() }
                try self.scanRepeat { () throws -> Bool in try self.scanDotMember() }
                return false
            },
            { () throws -> Bool in
                if try self.scanToken(.lCurly) { return true }
                if try self.scanToken(.identifier) { return true }
                try self.scanRepeat { () throws -> Bool in try self.scanIndex() }
                try self.scanRepeat { () throws -> Bool in try self.scanDotMember() }
                return try self.scanToken(.rCurly)
            },
        ])
    }

    /// `DOT (Method | IDENTIFIER) Index*`
    func scanDotMember() throws -> Bool {
        if try scanToken(.dot) { return true }
        if try scanChoice([
            { () throws -> Bool in try self.scanMethod() },
            tok(.identifier),
        ]) {
            return true
        }
        try scanRepeat { () throws -> Bool in try self.scanIndex() }
        return false
    }

    /// `IDENTIFIER LPAREN [Parameter (COMMA Parameter)*] REFMOD2_RPAREN`
    func scanMethod() throws -> Bool {
        if try scanToken(.identifier) { return true }
        if try scanToken(.lParen) { return true }
        try scanOptional { () throws -> Bool in
            if try self.scanParameter() { return true }
            try self.scanRepeat { () throws -> Bool in
                try self.scanSequence(self.tok(.comma), { () throws -> Bool in try self.scanParameter() })
            }
            return false
        }
        return try scanToken(.refMod2RParen)
    }

    /// `INDEX_LBRACKET [ws] (STRING | INT | TRUE | FALSE | Reference) [ws] INDEX_RBRACKET`
    func scanIndex() throws -> Bool {
        if try scanToken(.indexLBracket) { return true }
        try optWhitespace()
        if try scanChoice([
            tok(.stringLiteral), tok(.integerLiteral), tok(.trueLiteral), tok(.falseLiteral),
            { () throws -> Bool in try self.scanReference() },
        ]) {
            return true
        }
        try optWhitespace()
        return try scanToken(.indexRBracket)
    }

    /// A method argument or collection element.
    func scanParameter() throws -> Bool {
        try enterScan()
        defer { scanNesting -= 1 }
        try optWhitespace()
        if try scanChoice([
            tok(.stringLiteral), tok(.integerLiteral),
            { () throws -> Bool in try self.scanIntegerRange() },
            { () throws -> Bool in try self.scanMap() },
            { () throws -> Bool in try self.scanObjectArray() },
            tok(.trueLiteral), tok(.falseLiteral),
            { () throws -> Bool in try self.scanReference() },
            tok(.floatingPointLiteral),
        ]) {
            return true
        }
        try optWhitespace()
        return false
    }

    /// `LEFT_CURLEY (entries | [ws]) (RIGHT_CURLEY | RCURLY)`
    func scanMap() throws -> Bool {
        if try scanToken(.leftCurley) { return true }
        if try scanChoice([
            { () throws -> Bool in try self.scanMapEntries() },
            { () throws -> Bool in
                try self.optWhitespace()
                return false
            },
        ]) {
            return true
        }
        return try scanChoice([tok(.rightCurley), tok(.rCurly)])
    }

    /// `Parameter COLON Parameter (COMMA Parameter COLON Parameter)*`
    func scanMapEntries() throws -> Bool {
        let param: Scan = { () throws -> Bool in try self.scanParameter() }
        if try scanSequence(param, tok(.colon), param) { return true }
        try scanRepeat { () throws -> Bool in
            try self.scanSequence(self.tok(.comma), param, self.tok(.colon), param)
        }
        return false
    }

    /// `LBRACKET [Parameter (COMMA Parameter)*] RBRACKET`
    func scanObjectArray() throws -> Bool {
        if try scanToken(.lBracket) { return true }
        try scanOptional { () throws -> Bool in
            if try self.scanParameter() { return true }
            try self.scanRepeat { () throws -> Bool in
                try self.scanSequence(self.tok(.comma), { () throws -> Bool in try self.scanParameter() })
            }
            return false
        }
        return try scanToken(.rBracket)
    }

    private func scanRangeEnd() throws -> Bool {
        try scanChoice([
            { () throws -> Bool in try self.scanReference() },
            tok(.integerLiteral),
        ])
    }

    /// The whole `[n..m]` production.
    func scanIntegerRange() throws -> Bool {
        if try scanRangePrefix() { return true }
        try optWhitespace()
        if try scanRangeEnd() { return true }
        try optWhitespace()
        return try scanToken(.rBracket)
    }

    /// `LBRACKET [ws] (Reference | INT) [ws] DOUBLEDOT`: how the grammar tells a range from a
    /// list literal.
    func scanRangePrefix() throws -> Bool {
        if try scanToken(.lBracket) { return true }
        try optWhitespace()
        if try scanRangeEnd() { return true }
        try optWhitespace()
        return try scanToken(.doubleDot)
    }

    /// `[ws] [COMMA [ws]] DirectiveArg`
    func scanDirectiveArgPrefix() throws -> Bool {
        try optWhitespace()
        try scanOptional { () throws -> Bool in
            if try self.scanToken(.comma) { return true }
            try self.optWhitespace()
            return false
        }
        return try scanChoice([
            { () throws -> Bool in try self.scanReference() },
            tok(.word), tok(.stringLiteral), tok(.integerLiteral),
            { () throws -> Bool in try self.scanIntegerRange() },
            tok(.floatingPointLiteral),
            { () throws -> Bool in try self.scanMap() },
            { () throws -> Bool in try self.scanObjectArray() },
            tok(.trueLiteral), tok(.falseLiteral),
        ])
    }

    /// `[ws] LOGICAL_NOT UnaryExpression`
    func scanNotPrefix() throws -> Bool {
        try enterScan()
        defer { scanNesting -= 1 }
        try optWhitespace()
        if try scanToken(.logicalNot) { return true }
        return try scanChoice([
            { () throws -> Bool in try self.scanNotPrefix() },
            { () throws -> Bool in try self.scanPrimary() },
        ])
    }

    /// The start of a primary expression (as JavaCC generated it: only the first token of a
    /// parenthesised expression is scanned).
    func scanPrimary() throws -> Bool {
        try optWhitespace()
        return try scanChoice([
            tok(.stringLiteral),
            { () throws -> Bool in try self.scanReference() },
            tok(.integerLiteral),
            { () throws -> Bool in try self.scanIntegerRange() },
            tok(.floatingPointLiteral),
            { () throws -> Bool in try self.scanMap() },
            { () throws -> Bool in try self.scanObjectArray() },
            tok(.trueLiteral), tok(.falseLiteral), tok(.lParen),
        ])
    }
}
