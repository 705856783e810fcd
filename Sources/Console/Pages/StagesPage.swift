import APIGatewayModel
import Store

/// An API's stages (invoke URLs, variables, canary, cache, access log, method settings) and its
/// deployments with the stages each one serves.
enum StagesPage {
    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let stages: [[String: Any]] = api.stages.keys.sorted().compactMap { api.stages[$0] }.map { stage in
            let name = stage.stageName ?? ""
            let canary = stage.canarySettings
            return [
                "stageName": name, "deploymentId": stage.deploymentId ?? "", "stageDescription": stage.description ?? "",
                "stageCreated": Format.date(stage.createdDate), "stageUpdated": Format.date(stage.lastUpdatedDate),
                "urls": InvokeURLs.all(api: api.id, stage: name, host: context.request.host).map { ["form": $0.form, "url": $0.url] },
                "cache": cache(stage), "accessLogDestination": stage.accessLogSettings?.destinationArn ?? "off",
                "hasAccessLog": stage.accessLogSettings?.format != nil, "accessLogFormat": stage.accessLogSettings?.format ?? "",
                "tracing": Format.bool(stage.tracingEnabled ?? false), "clientCertificateId": stage.clientCertificateId ?? "",
                "documentationVersion": stage.documentationVersion ?? "",
                "variables": Format.table("Name", "Value", Format.pairs(stage.variables) { $0 }),
                "hasCanary": canary != nil, "canaryPercent": canary?.percentTraffic.map { String($0) } ?? "0.0",
                "canaryDeployment": canary?.deploymentId ?? "", "canaryUseStageCache": Format.bool(canary?.useStageCache ?? false),
                "canaryOverrides": Format.pairs(canary?.stageVariableOverrides) { $0 },
                "methodSettings": methodSettings(stage.methodSettings),
            ]
        }
        let deployments: [[String: Any]] = api.deployments.values.map(\.deployment).sorted {
            ($0.createdDate ?? .distantPast, $0.id ?? "") > ($1.createdDate ?? .distantPast, $1.id ?? "")
        }.map { deployment in
            let id = deployment.id ?? ""
            let servedBy = api.stages.values.filter { $0.deploymentId == id }.compactMap(\.stageName).sorted()
            return [
                "deploymentRowId": id, "deploymentDescription": deployment.description ?? "",
                "deploymentCreated": Format.date(deployment.createdDate), "deployedTo": servedBy.joined(separator: ", "),
            ]
        }
        return APIPages.page(api, .stages, template: "stages", view: ["stageList": stages, "deployments": deployments])
    }

    private static func cache(_ stage: Stage) -> String {
        guard stage.cacheClusterEnabled == true else { return "disabled" }
        return "enabled, \(stage.cacheClusterSize?.rawValue ?? "0.5") GB, \(stage.cacheClusterStatus?.rawValue ?? "AVAILABLE")"
    }

    /// `{resourcePath}/{httpMethod}` (`*/*` for the whole stage) → its settings, one row each.
    private static func methodSettings(_ settings: [String: MethodSetting]?) -> [[String: Any]] {
        (settings ?? [:]).sorted { $0.key < $1.key }.map { key, setting in
            [
                "key": key, "metrics": Format.bool(setting.metricsEnabled), "logging": setting.loggingLevel ?? "",
                "dataTrace": Format.bool(setting.dataTraceEnabled), "burst": setting.throttlingBurstLimit.map(String.init) ?? "",
                "rate": setting.throttlingRateLimit.map { String($0) } ?? "", "caching": Format.bool(setting.cachingEnabled),
                "ttl": setting.cacheTtlInSeconds.map(String.init) ?? "", "encrypted": Format.bool(setting.cacheDataEncrypted),
                "requireAuthorization": Format.bool(setting.requireAuthorizationForCacheControl),
                "unauthorizedStrategy": setting.unauthorizedCacheControlHeaderStrategy?.rawValue ?? "",
            ]
        }
    }
}
