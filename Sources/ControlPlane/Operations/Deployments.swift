import APIGatewayModel
import Store

/// CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment.
///
/// A deployment freezes the API (settings, resource tree, gateway responses) into an
/// immutable snapshot; stages serve the snapshot of the deployment they point at.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html
extension ManagementAPI {
    static func registerDeployments(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createDeployment] = createDeployment
        handlers[.getDeployment] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            return .json(try api.deployment(context.label("deployment_id")).deployment)
        }
        handlers[.getDeployments] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let all = api.deployments.values.map(\.deployment).sorted {
                ($0.createdDate ?? .distantPast, $0.id ?? "") > ($1.createdDate ?? .distantPast, $1.id ?? "")
            }
            let page = try Page.of(all, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(Deployments(position: page.position, items: page.items))
        }
        handlers[.updateDeployment] = { context in
            let input = try context.body(UpdateDeploymentRequest.self)
            let (apiId, id, account) = (context.restApiId, context.label("deployment_id"), context.environment.accountId)
            let updated = try await context.write { state throws(ManagementError) in
                var record = try state.restApi(apiId, account: account).deployment(id)
                try deploymentPatch.apply(input.patchOperations ?? [], to: &record.deployment)
                state.apis[apiId]?.deployments[id] = record
                return (record.deployment, [.deployment(api: apiId, id: id)])
            }
            return .json(updated)
        }
        handlers[.deleteDeployment] = { context in
            let (apiId, id, account) = (context.restApiId, context.label("deployment_id"), context.environment.accountId)
            try await context.write { state throws(ManagementError) in
                let api = try state.restApi(apiId, account: account)
                _ = try api.deployment(id)
                if api.stages.values.contains(where: { $0.deploymentId == id }) {
                    throw ManagementError.badRequest("Active stages pointing to this deployment must be moved or deleted")
                }
                // The wording Terraform retries on when only a canary holds the deployment.
                if api.stages.values.contains(where: { $0.canarySettings?.deploymentId == id }) {
                    throw ManagementError.badRequest("Active stages with canary settings pointing to this deployment must be moved or deleted")
                }
                state.apis[apiId]?.deployments[id] = nil
                return ((), [.deletedDeployment(api: apiId, id: id)])
            }
            return .empty
        }
    }

    private static let createDeployment: OperationHandler = { context in
        let input = try context.body(CreateDeploymentRequest.self)
        let env = context.environment
        let apiId = context.restApiId
        let id = env.ids.next(.deployment)
        let now = env.timestamp()
        let created = try await context.write { state throws(ManagementError) in
            var api = try state.restApi(apiId, account: env.accountId)
            if input.canarySettings != nil {
                let name = input.stageName ?? "null"
                guard let stageName = input.stageName, !stageName.isEmpty else {
                    throw ManagementError.badRequest(
                        "Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is \(input.stageName == nil ? name : "")"
                    )
                }
                if api.stages[stageName] == nil {
                    throw ManagementError.badRequest(
                        "Invalid deployment content specified.Stage \(stageName) must already be created before making a canary release deployment")
                }
            }
            try api.checkDeployable()
            let deployment = Deployment(id: id, description: input.description, createdDate: now)
            api.deployments[id] = DeploymentRecord(
                deployment: deployment,
                snapshot: DeploymentSnapshot(
                    restApi: api.restApi, resources: Dictionary(uniqueKeysWithValues: api.resources.lazy.map { ($0.key, $0.value) }),
                    gatewayResponses: api.gatewayResponses, authorizers: api.authorizers, models: api.models,
                    requestValidators: api.requestValidators))
            var dirty: [DirtyDocument] = [.deployment(api: apiId, id: id)]
            if let stageName = input.stageName, !stageName.isEmpty {
                try StageNames.validate(stageName)
                var stage = api.stages[stageName] ?? newStage(stageName, deploymentId: id, now: now)
                if let canary = input.canarySettings {
                    stage.canarySettings = CanarySettings(
                        percentTraffic: canary.percentTraffic ?? 0, deploymentId: id,
                        stageVariableOverrides: canary.stageVariableOverrides, useStageCache: canary.useStageCache ?? false)
                } else {
                    stage.deploymentId = id
                }
                if api.stages[stageName] == nil {
                    stage.description = input.stageDescription
                    stage.variables = (input.variables?.isEmpty ?? true) ? nil : input.variables
                    stage.tracingEnabled = input.tracingEnabled ?? false
                    stage.cacheClusterEnabled = input.cacheClusterEnabled ?? false
                    stage.cacheClusterSize = input.cacheClusterSize
                } else if let variables = input.variables, !variables.isEmpty {
                    stage.variables = (stage.variables ?? [:]).merging(variables) { $1 }
                }
                stage.lastUpdatedDate = now
                stage.settleCacheCluster()
                api.stages[stageName] = stage
                dirty.append(.stage(api: apiId, name: stageName))
            }
            state.apis[apiId] = api
            return (deployment, dirty)
        }
        return .json(created)
    }

    /// A stage as CreateStage (or CreateDeployment with a new stage name) makes it.
    static func newStage(_ name: String, deploymentId: String, now: Date) -> Stage {
        Stage(
            deploymentId: deploymentId, stageName: name, cacheClusterEnabled: false,
            cacheClusterStatus: .notAvailable, methodSettings: [:], tracingEnabled: false,
            createdDate: now, lastUpdatedDate: now)
    }
}

import Foundation

/// UpdateDeployment's paths.
let deploymentPatch = PatchTable<Deployment>(
    .bare,
    [
        PatchRule("/description", ["replace"]) { deployment, request throws(ManagementError) in
            deployment.description = request.value?.isEmpty == false ? request.value : nil
        }
    ])

extension APIState {
    func deployment(_ id: String) throws(ManagementError) -> DeploymentRecord {
        guard let record = deployments[id] else { throw .notFound("Invalid Deployment identifier specified") }
        return record
    }

    /// AWS refuses to deploy an API without methods, or with a method lacking an integration.
    func checkDeployable() throws(ManagementError) {
        let methods = resources.values.flatMap { ($0.resourceMethods ?? [:]).values }
        if methods.isEmpty { throw .badRequest("The REST API doesn't contain any methods") }
        if methods.contains(where: { $0.methodIntegration == nil }) {
            throw .badRequest("No integration defined for method")
        }
    }
}
