import Foundation
import Synchronization

/// Wall-clock time, injected into both planes so timestamps, TTLs, throttling windows and
/// quotas can be tested deterministically.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to (tests).
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_764_547_200)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}

extension WallClock {
    /// Now, truncated to whole seconds as AWS reports timestamps.
    public func timestamp() -> Date {
        Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
    }

    /// Milliseconds since the epoch (`$context.requestTimeEpoch`).
    public func epochMilliseconds() -> Int {
        Int(now().timeIntervalSince1970 * 1000)
    }
}
