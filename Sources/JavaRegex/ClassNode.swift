/// A character set built from Java class syntax, emitted as an ICU set expression. Java's
/// union, intersection and negation are kept structurally (ICU sets nest), so `^` applies to
/// the whole class and `&&` binds as in Java.
indirect enum ClassNode: Sendable {
    /// Explicit code points.
    case chars([ClosedRange<Int>])
    /// An ICU set operand such as `\p{Lu}` or `[\p{L}\p{Nd}]`.
    case icu(String)
    case union([ClassNode])
    case and(ClassNode, ClassNode)
    case not(ClassNode)

    static func single(_ c: Int) -> ClassNode { .chars([c...c]) }

    /// The set as a bracketed ICU set.
    var icuSet: String {
        switch self {
        case .chars(let ranges):
            if ranges.isEmpty { return "[^\\x{0}-\\x{10FFFF}]" }
            var out = "["
            for r in ranges {
                out += ICUText.setMember(r.lowerBound)
                if r.upperBound != r.lowerBound {
                    out += "-" + ICUText.setMember(r.upperBound)
                }
            }
            return out + "]"
        case .icu(let text):
            return text.hasPrefix("[") ? text : "[" + text + "]"
        case .union(let items):
            if items.isEmpty { return ClassNode.chars([]).icuSet }
            if items.count == 1 { return items[0].icuSet }
            return "[" + items.map(\.icuSet).joined() + "]"
        case .and(let a, let b):
            return "[" + a.icuSet + "&&" + b.icuSet + "]"
        case .not(let a):
            return "[^" + a.icuSet + "]"
        }
    }
}

/// Text escaping for generated ICU patterns: ASCII letters and digits are written as is,
/// every other code point as `\x{...}`, so no character is ever taken as ICU syntax.
enum ICUText {
    static func isASCIIAlphanumeric(_ c: Int) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    static func literal(_ c: Int) -> String {
        if isASCIIAlphanumeric(c), let scalar = Unicode.Scalar(UInt32(c)) {
            return String(Character(scalar))
        }
        return "\\x{" + String(c, radix: 16, uppercase: true) + "}"
    }

    static func setMember(_ c: Int) -> String { literal(c) }
}

/// Java's predefined classes as ICU sets.
enum Predicates {
    static let asciiDigit = ClassNode.chars([0x30...0x39])
    static let asciiWord = ClassNode.chars([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let asciiSpace = ClassNode.chars([0x09...0x0D, 0x20...0x20])
    static let horizontalSpace = ClassNode.chars([
        0x09...0x09, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680,
        0x180E...0x180E, 0x2000...0x200A, 0x202F...0x202F,
        0x205F...0x205F, 0x3000...0x3000,
    ])
    static let verticalSpace = ClassNode.chars([0x0A...0x0D, 0x85...0x85, 0x2028...0x2029])

    // UNICODE_CHARACTER_CLASS versions (Java's CharPredicates).
    static let unicodeDigit = ClassNode.icu("\\p{Nd}")
    static let unicodeSpace = ClassNode.icu("\\p{White_Space}")
    static let unicodeWord = ClassNode.icu("[\\p{Alphabetic}\\p{Mn}\\p{Me}\\p{Mc}\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}]")

    // ASCII POSIX classes (Java's ASCII ctype table).
    static let asciiAlpha = ClassNode.chars([0x41...0x5A, 0x61...0x7A])
    static let asciiAlnum = ClassNode.chars([0x30...0x39, 0x41...0x5A, 0x61...0x7A])
    static let asciiBlank = ClassNode.chars([0x09...0x09, 0x20...0x20])
    static let asciiCntrl = ClassNode.chars([0x00...0x1F, 0x7F...0x7F])
    static let asciiGraph = ClassNode.chars([0x21...0x7E])
    static let asciiPrint = ClassNode.chars([0x20...0x7E])
    static let asciiPunct = ClassNode.chars([0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E])
    static let asciiXDigit = ClassNode.chars([0x30...0x39, 0x41...0x46, 0x61...0x66])

    // Unicode predicates (java.lang.Character and Java's CharPredicates).
    static let alphabetic = ClassNode.icu("\\p{Alphabetic}")
    static let letter = ClassNode.icu("\\p{L}")
    static let ideographic = ClassNode.icu("\\p{Ideographic}")
    static let lowercase = ClassNode.icu("\\p{Lowercase}")
    static let uppercase = ClassNode.icu("\\p{Uppercase}")
    static let titlecase = ClassNode.icu("\\p{Lt}")
    static let anyCase = ClassNode.icu("[\\p{Lowercase}\\p{Uppercase}\\p{Lt}]")
    static let control = ClassNode.icu("\\p{Cc}")
    static let punctuation = ClassNode.icu("\\p{P}")
    static let hexDigit = ClassNode.icu("[\\p{Nd}0-9A-Fa-f\\x{FF10}-\\x{FF19}\\x{FF21}-\\x{FF26}\\x{FF41}-\\x{FF46}]")
    static let assigned = ClassNode.icu("\\P{Cn}")
    static let noncharacter = ClassNode.icu("\\p{Noncharacter_Code_Point}")
    static let joinControl = ClassNode.chars([0x200C...0x200D])
    static let unicodeAlnum = ClassNode.icu("[\\p{Alphabetic}\\p{Nd}]")
    static let unicodeBlank = ClassNode.icu("[\\p{Zs}\\x{9}]")
    static let unicodeGraph = ClassNode.icu("[^\\p{Zs}\\p{Zl}\\p{Zp}\\p{Cc}\\p{Cs}\\p{Cn}]")
    static let unicodePrint = ClassNode.and(.union([unicodeGraph, unicodeBlank]), .not(control))
}
