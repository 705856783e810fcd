import Foundation
import JavaRegex

// TEMPORARY until JavaRegex provides replaceAll/replaceFirst/split (helper "jp").
extension JavaPattern {
    func shimRegex() -> NSRegularExpression? { try? NSRegularExpression(pattern: pattern) }

    func replaceAll(in s: String, with r: String, budget: Duration) throws -> String {
        guard let re = shimRegex() else { throw ShimError() }
        return re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: r)
    }

    func replaceFirst(in s: String, with r: String, budget: Duration) throws -> String {
        guard let re = shimRegex() else { throw ShimError() }
        guard let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), let range = Range(m.range, in: s) else { return s }
        return s.replacingCharacters(in: range, with: re.replacementString(for: m, in: s, offset: 0, template: r))
    }

    func split(_ s: String, limit: Int, budget: Duration) throws -> [String] {
        guard let re = shimRegex() else { throw ShimError() }
        var parts: [String] = []
        var last = s.startIndex
        for m in re.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            guard let r = Range(m.range, in: s) else { continue }
            if r.isEmpty && r.lowerBound == s.startIndex { continue }
            if limit > 0 && parts.count == limit - 1 { break }
            parts.append(String(s[last..<r.lowerBound]))
            last = r.upperBound
        }
        parts.append(String(s[last...]))
        if limit == 0 { while parts.count > 1, parts.last == "" { parts.removeLast() } }
        if parts == [""] && !s.isEmpty { return [] }
        return parts
    }
}

struct ShimError: Error {}
