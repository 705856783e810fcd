import Foundation
import Synchronization

/// A throttle limit as API Gateway states one: a steady rate (requests per second) and a burst
/// (the bucket's capacity).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
struct ThrottleLimit: Sendable, Equatable {
    var rate: Double
    var burst: Int

    /// AWS's account-level default: 10,000 requests per second, bursts of 5,000.
    static let accountDefault = ThrottleLimit(rate: 10_000, burst: 5_000)
}

/// The token-bucket algorithm API Gateway throttles with: the bucket holds up to `burst`
/// tokens, starts full, refills at `rate` tokens per second, and each request takes one; an
/// empty bucket refuses. Time comes from the caller (the injected clock).
struct TokenBucket: Sendable {
    private(set) var limit: ThrottleLimit
    private(set) var tokens: Double
    private var last: Date

    init(_ limit: ThrottleLimit, now: Date) {
        self.limit = limit
        tokens = Double(limit.burst)
        last = now
    }

    /// Takes one token if there is one. A changed limit applies from now on, keeping the tokens
    /// the bucket holds up to its new capacity.
    mutating func take(_ limit: ThrottleLimit, at now: Date) -> Bool {
        if limit != self.limit {
            self.limit = limit
            tokens = min(tokens, Double(limit.burst))
        }
        let elapsed = now.timeIntervalSince(last)
        if elapsed > 0 {
            tokens = min(Double(limit.burst), tokens + elapsed * limit.rate)
            last = now
        }
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// Which bucket a request draws from.
enum BucketKey: Hashable, Sendable {
    /// One API key in one usage plan on one API stage; `method` (`/pets/GET`) when the plan
    /// overrides the limits of that method.
    case client(plan: String, key: String, api: String, stage: String, method: String?)
    /// One method of a stage (`pets/GET`), from the stage's `methodSettings`.
    case method(api: String, stage: String, method: String)
}

/// Every bucket of the data plane but the account's, created on first use.
final class ThrottleBuckets: Sendable {
    private let buckets = Mutex<[BucketKey: TokenBucket]>([:])
    private let account = Mutex<TokenBucket?>(nil)

    func take(_ key: BucketKey, _ limit: ThrottleLimit, at now: Date) -> Bool {
        buckets.withLock { buckets in
            buckets[key, default: TokenBucket(limit, now: now)].take(limit, at: now)
        }
    }

    /// The account's one bucket.
    func takeAccount(_ limit: ThrottleLimit, at now: Date) -> Bool {
        account.withLock { bucket in
            var current = bucket ?? TokenBucket(limit, now: now)
            defer { bucket = current }
            return current.take(limit, at: now)
        }
    }
}
