import APIGatewayModel
import Foundation

/// Usage days and quota periods, shared by GetUsage / UpdateUsage (control plane) and the
/// quota gate (data plane) so both count the same way. Days are UTC day numbers since the epoch;
/// usage is stored per usage plan, API key and day (`AccountState.usage`).
///
/// A quota period is a UTC day, a week starting on Monday or a calendar month. The plan's
/// `offset` is "the number of requests subtracted from the given limit in the initial time
/// period": the initial period is the one in which the key's usage under the plan began
/// (the period of its earliest recorded day, or the current one while none is recorded).
/// https://docs.aws.amazon.com/apigateway/latest/api/API_QuotaSettings.html
public enum UsageCalendar {
    public static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// The `usage` entry of one plan, key and day: `{usagePlanId}/{keyId}/{yyyy-MM-dd}`.
    public static func name(plan: String, key: String, day: Int) -> String { "\(plan)/\(key)/\(format(day))" }

    /// `yyyy-MM-dd` → day number.
    public static func parse(_ text: String?) -> Int? {
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

    public static func format(_ day: Int) -> String {
        var seconds = time_t(day * 86_400)
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(fields.tm_year + 1900)-\(two(fields.tm_mon + 1))-\(two(fields.tm_mday))"
    }

    /// The first day of the quota period that contains `day` (weeks start on Monday, months on the 1st).
    public static func periodStart(_ period: QuotaPeriodType?, _ day: Int) -> Int {
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

    /// Requests of `key` under `plan` stored for the days `from...through`.
    public static func spent(plan: String, key: String, from: Int, through: Int, in state: ModelState) -> Int64 {
        guard from <= through else { return 0 }
        return (from...through).reduce(Int64(0)) { $0 + (state.account.usage[name(plan: plan, key: key, day: $1)] ?? 0) }
    }

    /// The quota's limit for the period starting on `periodStart`: the plan's limit, less the
    /// offset in the initial period. nil when the plan has no quota.
    public static func limit(plan: UsagePlan, key: String, periodStart start: Int, in state: ModelState) -> Int64? {
        guard let quota = plan.quota, let limit = quota.limit else { return nil }
        let offset = Int64(quota.offset ?? 0)
        guard offset != 0 else { return Int64(limit) }
        let prefix = (plan.id ?? "") + "/" + key + "/"
        let earliest = state.account.usage.keys.lazy.filter { $0.hasPrefix(prefix) }.compactMap { parse(String($0.dropFirst(prefix.count))) }.min()
        let initial = periodStart(quota.period, earliest ?? start)
        return initial == start ? max(0, Int64(limit) - offset) : Int64(limit)
    }

    /// `[used that day, quota left after that day in its period]` (0 left when the plan has no quota).
    public static func usedAndRemaining(plan: UsagePlan, key: String, day: Int, in state: ModelState) -> [Int64] {
        let planId = plan.id ?? ""
        let used = state.account.usage[name(plan: planId, key: key, day: day)] ?? 0
        let start = periodStart(plan.quota?.period, day)
        guard let limit = limit(plan: plan, key: key, periodStart: start, in: state) else { return [used, 0] }
        return [used, max(0, limit - spent(plan: planId, key: key, from: start, through: day, in: state))]
    }
}
