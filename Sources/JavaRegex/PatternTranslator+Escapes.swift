import Foundation

/// What an escape sequence stands for: a character, a node (anchor, back-reference, `\R`
/// ...; nil when Java only validates it), or a character predicate (`\d`, `\s` ...).
enum EscapeResult {
    case char(Int)
    case node(Fragment?)
    case predicate(ClassNode)
}

extension PatternTranslator {
    /// Java's `escape(inclass, create, isrange)`; the cursor is on the backslash.
    mutating func escape(inClass: Bool, create: Bool, isRange: Bool) throws(JavaRegexError) -> EscapeResult {
        let c = skip()
        let unicodeClass = has(Self.UNICODE_CHARACTER_CLASS)
        switch c {
        case Self.ch("0"):
            return .char(try octal())
        case Self.ch("1")...Self.ch("9"):
            if inClass { break }
            if create { return .node(backReference(c - 0x30)) }
            return .node(nil)
        case Self.ch("A"):
            if inClass { break }
            return .node(Fragment(icu: "\\A", study: .zeroWidth, kind: .zeroWidth))
        case Self.ch("B"):
            if inClass { break }
            return .node(Anchors.boundary(negated: true, unicode: unicodeClass))
        case Self.ch("D"):
            return .predicate(.not(unicodeClass ? Predicates.unicodeDigit : Predicates.asciiDigit))
        case Self.ch("G"):
            if inClass { break }
            return .node(Fragment(icu: "\\G", study: .zeroWidth, kind: .zeroWidth))
        case Self.ch("H"):
            return .predicate(.not(Predicates.horizontalSpace))
        case Self.ch("N"):
            return .char(try namedCharacter())
        case Self.ch("R"):
            if inClass { break }
            return .node(
                Fragment(
                    icu: "(?:\\r\\n|[\\n\\x{B}\\x{C}\\r\\x{85}\\x{2028}\\x{2029}])",
                    study: .fixed(1, 2, deterministic: true), kind: .lineEnding))
        case Self.ch("S"):
            return .predicate(.not(unicodeClass ? Predicates.unicodeSpace : Predicates.asciiSpace))
        case Self.ch("V"):
            return .predicate(.not(Predicates.verticalSpace))
        case Self.ch("W"):
            return .predicate(.not(unicodeClass ? Predicates.unicodeWord : Predicates.asciiWord))
        case Self.ch("X"):
            if inClass { break }
            return .node(Fragment(icu: "\\X", study: .fixed(1, 0, deterministic: false), kind: .other))
        case Self.ch("Z"):
            if inClass { break }
            return .node(Anchors.dollar(multiline: false, unixLines: has(Self.UNIX_LINES)))
        case Self.ch("a"):
            return .char(0x07)
        case Self.ch("b"):
            if inClass { break }
            if create {
                if peek() == Self.ch("{") {
                    if skip() == Self.ch("g") {
                        if read() == Self.ch("}") {
                            throw JavaRegexError(message: "\\b{g} (grapheme cluster boundary) is not supported", index: cursor - 1)
                        }
                        break
                    }
                    unread()
                    unread()
                }
                return .node(Anchors.boundary(negated: false, unicode: unicodeClass))
            }
            return .node(nil)
        case Self.ch("c"):
            if cursor < patternLength { return .char(read() ^ 64) }
            throw error("Illegal control escape sequence")
        case Self.ch("d"):
            return .predicate(unicodeClass ? Predicates.unicodeDigit : Predicates.asciiDigit)
        case Self.ch("e"):
            return .char(0x1B)
        case Self.ch("f"):
            return .char(0x0C)
        case Self.ch("h"):
            return .predicate(Predicates.horizontalSpace)
        case Self.ch("k"):
            if inClass { break }
            if read() != Self.ch("<") {
                throw error("\\k is not followed by '<' for named capturing group")
            }
            let name = try groupname(read())
            guard let number = namedGroups[name] else {
                throw error("named capturing group <\(name)> does not exist")
            }
            return .node(create ? backReferenceFragment(number) : nil)
        case Self.ch("n"):
            return .char(0x0A)
        case Self.ch("r"):
            return .char(0x0D)
        case Self.ch("s"):
            return .predicate(unicodeClass ? Predicates.unicodeSpace : Predicates.asciiSpace)
        case Self.ch("t"):
            return .char(0x09)
        case Self.ch("u"):
            return .char(try unicodeEscape())
        case Self.ch("v"):
            if isRange { return .char(0x0B) }
            return .predicate(Predicates.verticalSpace)
        case Self.ch("w"):
            return .predicate(unicodeClass ? Predicates.unicodeWord : Predicates.asciiWord)
        case Self.ch("x"):
            return .char(try hexEscape())
        case Self.ch("z"):
            if inClass { break }
            return .node(Fragment(icu: "\\z", study: .zeroWidth, kind: .zeroWidth))
        case Self.ch("C"), Self.ch("E"), Self.ch("F"), Self.ch("I"), Self.ch("J"), Self.ch("K"), Self.ch("L"),
            Self.ch("M"), Self.ch("O"), Self.ch("P"), Self.ch("Q"), Self.ch("T"), Self.ch("U"), Self.ch("Y"),
            Self.ch("g"), Self.ch("i"), Self.ch("j"), Self.ch("l"), Self.ch("m"), Self.ch("o"), Self.ch("p"),
            Self.ch("q"), Self.ch("y"):
            break
        default:
            return .char(c)
        }
        throw error("Illegal/unsupported escape sequence")
    }

