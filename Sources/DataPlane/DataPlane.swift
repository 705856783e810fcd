import APIGatewayModel
import Foundation
import Store
import Synchronization

/// The execute-api side of Portico: serves deployed stages from compiled, cached deployment
/// snapshots through the invocation pipeline.
public final class DataPlane: Sendable {
    let model: ModelStore
    let compiler: any TemplateCompiler
    let pipeline: InvocationPipeline
    let accountId: String
    /// Compiled deployments by id. Deployments are immutable, so entries never go stale; a
    /// deleted deployment's entry is dropped when its id is no longer in the model.
    private let cache = Mutex<[String: CompiledDeployment]>([:])
    /// Recent invocation traces (`GET /_portico/invocations/{requestId}`).
    public let traces = TraceRing()

    init(model: ModelStore, compiler: any TemplateCompiler, transport: (any IntegrationTransport)?, accountId: String) {
        self.model = model
        self.compiler = compiler
        self.pipeline = InvocationPipeline(integration: IntegrationStage(transport: transport))
        self.accountId = accountId
    }

    /// A data plane with Portico's VTL engine and real backends (HTTP over AsyncHTTPClient;
    /// Lambda through the Invoke API at `lambdaEndpoint`, if given).
    public convenience init(model: ModelStore, accountId: String = "000000000000", lambdaEndpoint: String? = nil) {
        self.init(model: model, compiler: VTLTemplateCompiler(),
                  transport: BackendTransport(lambdaEndpoint: lambdaEndpoint), accountId: accountId)
    }

    /// Invokes `target` and always answers (errors render as gateway responses).
    public func invoke(_ target: InvocationTarget, _ request: InvocationRequest, requestId: String,
                       host: String, now: Date = Date()) async -> InvocationResponse {
        let trace = InvocationTrace(requestId: requestId, startedAt: now)
        trace.record(.started(method: request.method, path: "/" + target.stage + String(target.path)))
        // Headers API Gateway's front end drops: no mapping, template or backend ever sees them.
        var request = request
        request.headers.removeAll { Self.droppedRequestHeaders.contains($0.name.lowercased()) }
        // HTTP/2-style requests carry the host as `:authority`; API Gateway shows it as `Host`.
        if request.header("Host") == nil {
            request.headers.insert((name: "Host", value: host), at: 0)
        }
        let traceId = Self.traceId(now)
        var response = await answer(target, request, requestId: requestId, host: host, now: now, traceId: traceId, trace: trace)
        traces.add(trace)
        response.headers.append(("x-amz-apigw-id", Self.apigwId()))
        response.headers.append(("X-Amzn-Trace-Id", traceId))
        response.headers.append(("x-portico-trace", "/_portico/invocations/" + requestId))
        return response
    }

    /// Request headers dropped on arrival (as recorded on AWS).
    static let droppedRequestHeaders: Set<String> = [
        "connection", "content-length", "content-md5", "expect", "max-forwards", "proxy-authenticate", "server", "te",
        "transfer-encoding", "trailer", "upgrade", "www-authenticate",
    ]

    private func answer(_ target: InvocationTarget, _ request: InvocationRequest, requestId: String,
                        host: String, now: Date, traceId: String, trace: InvocationTrace) async -> InvocationResponse {
        let state = model.current
        guard let api = state.apis[target.apiId] else {
            return InvocationResponse(status: 404, headers: [("Content-Type", "application/json")],
                                      body: Array("{\"message\": \"The API id '\(target.apiId)' does not correspond to a deployed API Gateway API\"}".utf8))
        }
        guard let stage = api.stages[target.stage], let deploymentId = stage.deploymentId,
              let record = api.deployments[deploymentId] else {
            return GatewayResponder.render(.missingAuthenticationToken, deployment: nil, context: nil, request: request)
        }
        let deployment = compiled(deploymentId, record.snapshot)
        let context = InvocationContext(
            accountId: accountId, apiId: target.apiId, stage: target.stage, requestId: requestId,
            extendedRequestId: Self.apigwId(), httpMethod: request.method,
            path: "/" + target.stage + (target.path == "/" ? "/" : String(target.path)),
            requestPath: String(target.path),
            domainName: host, sourceIp: request.sourceIp, userAgent: request.header("User-Agent"),
            requestTimeEpoch: Int(now.timeIntervalSince1970 * 1000), stageVariables: stage.variables ?? [:],
            traceId: traceId, trace: trace)
        do {
            let routed = try RouteStage.run(deployment: deployment, request: request, path: target.path, context: context)
            return try await pipeline.run(routed)
        } catch {
            trace.record(.failed(type: error.type.rawValue, message: error.detail ?? error.message))
            let response = GatewayResponder.render(error, deployment: deployment, context: context, request: request)
            trace.record(.methodResponse(status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body))
            return response
        }
    }

    private func compiled(_ id: String, _ snapshot: DeploymentSnapshot) -> CompiledDeployment {
        if let hit = cache.withLock({ $0[id] }) { return hit }
        let fresh = CompiledDeployment(id: id, snapshot: snapshot, compiler: compiler)
        return cache.withLock { cache in
            if let raced = cache[id] { return raced }
            cache[id] = fresh
            return fresh
        }
    }

    /// Drops compiled deployments that no longer exist (after deletes or a reset).
    public func purge() {
        let live = Set(model.current.apis.values.flatMap { $0.deployments.keys })
        cache.withLock { cache in cache = cache.filter { live.contains($0.key) } }
    }

    private static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// An `x-amz-apigw-id` like AWS's (`Abc12DEfghIJk=`). Two 64-bit draws give the 15
    /// characters, 6 bits each.
    static func apigwId() -> String {
        var bits = (RandomBits.next(), RandomBits.next())
        var out = [UInt8](repeating: UInt8(ascii: "="), count: 16)
        for index in 0..<15 {
            let word = index < 8 ? bits.0 : bits.1
            out[index] = idAlphabet[Int((word >> UInt64((index % 8) * 6)) & 63) % idAlphabet.count]
        }
        bits = (0, 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// `Root=1-{epoch hex}-{24 hex}`.
    static func traceId(_ now: Date) -> String {
        let high = RandomBits.next()
        let low = UInt32(truncatingIfNeeded: RandomBits.next())
        func hex<T: BinaryInteger>(_ value: T, width: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "Root=1-" + hex(Int(now.timeIntervalSince1970), width: 8) + "-" + hex(high, width: 16) + hex(low, width: 8)
    }
}
