import APIGatewayModel
import Foundation
import Store

/// CreateStage, GetStage, GetStages, UpdateStage, DeleteStage.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html
extension ManagementAPI {
    static func registerStages(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createStage] = createStage
        handlers[.getStage] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            return .json(try api.stage(context.label("stage_name")))
        }
        handlers[.getStages] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let filter = context.request.queryValue("deploymentId")
            let stages = api.stages.values
                .filter { filter == nil || $0.deploymentId == filter }
                .sorted { ($0.stageName ?? "") < ($1.stageName ?? "") }
            return .json(Stages(item: stages))
        }
        handlers[.updateStage] = updateStage
        handlers[.deleteStage] = { context in
            let (apiId, name, account) = (context.restApiId, context.label("stage_name"), context.environment.accountId)
            try await context.write { state throws(ManagementError) in
                _ = try state.restApi(apiId, account: account).stage(name)
                state.apis[apiId]?.stages[name] = nil
                return ((), [.deletedStage(api: apiId, name: name)])
            }
            return .empty
        }
    }

    private static let createStage: OperationHandler = { context in
        let input = try context.body(CreateStageRequest.self)
        let env = context.environment
        let apiId = context.restApiId
        let now = env.timestamp()
        let created = try await context.write { state throws(ManagementError) in
            var api = try state.restApi(apiId, account: env.accountId)
            let name = input.stageName ?? ""
            try StageNames.validate(name)
            let deploymentId = input.deploymentId ?? ""
            guard api.deployments[deploymentId] != nil else {
                throw ManagementError.badRequest("Deployment id does not exist")
            }
            if api.stages[name] != nil { throw ManagementError.conflict("Stage already exists") }
            var stage = newStage(name, deploymentId: deploymentId, now: now)
            stage.description = input.description?.isEmpty == false ? input.description : nil
            stage.variables = (input.variables?.isEmpty ?? true) ? nil : input.variables
            stage.tracingEnabled = input.tracingEnabled ?? false
            stage.cacheClusterEnabled = input.cacheClusterEnabled ?? false
            stage.cacheClusterSize = input.cacheClusterSize
            stage.settleCacheCluster()
            stage.documentationVersion = input.documentationVersion
            stage.tags = (input.tags?.isEmpty ?? true) ? nil : input.tags
            if let canary = input.canarySettings {
                let canaryDeployment = canary.deploymentId ?? deploymentId
                guard api.deployments[canaryDeployment] != nil else {
                    throw ManagementError.badRequest("Deployment id does not exist")
                }
                stage.canarySettings = CanarySettings(
                    percentTraffic: canary.percentTraffic ?? 0, deploymentId: canaryDeployment,
                    stageVariableOverrides: canary.stageVariableOverrides,
                    useStageCache: canary.useStageCache ?? false)
            }
            api.stages[name] = stage
            state.apis[apiId] = api
            return (stage, [.stage(api: apiId, name: name)])
        }
        return .json(created)
    }

    private static let updateStage: OperationHandler = { context in
        let input = try context.body(UpdateStageRequest.self)
        let env = context.environment
        let (apiId, name) = (context.restApiId, context.label("stage_name"))
        let now = env.timestamp()
        let updated = try await context.write { state throws(ManagementError) in
            let api = try state.restApi(apiId, account: env.accountId)
            var stage = try api.stage(name)
            try stagePatch.apply(input.patchOperations ?? [], to: &stage)
            stage.settleCacheCluster()
            if let id = stage.clientCertificateId, state.account.clientCertificates[id] == nil {
                throw ManagementError.badRequest("Invalid Client Certificate identifier specified")
            }
            if let id = stage.deploymentId, api.deployments[id] == nil {
                throw ManagementError.badRequest("Deployment id does not exist")
            }
            if let id = stage.canarySettings?.deploymentId, api.deployments[id] == nil {
                throw ManagementError.badRequest("Deployment id does not exist")
            }
            stage.lastUpdatedDate = now
            state.apis[apiId]?.stages[name] = stage
            return (stage, [.stage(api: apiId, name: name)])
        }
        return .json(updated)
    }
}

extension Stage {
    /// A stage with a cache cluster reports its size (0.5 GB unless chosen) and `AVAILABLE`
    /// at once (Portico's cache needs no provisioning); without one, `NOT_AVAILABLE`.
    /// Terraform waits for one of the two.
    mutating func settleCacheCluster() {
        if cacheClusterEnabled == true {
            cacheClusterSize = cacheClusterSize ?? .v05
            cacheClusterStatus = .available
        } else {
            cacheClusterStatus = .notAvailable
        }
    }
}

extension APIState {
    func stage(_ name: String) throws(ManagementError) -> Stage {
        // AWS writes "stage" in lower case here, unlike its other NotFound messages.
        guard let stage = stages[name] else { throw .notFound("Invalid stage identifier specified") }
        return stage
    }
}

/// Stage names: letters, digits and underscores.
enum StageNames {
    static func validate(_ name: String) throws(ManagementError) {
        let ok =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
                default: false
                }
            }
        if !ok { throw .badRequest("Stage name only allows a-zA-Z0-9_") }
    }
}
