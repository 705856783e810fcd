/// The result of translating a Java pattern.
struct Translation: Sendable {
    let icu: String
    let groupCount: Int
    let namedGroups: [String: Int]
}

/// A translated piece of pattern: ICU text plus what Java's `study()` would compute for it
/// (needed to accept or reject look-behinds as Java does) and how a quantifier applies.
struct Fragment {
    enum Kind {
        /// One character predicate (`a`, `[a-z]`, `\d`, `.`): Java repeats it with its
        /// special greedy node, which look-behinds accept even unbounded.
        case charProperty
        /// A zero-width assertion; ICU needs it grouped before a quantifier.
        case zeroWidth
        /// Nothing at all (Java's empty slice, e.g. before `{2}` at a sequence start).
        case empty
        /// Java's `\R` node: inside a repetition it keeps its first choice (`\r\n` over
        /// `\r`) instead of backtracking into it.
        case lineEnding
        case other
    }

    var icu: String
    var study: StudyNode
    var kind: Kind
}

/// Translates Java regex syntax to ICU syntax. The parser follows the structure of
/// `java.util.regex.Pattern`'s recursive-descent parser (same cursor discipline, same
/// look-ahead helpers, same error checks in the same order), so that the patterns Java
/// rejects are rejected here with Java's description, and the ones it accepts are parsed
/// the same way. Every construct is emitted explicitly (no ICU flags are used), so ICU's
/// own defaults never leak into the semantics.
struct PatternTranslator {
    static let maxReps = Int(Int32.max)
    /// ICU's largest repetition count.
    static let icuMaxCount = 16_777_215
    /// Unbounded repetitions inside a look-behind become `{n,lookbehindCap}` (ICU needs a
    /// bounded look-behind; Java scans back to the start of input).
    static let lookbehindCap = 1000

    // Java's Pattern flag bits.
    static let UNIX_LINES = 0x01
    static let CASE_INSENSITIVE = 0x02
    static let COMMENTS = 0x04
    static let MULTILINE = 0x08
    static let LITERAL = 0x10
    static let DOTALL = 0x20
    static let UNICODE_CASE = 0x40
    static let CANON_EQ = 0x80
    static let UNICODE_CHARACTER_CLASS = 0x100

    /// Code points of the pattern (after `\Q...\E` removal) followed by two zeros, as Java's
    /// `temp` array.
    var temp: [Int]
    var patternLength: Int
    var cursor = 0
    var flags0: Int
    var capturingGroupCount = 1
    var namedGroups: [String: Int] = [:]
    var lookbehindDepth = 0

    static func translate(_ pattern: String, flags: JavaPattern.Flags) throws(JavaRegexError) -> Translation {
        var flagBits = flags.rawValue
        // UNICODE_CHARACTER_CLASS implies UNICODE_CASE, as in Pattern's constructor.
        if flagBits & UNICODE_CHARACTER_CLASS != 0 { flagBits |= UNICODE_CASE }
        var t = PatternTranslator(codePoints: pattern.unicodeScalars.map { Int($0.value) }, flags: flagBits)
        if flagBits & LITERAL != 0 {
            let icu = t.temp[0..<t.patternLength].map { t.singleICU($0) }.joined()
            return Translation(icu: icu, groupCount: 0, namedGroups: [:])
        }
        t.removeQEQuoting()
        let root = try t.expr()
        if t.patternLength != t.cursor {
            if t.peek() == ch(")") { throw t.error("Unmatched closing ')'") }
            throw t.error("Unexpected internal error")
        }
        let groups = t.capturingGroupCount - 1
        return Translation(
            icu: BackReferenceMarker.resolve(root.icu, groupCount: groups), groupCount: groups,
            namedGroups: t.namedGroups)
    }

    init(codePoints: [Int], flags: Int) {
        temp = codePoints + [0, 0]
        patternLength = codePoints.count
        flags0 = flags
    }

    @inline(__always)
    static func ch(_ c: Unicode.Scalar) -> Int { Int(c.value) }

    func has(_ f: Int) -> Bool { flags0 & f != 0 }

    func error(_ message: String) -> JavaRegexError {
        JavaRegexError(message: message, index: cursor - 1)
    }

    // MARK: Cursor primitives (Java's peek/read/next/skip/unread)

    func at(_ i: Int) -> Int { i >= 0 && i < temp.count ? temp[i] : 0 }

