extension PatternTranslator {
    /// Java's `clazz(consume)`: `[...]` with ranges, nested classes (union), `&&`
    /// (intersection) and a leading `^` (negation of the whole class).
    mutating func clazz(consume: Bool) throws(JavaRegexError) -> ClassNode {
        var prev: ClassNode?
        var curr: ClassNode?
        var bits: [ClosedRange<Int>] = []
        var isNeg = false
        var hasBits = false
        var c = next()
        if c == Self.ch("^") && at(cursor - 1) == Self.ch("[") {
            c = next()
            isNeg = true
        }
        while true {
            switch c {
            case Self.ch("["):
                let nested = try clazz(consume: true)
                curr = nested
                prev = prev.map { .union([$0, nested]) } ?? nested
                c = peek()
                continue
            case Self.ch("&"):
                c = next()
                if c == Self.ch("&") {
                    c = next()
                    var right: ClassNode?
                    while c != Self.ch("]") && c != Self.ch("&") {
                        if c == Self.ch("[") {
                            let nested = try clazz(consume: true)
                            right = right.map { .union([$0, nested]) } ?? nested
                        } else {
                            unread()
                            let nested = try clazz(consume: false)
                            right = right.map { .union([$0, nested]) } ?? nested
                        }
                        c = peek()
                    }
                    if hasBits {
                        if let p = prev {
                            prev = .union([p, .chars(bits)])
                        } else {
                            prev = .chars(bits)
                            curr = .chars(bits)
                        }
                        hasBits = false
                    }
                    if let right { curr = right }
                    if let p = prev {
                        prev = .and(p, curr ?? p)
                    } else {
                        guard let right else { throw error("Bad class syntax") }
                        prev = right
                    }
                } else {
                    unread()
                    break
                }
                continue
            case 0 where cursor >= patternLength:
                throw error("Unclosed character class")
            case Self.ch("]"):
                if prev != nil || hasBits {
                    if consume { _ = next() }
                    var result: ClassNode
                    if let p = prev {
                        result = hasBits ? .union([p, .chars(bits)]) : p
                    } else {
                        result = .chars(bits)
                    }
                    if isNeg { result = .not(result) }
                    return result
                }
            default:
                break
            }
            if let item = try range(&bits) {
                curr = item
                prev = prev.map { .union([$0, item]) } ?? item
            } else {
                hasBits = true
            }
            c = peek()
        }
    }

    /// One class item: a character, a range, an escape or a property. Characters below 256
    /// go into `bits` (nil is returned then), as in Java.
    mutating func range(_ bits: inout [ClosedRange<Int>]) throws(JavaRegexError) -> ClassNode? {
        var c = peek()
        if c == Self.ch("\\") {
            c = nextEscaped()
            if c == Self.ch("p") || c == Self.ch("P") {
                let complement = c == Self.ch("P")
                var oneLetter = true
                c = next()
                if c != Self.ch("{") { unread() } else { oneLetter = false }
                return try family(singleLetter: oneLetter, complement: complement)
            }
            let isRange = at(cursor + 1) == Self.ch("-")
            unread()
            switch try escape(inClass: true, create: true, isRange: isRange) {
            case .char(let value): c = value
            case .predicate(let set): return set
            case .node: return nil  // not reachable inside a class (Java rejects such escapes)
            }
        } else {
            _ = next()
        }
        if peek() == Self.ch("-") {
            let endRange = at(cursor + 1)
            if endRange == Self.ch("[") {
                return bitsOrSingle(&bits, c)
            }
            if endRange != Self.ch("]") {
                _ = next()
                var m = peek()
                if m == Self.ch("\\") {
                    switch try escape(inClass: true, create: false, isRange: true) {
                    case .char(let value): m = value
                    default: m = -1
                    }
                } else {
                    _ = next()
                }
                if m < c { throw error("Illegal character range") }
                return caseRange(c, m)
            }
        }
        return bitsOrSingle(&bits, c)
    }

    /// Java's `bitsOrSingle`: Latin-1 characters (with their case variants under
    /// CASE_INSENSITIVE) into the bit set, others as a single-character predicate.
    mutating func bitsOrSingle(_ bits: inout [ClosedRange<Int>], _ c: Int) -> ClassNode? {
        let ci = has(Self.CASE_INSENSITIVE)
        let uc = has(Self.UNICODE_CASE)
        let special: Set<Int> = [0xFF, 0xB5, 0x49, 0x69, 0x53, 0x73, 0x4B, 0x6B, 0xC5, 0xE5]
        if c < 256 && !(ci && uc && special.contains(c)) {
            if ci {
                if c < 128 {
                    bits.append(CaseMapping.asciiUpper(c)...CaseMapping.asciiUpper(c))
                    bits.append(CaseMapping.asciiLower(c)...CaseMapping.asciiLower(c))
                } else if uc {
                    let lower = CaseMapping.toLower(c)
                    let upper = CaseMapping.toUpper(c)
                    bits.append(lower...lower)
                    bits.append(upper...upper)
                }
            }
            bits.append(c...c)
            return nil
        }
        return singleSet(c)
    }

