import APIGatewayModel
import Foundation
import Store

/// CreateUsagePlan, GetUsagePlan, GetUsagePlans, UpdateUsagePlan, DeleteUsagePlan. Shapes and
/// messages as recorded on AWS: `apiStages` always present, `tags` on Get and Update, throttle
/// and quota created by `replace` on their sub-paths.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateUsagePlan.html
extension ManagementAPI {
    static let usagePlans = AccountCollection<UsagePlan>(
        kind: .usagePlan, items: \AccountState.usagePlans, notFound: { _ in .notFound("Invalid Usage Plan ID specified") })

    static func registerUsagePlans(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createUsagePlan] = { context in
            let input = try context.body(CreateUsagePlanRequest.self)
            let id = context.environment.ids.next(.usagePlan)
            let plan = UsagePlan(
                id: id, name: input.name, description: input.description?.isEmpty == false ? input.description : nil,
                apiStages: input.apiStages ?? [], throttle: input.throttle,
                quota: input.quota.map { QuotaSettings(limit: $0.limit, offset: $0.offset ?? 0, period: $0.period) },
                tags: (input.tags?.isEmpty ?? true) ? nil : input.tags)
            try await context.write { state throws(ManagementError) in
                for stage in plan.apiStages ?? [] {
                    try UsagePlanRules.checkStage(apiId: stage.apiId ?? "", stage: stage.stage ?? "", plan: id, in: state)
                }
                try UsagePlanRules.checkQuota(plan.quota)
                return ((), [usagePlans.store(plan, id: id, in: &state)])
            }
            return .json(plan)
        }
        handlers[.getUsagePlan] = { context in
            let plan = try usagePlans.find(context.label("usageplanId"), in: context.model.current)
            return .json(plan.withTags)
        }
        handlers[.getUsagePlans] = { context in
            let state = context.model.current
            let keyId = context.request.queryValue("keyId")
            let plans = usagePlans.all(state)
                .filter { plan in keyId.map { state.account.usagePlanKeys[(plan.id ?? "") + "/" + $0] != nil } ?? true }
                .sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }
                .map(\.withoutTags)
            let page = try Page.of(plans, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(UsagePlans(position: page.position, items: page.items))
        }
        handlers[.updateUsagePlan] = { context in
            let input = try context.body(UpdateUsagePlanRequest.self)
            let id = context.label("usageplanId")
            let updated = try await context.write { state throws(ManagementError) in
                var plan = try usagePlans.find(id, in: state)
                let stagesBefore = plan.apiStages ?? []
                try usagePlanPatch(state).apply(input.patchOperations ?? [], to: &plan)
                try UsagePlanRules.checkQuota(plan.quota)
                let added = (plan.apiStages ?? []).filter { stage in
                    !stagesBefore.contains { $0.apiId == stage.apiId && $0.stage == stage.stage }
                }
                let keys = state.account.usagePlanKeys.keys.filter { $0.hasPrefix(id + "/") }.map { String($0.dropFirst(id.count + 1)) }
                try UsagePlanRules.checkKeyStages(plan: id, stages: added, keys: keys, in: state)
                return (plan, [usagePlans.store(plan, id: id, in: &state)])
            }
            return .json(updated.withTags)
        }
        handlers[.deleteUsagePlan] = { context in
            let id = context.label("usageplanId")
            try await context.write { state throws(ManagementError) in
                _ = try usagePlans.find(id, in: state)
                var dirty = state.account.usagePlanKeys.keys.filter { $0.hasPrefix(id + "/") }
                    .map { usagePlanKeys.store(nil, id: $0, in: &state) }
                dirty.append(usagePlans.store(nil, id: id, in: &state))
                return ((), dirty)
            }
            return .empty
        }
    }
}

/// What AWS checks on a usage plan.
enum UsagePlanRules {
    /// An API stage of a plan must exist (recorded on AWS: `Invalid API Stage {api: X, stage: Y} specified for usageplan Z`).
    static func checkStage(apiId: String, stage: String, plan: String, in state: ModelState) throws(ManagementError) {
        guard state.apis[apiId]?.stages[stage] != nil else {
            throw .notFound("Invalid API Stage {api: \(apiId), stage: \(stage)} specified for usageplan \(plan)")
        }
    }

    /// `{apiId}:{stage}`, as patch values and paths name an API stage.
    static func apiStage(_ value: String?) throws(ManagementError) -> (api: String, stage: String) {
        guard let value, let colon = value.firstIndex(of: ":"), colon != value.startIndex, value.index(after: colon) != value.endIndex else {
            throw .badRequest("Invalid API Stage specified")
        }
        return (String(value[..<colon]), String(value[value.index(after: colon)...]))
    }

    /// AWS refuses an API key in two usage plans that cover one API stage: adding the key to
    /// `plan` (whose stages are `stages`), or adding `stages` to a plan whose `keys` are in
    /// another plan with one of those stages. 409 ConflictException; neither the status nor
    /// the wording is recorded (the wording is the one users quote).
    static func checkKeyStages(plan: String, stages: [ApiStage], keys: [String], in state: ModelState) throws(ManagementError) {
        guard !stages.isEmpty, !keys.isEmpty else { return }
        let wanted = Set(stages.map { ($0.apiId ?? "") + ":" + ($0.stage ?? "") })
        let keySet = Set(keys)
        for member in state.account.usagePlanKeys.keys.sorted() {
            guard let slash = member.firstIndex(of: "/") else { continue }
            let (other, key) = (String(member[..<slash]), String(member[member.index(after: slash)...]))
            guard other != plan, keySet.contains(key) else { continue }
            for stage in state.account.usagePlans[other]?.apiStages ?? [] {
                let name = (stage.apiId ?? "") + ":" + (stage.stage ?? "")
                if wanted.contains(name) {
                    throw .conflict(
                        "Usage Plan \(plan) cannot be added because API Key \(key) cannot reference multiple Usage Plans with the same API Stage: \(name)"
                    )
                }
            }
        }
    }

    static func checkQuota(_ quota: QuotaSettings?) throws(ManagementError) {
        guard let quota else { return }
        if quota.period == nil { throw .badRequest("Quota period must be specified") }
        if let limit = quota.limit, limit < 0 { throw .badRequest("Quota limit should be a non-negative integer") }
    }
}
