/// A template that failed to parse: where, and why.
public struct VTLSyntaxError: Error, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `line:column: message`, e.g. `3:17: unexpected #end`.
    public var description: String { "\(location): \(message)" }
}

/// Why parsing stopped: a grammar error, a lexical error, or (internally) a successful
/// limited lookahead, which JavaCC also signals by unwinding.
enum ParseFailure: Error {
    /// Token `image` at UTF-16 offset `offset` does not fit the grammar.
    case unexpected(offset: Int, image: String, kind: TokenKind)
    case lexical(LexError)
    /// A malformed macro definition or call (Velocity's MacroParseException).
    case macro(offset: Int, message: String)
    case lookaheadSuccess
    /// Directives or expressions nested deeper than the limit.
    case tooDeep(offset: Int)

    static func unexpected(_ t: Token) -> ParseFailure {
        .unexpected(offset: t.begin, image: t.image, kind: t.kind)
    }

    static func macro(_ t: Token, _ message: String) -> ParseFailure {
        .macro(offset: t.begin, message: message)
    }
}

/// Built-in directives of Velocity 1.7 and whether they take a block (`#end`).
enum BuiltinDirective {
    static let blockDirectives: Set<String> = ["foreach", "macro", "literal", "define"]
    static let lineDirectives: Set<String> = ["include", "parse", "evaluate", "break", "stop"]

    static func isDirective(_ name: String) -> Bool {
        blockDirectives.contains(name) || lineDirectives.contains(name)
    }
}

/// Recursive-descent parser reproducing Velocity 1.7's generated parser, including its
/// limited (2- and 3-token) lookaheads and the places where it steers the lexer, since both
/// decide what a template means.
final class Parser {
    var lexer: Lexer
    /// The last consumed token (JavaCC's `token`).
    var token: Token
    /// Macro names defined so far in this parse (used when deciding what `\#name` means).
    var macroNames: Set<String> = []
    /// Names of macros already registered when this parse began (Velocity's `isVelocimacro`).
    let knownMacros: Set<String>
    /// Deepest nesting of statements/expressions allowed (keeps recursion bounded).
    let maxNesting: Int
    var nesting = 0
    /// Nesting of the recursive lookahead scans (bounded like parsing).
    var scanNesting = 0

    // Limited-lookahead state (JavaCC's jj_scanpos, jj_lastpos, jj_la).
    var scanpos: Token
    var lastpos: Token
    var la = 0

    init(units: [UInt16], knownMacros: Set<String> = [], maxNesting: Int = 100) {
        self.maxNesting = maxNesting
        self.lexer = Lexer(units)
        let start = Token(kind: .eof, image: "", begin: 0)
        self.token = start
        self.scanpos = start
        self.lastpos = start
        self.knownMacros = knownMacros
    }

    // MARK: - Token access

    /// The token `k` positions ahead (0 = the last consumed one), fetching as needed.
    func getToken(_ k: Int) throws -> Token {
        var t = token
        for _ in 0..<k {
            if let n = t.next {
                t = n
            } else {
                let n = try fetch()
                t.next = n
                t = n
            }
        }
        return t
    }

    func fetch() throws -> Token {
        do {
            return try lexer.nextToken()
        } catch {
            throw ParseFailure.lexical(error)
        }
    }

    /// Kind of the next token.
    func peek() throws -> TokenKind { try getToken(1).kind }

    @discardableResult
    func consume(_ kind: TokenKind) throws -> Token {
        let n = try getToken(1)
        guard n.kind == kind else {
            throw ParseFailure.unexpected(n)
        }
        token = n
        return n
    }

    func consumeIf(_ kind: TokenKind) throws {
        if try peek() == kind { token = try getToken(1) }
    }

    func fail() throws -> Never {
        let n = try getToken(1)
        throw ParseFailure.unexpected(n)
    }

    /// Opens a node: its first token is the next token (JJTree's `jjtOpen`).
    func open(_ type: ParseNodeType) throws -> ParseNode {
        ParseNode(type, first: try getToken(1))
    }

    /// Closes a node: its last token is the last consumed one (JJTree's `jjtClose`).
    func close(_ n: ParseNode) {
        n.last = token
    }

    // MARK: - Limited lookahead (JavaCC's jj_2_x / jj_scan_token)

    /// Runs `scan` as a syntactic lookahead limited to `limit` tokens; true when it matches.
    func lookahead(_ limit: Int, _ scan: () throws -> Bool) throws -> Bool {
        la = limit
        scanpos = token
        lastpos = token
        scanNesting = nesting
        do {
            return try !scan()
        } catch ParseFailure.lookaheadSuccess {
            return true
        }
    }

    /// Scans one token; returns true when it does NOT match (JavaCC's convention).
    func scanToken(_ kind: TokenKind) throws -> Bool {
        if scanpos === lastpos {
            la -= 1
            if let n = scanpos.next {
                scanpos = n
            } else {
                let n = try fetch()
                scanpos.next = n
                scanpos = n
            }
            lastpos = scanpos
        } else if let n = scanpos.next {
            scanpos = n
        }
        if scanpos.kind != kind { return true }
        if la == 0 && scanpos === lastpos { throw ParseFailure.lookaheadSuccess }
        return false
    }

