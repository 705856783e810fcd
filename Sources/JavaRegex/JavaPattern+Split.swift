import Foundation

extension JavaPattern {
    /// Java `Pattern.split(input, limit)` / `String.split(regex, limit)`: no leading empty
    /// string for a zero-width match at the start; with `limit > 0` at most `limit`
    /// pieces, the last holding the rest; with `limit == 0` trailing empty strings removed.
    public func split(
        _ input: String, limit: Int = 0,
        budget: Duration = .milliseconds(100)
    ) throws(JavaRegexError) -> [String] {
        let text = NSString(string: input)
        var index = 0
        let matchLimited = limit > 0
        var pieces: [String] = []
        let completed = BudgetedSearch.forEach(findRegex, in: input, budget: budget) { match in
            let start = match.range.location
            let end = start + match.range.length
            if !matchLimited || pieces.count < limit - 1 {
                if index == 0 && start == 0 && start == end { return true }
                pieces.append(text.substring(with: NSRange(location: index, length: start - index)))
                index = end
                return true
            }
            if pieces.count == limit - 1 {
                pieces.append(text.substring(from: index))
                index = end
            }
            return false
        }
        if !completed { throw JavaRegexError.timedOut }
        if index == 0 { return [input] }
        if !matchLimited || pieces.count < limit {
            pieces.append(text.substring(from: index))
        }
        if limit == 0 {
            while let last = pieces.last, last.isEmpty { pieces.removeLast() }
        }
        return pieces
    }
}
