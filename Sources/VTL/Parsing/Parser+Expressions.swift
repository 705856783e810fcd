extension Parser {
    /// `Expression()`: an `.expression` node around an or-expression.
    func expression() throws -> ParseNode {
        let n = try open(.expression)
        n.children.append(try orExpression())
        close(n)
        return n
    }

    /// Builds a binary node the way JJTree's `#Node(2)` does: opened after the operator (so its
    /// first token is the right operand's), holding the left and right operands.
    private func binary(
        _ type: ParseNodeType, _ left: ParseNode,
        _ right: () throws -> ParseNode
    ) throws -> ParseNode {
        let n = try open(type)
        let r = try right()
        n.children = [left, r]
        close(n)
        return n
    }

    func orExpression() throws -> ParseNode {
        var left = try andExpression()
        while try peek() == .logicalOr {
            try consume(.logicalOr)
            left = try binary(.orNode, left) { () throws in try andExpression() }
        }
        return left
    }

    func andExpression() throws -> ParseNode {
        var left = try equalityExpression()
        while try peek() == .logicalAnd {
            try consume(.logicalAnd)
            left = try binary(.andNode, left) { () throws in try equalityExpression() }
        }
        return left
    }

    func equalityExpression() throws -> ParseNode {
        var left = try relationalExpression()
        while true {
            let k = try peek()
            let type: ParseNodeType
            switch k {
            case .logicalEquals: type = .eqNode
            case .logicalNotEquals: type = .neNode
            default: return left
            }
            try consume(k)
            left = try binary(type, left) { () throws in try relationalExpression() }
        }
    }

    func relationalExpression() throws -> ParseNode {
        var left = try additiveExpression()
        while true {
            let k = try peek()
            let type: ParseNodeType
            switch k {
            case .logicalLT: type = .ltNode
            case .logicalGT: type = .gtNode
            case .logicalLE: type = .leNode
            case .logicalGE: type = .geNode
            default: return left
            }
            try consume(k)
            left = try binary(type, left) { () throws in try additiveExpression() }
        }
    }

    func additiveExpression() throws -> ParseNode {
        var left = try multiplicativeExpression()
        while true {
            let k = try peek()
            let type: ParseNodeType
            switch k {
            case .plus: type = .addNode
            case .minus: type = .subtractNode
            default: return left
            }
            try consume(k)
            left = try binary(type, left) { () throws in try multiplicativeExpression() }
        }
    }

    func multiplicativeExpression() throws -> ParseNode {
        var left = try unaryExpression()
        while true {
            let k = try peek()
            let type: ParseNodeType
            switch k {
            case .multiply: type = .mulNode
            case .divide: type = .divNode
            case .modulus: type = .modNode
            default: return left
            }
            try consume(k)
            left = try binary(type, left) { () throws in try unaryExpression() }
        }
    }

    func unaryExpression() throws -> ParseNode {
        try enter()
        defer { nesting -= 1 }
        if try lookahead(2, { () throws -> Bool in try scanNotPrefix() }) {
            try consumeIf(.whitespace)
            try consume(.logicalNot)
            let n = try open(.notNode)
            n.children = [try unaryExpression()]
            close(n)
            return n
        }
        switch try peek() {
        case .lBracket, .leftCurley, .lParen, .whitespace, .stringLiteral, .trueLiteral,
            .falseLiteral, .integerLiteral, .floatingPointLiteral, .identifier, .lCurly:
            return try primaryExpression()
        default:
            try fail()
        }
    }

    func primaryExpression() throws -> ParseNode {
        try consumeIf(.whitespace)
        let result: ParseNode
        switch try peek() {
        case .stringLiteral: result = try leaf(.stringLiteral)
        case .identifier, .lCurly: result = try reference()
        case .integerLiteral: result = try leaf(.integerLiteral)
        default:
            if try lookahead(Int.max, { () throws -> Bool in try scanRangePrefix() }) {
                result = try integerRange()
            } else {
                switch try peek() {
                case .floatingPointLiteral: result = try leaf(.floatingPointLiteral)
                case .leftCurley: result = try map()
                case .lBracket: result = try objectArray()
                case .trueLiteral: result = try leaf(.trueNode)
                case .falseLiteral: result = try leaf(.falseNode)
                case .lParen:
                    try consume(.lParen)
                    result = try expression()
                    try consume(.rParen)
                default: try fail()
                }
            }
        }
        try consumeIf(.whitespace)
        return result
    }
}
