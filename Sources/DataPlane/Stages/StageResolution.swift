import APIGatewayModel
import Store
import Synchronization

/// Stage 1 result: the stage a request names and the compiled deployment it serves.
struct ResolvedStage: Sendable {
    let deploymentId: String
    let deployment: CompiledDeployment
    let variables: [String: String]
    /// The stage's client certificate (`clientCertificateId`), presented to HTTPS backends.
    var clientCertificate: ClientCertificateMaterial? = nil
    /// The stage, when it has a cache cluster (its `methodSettings` decide what is cached).
    var cachingStage: Stage? = nil
}

/// A client certificate's PEM and private key, as the control plane stored them.
struct ClientCertificateMaterial: Sendable {
    let id: String
    let certificatePEM: String
    let privateKeyPEM: String
}

/// Stage 1: which API, stage and deployment serve the request.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html
enum StageResolution {
    enum Outcome {
        /// No such API: answered before any gateway response applies.
        case unknownAPI(InvocationResponse)
        /// No such stage, or one without a deployment: MISSING_AUTHENTICATION_TOKEN.
        case unknownStage
        case resolved(ResolvedStage)
    }

    static func run(_ target: InvocationTarget, in model: ModelState, deployments: DeploymentCache) -> Outcome {
        guard let api = model.apis[target.apiId] else {
            let message = "{\"message\": \"The API id '\(target.apiId)' does not correspond to a deployed API Gateway API\"}"
            return .unknownAPI(InvocationResponse(status: 404, headers: [("Content-Type", "application/json")], body: Array(message.utf8)))
        }
        guard let stage = api.stages[target.stage], let deploymentId = stage.deploymentId,
            let record = api.deployments[deploymentId]
        else {
            return .unknownStage
        }
        var resolved = ResolvedStage(
            deploymentId: deploymentId, deployment: deployments.compiled(deploymentId, record.snapshot),
            variables: stage.variables ?? [:])
        if let id = stage.clientCertificateId, let pem = model.account.clientCertificates[id]?.pemEncodedCertificate,
            let key = model.account.clientCertificateKeys[id]
        {
            resolved.clientCertificate = ClientCertificateMaterial(id: id, certificatePEM: pem, privateKeyPEM: key)
        }
        if stage.cacheClusterEnabled == true { resolved.cachingStage = stage }
        return .resolved(resolved)
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
