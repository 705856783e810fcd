import APIGatewayModel
import Store

/// UpdateUsagePlan's paths: the plan's own fields, `/apiStages` (add or remove `{apiId}:{stage}`),
/// per-method throttles `/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/{rateLimit|burstLimit}`
/// with the resource path's raw slashes (as Terraform sends them), `/throttle/*` and `/quota/*`
/// (a `replace` creates the object when absent, as recorded on AWS).
/// https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
func usagePlanPatch(_ state: ModelState) -> PatchTable<UsagePlan> {
    PatchTable<UsagePlan>(
        .bare,
        [
            PatchRule("/name", ["replace"]) { plan, request throws(ManagementError) in
                guard let value = request.value, !value.isEmpty else { throw .badRequest("Usage Plan name cannot be empty") }
                plan.name = value
            },
            PatchRule("/description", ["replace"]) { plan, request throws(ManagementError) in
                plan.description = request.value?.isEmpty == false ? request.value : nil
            },
            PatchRule("/productCode", ["replace", "remove"]) { plan, request throws(ManagementError) in
                plan.productCode = request.op == "remove" || request.value?.isEmpty != false ? nil : request.value
            },
            PatchRule("/apiStages", ["add", "remove"]) { plan, request throws(ManagementError) in
                let (api, stage) = try UsagePlanRules.apiStage(request.value)
                var stages = plan.apiStages ?? []
                let index = stages.firstIndex { $0.apiId == api && $0.stage == stage }
                if request.op == "remove" {
                    guard let index else {
                        throw .notFound("Invalid API Stage {api: \(api), stage: \(stage)} specified for usageplan \(plan.id ?? "")")
                    }
                    stages.remove(at: index)
                } else if index == nil {
                    try UsagePlanRules.checkStage(apiId: api, stage: stage, plan: plan.id ?? "", in: state)
                    stages.append(ApiStage(apiId: api, stage: stage))
                }
                plan.apiStages = stages
            },
            PatchRule("/apiStages/{key}/throttle/{path+}/{key}/rateLimit", ["replace", "add"]) { plan, request throws(ManagementError) in
                try methodThrottle(&plan, request) { throttle, value throws(ManagementError) in
                    guard let rate = value.flatMap(Double.init) else { throw .badRequest("Invalid rate limit specified: \(value ?? "null")") }
                    throttle.rateLimit = rate
                }
            },
            PatchRule("/apiStages/{key}/throttle/{path+}/{key}/burstLimit", ["replace", "add"]) { plan, request throws(ManagementError) in
                try methodThrottle(&plan, request) { throttle, value throws(ManagementError) in
                    guard let burst = value.flatMap({ Int($0) }) else { throw .badRequest("Invalid burst limit specified: \(value ?? "null")") }
                    throttle.burstLimit = burst
                }
            },
            PatchRule("/apiStages/{key}/throttle/{path+}/{key}", ["remove"]) { plan, request throws(ManagementError) in
                let (api, stage) = try UsagePlanRules.apiStage(request.keys[0])
                guard let index = plan.apiStages?.firstIndex(where: { $0.apiId == api && $0.stage == stage }) else {
                    throw .notFound("Invalid API Stage {api: \(api), stage: \(stage)} specified for usageplan \(plan.id ?? "")")
                }
                let key = methodKey(request.keys[1], request.keys[2])
                plan.apiStages?[index].throttle?[key] = nil
                if plan.apiStages?[index].throttle?.isEmpty == true { plan.apiStages?[index].throttle = nil }
            },
            PatchRule("/throttle", ["remove"]) { plan, _ throws(ManagementError) in plan.throttle = nil },
            PatchRule("/throttle/rateLimit", ["replace", "add"]) { plan, request throws(ManagementError) in
                guard let rate = request.value.flatMap(Double.init) else {
                    throw .badRequest("Invalid rate limit specified: \(request.value ?? "null")")
                }
                var throttle = plan.throttle ?? ThrottleSettings()
                throttle.rateLimit = rate
                plan.throttle = throttle
            },
            PatchRule("/throttle/burstLimit", ["replace", "add"]) { plan, request throws(ManagementError) in
                guard let burst = request.value.flatMap({ Int($0) }) else {
                    throw .badRequest("Invalid burst limit specified: \(request.value ?? "null")")
                }
                var throttle = plan.throttle ?? ThrottleSettings()
                throttle.burstLimit = burst
                plan.throttle = throttle
            },
            PatchRule("/quota", ["remove"]) { plan, _ throws(ManagementError) in plan.quota = nil },
            PatchRule("/quota/limit", ["replace", "add"]) { plan, request throws(ManagementError) in
                guard let limit = request.value.flatMap({ Int($0) }) else {
                    throw .badRequest("Invalid quota limit specified: \(request.value ?? "null")")
                }
                var quota = plan.quota ?? QuotaSettings(offset: 0)
                quota.limit = limit
                plan.quota = quota
            },
            PatchRule("/quota/offset", ["replace", "add"]) { plan, request throws(ManagementError) in
                guard let offset = request.value.flatMap({ Int($0) }) else {
                    throw .badRequest("Invalid quota offset specified: \(request.value ?? "null")")
                }
                var quota = plan.quota ?? QuotaSettings(offset: 0)
                quota.offset = offset
                plan.quota = quota
            },
            PatchRule("/quota/period", ["replace", "add"]) { plan, request throws(ManagementError) in
                guard let period = request.value.flatMap(QuotaPeriodType.init(rawValue:)) else {
                    throw .badRequest("Invalid quota period specified. Valid options are DAY,WEEK,MONTH")
                }
                var quota = plan.quota ?? QuotaSettings(offset: 0)
                quota.period = period
                plan.quota = quota
            },
        ])
}

/// The key of a per-method throttle: `/pets/{id}/GET` (the resource path with its leading slash).
private func methodKey(_ resourcePath: String, _ method: String) -> String {
    (resourcePath.hasPrefix("/") ? resourcePath : "/" + resourcePath) + "/" + method
}

private func methodThrottle(
    _ plan: inout UsagePlan, _ request: PatchRequest,
    _ apply: (inout ThrottleSettings, String?) throws(ManagementError) -> Void
) throws(ManagementError) {
    let (api, stage) = try UsagePlanRules.apiStage(request.keys[0])
    guard let index = plan.apiStages?.firstIndex(where: { $0.apiId == api && $0.stage == stage }) else {
        throw .notFound("Invalid API Stage {api: \(api), stage: \(stage)} specified for usageplan \(plan.id ?? "")")
    }
    let key = methodKey(request.keys[1], request.keys[2])
    var throttles = plan.apiStages?[index].throttle ?? [:]
    var throttle = throttles[key] ?? ThrottleSettings()
    try apply(&throttle, request.value)
    throttles[key] = throttle
    plan.apiStages?[index].throttle = throttles
}
