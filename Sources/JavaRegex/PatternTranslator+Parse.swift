/// Java's quantifier kinds.
enum QType {
    case greedy, lazy, possessive

    var suffix: String {
        switch self {
        case .greedy: return ""
        case .lazy: return "?"
        case .possessive: return "+"
        }
    }
}

/// A parsed quantifier: `?`/`{0,1}` (Java's `Ques`) or a repetition (`Curly`); `unbounded`
/// marks `*`, `+`, `{n,}` (Java's `curly(prev, cmin)`).
struct Quantifier {
    var min: Int
    var max: Int
    var type: QType
    var isQues: Bool
    var unbounded: Bool
}

extension PatternTranslator {
    /// Alternation: `sequence ('|' sequence)*`.
    mutating func expr() throws(JavaRegexError) -> (icu: String, study: StudyNode) {
        var icus: [String] = []
        var studies: [StudyNode?] = []
        while true {
            let (icu, nodes) = try sequence()
            icus.append(icu)
            studies.append(nodes.isEmpty ? nil : .seq(nodes))
            if peek() != Self.ch("|") { break }
            _ = next()
        }
        if icus.count == 1 { return (icus[0], studies[0] ?? .seq([])) }
        return (icus.joined(separator: "|"), .branch(studies))
    }

    /// A sequence of quantified atoms up to `|`, `)` or the end.
    mutating func sequence() throws(JavaRegexError) -> (String, [StudyNode]) {
        var icu = ""
        var nodes: [StudyNode] = []
        loop: while true {
            var c = peek()
            var node: Fragment
            switch c {
            case Self.ch("("):
                if let group = try group0() {
                    icu += group.icu
                    nodes.append(group.study)
                }
                continue
            case Self.ch("["):
                let set = try clazz(consume: true)
                node = Fragment(icu: set.icuSet, study: .fixed(1, 1, deterministic: true), kind: .charProperty)
            case Self.ch("\\"):
                c = nextEscaped()
                if c == Self.ch("p") || c == Self.ch("P") {
                    let complement = c == Self.ch("P")
                    var oneLetter = true
                    c = next()
                    if c != Self.ch("{") { unread() } else { oneLetter = false }
                    let set = try family(singleLetter: oneLetter, complement: complement)
                    node = Fragment(icu: set.icuSet, study: .fixed(1, 1, deterministic: true), kind: .charProperty)
                } else {
                    unread()
                    node = try atom()
                }
            case Self.ch("^"):
                _ = next()
                node = Anchors.caret(multiline: has(Self.MULTILINE), unixLines: has(Self.UNIX_LINES))
            case Self.ch("$"):
                _ = next()
                node = Anchors.dollar(multiline: has(Self.MULTILINE), unixLines: has(Self.UNIX_LINES))
            case Self.ch("."):
                _ = next()
                node = Fragment(
                    icu: Anchors.dot(dotAll: has(Self.DOTALL), unixLines: has(Self.UNIX_LINES)),
                    study: .fixed(1, 1, deterministic: true), kind: .charProperty)
            case Self.ch("|"), Self.ch(")"):
                break loop
            case Self.ch("]"), Self.ch("}"):
                node = try atom()
            case Self.ch("?"), Self.ch("*"), Self.ch("+"):
                _ = next()
                throw error("Dangling meta character '\(Character(Unicode.Scalar(UInt8(c))))'")
            case 0 where cursor >= patternLength:
                break loop
            default:
                node = try atom()
            }
            if let q = try closure() {
                node = applyToAtom(q, node)
            }
            icu += node.icu
            nodes.append(node.study)
        }
        return (icu, nodes)
    }

