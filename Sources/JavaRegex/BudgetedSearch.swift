import Foundation

/// Runs ICU searches under a wall-clock budget. `NSRegularExpression` reports progress
/// several times per millisecond while it backtracks (`.reportProgress`), which is where
/// a runaway search is stopped.
enum BudgetedSearch {
    enum First {
        case found(NSTextCheckingResult)
        case none
        case timedOut
    }

    /// The first match in `input` (searching from the start).
    static func first(_ regex: NSRegularExpression, in input: String, budget: Duration) -> First {
        let box = FirstBox()
        let completed = forEach(regex, in: input, budget: budget) { match in
            box.match = match
            return false
        }
        if let match = box.match { return .found(match) }
        return completed ? .none : .timedOut
    }

    /// Calls `body` for each successive match (`Matcher.find()` semantics; after an empty
    /// match the search resumes one code point later) until it returns false. Returns false
    /// when the budget ran out first.
    static func forEach(
        _ regex: NSRegularExpression, in input: String, budget: Duration,
        _ body: (NSTextCheckingResult) -> Bool
    ) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: budget)
        let state = SearchState()
        let length = input.utf16.count
        // Foundation declares the block escaping; it is only called during this call.
        withoutActuallyEscaping(body) { body in
            regex.enumerateMatches(
                in: input, options: [.reportProgress],
                range: NSRange(location: 0, length: length)
            ) { result, flags, stop in
                // ICU gives up on some patterns (e.g. nested lazy loops over empty matches);
                // report that like a timeout rather than as "no match".
                if flags.contains(.internalError) {
                    state.timedOut = true
                    stop.pointee = true
                    return
                }
                if let result, !body(result) {
                    stop.pointee = true
                    return
                }
                if clock.now >= deadline {
                    state.timedOut = true
                    stop.pointee = true
                }
            }
        }
        return !state.timedOut
    }
}

private final class FirstBox: @unchecked Sendable {
    var match: NSTextCheckingResult?
}

/// Mutable flag shared with the (formally escaping) enumeration block; used by one
/// thread at a time.
private final class SearchState: @unchecked Sendable {
    var timedOut = false
}
