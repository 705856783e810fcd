import Foundation
import Synchronization

extension PatternTranslator {
    /// Java's `family`: `\pL`, `\p{Name}`, `\p{IsX}`, `\p{InX}`, `\p{key=value}`; the cursor
    /// is on `p`/`P` (single letter) or `{`.
    mutating func family(singleLetter: Bool, complement: Bool) throws(JavaRegexError) -> ClassNode {
        _ = next()
        let name: String
        if singleLetter {
            let c = at(cursor)
            name = Unicode.Scalar(UInt32(c)).map { String(Character($0)) } ?? ""
            _ = read()
        } else {
            let start = cursor
            // Java marks the end of the pattern with '}' so this loop stops there.
            let savedEnd = temp[patternLength]
            temp[patternLength] = Self.ch("}")
            while read() != Self.ch("}") {}
            temp[patternLength] = savedEnd
            let end = cursor
            if end > patternLength { throw error("Unclosed character family") }
            if start + 1 >= end { throw error("Empty character family") }
            name = String(String.UnicodeScalarView(temp[start..<(end - 1)].compactMap { Unicode.Scalar(UInt32($0)) }))
        }
        let caseIns = has(Self.CASE_INSENSITIVE)
        var result: ClassNode?
        if let eq = name.firstIndex(of: "=") {
            let value = String(name[name.index(after: eq)...])
            let key = name[..<eq].lowercased()
            switch key {
            case "sc", "script": result = JavaProperties.script(value)
            case "blk", "block": result = JavaProperties.block(value)
            case "gc", "general_category": result = JavaProperties.property(value, caseIns: caseIns)
            default: break
            }
            guard let result else {
                throw error("Unknown Unicode property {name=<\(key)>, value=<\(value)>}")
            }
            return complement ? .not(result) : result
        }
        if name.hasPrefix("In") {
            result = JavaProperties.block(String(name.dropFirst(2)))
        } else if name.hasPrefix("Is") {
            let short = String(name.dropFirst(2))
            result =
                JavaProperties.unicodeProperty(short, caseIns: caseIns)
                ?? JavaProperties.property(short, caseIns: caseIns)
                ?? JavaProperties.script(short)
        } else {
            if has(Self.UNICODE_CHARACTER_CLASS) {
                result = JavaProperties.posix(name.uppercased(), caseIns: caseIns)
            }
            if result == nil { result = JavaProperties.property(name, caseIns: caseIns) }
        }
        guard let result else { throw error("Unknown character property name {\(name)}") }
        return complement ? .not(result) : result
    }
}

/// Java's property names (`CharPredicates`) mapped to ICU sets.
enum JavaProperties {
    static let categories: Set<String> = [
        "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs",
        "Zl", "Zp", "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc",
        "Sk", "So", "Pi", "Pf", "L", "M", "N", "Z", "C", "P", "S",
    ]

    /// `CharPredicates.forProperty` (case-sensitive names).
    static func property(_ name: String, caseIns: Bool) -> ClassNode? {
        if categories.contains(name) {
            if caseIns && (name == "Lu" || name == "Ll" || name == "Lt") { return .icu("[\\p{Lu}\\p{Ll}\\p{Lt}]") }
            return .icu("\\p{gc=\(name)}")
        }
        switch name {
        case "LC": return .icu("[\\p{Lu}\\p{Ll}\\p{Lt}]")
        case "LD": return .icu("[\\p{L}\\p{Nd}]")
        case "L1": return .chars([0...0xFF])
        case "all": return .chars([0...0x10FFFF])
        case "ASCII": return .chars([0...0x7F])
        case "Alnum": return Predicates.asciiAlnum
        case "Alpha": return Predicates.asciiAlpha
        case "Blank": return Predicates.asciiBlank
        case "Cntrl": return Predicates.asciiCntrl
        case "Digit": return Predicates.asciiDigit
        case "Graph": return Predicates.asciiGraph
        case "Lower": return caseIns ? Predicates.asciiAlpha : .chars([0x61...0x7A])
        case "Print": return Predicates.asciiPrint
        case "Punct": return Predicates.asciiPunct
        case "Space": return Predicates.asciiSpace
        case "Upper": return caseIns ? Predicates.asciiAlpha : .chars([0x41...0x5A])
        case "XDigit": return Predicates.asciiXDigit
        case "javaLowerCase": return caseIns ? Predicates.anyCase : Predicates.lowercase
        case "javaUpperCase": return caseIns ? Predicates.anyCase : Predicates.uppercase
        case "javaTitleCase": return caseIns ? Predicates.anyCase : Predicates.titlecase
        case "javaAlphabetic": return Predicates.alphabetic
        case "javaIdeographic": return Predicates.ideographic
        case "javaDigit": return .icu("\\p{Nd}")
        case "javaDefined": return Predicates.assigned
        case "javaLetter": return Predicates.letter
        case "javaLetterOrDigit": return .icu("[\\p{L}\\p{Nd}]")
        case "javaJavaIdentifierStart", "javaJavaIdentifierPart", "javaUnicodeIdentifierStart",
            "javaUnicodeIdentifierPart", "javaIdentifierIgnorable", "javaSpaceChar", "javaWhitespace",
            "javaISOControl", "javaMirrored":
            return .icu("\\p{\(name)}")
        default: return nil
        }
    }