    /// Literal characters (a "slice"), or the node of one escape.
    mutating func atom() throws(JavaRegexError) -> Fragment {
        var chars: [Int] = []
        var first = 0
        var prev = -1
        var c = peek()
        loop: while true {
            switch c {
            case Self.ch("*"), Self.ch("+"), Self.ch("?"), Self.ch("{"):
                if first > 1 {
                    cursor = prev
                    first -= 1
                }
                break loop
            case Self.ch("$"), Self.ch("."), Self.ch("^"), Self.ch("("), Self.ch("["), Self.ch("|"), Self.ch(")"):
                break loop
            case Self.ch("\\"):
                c = nextEscaped()
                if c == Self.ch("p") || c == Self.ch("P") {
                    if first > 0 {
                        unread()
                        break loop
                    }
                    let complement = c == Self.ch("P")
                    var oneLetter = true
                    c = next()
                    if c != Self.ch("{") { unread() } else { oneLetter = false }
                    let set = try family(singleLetter: oneLetter, complement: complement)
                    return Fragment(icu: set.icuSet, study: .fixed(1, 1, deterministic: true), kind: .charProperty)
                }
                unread()
                prev = cursor
                switch try escape(inClass: false, create: first == 0, isRange: false) {
                case .char(let value):
                    if chars.count > first { chars.removeLast(chars.count - first) }
                    chars.append(value)
                    first += 1
                    c = peek()
                    continue
                case .node(let fragment):
                    if first == 0, let fragment { return fragment }
                case .predicate(let set):
                    if first == 0 {
                        return Fragment(icu: set.icuSet, study: .fixed(1, 1, deterministic: true), kind: .charProperty)
                    }
                }
                cursor = prev
                break loop
            case 0 where cursor >= patternLength:
                break loop
            default:
                prev = cursor
                if chars.count > first { chars.removeLast(chars.count - first) }
                chars.append(c)
                first += 1
                c = next()
            }
        }
        let used = Array(chars.prefix(first))
        if used.count == 1 {
            return Fragment(icu: singleICU(used[0]), study: .fixed(1, 1, deterministic: true), kind: .charProperty)
        }
        let n = Int32(clamping: used.count)
        return Fragment(
            icu: used.map { singleICU($0) }.joined(), study: .fixed(n, n, deterministic: true),
            kind: used.isEmpty ? .empty : .other)
    }

    mutating func qtype() -> QType {
        let c = next()
        if c == Self.ch("?") {
            _ = next()
            return .lazy
        }
        if c == Self.ch("+") {
            _ = next()
            return .possessive
        }
        return .greedy
    }

