/// The token patterns of Velocity 1.7's grammar. Each function returns the length (in UTF-16
/// units) of the longest match of one pattern at offset `i`, or 0 when it does not match.
extension Lexer {
    @inline(__always) func at(_ i: Int) -> UInt16? { i < src.count ? src[i] : nil }

    @inline(__always) static func isAlpha(_ c: UInt16) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
    }

    @inline(__always) static func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `[a-zA-Z0-9_@]`, the characters of directive names.
    @inline(__always) static func isDirectiveChar(_ c: UInt16) -> Bool {
        isAlpha(c) || isDigit(c) || c == 0x5F || c == 0x40
    }

    /// `[a-zA-Z0-9_-]`, the characters of reference identifiers.
    @inline(__always) static func isIdentifierChar(_ c: UInt16) -> Bool {
        isAlpha(c) || isDigit(c) || c == 0x5F || c == 0x2D
    }

    func lit(_ i: Int, _ s: StaticString) -> Int {
        let n = s.utf8CodeUnitCount
        guard i + n <= src.count else { return 0 }
        let p = s.utf8Start
        for k in 0..<n where src[i + k] != UInt16(p[k]) { return 0 }
        return n
    }

    /// `(" "|"\t")* ("#set" | "#{set}") (" ")* "("`
    func setDirective(_ i: Int) -> Int {
        var j = i
        while let c = at(j), c == 0x20 || c == 0x09 { j += 1 }
        let k = lit(j, "#set") + lit(j, "#{set}")
        guard k > 0 else { return 0 }
        j += k
        while at(j) == 0x20 { j += 1 }
        return at(j) == 0x28 ? j + 1 - i : 0
    }

    /// `(<ALPHA> | "_") (<ALPHA> | <DIGIT> | "-" | "_")*`
    func identifier(_ i: Int) -> Int {
        guard let c = at(i), Self.isAlpha(c) || c == 0x5F else { return 0 }
        var j = i + 1
        while let d = at(j), Self.isIdentifierChar(d) { j += 1 }
        return j - i
    }

    /// `"." <ALPHA>` (the action pushes the letter back).
    func dot(_ i: Int) -> Int {
        guard at(i) == 0x2E, let c = at(i + 1), Self.isAlpha(c) else { return 0 }
        return 2
    }

    /// `"$[" | "$![" | "$\![" | "$."`
    func emptyIndex(_ i: Int) -> Int {
        max(lit(i, "$["), lit(i, "$!["), lit(i, "$\\!["), lit(i, "$."))
    }

    /// `[" ", "\t", "\n", "\r"]+`
    func whitespace(_ i: Int) -> Int {
        var j = i
        while let c = at(j), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { j += 1 }
        return j - i
    }

    /// `"\n" | "\r" | "\r\n"`
    func newline(_ i: Int) -> Int {
        switch at(i) {
        case 0x0A: return 1
        case 0x0D: return at(i + 1) == 0x0A ? 2 : 1
        default: return 0
        }
    }

    /// A run of blanks followed by a newline, or 0 (the optional tail of `)`, `#end`, `#else`).
    func blanksThenNewline(_ i: Int) -> Int {
        var j = i
        while let c = at(j), c == 0x20 || c == 0x09 { j += 1 }
        let n = newline(j)
        return n > 0 ? j + n - i : 0
    }

    /// `")" ((" " | "\t")* ("\n" | "\r" | "\r\n"))?`
    func rparen(_ i: Int) -> Int {
        guard at(i) == 0x29 else { return 0 }
        return 1 + blanksThenNewline(i + 1)
    }

    /// `("end" | "{end}") ((" " | "\t")* <newline>)?`
    func endDirective(_ i: Int) -> Int {
        let n = max(lit(i, "end"), lit(i, "{end}"))
        return n > 0 ? n + blanksThenNewline(i + n) : 0
    }

    /// `("else" | "{else}") ((" " | "\t")* <newline>)?`
    func elseDirective(_ i: Int) -> Int {
        let n = max(lit(i, "else"), lit(i, "{else}"))
        return n > 0 ? n + blanksThenNewline(i + n) : 0
    }

    /// A string literal: `"` (any but `"`, or `""`)* `"`, or the same with `'`. Literals may span
    /// lines; the longest prefix that closes the literal is taken.
    func stringLiteral(_ i: Int) -> Int {
        guard let q = at(i), q == 0x22 || q == 0x27 else { return 0 }
        var j = i + 1
        var best = 0
        while let c = at(j) {
            if c == q {
                best = j + 1 - i
                if at(j + 1) == q {
                    j += 2
                    continue
                }
                break
            }
            j += 1
        }
        return best
    }

    /// `("-")? <DIGIT>+ ("..")?`
    func integerLiteral(_ i: Int) -> Int {
        var j = i
        if at(j) == 0x2D { j += 1 }
        let digitsStart = j
        while let c = at(j), Self.isDigit(c) { j += 1 }
        guard j > digitsStart else { return 0 }
        if lit(j, "..") > 0 { j += 2 }
        return j - i
    }

    /// `("-")? <DIGIT>+ "." <DIGIT>* <EXP>? | ("-")? "." <DIGIT>+ <EXP>? | ("-")? <DIGIT>+ <EXP>`
    func floatLiteral(_ i: Int) -> Int {
        var j = i
        if at(j) == 0x2D { j += 1 }
        let intStart = j
        while let c = at(j), Self.isDigit(c) { j += 1 }
        let intDigits = j - intStart
        if at(j) == 0x2E {
            let fracStart = j + 1
            var k = fracStart
            while let c = at(k), Self.isDigit(c) { k += 1 }
            let fracDigits = k - fracStart
            if intDigits > 0 || fracDigits > 0 {
                return k + exponent(k) - i
            }
            return 0
        }
        if intDigits > 0 {
            let e = exponent(j)
            return e > 0 ? j + e - i : 0
        }
        return 0
    }

    /// `["e","E"] (["+","-"])? (["0"-"9"])+`
    private func exponent(_ i: Int) -> Int {
        guard let c = at(i), c == 0x65 || c == 0x45 else { return 0 }
        var j = i + 1
        if let s = at(j), s == 0x2B || s == 0x2D { j += 1 }
        let d = j
        while let c = at(j), Self.isDigit(c) { j += 1 }
        return j > d ? j - i : 0
    }

    /// `(<LETTER> | "_" | "@") (<DIRECTIVE_CHAR>)*`
    func word(_ i: Int) -> Int {
        guard let c = at(i), Self.isAlpha(c) || c == 0x5F || c == 0x40 else { return 0 }
        var j = i + 1
        while let d = at(j), Self.isDirectiveChar(d) { j += 1 }
        return j - i
    }

    /// `"{" (<LETTER> | "_") (<DIRECTIVE_CHAR>)* "}"`
    func bracketedWord(_ i: Int) -> Int {
        guard at(i) == 0x7B, let c = at(i + 1), Self.isAlpha(c) || c == 0x5F else { return 0 }
        var j = i + 2
        while let d = at(j), Self.isDirectiveChar(d) { j += 1 }
        return at(j) == 0x7D ? j + 1 - i : 0
    }

    /// `("\\\\")* "\\#" (<WORD> | <BRACKETED_WORD>)`: an odd run of backslashes, `#`, a name.
    func escapeDirective(_ i: Int) -> Int {
        var j = i
        while at(j) == 0x5C { j += 1 }
        let n = j - i
        guard n % 2 == 1, at(j) == 0x23 else { return 0 }
        let w = max(word(j + 1), bracketedWord(j + 1))
        return w > 0 ? n + 1 + w : 0
    }

    /// `(~["$", "#", "\\"])+`
    func textRun(_ i: Int) -> Int {
        var j = i
        while let c = at(j), c != 0x24 && c != 0x23 && c != 0x5C { j += 1 }
        return j - i
    }
}
