import APIGatewayModel

/// UpdateStage's paths: stage fields, `/variables/{name}`, access logs, canary settings and
/// per-method settings `/{resourcePath}/{httpMethod}/{group}/{field}` (`/*/*/…` for all).
/// https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateStage-Patch
let stagePatch = PatchTable<Stage>(
    .custom({ path, _ in
        .badRequest("Invalid method setting path: \(path). Must be one of: [\(StagePatchPaths.listing)]")
    }), StagePatchPaths.rules)

enum StagePatchPaths {
    /// The list AWS prints (missing commas included, as AWS prints it).
    static let listing =
        "/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled"

    static func noSetting(_ name: String) -> ManagementError {
        .badRequest("Cannot remove method setting \(name) because there is no method setting for this method ")
    }

    /// A new method setting starts from AWS's defaults.
    static let defaultSetting = MethodSetting(
        metricsEnabled: false, dataTraceEnabled: false, throttlingBurstLimit: 5000, throttlingRateLimit: 10000,
        cachingEnabled: false, cacheTtlInSeconds: 300, cacheDataEncrypted: false,
        requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: .succeedWithResponseHeader)

    /// `~1pets~1{id}` + `GET` → `pets/{id}/GET`; `*` + `*` → `*/*`.
    static func settingKey(_ keys: [String]) -> String {
        let resource = keys[0].hasPrefix("/") ? String(keys[0].dropFirst()) : keys[0]
        return resource + "/" + keys[1]
    }

    static func setting(_ apply: @escaping @Sendable (inout MethodSetting, String?) throws(ManagementError) -> Void)
        -> @Sendable (inout Stage, PatchRequest) throws(ManagementError) -> Void
    {
        { stage, request throws(ManagementError) in
            let key = settingKey(request.keys)
            var settings = stage.methodSettings ?? [:]
            // A new entry starts from the stage-wide `*/*` settings when they exist (recorded on AWS).
            var setting = settings[key] ?? settings["*/*"] ?? defaultSetting
            try apply(&setting, request.value)
            settings[key] = setting
            stage.methodSettings = settings
        }
    }

    static func bool(_ value: String?) -> Bool { value?.lowercased() == "true" }

    static func int(_ value: String?) throws(ManagementError) -> Int {
        guard let value, let number = Int(value) else { throw .badRequest("Invalid value specified: \(value ?? "null")") }
        return number
    }

    static func settingRule(
        _ group: String, _ field: String,
        _ apply: @escaping @Sendable (inout MethodSetting, String?) throws(ManagementError) -> Void
    ) -> PatchRule<Stage> {
        PatchRule("/{path+}/{key}/\(group)/\(field)", ["replace", "add"], setting(apply))
    }

