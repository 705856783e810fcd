extension Parser {
    /// `$name[index]*(.member[index]*)*` or the same inside `${ }`.
    func reference() throws -> ParseNode {
        try enter()
        defer { nesting -= 1 }
        let n = try open(.reference)
        switch try peek() {
        case .identifier:
            try consume(.identifier)
            try referenceTail(n, formal: false)
        case .lCurly:
            try consume(.lCurly)
            try consume(.identifier)
            try referenceTail(n, formal: true)
            try consume(.rCurly)
        default:
            try fail()
        }
        close(n)
        return n
    }

    private func referenceTail(_ n: ParseNode, formal: Bool) throws {
        while try peek() == .indexLBracket {
            n.children.append(try index())
        }
        while try lookahead(2, { () throws -> Bool in try scanDotMember() }) {
            try consume(.dot)
            if try lookahead(3, { () throws -> Bool in try scanMethod() }) {
                n.children.append(try method())
            } else if try peek() == .identifier {
                n.children.append(try leaf(.identifier))
            } else {
                try fail()
            }
            while try peek() == .indexLBracket {
                n.children.append(try index())
            }
        }
    }

    /// `name( [param (, param)*] )`
    func method() throws -> ParseNode {
        let n = try open(.method)
        n.children.append(try leaf(.identifier))
        try consume(.lParen)
        if Self.parameterStarts.contains(try peek()) {
            n.children.append(try parameter())
            while try peek() == .comma {
                try consume(.comma)
                n.children.append(try parameter())
            }
        }
        try consume(.refMod2RParen)
        close(n)
        return n
    }

    static let parameterStarts: Set<TokenKind> = [
        .lBracket, .leftCurley, .whitespace, .stringLiteral, .trueLiteral, .falseLiteral,
        .integerLiteral, .floatingPointLiteral, .identifier, .lCurly,
    ]

    /// `[ index-parameter ]`
    func index() throws -> ParseNode {
        try enter()
        defer { nesting -= 1 }
        let n = try open(.index)
        try consume(.indexLBracket)
        try consumeIf(.whitespace)
        switch try peek() {
        case .stringLiteral: n.children.append(try leaf(.stringLiteral))
        case .integerLiteral: n.children.append(try leaf(.integerLiteral))
        case .trueLiteral: n.children.append(try leaf(.trueNode))
        case .falseLiteral: n.children.append(try leaf(.falseNode))
        case .identifier, .lCurly: n.children.append(try reference())
        default: try fail()
        }
        try consumeIf(.whitespace)
        try consume(.indexRBracket)
        close(n)
        return n
    }

    /// A method argument or collection element.
    func parameter() throws -> ParseNode {
        try enter()
        defer { nesting -= 1 }
        try consumeIf(.whitespace)
        let result: ParseNode
        switch try peek() {
        case .stringLiteral: result = try leaf(.stringLiteral)
        case .integerLiteral: result = try leaf(.integerLiteral)
        default:
            if try lookahead(Int.max, { () throws -> Bool in try scanRangePrefix() }) {
                result = try integerRange()
            } else {
                switch try peek() {
                case .leftCurley: result = try map()
                case .lBracket: result = try objectArray()
                case .trueLiteral: result = try leaf(.trueNode)
                case .falseLiteral: result = try leaf(.falseNode)
                case .identifier, .lCurly: result = try reference()
                case .floatingPointLiteral: result = try leaf(.floatingPointLiteral)
                default: try fail()
                }
            }
        }
        try consumeIf(.whitespace)
        return result
    }

    /// `{ [key : value (, key : value)*] }`
    func map() throws -> ParseNode {
        try enter()
        defer { nesting -= 1 }
        let n = try open(.map)
        try consume(.leftCurley)
        if try lookahead(2, { () throws -> Bool in try scanMapEntries() }) {
            n.children.append(try parameter())
            try consume(.colon)
            n.children.append(try parameter())
            while try peek() == .comma {
                try consume(.comma)
                n.children.append(try parameter())
                try consume(.colon)
                n.children.append(try parameter())
            }
        } else {
            try consumeIf(.whitespace)
        }
        switch try peek() {
        case .rightCurley: try consume(.rightCurley)
        case .rCurly: try consume(.rCurly)
        default: try fail()
        }
        close(n)
        return n
    }

    /// `[ [elem (, elem)*] ]`
    func objectArray() throws -> ParseNode {
        try enter()
        defer { nesting -= 1 }
        let n = try open(.objectArray)
        try consume(.lBracket)
        if Self.parameterStarts.contains(try peek()) {
            n.children.append(try parameter())
            while try peek() == .comma {
                try consume(.comma)
                n.children.append(try parameter())
            }
        }
        try consume(.rBracket)
        close(n)
        return n
    }

    /// `[ n .. m ]` where each end is an integer literal or a reference.
    func integerRange() throws -> ParseNode {
        let n = try open(.integerRange)
        try consume(.lBracket)
        try consumeIf(.whitespace)
        n.children.append(try rangeEnd())
        try consumeIf(.whitespace)
        try consume(.doubleDot)
        try consumeIf(.whitespace)
        n.children.append(try rangeEnd())
        try consumeIf(.whitespace)
        try consume(.rBracket)
        close(n)
        return n
    }

    private func rangeEnd() throws -> ParseNode {
        switch try peek() {
        case .identifier, .lCurly: return try reference()
        case .integerLiteral: return try leaf(.integerLiteral)
        default: try fail()
        }
    }
}
