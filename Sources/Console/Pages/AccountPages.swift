import APIGatewayModel
import Foundation
import Store

/// The account's pages: API keys, usage plans with their usage, custom domain names.
enum AccountPages {
    static func apiKeys(_ context: PageContext) -> ConsolePage {
        let account = context.model.account
        let keys: [[String: Any]] = account.apiKeys.values.sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }.map {
            key in
            let id = key.id ?? ""
            let plans: [[String: Any]] = account.usagePlans.values.filter { account.usagePlanKeys[($0.id ?? "") + "/" + id] != nil }
                .sorted { ($0.name ?? "") < ($1.name ?? "") }
                .map { ["planName": $0.name ?? $0.id ?? "", "planHref": Href.usagePlans + "#plan-" + Href.segment($0.id ?? "")] }
            return [
                "keyId": id, "keyName": key.name ?? "", "enabled": Format.bool(key.enabled ?? false), "value": key.value ?? "",
                "customerId": key.customerId ?? "", "plans": plans, "stageKeys": (key.stageKeys ?? []).joined(separator: ", "),
                "keyCreated": Format.date(key.createdDate),
            ]
        }
        return ConsolePage(template: "apiKeys", title: "API keys", crumbs: [("Console", Href.home)], view: ["keys": keys])
    }

    /// Usage is flushed from the data plane's meter first, so the counts include the calls of the
    /// last second.
    static func usagePlans(_ context: PageContext) async -> ConsolePage {
        var model = context.model
        if let dataPlane = context.console.dataPlane {
            await dataPlane.flushUsage()
            model = context.console.model.current
        }
        let today = UsageCalendar.day(Date())
        let account = model.account
        let plans: [[String: Any]] = account.usagePlans.values.sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }.map {
            plan in
            let id = plan.id ?? ""
            let start = UsageCalendar.periodStart(plan.quota?.period, today)
            let keys: [[String: Any]] = account.usagePlanKeys.filter { $0.key.hasPrefix(id + "/") }.map(\.value)
                .sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }
                .map { key in
                    let keyId = key.id ?? ""
                    let period = UsageCalendar.spent(plan: id, key: keyId, from: start, through: today, in: model)
                    // As GetUsage answers it: the quota less this period's requests (less the offset in the first period).
                    let usage = UsageCalendar.usedAndRemaining(plan: plan, key: keyId, day: today, in: model)
                    let remaining = plan.quota?.limit == nil ? "no quota" : String(usage[1])
                    return [
                        "usageKeyId": keyId, "usageKeyName": key.name ?? "",
                        "usedToday": String(usage[0]),
                        "usedPeriod": String(period), "remaining": remaining,
                    ]
                }
            return [
                "planId": id, "planName": plan.name ?? "", "planDescription": plan.description ?? "",
                "throttle": throttle(plan.throttle), "quota": quota(plan.quota), "apiStages": apiStages(plan.apiStages, model: model),
                "planKeys": keys, "today": UsageCalendar.format(today), "periodStart": UsageCalendar.format(start),
            ]
        }
        return ConsolePage(template: "usagePlans", title: "Usage plans", crumbs: [("Console", Href.home)], view: ["plans": plans])
    }

    private static func apiStages(_ stages: [ApiStage]?, model: ModelState) -> [[String: Any]] {
        (stages ?? []).map { stage in
            let api = stage.apiId ?? ""
            let name = model.apis[api]?.restApi.name ?? api
            return [
                "stageLabel": "\(name) / \(stage.stage ?? "")", "stageHref": Href.api(api, "stages") + "#stage-" + Href.segment(stage.stage ?? ""),
                "stageThrottle": (stage.throttle ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \(throttle($0.value))" },
            ]
        }
    }

    static func throttle(_ settings: ThrottleSettings?) -> String {
        guard let settings, settings.burstLimit != nil || settings.rateLimit != nil else { return "none" }
        return "burst \(settings.burstLimit.map(String.init) ?? "-"), rate \(settings.rateLimit.map { String($0) } ?? "-") requests/s"
    }

    static func quota(_ settings: QuotaSettings?) -> String {
        guard let settings, let limit = settings.limit else { return "none" }
        let offset = settings.offset.map { ", offset \($0)" } ?? ""
        return "\(limit) requests per \(settings.period?.rawValue ?? "DAY")\(offset)"
    }

    static func domainNames(_ context: PageContext) -> ConsolePage {
        let account = context.model.account
        let domains: [[String: Any]] = account.domainNames.values.sorted { ($0.domainName ?? "") < ($1.domainName ?? "") }.map { domain in
            let name = domain.domainName ?? ""
            let mappings: [[String: Any]] = account.basePathMappings.filter { $0.key.hasPrefix(name + "/") }.map(\.value)
                .sorted { ($0.basePath ?? "") < ($1.basePath ?? "") }
                .map { mapping in
                    let api = mapping.restApiId ?? ""
                    return [
                        "basePath": mapping.basePath ?? "(none)", "mappingApi": context.model.apis[api]?.restApi.name ?? api,
                        "mappingApiHref": Href.api(api), "mappingStage": mapping.stage ?? "",
                    ]
                }
            return [
                "domainName": name, "domainEndpointType": Format.endpointTypes(domain.endpointConfiguration),
                "domainStatus": domain.domainNameStatus?.rawValue ?? "AVAILABLE",
                "certificate": domain.regionalCertificateArn ?? domain.certificateArn ?? domain.regionalCertificateName ?? domain.certificateName
                    ?? "",
                "targetDomain": domain.regionalDomainName ?? domain.distributionDomainName ?? "",
                "securityPolicy": domain.securityPolicy?.rawValue ?? "", "truststore": domain.mutualTlsAuthentication?.truststoreUri ?? "none",
                "mappings": mappings,
            ]
        }
        return ConsolePage(template: "domainNames", title: "Custom domain names", crumbs: [("Console", Href.home)], view: ["domains": domains])
    }
}