    static let rules: [PatchRule<Stage>] = [
        // Canary promotion: `copy` from the canary to the stage (recorded on AWS).
        PatchRule("/{path+}", ["copy"]) { stage, request throws(ManagementError) in
            switch (request.path, request.from) {
            case ("/deploymentId", "/canarySettings/deploymentId"):
                guard let canary = stage.canarySettings else { throw .badRequest("Promotion not available. Canary does not exist.") }
                stage.deploymentId = canary.deploymentId
            case ("/variables", "/canarySettings/stageVariableOverrides"):
                guard let canary = stage.canarySettings else { throw .badRequest("Promotion not available. Canary does not exist.") }
                var variables = stage.variables ?? [:]
                variables.merge(canary.stageVariableOverrides ?? [:]) { _, override in override }
                stage.variables = variables.isEmpty ? nil : variables
            default:
                throw .badRequest(
                    "Invalid copy operation with path: \(request.path) and from \(request.from ?? "null"). "
                        + "Valid copy:path are [/deploymentId, /variables] and valid copy:from are "
                        + "[/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]")
            }
        },
        PatchRule("/description", ["replace", "add", "remove"]) { stage, request throws(ManagementError) in
            stage.description = request.op == "remove" || request.value?.isEmpty != false ? nil : request.value
        },
        PatchRule("/deploymentId", ["replace"]) { stage, request throws(ManagementError) in
            stage.deploymentId = request.value
        },
        PatchRule("/cacheClusterEnabled", ["replace"]) { stage, request throws(ManagementError) in
            stage.cacheClusterEnabled = bool(request.value)
        },
        PatchRule("/cacheClusterSize", ["replace"]) { stage, request throws(ManagementError) in
            guard let size = request.value.flatMap(CacheClusterSize.init(rawValue:)) else {
                throw .badRequest("Invalid cache cluster size specified: \(request.value ?? "null")")
            }
            stage.cacheClusterSize = size
        },
        PatchRule("/clientCertificateId", ["replace", "remove"]) { stage, request throws(ManagementError) in
            stage.clientCertificateId = request.op == "remove" ? nil : request.value
        },
        PatchRule("/tracingEnabled", ["replace"]) { stage, request throws(ManagementError) in
            stage.tracingEnabled = bool(request.value)
        },
        PatchRule("/variables/{key}", ["replace", "add", "remove"]) { stage, request throws(ManagementError) in
            try PatchValues.updateMap(&stage.variables, request, value: request.value ?? "")
        },
        PatchRule("/accessLogSettings", ["remove"]) { stage, _ throws(ManagementError) in
            stage.accessLogSettings = nil
        },
        PatchRule("/accessLogSettings/{key}", ["replace", "add", "remove"]) { stage, request throws(ManagementError) in
            let field = request.keyValue
            guard request.op != "remove" else { throw noSetting("accessLogSettings/\(field)") }
            guard field == "destinationArn" || field == "format" else {
                throw .badRequest("Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]")
            }
            guard let value = request.value, !value.isEmpty else { throw .badRequest("Access Log value must not be empty") }
            var settings = stage.accessLogSettings ?? AccessLogSettings()
            if field == "format" { settings.format = value } else { settings.destinationArn = value }
            stage.accessLogSettings = settings
        },
        PatchRule("/canarySettings", ["remove"]) { stage, _ throws(ManagementError) in
            stage.canarySettings = nil
        },
        PatchRule("/canarySettings/{key}", ["replace", "add", "remove"]) { stage, request throws(ManagementError) in
            let field = request.keyValue
            guard request.op == "replace" else {
                if request.op == "remove" { throw noSetting("canarySettings/\(field)") }
                throw .badRequest("Invalid add operation with path: \(request.path)")
            }
            var canary = stage.canarySettings ?? CanarySettings(percentTraffic: 0, deploymentId: stage.deploymentId, useStageCache: false)
            switch field {
            case "deploymentId": canary.deploymentId = request.value
            case "percentTraffic": canary.percentTraffic = Double(request.value ?? "") ?? 0
            case "useStageCache": canary.useStageCache = bool(request.value)
            default: throw .badRequest("Invalid method setting path: \(request.path). Must be one of: [\(listing)]")
            }
            stage.canarySettings = canary
        },
        PatchRule("/canarySettings/stageVariableOverrides/{key}", ["replace", "add", "remove"]) { stage, request throws(ManagementError) in
            var canary = stage.canarySettings ?? CanarySettings(percentTraffic: 0, deploymentId: stage.deploymentId, useStageCache: false)
            try PatchValues.updateMap(&canary.stageVariableOverrides, request, value: request.value ?? "")
            stage.canarySettings = canary
        },
        PatchRule("/{path+}/{key}", ["remove"]) { stage, request throws(ManagementError) in
            let key = settingKey(request.keys)
            guard stage.methodSettings?[key] != nil else { throw noSetting(key) }
            stage.methodSettings?[key] = nil
        },
        settingRule("metrics", "enabled") { $0.metricsEnabled = bool($1) },
        settingRule("logging", "dataTrace") { $0.dataTraceEnabled = bool($1) },
        settingRule("logging", "loglevel") { setting, value throws(ManagementError) in setting.loggingLevel = value },
        settingRule("throttling", "burstLimit") { setting, value throws(ManagementError) in setting.throttlingBurstLimit = try int(value) },
        settingRule("throttling", "rateLimit") { setting, value throws(ManagementError) in
            guard let rate = value.flatMap(Double.init) else { throw .badRequest("Invalid value specified: \(value ?? "null")") }
            setting.throttlingRateLimit = rate
        },
        settingRule("caching", "ttlInSeconds") { setting, value throws(ManagementError) in setting.cacheTtlInSeconds = try int(value) },
        settingRule("caching", "enabled") { $0.cachingEnabled = bool($1) },
        settingRule("caching", "dataEncrypted") { $0.cacheDataEncrypted = bool($1) },
        settingRule("caching", "requireAuthorizationForCacheControl") { $0.requireAuthorizationForCacheControl = bool($1) },
        settingRule("caching", "unauthorizedCacheControlHeaderStrategy") { setting, value throws(ManagementError) in
            guard let strategy = value.flatMap(UnauthorizedCacheControlHeaderStrategy.init(rawValue:)) else {
                throw .badRequest("Invalid value specified: \(value ?? "null")")
            }
            setting.unauthorizedCacheControlHeaderStrategy = strategy
        },
    ]
}
