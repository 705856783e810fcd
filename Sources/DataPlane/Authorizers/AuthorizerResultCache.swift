import Foundation
import PorticoCore
import Synchronization

/// Authorizer results per stage, kept for the authorizer's `authorizerResultTtlInSeconds`
/// (default 300; 0 turns caching off) and keyed by the authorizer and its identity source
/// values. The cached policy is evaluated again for every method ARN it serves, as AWS does.
/// FlushStageAuthorizersCache empties a stage's share. Time comes from the injected clock.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
final class AuthorizerResultCache: Sendable {
    private struct Entry {
        let result: AuthorizerResult
        let expires: Date
    }

    /// Entries by `{apiId}/{stage}`, then by authorizer and identity values.
    private let stages = Mutex<[String: [String: Entry]]>([:])
    private let clock: any WallClock
    /// Entries a stage keeps at most; when full, expired entries go first, then the stage's
    /// share is started over (a bound on memory, never a wrong answer).
    let capacity: Int

    init(clock: any WallClock, capacity: Int = 10_000) {
        self.clock = clock
        self.capacity = capacity
    }

    static func stageKey(apiId: String, stage: String) -> String { apiId + "/" + stage }

    static func key(authorizerId: String, identity: [String]) -> String {
        // A separator no header, query value or token can carry.
        ([authorizerId] + identity).joined(separator: "\u{0}")
    }

    /// The live result for `key`, if any.
    func lookup(stage: String, key: String) -> AuthorizerResult? {
        let now = clock.now()
        return stages.withLock { stages in
            guard let entry = stages[stage]?[key] else { return nil }
            guard entry.expires > now else {
                stages[stage]?[key] = nil
                return nil
            }
            return entry.result
        }
    }

    func store(_ result: AuthorizerResult, stage: String, key: String, ttlSeconds: Int) {
        guard ttlSeconds > 0 else { return }
        let now = clock.now()
        let entry = Entry(result: result, expires: now.addingTimeInterval(TimeInterval(ttlSeconds)))
        stages.withLock { stages in
            var entries = stages[stage] ?? [:]
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries = [:] }
            }
            entries[key] = entry
            stages[stage] = entries
        }
    }

    /// FlushStageAuthorizersCache.
    func flush(stage: String) {
        _ = stages.withLock { $0.removeValue(forKey: stage) }
    }

    /// Every stage's entries (a reset of the whole model).
    func removeAll() {
        stages.withLock { $0 = [:] }
    }
}