    /// Optional element in a scan: tries `scan`, rewinding when it does not match.
    func scanOptional(_ scan: () throws -> Bool) throws {
        let save = scanpos
        if try scan() { scanpos = save }
    }

    /// Zero-or-more repetition in a scan.
    func scanRepeat(_ scan: () throws -> Bool) throws {
        while true {
            let save = scanpos
            if try scan() {
                scanpos = save
                return
            }
        }
    }

    /// Ordered choice in a scan: true (no match) when every alternative fails.
    func scanChoice(_ alts: [() throws -> Bool]) throws -> Bool {
        let save = scanpos
        for alt in alts {
            scanpos = save
            if try !alt() { return false }
        }
        return true
    }

    // MARK: - Entry point

    /// Parses a whole template (`process()` in the grammar).
    func parseProcess() throws -> ParseNode {
        let root = try open(.process)
        while Self.statementStarts.contains(try peek()) {
            try statement(into: root)
        }
        try consume(.eof)
        close(root)
        return root
    }

    /// Tokens that may start a statement (the follow set of `( Statement() )*`).
    static let statementStarts: Set<TokenKind> = [
        .lParen, .rParen, .escapeDirective, .setDirective, .singleLineCommentStart, .doubleEscape,
        .escape, .text, .formalComment, .multiLineComment, .textblock, .stringLiteral,
        .ifDirective, .integerLiteral, .floatingPointLiteral, .word, .bracketedWord, .identifier,
        .dot, .lCurly, .rCurly, .emptyIndex,
    ]

    /// Parses statements into a new `.block` node until a token that cannot start one.
    func block() throws -> ParseNode {
        let b = try open(.block)
        while Self.statementStarts.contains(try peek()) {
            try statement(into: b)
        }
        close(b)
        return b
    }

    /// Enters one level of nesting; fails beyond the limit.
    func enter() throws {
        nesting += 1
        if nesting > maxNesting { throw ParseFailure.tooDeep(offset: try getToken(1).begin) }
    }

    func statement(into parent: ParseNode) throws {
        try enter()
        defer { nesting -= 1 }
        let k = try peek()
        if k == .ifDirective {
            parent.children.append(try ifStatement())
            return
        }
        if try lookahead(2, { () throws -> Bool in try scanReference() }) {
            parent.children.append(try reference())
            return
        }
        switch k {
        case .singleLineCommentStart, .formalComment, .multiLineComment:
            parent.children.append(try comment())
        case .textblock:
            let n = try open(.textblock)
            try consume(.textblock)
            close(n)
            parent.children.append(n)
        case .setDirective:
            parent.children.append(try setDirective())
        case .escapeDirective:
            let n = try open(.escapedDirective)
            let t = try consume(.escapeDirective)
            close(n)
            t.image = escapedDirective(t.image)
            parent.children.append(n)
        case .doubleEscape:
            parent.children.append(try escape())
        case .word, .bracketedWord:
            parent.children.append(try directive())
        case .lParen, .rParen, .escape, .text, .stringLiteral, .integerLiteral,
            .floatingPointLiteral, .dot, .lCurly, .rCurly, .emptyIndex:
            let n = try open(.text)
            token = try getToken(1)
            close(n)
            parent.children.append(n)
        default:
            try fail()
        }
    }

    func comment() throws -> ParseNode {
        let n = try open(.comment)
        switch try peek() {
        case .singleLineCommentStart:
            try consume(.singleLineCommentStart)
            try consumeIf(.singleLineComment)
        case .multiLineComment, .formalComment:
            token = try getToken(1)
        default:
            try fail()
        }
        close(n)
        return n
    }

    /// Velocity's `escapedDirective`: `\#if` becomes `#if`, `\\\#set` becomes `\#set`, but an
    /// escaped unknown directive keeps all its backslashes.
    func escapedDirective(_ image: String) -> String {
        let units = Array(image.utf16)
        guard let iLast = units.lastIndex(of: 0x5C) else { return image }
        let directive = Array(units[(iLast + 1)...])
        var tag = Array(directive.dropFirst())
        if tag.first == 0x7B { tag = Array(tag.dropFirst().dropLast()) }
        let name = String(decoding: tag, as: UTF16.self)
        let recognized =
            BuiltinDirective.isDirective(name) || macroNames.contains(name)
            || knownMacros.contains(name)
            || ["if", "end", "set", "else", "elseif"].contains(name)
        guard recognized else { return image }
        return String(decoding: units[0..<(iLast / 2)] + directive, as: UTF16.self)
    }

    /// A run of `\\` (each renders as one or two backslashes depending on what follows).
    func escape() throws -> ParseNode {
        let n = try open(.escape)
        var count = 0
        var t: Token
        repeat {
            t = try consume(.doubleEscape)
            count += 1
        } while try lookahead(2, { () throws -> Bool in try scanToken(.doubleEscape) })
        close(n)
        var control = false
        if let next = t.next {
            switch next.kind {
            case .ifDirective, .elseDirective, .elseIfDirective, .end: control = true
            default: break
            }
            let tag = String(next.image.dropFirst())
            if BuiltinDirective.isDirective(tag) || macroNames.contains(tag) || knownMacros.contains(tag) {
                control = true
            }
        }
        n.escapeValue = String(repeating: control ? "\\" : "\\\\", count: count)
        return n
    }
}
