import Foundation
import Synchronization

/// Compiled ICU regexes by pattern text, shared by every `JavaPattern`.
///
/// swift-corelibs-foundation's `NSRegularExpression` leaks memory each time one is
/// created and released on Linux (measured: tens of bytes plus several KB for large
/// patterns), so compiling the same pattern per request would grow the process without
/// bound. Instances are immutable and safe to share across threads; keeping them here
/// bounds the leak to the number of distinct patterns (the oldest entries are dropped
/// past the capacity).
enum ICURegexCache {
    static let capacity = 4096

    private struct State {
        var regexes: [String: NSRegularExpression] = [:]
        var order: [String] = []
    }

    private static let state = Mutex(State())

    static func regex(_ pattern: String) throws -> NSRegularExpression {
        if let cached = state.withLock({ $0.regexes[pattern] }) { return cached }
        let regex = try NSRegularExpression(pattern: pattern, options: [])
        return state.withLock { s in
            if let existing = s.regexes[pattern] { return existing }
            if s.order.count >= capacity {
                let evicted = s.order.removeFirst()
                s.regexes[evicted] = nil
            }
            s.order.append(pattern)
            s.regexes[pattern] = regex
            return regex
        }
    }
}