    static func isDigit(_ c: Int) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Java's `closure`: the quantifier following an atom or group, if any.
    mutating func closure() throws(JavaRegexError) -> Quantifier? {
        switch peek() {
        case Self.ch("?"):
            return Quantifier(min: 0, max: 1, type: qtype(), isQues: true, unbounded: false)
        case Self.ch("*"):
            return Quantifier(min: 0, max: Self.maxReps, type: qtype(), isQues: false, unbounded: true)
        case Self.ch("+"):
            return Quantifier(min: 1, max: Self.maxReps, type: qtype(), isQues: false, unbounded: true)
        case Self.ch("{"):
            var c = skip()
            guard Self.isDigit(c) else { throw error("Illegal repetition") }
            var cmin: Int32 = 0
            var cmax: Int32
            repeat {
                let (m, o1) = cmin.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int32(c - 0x30))
                if o1 || o2 { throw error("Illegal repetition range") }
                cmin = s
                c = read()
            } while Self.isDigit(c)
            if c == Self.ch(",") {
                c = read()
                if c == Self.ch("}") {
                    unread()
                    return Quantifier(min: Int(cmin), max: Self.maxReps, type: qtype(), isQues: false, unbounded: true)
                }
                cmax = 0
                while Self.isDigit(c) {
                    let (m, o1) = cmax.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int32(c - 0x30))
                    if o1 || o2 { throw error("Illegal repetition range") }
                    cmax = s
                    c = read()
                }
            } else {
                cmax = cmin
            }
            if c != Self.ch("}") { throw error("Unclosed counted closure") }
            if cmax < cmin { throw error("Illegal repetition range") }
            unread()
            let type = qtype()
            return Quantifier(min: Int(cmin), max: Int(cmax), type: type, isQues: cmin == 0 && cmax == 1, unbounded: false)
        default:
            return nil
        }
    }

    /// ICU text of a quantifier (clamped to ICU's limits; bounded inside look-behinds).
    func quantifierText(_ q: Quantifier) -> String {
        if q.isQues { return "?" + q.type.suffix }
        var maxCount = q.max
        let minCount = min(q.min, Self.icuMaxCount)
        if lookbehindDepth > 0 && maxCount == Self.maxReps {
            maxCount = max(Self.lookbehindCap, minCount)
        }
        let text: String
        if maxCount == Self.maxReps || maxCount > Self.icuMaxCount {
            text = minCount == 0 ? "*" : (minCount == 1 ? "+" : "{\(minCount),}")
        } else if minCount == maxCount {
            text = "{\(minCount)}"
        } else {
            text = "{\(minCount),\(maxCount)}"
        }
        return text + q.type.suffix
    }

    func quantified(_ fragment: Fragment, _ quantifier: Quantifier) -> String {
        var q = quantifier
        // Inside a look-behind only whether a match exists matters, and ICU rejects lazy
        // quantifiers there.
        if lookbehindDepth > 0 && q.type == .lazy { q.type = .greedy }
        switch fragment.kind {
        case .empty: return ""
        case .zeroWidth:
            // Java stops repeating an atom as soon as it matches empty, so a quantified
            // assertion is the assertion itself (minimum >= 1) or optional (minimum 0).
            // ICU mishandles some quantified assertions (e.g. `(?:\b)*+` never matches).
            if q.min >= 1 { return fragment.icu }
            switch q.type {
            case .greedy: return "(?:" + fragment.icu + "|)"
            case .lazy: return "(?:|" + fragment.icu + ")"
            case .possessive: return "(?>" + fragment.icu + "|)"
            }
        case .lineEnding:
            var greedy = q
            if greedy.type == .possessive { greedy.type = .greedy }
            let text = "(?>" + fragment.icu.dropFirst(3) + quantifierText(greedy)
            return q.type == .possessive ? "(?>" + text + ")" : text
        case .charProperty, .other:
            // A possessive quantifier is an atomic greedy one; ICU's own possessive
            // quantifiers fail on groups that can match empty.
            if q.type == .possessive {
                q.type = .greedy
                return "(?>" + fragment.icu + quantifierText(q) + ")"
            }
            return fragment.icu + quantifierText(q)
        }
    }

    /// A quantifier on a single atom (Java's `Ques`, `CharPropertyGreedy` or `Curly`).
    func applyToAtom(_ q: Quantifier, _ atom: Fragment) -> Fragment {
        let study: StudyNode
        if q.isQues {
            study = .ques(atom.study)
        } else if q.unbounded && q.type == .greedy && atom.kind == .charProperty {
            study = .charGreedy(Int32(clamping: q.min))
        } else {
            study = .curly(atom.study, Int32(clamping: q.min), Int32(clamping: q.max))
        }
        return Fragment(icu: quantified(atom, q), study: study, kind: atom.kind == .empty ? .empty : .other)
    }

    /// Groups: `(X)`, `(?:X)`, `(?<name>X)`, look-arounds, `(?>X)`, `(?flags)`,
    /// `(?flags:X)`. Returns nil for a pure flag group.
    mutating func group0() throws(JavaRegexError) -> Fragment? {
        let save = flags0
        var c = next()
        var inner: (icu: String, study: StudyNode)
        var open = "(?:"
        var isAssertion = false  // Java's head == tail: look-arounds and (?>X)
        var groupStudy: StudyNode
        var lookbehindGuard: Int?
        if c == Self.ch("?") {
            c = skip()
            switch c {
            case Self.ch(":"):
                inner = try expr()
                groupStudy = inner.study
            case Self.ch("="), Self.ch("!"):
                inner = try expr()
                open = c == Self.ch("=") ? "(?=" : "(?!"
                isAssertion = true
                groupStudy = .zeroWidth
            case Self.ch(">"):
                inner = try expr()
                open = "(?>"
                isAssertion = true
                groupStudy = .independent(inner.study)
            case Self.ch("<"):
                c = read()
                if c != Self.ch("=") && c != Self.ch("!") {
                    let name = try groupname(c)
                    if namedGroups[name] != nil {
                        throw error("Named capturing group <\(name)> is already defined")
                    }
                    namedGroups[name] = capturingGroupCount
                    capturingGroupCount += 1
                    inner = try expr()
                    open = "("
                    groupStudy = inner.study
                } else {
                    lookbehindDepth += 1
                    inner = try expr()
                    lookbehindDepth -= 1
                    var info = TreeInfo()
                    _ = Study.run(inner.study, &info)
                    if !info.maxValid {
                        throw error("Look-behind group does not have an obvious maximum length")
                    }
                    open = c == Self.ch("=") ? "(?<=" : "(?<!"
                    isAssertion = true
                    groupStudy = .zeroWidth
                    lookbehindGuard = Self.lookbehindGuard(info)
                }
            case Self.ch("$"), Self.ch("@"):
                throw error("Unknown group type")
            default:
                unread()
                addFlag()
                c = read()
                if c == Self.ch(")") { return nil }
                if c != Self.ch(":") { throw error("Unknown inline modifier") }
                inner = try expr()
                groupStudy = inner.study
            }
        } else {
            capturingGroupCount += 1
            inner = try expr()
            open = "("
            groupStudy = inner.study
        }
        try accept(Self.ch(")"), "Unclosed group")
        flags0 = save

        var icu = open + inner.icu + ")"
        if let guardCount = lookbehindGuard {
            // Java computes the look-behind's start positions with int arithmetic that
            // overflows here; it finds nothing before index `guardCount`.
            let enough = guardCount > 100_000 ? "(?!)" : "(?<=[\\x{0}-\\x{10FFFF}]{\(guardCount)})"
            icu = open == "(?<=" ? "(?:" + enough + icu + ")" : "(?:(?!" + enough + ")|" + icu + ")"
        }
        let base = Fragment(
            icu: icu, study: groupStudy,
            kind: open.hasPrefix("(?=") || open.hasPrefix("(?!") || open.hasPrefix("(?<") ? .zeroWidth : .other)
        guard let q = try closure() else { return base }
        let study: StudyNode
        if isAssertion {
            study = q.isQues ? .ques(groupStudy) : .curly(groupStudy, Int32(clamping: q.min), Int32(clamping: q.max))
        } else if q.isQues {
            study = q.type == .possessive ? .ques(groupStudy) : .branch([groupStudy, nil])
        } else if q.type == .possessive {
            study = .curly(groupStudy, Int32(clamping: q.min), Int32(clamping: q.max))
        } else {
            var info = TreeInfo()
            let deterministic = Study.run(groupStudy, &info)
            study = deterministic ? .curly(groupStudy, Int32(clamping: q.min), Int32(clamping: q.max)) : .loop
        }
        return Fragment(icu: quantified(base, q), study: study, kind: .other)
    }

    /// Java's `Behind` starts at `max(i - rmax, 0)` in int arithmetic: when the studied
    /// maximum length overflowed to a negative number, `i - rmax` does not wrap for small
    /// `i`, and no start position is tried. Returns the first index where it works again.
    static func lookbehindGuard(_ info: TreeInfo) -> Int? {
        guard info.maxLength < 0 else { return nil }
        let n = Int(Int32.max) + 1 + Int(info.maxLength)
        return n > 0 ? n : nil
    }

    /// `(?<name>`: ASCII letter, then ASCII letters/digits, then `>`.
    mutating func groupname(_ first: Int) throws(JavaRegexError) -> String {
        func isAlpha(_ c: Int) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        guard isAlpha(first) else { throw error("capturing group name does not start with a Latin letter") }
        var name = String(Unicode.Scalar(UInt8(first)))
        var c = read()
        while isAlpha(c) || Self.isDigit(c) {
            name.append(Character(Unicode.Scalar(UInt8(c))))
            c = read()
        }
        if c != Self.ch(">") { throw error("named capturing group is missing trailing '>'") }
        return name
    }

    mutating func addFlag() {
        var c = peek()
        while true {
            switch c {
            case Self.ch("i"): flags0 |= Self.CASE_INSENSITIVE
            case Self.ch("m"): flags0 |= Self.MULTILINE
            case Self.ch("s"): flags0 |= Self.DOTALL
            case Self.ch("d"): flags0 |= Self.UNIX_LINES
            case Self.ch("u"): flags0 |= Self.UNICODE_CASE
            case Self.ch("c"): flags0 |= Self.CANON_EQ
            case Self.ch("x"): flags0 |= Self.COMMENTS
            case Self.ch("U"): flags0 |= Self.UNICODE_CHARACTER_CLASS | Self.UNICODE_CASE
            case Self.ch("-"):
                _ = next()
                subFlag()
                return
            default:
                return
            }
            c = next()
        }
    }

    mutating func subFlag() {
        var c = peek()
        while true {
            switch c {
            case Self.ch("i"): flags0 &= ~Self.CASE_INSENSITIVE
            case Self.ch("m"): flags0 &= ~Self.MULTILINE
            case Self.ch("s"): flags0 &= ~Self.DOTALL
            case Self.ch("d"): flags0 &= ~Self.UNIX_LINES
            case Self.ch("u"): flags0 &= ~Self.UNICODE_CASE
            case Self.ch("c"): flags0 &= ~Self.CANON_EQ
            case Self.ch("x"): flags0 &= ~Self.COMMENTS
            case Self.ch("U"): flags0 &= ~(Self.UNICODE_CHARACTER_CLASS | Self.UNICODE_CASE)
            default: return
            }
            c = next()
        }
    }
}