    mutating func peek() -> Int {
        var c = at(cursor)
        if has(Self.COMMENTS) { c = peekPastWhitespace(c) }
        return c
    }

    mutating func read() -> Int {
        var c = at(cursor)
        cursor += 1
        if has(Self.COMMENTS) { c = parsePastWhitespace(c) }
        return c
    }

    mutating func next() -> Int {
        cursor += 1
        var c = at(cursor)
        if has(Self.COMMENTS) { c = peekPastWhitespace(c) }
        return c
    }

    mutating func nextEscaped() -> Int {
        cursor += 1
        return at(cursor)
    }

    mutating func skip() -> Int {
        let c = at(cursor + 1)
        cursor += 2
        return c
    }

    mutating func unread() { cursor -= 1 }

    mutating func accept(_ c: Int, _ message: String) throws(JavaRegexError) {
        var test = at(cursor)
        cursor += 1
        if has(Self.COMMENTS) { test = parsePastWhitespace(test) }
        if c != test { throw error(message) }
    }

    static func isASCIISpace(_ c: Int) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    func isLineSeparator(_ c: Int) -> Bool {
        if has(Self.UNIX_LINES) { return c == 0x0A }
        return c == 0x0A || c == 0x0D || (c | 1) == 0x2029 || c == 0x85
    }

    mutating func peekPastWhitespace(_ start: Int) -> Int {
        var c = start
        while Self.isASCIISpace(c) || c == Self.ch("#") {
            while Self.isASCIISpace(c) {
                cursor += 1
                c = at(cursor)
            }
            if c == Self.ch("#") { c = peekPastLine() }
        }
        return c
    }

    mutating func parsePastWhitespace(_ start: Int) -> Int {
        var c = start
        while Self.isASCIISpace(c) || c == Self.ch("#") {
            while Self.isASCIISpace(c) {
                c = at(cursor)
                cursor += 1
            }
            if c == Self.ch("#") { c = parsePastLine() }
        }
        return c
    }

    mutating func parsePastLine() -> Int {
        var c = at(cursor)
        cursor += 1
        while c != 0 && !isLineSeparator(c) {
            c = at(cursor)
            cursor += 1
        }
        if c == 0 && cursor > patternLength {
            cursor = patternLength
            c = at(cursor)
            cursor += 1
        }
        return c
    }

    mutating func peekPastLine() -> Int {
        cursor += 1
        var c = at(cursor)
        while c != 0 && !isLineSeparator(c) {
            cursor += 1
            c = at(cursor)
        }
        if c == 0 && cursor > patternLength {
            cursor = patternLength
            c = at(cursor)
        }
        return c
    }

    /// Java's `RemoveQEQuoting`: rewrites `\Q...\E` into escaped literals before parsing.
    mutating func removeQEQuoting() {
        let pLen = patternLength
        var i = 0
        while i < pLen - 1 {
            if temp[i] != Self.ch("\\") {
                i += 1
            } else if temp[i + 1] != Self.ch("Q") {
                i += 2
            } else {
                break
            }
        }
        if i >= pLen - 1 { return }
        var out = Array(temp[0..<i])
        i += 2
        var inQuote = true
        var beginQuote = true
        while i < pLen {
            let c = temp[i]
            i += 1
            let isASCII = c < 0x80
            let isAlpha = isASCII && ((c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A))
            let isDigit = c >= 0x30 && c <= 0x39
            if !isASCII || isAlpha {
                out.append(c)
            } else if isDigit {
                if beginQuote {
                    out.append(contentsOf: [Self.ch("\\"), Self.ch("x"), Self.ch("3")])
                }
                out.append(c)
            } else if c != Self.ch("\\") {
                if inQuote { out.append(Self.ch("\\")) }
                out.append(c)
            } else if inQuote {
                if at(i) == Self.ch("E") {
                    i += 1
                    inQuote = false
                } else {
                    out.append(contentsOf: [Self.ch("\\"), Self.ch("\\")])
                }
            } else {
                if at(i) == Self.ch("Q") {
                    i += 1
                    inQuote = true
                    beginQuote = true
                    continue
                }
                out.append(c)
                if i != pLen {
                    out.append(temp[i])
                    i += 1
                }
            }
            beginQuote = false
        }
        patternLength = out.count
        temp = out + [0, 0]
    }
}
