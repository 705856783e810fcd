import APIGatewayModel
import Foundation
import Store

/// GetUsage and UpdateUsage over the usage the data plane records per usage plan, API key and
/// UTC day. Each day answers `[used, remaining]`: requests counted that day, and what is left of
/// the plan's quota in its period after that day (0 when the plan has no quota).
/// https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
extension ManagementAPI {
    static let getUsage: OperationHandler = { context in
        let state = context.model.current
        let planId = context.label("usageplanId")
        let plan = try usagePlans.find(planId, in: state)
        guard let start = UsageCalendar.parse(context.request.queryValue("startDate")),
            let end = UsageCalendar.parse(context.request.queryValue("endDate"))
        else {
            throw ManagementError.badRequest("Invalid date format. Dates must be of the form yyyy-MM-dd")
        }
        guard start <= end else { throw ManagementError.badRequest("The start date must not be after the end date") }
        guard end - start < 90 else { throw ManagementError.badRequest("The date range must not exceed 90 days") }
        let keyId = context.request.queryValue("keyId")
        let keys = state.account.usagePlanKeys.keys.filter { $0.hasPrefix(planId + "/") }
            .map { String($0.dropFirst(planId.count + 1)) }
            .filter { keyId == nil || $0 == keyId }
            .sorted()
        var values: [String: [[Int64]]] = [:]
        for key in keys {
            values[key] = (start...end).map { day in UsageCalendar.usedAndRemaining(plan: plan, key: key, day: day, in: state) }
        }
        return .json(Usage(usagePlanId: planId, startDate: UsageCalendar.format(start), endDate: UsageCalendar.format(end), items: values))
    }

    /// `replace /remaining` sets what is left of the key's quota in the current period.
    static let updateUsage: OperationHandler = { context in
        let input = try context.body(UpdateUsageRequest.self)
        let (planId, keyId) = (context.label("usageplanId"), context.label("keyId"))
        let today = UsageCalendar.day(context.environment.clock.now())
        let usage = try await context.write { state throws(ManagementError) in
            let plan = try usagePlans.find(planId, in: state)
            _ = try usagePlanKeys.find(planId + "/" + keyId, in: state)
            var dirty: [DirtyDocument] = []
            for operation in input.patchOperations ?? [] {
                guard operation.path == "/remaining", operation.op?.rawValue == "replace" else {
                    throw ManagementError.badRequest("Invalid patch path \(operation.path ?? "null")")
                }
                let start = UsageCalendar.periodStart(plan.quota?.period, today)
                guard let limit = UsageCalendar.limit(plan: plan, key: keyId, periodStart: start, in: state) else {
                    throw ManagementError.badRequest("Usage plan \(planId) has no quota")
                }
                guard let remaining = operation.value.flatMap({ Int64($0) }), remaining >= 0 else {
                    throw ManagementError.badRequest("Invalid remaining value specified: \(operation.value ?? "null")")
                }
                let now = UsageCalendar.usedAndRemaining(plan: plan, key: keyId, day: today, in: state)
                let (usedToday, left) = (now[0], now[1])
                let name = UsageCalendar.name(plan: planId, key: keyId, day: today)
                state.account.usage[name] = max(0, min(limit, usedToday + left - remaining))
                dirty.append(DirtyDocument(.usage, name: name))
            }
            let value = UsageCalendar.usedAndRemaining(plan: plan, key: keyId, day: today, in: state)
            return (
                Usage(
                    usagePlanId: planId, startDate: UsageCalendar.format(today), endDate: UsageCalendar.format(today),
                    items: [keyId: [value]]), dirty
            )
        }
        return .json(usage)
    }
}