    /// Java's `single(ch)` as a set.
    func singleSet(_ c: Int) -> ClassNode {
        if has(Self.CASE_INSENSITIVE) {
            if has(Self.UNICODE_CASE) {
                let upper = CaseMapping.toUpper(c)
                let lower = CaseMapping.toLower(upper)
                if upper != lower { return .chars(CaseMapping.unicodeVariants(ofFolded: lower).map { $0...$0 }) }
            } else if c < 128 {
                let lower = CaseMapping.asciiLower(c)
                let upper = CaseMapping.asciiUpper(c)
                if lower != upper { return .chars([upper...upper, lower...lower]) }
            }
        }
        return .single(c)
    }

    /// One character as an ICU atom (a literal, or a small set under case folding).
    func singleICU(_ c: Int) -> String {
        if has(Self.CASE_INSENSITIVE) {
            if case .chars(let ranges) = singleSet(c), ranges.count > 1 { return ClassNode.chars(ranges).icuSet }
        }
        return ICUText.literal(c)
    }

    /// A range `c-m`, widened by Java's case-insensitive range rules.
    func caseRange(_ c: Int, _ m: Int) -> ClassNode {
        guard has(Self.CASE_INSENSITIVE) else { return .chars([c...m]) }
        var ranges = [c...m]
        if has(Self.UNICODE_CASE) {
            // CIRangeU: x matches when x, toUpperCase(x) or toLowerCase(x) is in the range.
            if m - c <= 0x3000 {
                var extra = Set<Int>()
                for y in c...m {
                    for v in CaseMapping.unicodeVariants(ofFolded: CaseMapping.toLower(CaseMapping.toUpper(y))) {
                        let u = CaseMapping.toUpper(v), l = CaseMapping.toLower(v)
                        if (c...m).contains(u) || (c...m).contains(l) { extra.insert(v) }
                    }
                }
                ranges += extra.sorted().map { $0...$0 }
            }
            return .chars(ranges)
        }
        // CIRange: ASCII x matches when its ASCII upper or lower case is in the range.
        for x in 0..<128 {
            let u = CaseMapping.asciiUpper(x), l = CaseMapping.asciiLower(x)
            if (c...m).contains(u) || (c...m).contains(l) { ranges.append(x...x) }
        }
        return .chars(ranges)
    }
}

/// Java's `Character.toUpperCase`/`toLowerCase` (simple mappings) and ASCII variants.
enum CaseMapping {
    static func asciiLower(_ c: Int) -> Int { c >= 0x41 && c <= 0x5A ? c + 0x20 : c }
    static func asciiUpper(_ c: Int) -> Int { c >= 0x61 && c <= 0x7A ? c - 0x20 : c }

    /// Simple (one-to-one) mappings: Swift gives full mappings, which are single scalars
    /// except where the simple mapping keeps the character (ß, ŉ ...); U+0130 is the one
    /// exception whose simple lower case differs.
    static func toUpper(_ c: Int) -> Int {
        guard let s = Unicode.Scalar(UInt32(c)) else { return c }
        let mapped = s.properties.uppercaseMapping.unicodeScalars
        guard mapped.count == 1, let only = mapped.first else { return c }
        return Int(only.value)
    }

    static func toLower(_ c: Int) -> Int {
        if c == 0x130 { return 0x69 }
        guard let s = Unicode.Scalar(UInt32(c)) else { return c }
        let mapped = s.properties.lowercaseMapping.unicodeScalars
        guard mapped.count == 1, let only = mapped.first else { return c }
        return Int(only.value)
    }

    static func toTitle(_ c: Int) -> Int {
        guard let s = Unicode.Scalar(UInt32(c)) else { return c }
        let mapped = s.properties.titlecaseMapping.unicodeScalars
        guard mapped.count == 1, let only = mapped.first else { return c }
        return Int(only.value)
    }

    /// Characters folding (upper then lower) to characters that also fold to it.
    static let foldSpecials: [Int] = [
        0x212A, 0x212B, 0x17F, 0x130, 0x131, 0xB5, 0x3C2, 0x3C3, 0x3A3, 0x1E9E, 0xDF,
        0x3F4, 0x1FBE, 0x345, 0x399, 0x3B9, 0x3D0, 0x3D1, 0x3D5, 0x3D6, 0x3F0, 0x3F1,
        0x3F5, 0x1E9B, 0x1E61, 0x1C80, 0x1C81, 0x1C82, 0x1C83, 0x1C84, 0x1C85, 0x1C86,
        0x1C87, 0x1C88, 0x49, 0x69, 0x4B, 0x6B, 0x53, 0x73, 0xC5, 0xE5,
    ]

    /// Every x with toLowerCase(toUpperCase(x)) == folded (Java's `SingleU`).
    static func unicodeVariants(ofFolded folded: Int) -> [Int] {
        var candidates: Set<Int> = [folded, toUpper(folded), toTitle(folded), toLower(folded)]
        for c in foldSpecials { candidates.insert(c) }
        return candidates.filter { toLower(toUpper($0)) == folded }.sorted()
    }
}
