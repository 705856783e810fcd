/// Token kinds of the Velocity 1.7 template grammar.
///
/// The raw values follow the order in which Velocity's grammar declares its tokens: when two
/// token patterns match equally long input, the one declared first wins (the JavaCC rule), and
/// the lexer reproduces that by comparing these numbers.
enum TokenKind: UInt8, Sendable {
    case eof = 0
    case indexLBracket = 1, indexRBracket = 2
    case lBracket = 3, rBracket = 4, comma = 5, doubleDot = 6, colon = 7
    case leftCurley = 8, rightCurley = 9
    case lParen = 10, rParen = 11, refMod2RParen = 12
    case escapeDirective = 13, setDirective = 14
    case dollar = 15, dollarBang = 16, textblockStart = 17, formalCommentStart = 18
    case multiCommentStart = 19, hash = 20
    case singleLineCommentStart = 21, doubleEscape = 22, escape = 23, text = 24
    case singleLineComment = 25, formalComment = 26, multiLineComment = 27, textblock = 28
    case skipAny = 29, moreAny = 30
    case whitespace = 31, stringLiteral = 32, trueLiteral = 33, falseLiteral = 34, newline = 35
    case minus = 36, plus = 37, multiply = 38, divide = 39, modulus = 40
    case logicalAnd = 41, logicalOr = 42, logicalLT = 43, logicalLE = 44, logicalGT = 45
    case logicalGE = 46, logicalEquals = 47, logicalNotEquals = 48, logicalNot = 49, equals = 50
    case end = 51, ifDirective = 52, elseIfDirective = 53, elseDirective = 54
    case integerLiteral = 56, floatingPointLiteral = 57
    case word = 61, bracketedWord = 62
    case identifier = 66, dot = 67, lCurly = 68, rCurly = 69
    case referenceTerminator = 70, directiveTerminator = 71, emptyIndex = 72

    /// What the lexer does with a match of this kind.
    var category: TokenCategory {
        switch self {
        case .dollar, .dollarBang, .textblockStart, .formalCommentStart, .multiCommentStart, .hash,
            .moreAny:
            return .more
        case .skipAny: return .skip
        case .referenceTerminator, .directiveTerminator: return .special
        default: return .token
        }
    }

    /// A short human description used in diagnostics.
    var displayName: String {
        switch self {
        case .eof: return "end of template"
        case .stringLiteral: return "string literal"
        case .integerLiteral, .floatingPointLiteral: return "number"
        case .whitespace: return "whitespace"
        case .newline: return "newline"
        case .identifier: return "identifier"
        case .word, .bracketedWord: return "word"
        default: return "\(self)"
        }
    }
}

/// How the lexer treats a match: returned as a token, glued onto the next match (MORE),
/// dropped (SKIP) or kept aside and attached to the next token (SPECIAL_TOKEN).
enum TokenCategory: Sendable { case token, more, skip, special }

/// One token, linked to its successor like JavaCC tokens (the parser walks `next` to compute
/// the literal text of a node) and to the special tokens that preceded it.
final class Token {
    let kind: TokenKind
    /// The matched text including any MORE prefix; some node initialisers rewrite it, as
    /// Velocity does (for example a reference drops its leading backslashes).
    var image: String
    /// UTF-16 offset of the first character of the token (including the MORE prefix).
    let begin: Int
    /// Special tokens (reference and directive terminators) met just before this token.
    var specialToken: Token?
    /// The next regular token, filled in as the parser fetches tokens.
    var next: Token?

    init(kind: TokenKind, image: String, begin: Int) {
        self.kind = kind
        self.image = image
        self.begin = begin
    }
}

/// A position in template source: 1-based line and column (columns count UTF-16 units).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Maps UTF-16 offsets of one source text to line:column positions.
struct LineTable: Sendable {
    private var lineStarts: [Int] = [0]

    init(_ units: [UInt16]) {
        var i = 0
        while i < units.count {
            let u = units[i]
            if u == 0x0A {
                lineStarts.append(i + 1)
            } else if u == 0x0D {
                if i + 1 < units.count && units[i + 1] == 0x0A { i += 1 }
                lineStarts.append(i + 1)
            }
            i += 1
        }
    }

    func location(_ offset: Int) -> SourceLocation {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(line: lo + 1, column: offset - lineStarts[lo] + 1)
    }
}
