import APIGatewayModel
import PorticoCore
import Store
import Synchronization

/// Stage 1 result: the stage a request names and the compiled deployment it serves.
struct ResolvedStage: Sendable {
    let deploymentId: String
    let deployment: CompiledDeployment
    let variables: [String: String]
    /// nil when the stage has no canary; else whether this request went to the canary
    /// (`$context.isCanaryRequest`).
    var isCanaryRequest: Bool? = nil
    /// The stage's access log settings, when both the destination and the format are set.
    var accessLog: AccessLogSettings? = nil
}

/// Stage 1: which API, stage and deployment serve the request. A stage with `canarySettings`
/// sends `percentTraffic` percent of requests (one draw from the injected random source each)
/// to the canary's deployment, with the canary's `stageVariableOverrides` over the stage's
/// variables; 0 and 100 need no draw.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html
enum StageResolution {
    enum Outcome {
        /// No such API: answered before any gateway response applies.
        case unknownAPI(InvocationResponse)
        /// No such stage, or one without a deployment: MISSING_AUTHENTICATION_TOKEN.
        case unknownStage
        case resolved(ResolvedStage)
    }

    static func run(
        _ target: InvocationTarget, in model: ModelState, deployments: DeploymentCache, random: any RandomSource
    ) -> Outcome {
        guard let api = model.apis[target.apiId] else {
            let message = "{\"message\": \"The API id '\(target.apiId)' does not correspond to a deployed API Gateway API\"}"
            return .unknownAPI(InvocationResponse(status: 404, headers: [("Content-Type", "application/json")], body: Array(message.utf8)))
        }
        guard let stage = api.stages[target.stage], let deploymentId = stage.deploymentId,
            let record = api.deployments[deploymentId]
        else {
            return .unknownStage
        }
        let accessLog = stage.accessLogSettings.flatMap { settings in
            settings.format?.isEmpty == false && settings.destinationArn?.isEmpty == false ? settings : nil
        }
        if let canary = stage.canarySettings, let canaryId = canary.deploymentId, let canaryRecord = api.deployments[canaryId] {
            let share = canary.percentTraffic ?? 0
            let toCanary = share >= 100 || (share > 0 && random.nextUnit() * 100 < share)
            if toCanary {
                var variables = stage.variables ?? [:]
                variables.merge(canary.stageVariableOverrides ?? [:]) { _, override in override }
                return .resolved(
                    ResolvedStage(
                        deploymentId: canaryId, deployment: deployments.compiled(canaryId, canaryRecord.snapshot),
                        variables: variables, isCanaryRequest: true, accessLog: accessLog))
            }
            return .resolved(
                ResolvedStage(
                    deploymentId: deploymentId, deployment: deployments.compiled(deploymentId, record.snapshot),
                    variables: stage.variables ?? [:], isCanaryRequest: false, accessLog: accessLog))
        }
        return .resolved(
            ResolvedStage(
                deploymentId: deploymentId, deployment: deployments.compiled(deploymentId, record.snapshot),
                variables: stage.variables ?? [:], accessLog: accessLog))
    }
}

/// Compiled deployments by id. Deployments are immutable, so entries never go stale; a
/// deleted deployment's entry is dropped by `purge`.
final class DeploymentCache: Sendable {
    private let cache = Mutex<[String: CompiledDeployment]>([:])
    let compiler: any TemplateCompiler

    init(compiler: any TemplateCompiler) {
        self.compiler = compiler
    }

    func compiled(_ id: String, _ snapshot: DeploymentSnapshot) -> CompiledDeployment {
        if let hit = cache.withLock({ $0[id] }) { return hit }
        let fresh = CompiledDeployment(snapshot: snapshot, compiler: compiler)
        return cache.withLock { cache in
            if let raced = cache[id] { return raced }
            cache[id] = fresh
            return fresh
        }
    }

    /// Keeps only the deployments in `live`.
    func purge(keeping live: Set<String>) {
        cache.withLock { cache in cache = cache.filter { live.contains($0.key) } }
    }
}
