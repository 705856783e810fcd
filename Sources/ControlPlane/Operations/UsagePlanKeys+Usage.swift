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
        guard let start = UsageDays.parse(context.request.queryValue("startDate")),
            let end = UsageDays.parse(context.request.queryValue("endDate"))
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
            values[key] = (start...end).map { day in UsageDays.usedAndRemaining(plan: plan, key: key, day: day, in: state) }
        }
        return .json(Usage(usagePlanId: planId, startDate: UsageDays.format(start), endDate: UsageDays.format(end), items: values))
    }

    /// `replace /remaining` sets what is left of the key's quota in the current period.
    static let updateUsage: OperationHandler = { context in
        let input = try context.body(UpdateUsageRequest.self)
        let (planId, keyId) = (context.label("usageplanId"), context.label("keyId"))
        let today = UsageDays.day(context.environment.clock.now())
        let usage = try await context.write { state throws(ManagementError) in
            let plan = try usagePlans.find(planId, in: state)
            _ = try usagePlanKeys.find(planId + "/" + keyId, in: state)
            var dirty: [DirtyDocument] = []
            for operation in input.patchOperations ?? [] {
                guard operation.path == "/remaining", operation.op?.rawValue == "replace" else {
                    throw ManagementError.badRequest("Invalid patch path \(operation.path ?? "null")")
                }
                guard let limit = plan.quota?.limit else { throw ManagementError.badRequest("Usage plan \(planId) has no quota") }
                guard let remaining = operation.value.flatMap({ Int64($0) }), remaining >= 0 else {
                    throw ManagementError.badRequest("Invalid remaining value specified: \(operation.value ?? "null")")
                }
                let now = UsageDays.usedAndRemaining(plan: plan, key: keyId, day: today, in: state)
                let (usedToday, left) = (now[0], now[1])
                let name = UsageDays.name(plan: planId, key: keyId, day: today)
                state.account.usage[name] = max(0, min(Int64(limit), usedToday + left - remaining))
                dirty.append(DirtyDocument(.usage, name: name))
            }
            let value = UsageDays.usedAndRemaining(plan: plan, key: keyId, day: today, in: state)
            return (
                Usage(
                    usagePlanId: planId, startDate: UsageDays.format(today), endDate: UsageDays.format(today),
                    items: [keyId: [value]]), dirty
            )
        }
        return .json(usage)
    }
}

/// Days as UTC day numbers since the epoch, and the quota arithmetic over them.
enum UsageDays {
    static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    static func name(plan: String, key: String, day: Int) -> String { "\(plan)/\(key)/\(format(day))" }

    /// `yyyy-MM-dd` → day number.
    static func parse(_ text: String?) -> Int? {
        guard let text, text.utf8.count == 10 else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(dayOfMonth)
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(dayOfMonth)
        let seconds = timegm(&fields)
        return Int(seconds / 86_400)
    }

    static func format(_ day: Int) -> String {
        var seconds = time_t(day * 86_400)
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(fields.tm_year + 1900)-\(two(fields.tm_mon + 1))-\(two(fields.tm_mday))"
    }

    /// The first day of the quota period that contains `day` (weeks start on Monday, months on the 1st).
    static func periodStart(_ period: QuotaPeriodType?, _ day: Int) -> Int {
        switch period {
        case .week: return day - ((day + 3) % 7)
        case .month:
            var seconds = time_t(day * 86_400)
            var fields = tm()
            gmtime_r(&seconds, &fields)
            return day - Int(fields.tm_mday - 1)
        case .day, nil: return day
        }
    }

    /// `[used that day, quota left after that day in its period]`.
    static func usedAndRemaining(plan: UsagePlan, key: String, day: Int, in state: ModelState) -> [Int64] {
        let planId = plan.id ?? ""
        let used = state.account.usage[name(plan: planId, key: key, day: day)] ?? 0
        guard let limit = plan.quota?.limit else { return [used, 0] }
        let start = periodStart(plan.quota?.period, day)
        let spent = (start...day).reduce(Int64(0)) { $0 + (state.account.usage[name(plan: planId, key: key, day: $1)] ?? 0) }
        return [used, max(0, Int64(limit) - spent)]
    }
}
