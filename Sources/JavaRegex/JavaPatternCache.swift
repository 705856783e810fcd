import Synchronization

/// A bounded, thread-safe cache of compiled patterns (and of compile errors), for callers
/// such as template engines that see the same pattern text over and over.
public final class JavaPatternCache: Sendable {
    struct Key: Hashable {
        let pattern: String
        let flags: Int
    }

    struct State {
        var entries: [Key: Result<JavaPattern, JavaRegexError>] = [:]
        var order: [Key] = []
    }

    /// A process-wide cache of 1,024 patterns.
    public static let shared = JavaPatternCache(capacity: 1024)

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The compiled pattern, compiling (and remembering) it on first use; the oldest entry
    /// is dropped when the cache is full.
    public func pattern(_ pattern: String, flags: JavaPattern.Flags = []) throws(JavaRegexError) -> JavaPattern {
        let key = Key(pattern: pattern, flags: flags.rawValue)
        if let cached = state.withLock({ $0.entries[key] }) {
            return try cached.get()
        }
        let result: Result<JavaPattern, JavaRegexError>
        do {
            result = .success(try JavaPattern(pattern, flags: flags))
        } catch {
            result = .failure(error)
        }
        state.withLock { s in
            if s.entries[key] == nil {
                if s.order.count >= capacity {
                    let evicted = s.order.removeFirst()
                    s.entries[evicted] = nil
                }
                s.order.append(key)
            }
            s.entries[key] = result
        }
        return try result.get()
    }

    /// Number of cached entries.
    public var count: Int { state.withLock { $0.entries.count } }
}