    /// `CharPredicates.forUnicodeProperty` (binary properties and POSIX names, any case).
    static func unicodeProperty(_ name: String, caseIns: Bool) -> ClassNode? {
        switch name.uppercased() {
        case "ALPHABETIC": return Predicates.alphabetic
        case "ASSIGNED": return Predicates.assigned
        case "CONTROL": return Predicates.control
        case "HEXDIGIT", "HEX_DIGIT": return Predicates.hexDigit
        case "IDEOGRAPHIC": return Predicates.ideographic
        case "JOINCONTROL", "JOIN_CONTROL": return Predicates.joinControl
        case "LETTER": return Predicates.letter
        case "LOWERCASE": return caseIns ? Predicates.anyCase : Predicates.lowercase
        case "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT": return Predicates.noncharacter
        case "TITLECASE": return caseIns ? Predicates.anyCase : Predicates.titlecase
        case "PUNCTUATION": return Predicates.punctuation
        case "UPPERCASE": return caseIns ? Predicates.anyCase : Predicates.uppercase
        case "WHITESPACE", "WHITE_SPACE": return Predicates.unicodeSpace
        case "WORD": return Predicates.unicodeWord
        default: return posix(name.uppercased(), caseIns: caseIns)
        }
    }

    /// Java's Unicode POSIX classes (UNICODE_CHARACTER_CLASS), by upper-case name.
    static func posix(_ upper: String, caseIns: Bool) -> ClassNode? {
        switch upper {
        case "ALPHA": return Predicates.alphabetic
        case "LOWER": return caseIns ? Predicates.anyCase : Predicates.lowercase
        case "UPPER": return caseIns ? Predicates.anyCase : Predicates.uppercase
        case "SPACE": return Predicates.unicodeSpace
        case "PUNCT": return Predicates.punctuation
        case "XDIGIT": return Predicates.hexDigit
        case "ALNUM": return Predicates.unicodeAlnum
        case "CNTRL": return Predicates.control
        case "DIGIT": return Predicates.unicodeDigit
        case "BLANK": return Predicates.unicodeBlank
        case "GRAPH": return Predicates.unicodeGraph
        case "PRINT": return Predicates.unicodePrint
        default: return nil
        }
    }

    /// `Character.UnicodeScript.forName`: script names and aliases, any letter case, with
    /// underscores (no spaces or hyphens). Validity is checked against ICU's data.
    static func script(_ name: String) -> ClassNode? {
        guard isPlainName(name) else { return nil }
        let set = "\\p{sc=\(name)}"
        return icuAccepts(set) ? .icu(set) : nil
    }

    /// `Character.UnicodeBlock.forName`: canonical, textual or space-less block names.
    static func block(_ name: String) -> ClassNode? {
        guard !name.isEmpty,
            name.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == " " || $0 == "-")
            })
        else { return nil }
        let set = "\\p{blk=\(name)}"
        return icuAccepts(set) ? .icu(set) : nil
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }

    private static let accepted = Mutex<[String: Bool]>([:])

    /// Whether ICU knows the property expression (memoized).
    static func icuAccepts(_ set: String) -> Bool {
        if let known = accepted.withLock({ $0[set] }) { return known }
        let ok = (try? ICURegexCache.regex(set)) != nil
        accepted.withLock { cache in
            if cache.count > 512 { cache.removeAll() }
            cache[set] = ok
        }
        return ok
    }
}
