import Foundation

extension JavaPattern {
    /// Java `Matcher.replaceAll(replacement)` (and `String.replaceAll`): every match
    /// replaced; `$n`, `${name}` insert groups, `\x` a literal `x`.
    public func replaceAll(
        in input: String, with replacement: String,
        budget: Duration = .milliseconds(100)
    ) throws(JavaRegexError) -> String {
        try replace(input, replacement, all: true, budget: budget)
    }

    /// Java `Matcher.replaceFirst(replacement)`.
    public func replaceFirst(
        in input: String, with replacement: String,
        budget: Duration = .milliseconds(100)
    ) throws(JavaRegexError) -> String {
        try replace(input, replacement, all: false, budget: budget)
    }

    func replace(_ input: String, _ replacement: String, all: Bool, budget: Duration) throws(JavaRegexError) -> String {
        let text = NSString(string: input)
        var out = ""
        var last = 0
        var template: [ReplacementPart]?
        var failure: JavaRegexError?
        let completed = BudgetedSearch.forEach(findRegex, in: input, budget: budget) { match in
            if template == nil {
                do throws(JavaRegexError) {
                    template = try ReplacementPart.parse(replacement, groupCount: groupCount, namedGroups: namedGroups)
                } catch {
                    failure = error
                    return false
                }
            }
            out += text.substring(with: NSRange(location: last, length: match.range.location - last))
            for part in template ?? [] {
                switch part {
                case .literal(let s):
                    out += s
                case .group(let n):
                    let r = match.range(at: n)
                    if r.location != NSNotFound { out += text.substring(with: r) }
                }
            }
            last = match.range.location + match.range.length
            return all
        }
        if let failure { throw failure }
        if !completed { throw JavaRegexError.timedOut }
        if template == nil { return input }
        out += text.substring(from: last)
        return out
    }
}

extension JavaRegexError {
    static let timedOut = JavaRegexError(
        message: "Regular expression matching exceeded its time budget",
        index: -1, kind: .timedOut)
}

/// A parsed Java replacement string (`Matcher.appendReplacement` rules).
enum ReplacementPart {
    case literal(String)
    case group(Int)

    static func parse(
        _ replacement: String, groupCount: Int,
        namedGroups: [String: Int]
    ) throws(JavaRegexError) -> [ReplacementPart] {
        func fail(_ message: String) -> JavaRegexError {
            JavaRegexError(message: message, index: -1, kind: .replacement)
        }
        func isDigit(_ u: UInt16) -> Bool { u >= 0x30 && u <= 0x39 }
        func isLetter(_ u: UInt16) -> Bool { (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) }
        let units = Array(replacement.utf16)
        var parts: [ReplacementPart] = []
        var literal: [UInt16] = []
        func flush() {
            if !literal.isEmpty {
                parts.append(.literal(String(decoding: literal, as: UTF16.self)))
                literal.removeAll()
            }
        }
        var cursor = 0
        while cursor < units.count {
            let c = units[cursor]
            if c == 0x5C {  // backslash
                cursor += 1
                if cursor == units.count { throw fail("character to be escaped is missing") }
                literal.append(units[cursor])
                cursor += 1
            } else if c == 0x24 {  // $
                cursor += 1
                if cursor == units.count { throw fail("Illegal group reference: group index is missing") }
                var next = units[cursor]
                var refNum: Int
                if next == 0x7B {  // {
                    cursor += 1
                    var name: [UInt16] = []
                    while cursor < units.count {
                        next = units[cursor]
                        if isLetter(next) || isDigit(next) {
                            name.append(next)
                            cursor += 1
                        } else {
                            break
                        }
                    }
                    if name.isEmpty { throw fail("named capturing group has 0 length name") }
                    if next != 0x7D { throw fail("named capturing group is missing trailing '}'") }
                    let groupName = String(decoding: name, as: UTF16.self)
                    if isDigit(name[0]) {
                        throw fail("capturing group name {\(groupName)} starts with digit character")
                    }
                    guard let number = namedGroups[groupName] else { throw fail("No group with name {\(groupName)}") }
                    refNum = number
                    cursor += 1
                } else {
                    guard isDigit(next) else { throw fail("Illegal group reference") }
                    refNum = Int(next) - 0x30
                    cursor += 1
                    while cursor < units.count, isDigit(units[cursor]) {
                        let candidate = refNum * 10 + Int(units[cursor]) - 0x30
                        if groupCount < candidate { break }
                        refNum = candidate
                        cursor += 1
                    }
                }
                if refNum > groupCount { throw fail("No group \(refNum)") }
                flush()
                parts.append(.group(refNum))
            } else {
                literal.append(c)
                cursor += 1
            }
        }
        flush()
        return parts
    }
}
