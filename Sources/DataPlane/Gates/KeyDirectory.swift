import APIGatewayModel
import Store
import Synchronization

/// The data plane's view of API keys and usage plans, indexed for the gates: keys by value,
/// the plans that include each API stage, and plan membership. Rebuilt only when the model's
/// `accessRevision` moves (a key, plan or plan key changed), the way deployments are compiled
/// once per deployment id. Only methods that require an API key read it.
final class KeyDirectory: Sendable {
    struct Index: Sendable {
        let revision: Int
        let keysByValue: [String: ApiKey]
        /// Plans that include an API stage, by `{apiId}/{stage}`, in id order.
        let plansByStage: [String: [UsagePlan]]
        /// `{usagePlanId}/{keyId}` of every key of every plan.
        let members: Set<String>

        init(_ model: ModelState) {
            revision = model.account.accessRevision
            var keys: [String: ApiKey] = [:]
            for key in model.account.apiKeys.values {
                if let value = key.value { keys[value] = key }
            }
            keysByValue = keys
            var plans: [String: [UsagePlan]] = [:]
            for plan in model.account.usagePlans.values.sorted(by: { ($0.id ?? "") < ($1.id ?? "") }) {
                for stage in plan.apiStages ?? [] {
                    plans[(stage.apiId ?? "") + "/" + (stage.stage ?? ""), default: []].append(plan)
                }
            }
            plansByStage = plans
            members = Set(model.account.usagePlanKeys.keys)
        }

        /// The first plan (by id) that includes the API stage and has `keyId` as a key.
        func plan(for keyId: String, api: String, stage: String) -> UsagePlan? {
            plansByStage[api + "/" + stage]?.first { members.contains(($0.id ?? "") + "/" + keyId) }
        }
    }

    private let cached = Mutex<Index?>(nil)

    func index(_ model: ModelState) -> Index {
        if let hit = cached.withLock({ $0 }), hit.revision == model.account.accessRevision { return hit }
        let fresh = Index(model)
        cached.withLock { $0 = fresh }
        return fresh
    }
}
