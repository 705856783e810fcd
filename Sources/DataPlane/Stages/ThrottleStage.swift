import APIGatewayModel
import Foundation
import Store

/// Stage 3, gate 3: throttling, in the order AWS applies its limits — the usage plan's limits
/// for the API key (per method where the plan's API stage overrides them), then the stage's
/// `methodSettings` (the method's own entry, else `*/*`), then the account's `throttleSettings`.
/// Each is a token bucket (`TokenBucket`); an empty one answers 429 `{"message":"Too Many
/// Requests"}` through THROTTLED. Then the plan's quota (`UsageMeter`): 429 `{"message":"Limit
/// Exceeded"}` through QUOTA_EXCEEDED. A method with neither an API key nor method settings
/// costs one bucket: the account's.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
enum ThrottleStage {
    static func run(
        _ routed: RoutedRequest, key: APIKeyStage.Admitted?, model: ModelState, accountLimit: ThrottleLimit,
        buckets: ThrottleBuckets, meter: UsageMeter, now: Date
    ) throws(GatewayError) {
        let context = routed.context
        let verb = routed.method.method.httpMethod ?? routed.request.method
        if let key, let keyId = key.key.id {
            let planId = key.plan.id ?? ""
            let stage = key.plan.apiStages?.first { $0.apiId == context.apiId && $0.stage == context.stage }
            let methodKey = (routed.resource.path == "/" ? "" : routed.resource.path) + "/" + verb
            let override = stage?.throttle?[methodKey]
            let method = override == nil ? nil : methodKey
            if let limit = (override ?? key.plan.throttle).flatMap(limit) {
                let bucket = BucketKey.client(plan: planId, key: keyId, api: context.apiId, stage: context.stage, method: method)
                guard buckets.take(bucket, limit, at: now) else {
                    throw .throttled("Usage plan \(planId) throttled API key \(keyId)\(method.map { " on " + $0 } ?? "") (\(describe(limit)))")
                }
            }
        }
        if let settings = model.apis[context.apiId]?.stages[context.stage]?.methodSettings, !settings.isEmpty {
            let settingKey = String(routed.resource.path.dropFirst()) + "/" + verb
            if let setting = settings[settingKey] ?? settings["*/*"], let limit = limit(setting) {
                let bucket = BucketKey.method(api: context.apiId, stage: context.stage, method: settingKey)
                guard buckets.take(bucket, limit, at: now) else {
                    throw .throttled("Stage \(context.stage) throttled method \(settingKey) (\(describe(limit)))")
                }
            }
        }
        guard buckets.takeAccount(accountLimit, at: now) else {
            throw .throttled("Account throttled (\(describe(accountLimit)))")
        }
        if let key, let keyId = key.key.id {
            guard meter.admit(plan: key.plan, keyId: keyId, day: UsageCalendar.day(now), model: model) else {
                let quota = key.plan.quota
                throw .quotaExceeded(
                    "Usage plan \(key.plan.id ?? "") quota exceeded for API key \(keyId) (\(quota?.limit ?? 0) per \(quota?.period?.rawValue ?? "DAY"))"
                )
            }
        }
    }

    private static func limit(_ settings: ThrottleSettings) -> ThrottleLimit? {
        guard settings.rateLimit != nil || settings.burstLimit != nil else { return nil }
        return ThrottleLimit(rate: settings.rateLimit ?? 0, burst: settings.burstLimit ?? 0)
    }

    private static func limit(_ setting: MethodSetting) -> ThrottleLimit? {
        guard setting.throttlingRateLimit != nil || setting.throttlingBurstLimit != nil else { return nil }
        return ThrottleLimit(rate: setting.throttlingRateLimit ?? 0, burst: setting.throttlingBurstLimit ?? 0)
    }

    private static func describe(_ limit: ThrottleLimit) -> String { "rate \(limit.rate)/s, burst \(limit.burst)" }
}