    /// Java's `ref`: `\1`..`\9`, further digits only while such a group exists so far.
    mutating func backReference(_ first: Int) -> Fragment {
        var refNum = first
        while true {
            let c = peek()
            guard Self.isDigit(c) else { break }
            let candidate = refNum * 10 + (c - 0x30)
            if capturingGroupCount - 1 < candidate { break }
            refNum = candidate
            _ = read()
        }
        return backReferenceFragment(refNum)
    }

    /// A back-reference; numbers beyond the final group count are resolved after parsing
    /// (Java compiles them and they never match). Case-insensitive back-references use
    /// ICU's case folding.
    func backReferenceFragment(_ number: Int) -> Fragment {
        let marker = BackReferenceMarker.text(number, caseInsensitive: has(Self.CASE_INSENSITIVE))
        return Fragment(icu: marker, study: .backref, kind: .other)
    }

    mutating func octal() throws(JavaRegexError) -> Int {
        func isOctal(_ c: Int) -> Bool { c >= 0x30 && c <= 0x37 }
        let n = read()
        if isOctal(n) {
            let m = read()
            if isOctal(m) {
                let o = read()
                if isOctal(o) && n >= 0x30 && n <= 0x33 {
                    return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30)
                }
                unread()
                return (n - 0x30) * 8 + (m - 0x30)
            }
            unread()
            return n - 0x30
        }
        throw error("Illegal octal escape sequence")
    }

    static func hexValue(_ c: Int) -> Int? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    mutating func hexEscape() throws(JavaRegexError) -> Int {
        let n = read()
        if let high = Self.hexValue(n) {
            let m = read()
            if let low = Self.hexValue(m) { return high * 16 + low }
        } else if n == Self.ch("{") && Self.hexValue(peek()) != nil {
            var value = 0
            var c = read()
            while let digit = Self.hexValue(c) {
                value = (value << 4) + digit
                if value > 0x10FFFF { throw error("Hexadecimal codepoint is too big") }
                c = read()
            }
            if c != Self.ch("}") { throw error("Unclosed hexadecimal escape sequence") }
            return value
        }
        throw error("Illegal hexadecimal escape sequence")
    }

    mutating func uxxxx() throws(JavaRegexError) -> Int {
        var n = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(read()) else { throw error("Illegal Unicode escape sequence") }
            n = n * 16 + digit
        }
        return n
    }

    /// `\uXXXX`, pairing an escaped high surrogate with a following escaped low surrogate.
    mutating func unicodeEscape() throws(JavaRegexError) -> Int {
        let n = try uxxxx()
        if n >= 0xD800 && n <= 0xDBFF {
            let saved = cursor
            if read() == Self.ch("\\") && read() == Self.ch("u") {
                if let n2 = try? uxxxx(), n2 >= 0xDC00 && n2 <= 0xDFFF {
                    return 0x10000 + ((n - 0xD800) << 10) + (n2 - 0xDC00)
                }
            }
            cursor = saved
        }
        return n
    }

    /// `\N{NAME}`: resolved through ICU's character names.
    mutating func namedCharacter() throws(JavaRegexError) -> Int {
        guard read() == Self.ch("{") else { throw error("Illegal character name escape sequence") }
        let start = cursor
        while read() != Self.ch("}") {
            if cursor >= patternLength { throw error("Unclosed character name escape sequence") }
        }
        let name = String(String.UnicodeScalarView(temp[start..<(cursor - 1)].compactMap { Unicode.Scalar(UInt32($0)) }))
        guard let value = CharacterNames.codePoint(named: name) else {
            throw error("Unknown character name [\(name)]")
        }
        return value
    }
}

/// Resolves Unicode character names (Java's `Character.codePointOf`) with ICU's name data.
enum CharacterNames {
    static func codePoint(named name: String) -> Int? {
        let trimmed = name.trimmingCharacters(in: .whitespaces).uppercased()
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0 != "}" && $0 != "\\" }) else { return nil }
        guard let resolved = "\\N{\(trimmed)}".applyingTransform(StringTransform("Name-Any"), reverse: false),
            resolved.unicodeScalars.count == 1, let scalar = resolved.unicodeScalars.first,
            !resolved.hasPrefix("\\N")
        else { return nil }
        return Int(scalar.value)
    }
}

/// Placeholders for back-references, replaced once the number of groups is known. They
/// use private-use characters, which never appear raw in translated text (every literal
/// outside ASCII letters and digits is written as `\x{...}`).
enum BackReferenceMarker {
    static let open: Character = "\u{F8F0}"
    static let close: Character = "\u{F8F1}"

    static func text(_ number: Int, caseInsensitive: Bool) -> String {
        "\(open)\(caseInsensitive ? "i" : "")\(number)\(close)"
    }

    /// Replaces the markers: a group that exists becomes `(?:\n)` (or `(?i:\n)`), a missing
    /// one `(?:(?!))`, which never matches (what Java does at match time).
    static func resolve(_ icu: String, groupCount: Int) -> String {
        guard icu.contains(open) else { return icu }
        var out = ""
        var i = icu.startIndex
        while i < icu.endIndex {
            let c = icu[i]
            if c == open, let end = icu[i...].firstIndex(of: close) {
                var body = icu[icu.index(after: i)..<end]
                let ci = body.first == "i"
                if ci { body = body.dropFirst() }
                let n = Int(body) ?? 0
                out += n >= 1 && n <= groupCount ? (ci ? "(?i:\\\(n))" : "(?:\\\(n))") : "(?:(?!))"
                i = icu.index(after: end)
            } else {
                out.append(c)
                i = icu.index(after: i)
            }
        }
        return out
    }
}
