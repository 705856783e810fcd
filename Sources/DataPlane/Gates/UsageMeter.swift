import APIGatewayModel
import Foundation
import Store
import Synchronization

/// Counts every call accepted with an API key into the store's `usage` entity (per usage
/// plan, key and UTC day), and enforces the plans' quotas.
///
/// Calls are counted in memory and written in batches (`flush`, every second by the data
/// plane's flusher), so a call costs a lock, not a database write. The quota check adds three
/// parts: the counts stored in the model (re-read only when the model's `usageRevision`
/// moves, e.g. after UpdateUsage or a flush), the counts being flushed (until the model that
/// holds them is the one read), and the counts not flushed yet.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
final class UsageMeter: Sendable {
    struct PlanKey: Hashable, Sendable {
        let plan: String
        let key: String
    }

    private struct Stored {
        let revision: Int
        let periodStart: Int
        let spent: Int64
        let limit: Int64?
    }

    private struct State {
        var pending: [PlanKey: [Int: Int64]] = [:]
        var flushing: [PlanKey: [Int: Int64]] = [:]
        /// The revision of the model that holds `flushing` (Int.max until it is published).
        var flushedRevision = Int.max
        var stored: [PlanKey: Stored] = [:]
    }

    private let state = Mutex(State())

    /// Counts one call of `keyId` under `plan` on `day` unless the plan's quota for the period
    /// is used up; false when it is.
    func admit(plan: UsagePlan, keyId: String, day: Int, model: ModelState) -> Bool {
        let planKey = PlanKey(plan: plan.id ?? "", key: keyId)
        let start = UsageCalendar.periodStart(plan.quota?.period, day)
        let hasQuota = plan.quota?.limit != nil
        return state.withLock { state in
            if hasQuota {
                let revision = model.account.usageRevision
                var stored = state.stored[planKey]
                if stored?.revision != revision || stored?.periodStart != start {
                    // Stored days before today, plus today; the in-memory parts are added below.
                    let fresh = Stored(
                        revision: revision, periodStart: start,
                        spent: UsageCalendar.spent(plan: planKey.plan, key: keyId, from: start, through: day, in: model),
                        limit: UsageCalendar.limit(plan: plan, key: keyId, periodStart: start, in: model))
                    state.stored[planKey] = fresh
                    stored = fresh
                }
                if let stored, let limit = stored.limit {
                    var used = stored.spent + Self.sum(state.pending[planKey], from: start)
                    if revision < state.flushedRevision { used += Self.sum(state.flushing[planKey], from: start) }
                    guard used < limit else { return false }
                }
            }
            state.pending[planKey, default: [:]][day, default: 0] += 1
            return true
        }
    }

    private static func sum(_ days: [Int: Int64]?, from start: Int) -> Int64 {
        guard let days else { return 0 }
        return days.reduce(0) { $0 + ($1.key >= start ? $1.value : 0) }
    }

    /// Writes the counts not yet stored to `store` in one transaction; on failure they stay
    /// pending for the next flush.
    func flush(to store: ModelStore) async {
        let batch: [PlanKey: [Int: Int64]] = state.withLock { state in
            for (planKey, days) in state.pending {
                state.flushing[planKey, default: [:]].merge(days, uniquingKeysWith: +)
            }
            state.pending = [:]
            return state.flushing
        }
        guard !batch.isEmpty else { return }
        do {
            try await store.write { (model: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
                var dirty: [DirtyDocument] = []
                for (planKey, days) in batch {
                    for (day, count) in days {
                        let name = UsageCalendar.name(plan: planKey.plan, key: planKey.key, day: day)
                        model.account.usage[name, default: 0] += count
                        dirty.append(DirtyDocument(.usage, name: name))
                    }
                }
                let revision = model.account.usageRevision
                self.state.withLock { $0.flushedRevision = revision }
                return ((), dirty)
            }
            state.withLock { state in
                state.flushing = [:]
                state.flushedRevision = .max
            }
        } catch {
            state.withLock { $0.flushedRevision = .max }
        }
    }

    /// Whether calls wait to be written.
    var hasPending: Bool { state.withLock { !$0.pending.isEmpty || !$0.flushing.isEmpty } }
}
