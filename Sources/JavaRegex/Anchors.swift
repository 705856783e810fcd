/// Java's anchors, `.` and word boundaries written out explicitly, because ICU's own
/// versions use a different set of line terminators (ICU adds U+000B and U+000C) and a
/// different notion of word character.
enum Anchors {
    /// Java's line terminators besides `\n`: `\r`, U+0085, U+2028, U+2029.
    static let otherTerminators = "\\r\\x{85}\\x{2028}\\x{2029}"

    /// `.`: any character but a line terminator (only `\n` with UNIX_LINES; anything with
    /// DOTALL).
    static func dot(dotAll: Bool, unixLines: Bool) -> String {
        if dotAll { return "[\\x{0}-\\x{10FFFF}]" }
        if unixLines { return "[^\\n]" }
        return "[^\\n" + otherTerminators + "]"
    }

    /// `^`: start of input, or (MULTILINE) after a line terminator except at the end of
    /// input and between `\r` and `\n`.
    static func caret(multiline: Bool, unixLines: Bool) -> Fragment {
        let icu: String
        if !multiline {
            icu = "\\A"
        } else if unixLines {
            icu = "(?:(?!\\z)(?:\\A|(?<=\\n)))"
        } else {
            icu = "(?:(?!\\z)(?:\\A|(?<=[\\n\\x{85}\\x{2028}\\x{2029}])|(?<=\\r)(?!\\n)))"
        }
        return Fragment(icu: icu, study: .zeroWidth, kind: .zeroWidth)
    }

    /// `$` (and `\Z` with multiline false): end of input, or before a final line terminator
    /// (`\r\n` counts as one); with MULTILINE before any line terminator. Never between
    /// `\r` and `\n`.
    static func dollar(multiline: Bool, unixLines: Bool) -> Fragment {
        let icu: String
        switch (multiline, unixLines) {
        case (false, false):
            icu = "(?:\\z|(?=\\r\\n\\z)|(?=[" + otherTerminators + "]\\z)|(?<!\\r)(?=\\n\\z))"
        case (true, false):
            icu = "(?:\\z|(?=[" + otherTerminators + "])|(?<!\\r)(?=\\n))"
        case (false, true):
            icu = "(?:\\z|(?=\\n\\z))"
        case (true, true):
            icu = "(?:\\z|(?=\\n))"
        }
        return Fragment(icu: icu, study: .zeroWidth, kind: .zeroWidth)
    }

    /// `\b` / `\B` as Java 17 defines a word character: a letter, a decimal digit or `_`
    /// (with UNICODE_CHARACTER_CLASS, Java's Unicode `\w`), plus a non-spacing mark that
    /// follows a letter or digit.
    static func boundary(negated: Bool, unicode: Bool) -> Fragment {
        let word = unicode ? Predicates.unicodeWord.icuSet : "[\\p{L}\\p{Nd}_]"
        let base = unicode ? Predicates.unicodeWord.icuSet : "[\\p{L}\\p{Nd}]"
        let left = "(?:(?<=\(word))|(?<=\(base)\\p{Mn}{1,16}))"
        let right = "(?:(?=\(word))|(?=\\p{Mn})(?<=\(base)\\p{Mn}{0,16}))"
        let icu =
            negated
            ? "(?:\(left)\(right)|(?!\(left))(?!\(right)))"
            : "(?:\(left)(?!\(right))|(?!\(left))\(right))"
        return Fragment(icu: icu, study: .zeroWidth, kind: .zeroWidth)
    }
}
