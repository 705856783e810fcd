import Synchronization

/// Uniform draws for decisions that depend on chance (a canary release's share of traffic),
/// injected like the clock and the identifier generator so tests can script every outcome.
public protocol RandomSource: Sendable {
    /// A value in `0 ..< 1`.
    func nextUnit() -> Double
}

/// Draws from the same counter-based generator as request ids (SplitMix64 over a counter,
/// seeded once from the system): uniform enough to split traffic, and no system call each.
public struct SystemRandomSource: RandomSource {
    public init() {}

    public func nextUnit() -> Double {
        // The top 53 bits, scaled: every double in [0, 1) a 53-bit mantissa can hold.
        Double(RandomBits.next() >> 11) * 0x1p-53
    }
}

/// Draws scripted by a test: the given values in turn, round and round.
public final class ScriptedRandomSource: RandomSource {
    private let state: Mutex<(values: [Double], next: Int)>

    /// `values` must not be empty; each should lie in `0 ..< 1`.
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a scripted random source needs at least one value")
        state = Mutex((values, 0))
    }

    public func nextUnit() -> Double {
        state.withLock { state in
            let value = state.values[state.next % state.values.count]
            state.next += 1
            return value
        }
    }

    /// How many draws were taken so far.
    public var draws: Int { state.withLock { $0.next } }
}
