import APIGatewayModel
import Foundation
import PorticoCore
import SigV4
import Store

/// The execute-api side of Portico: serves deployed stages from compiled, cached deployment
/// snapshots through the invocation pipeline (`InvocationPipeline.swift` tells the order).
public final class DataPlane: Sendable {
    let model: ModelStore
    let pipeline: InvocationPipeline
    let clock: any WallClock
    let ids: any IdentifierGenerator
    /// Authorizer results per stage (FlushStageAuthorizersCache empties a stage's).
    let authorizerCache: AuthorizerResultCache
    /// Method responses per stage (FlushStageCache empties a stage's).
    let responseCache: ResponseCache
    /// Recent invocation traces (`GET /_portico/invocations/{requestId}`).
    public let traces = TraceRing()
    /// Custom domain names and their base path mappings, indexed for routing.
    let domains = DomainDirectory()

    /// A data plane with every collaborator injected (tests: a fixed clock, predictable ids,
    /// a scripted transport).
    init(
        model: ModelStore, compiler: any TemplateCompiler, transport: any IntegrationTransport,
        clock: any WallClock, ids: any IdentifierGenerator, random: any RandomSource = SystemRandomSource(), accountId: String,
        region: String = "us-east-1", cognitoEndpoint: String? = nil, signatures: SigV4Verifier? = nil,
        accountThrottle: ThrottleSettings? = nil, accessLogs: AccessLogWriter? = nil, vpcId: String? = nil
    ) {
        self.model = model
        self.clock = clock
        self.ids = ids
        authorizerCache = AuthorizerResultCache(clock: clock)
        responseCache = ResponseCache(clock: clock)
        pipeline = InvocationPipeline(
            deployments: DeploymentCache(compiler: compiler), random: random,
            authorizer: AuthorizerStage(
                transport: transport, cache: authorizerCache, region: region,
                cognito: CognitoVerifier(endpoint: cognitoEndpoint, transport: transport, clock: clock)),
            integration: IntegrationStage(transport: transport),
            gates: AccessGates(
                clock: clock, signatures: signatures, callers: IAMCaller.all(signatures, accountId: accountId),
                accountOverride: accountThrottle.map { ThrottleLimit(rate: $0.rateLimit ?? 0, burst: $0.burstLimit ?? 0) },
                region: region),
            cache: responseCache, accountId: accountId, accessLogs: accessLogs, vpcId: vpcId)
    }

    /// A data plane with Portico's VTL engine and real backends (HTTP over AsyncHTTPClient;
    /// Lambda through the Invoke API at `lambdaEndpoint`, if given; user-pool key sets from
    /// `cognitoEndpoint`, if given); `signatures` verifies AWS_IAM methods (nil: they are open,
    /// as without `--verify-signatures`); `accountThrottle` replaces the account's throttle
    /// settings (a raised account quota); `accessLogs` writes stages' access logs (nil: off);
    /// `localFunctions` are Lambda functions Portico hosts, invoked directly when an integration
    /// or authorizer URI names one; `vpcId` is the VPC calls to PRIVATE APIs come from
    /// (`aws:SourceVpc`; nil: none).
    public convenience init(
        model: ModelStore, clock: any WallClock = SystemClock(), ids: any IdentifierGenerator = RandomIdentifiers(),
        accountId: String = "000000000000", region: String = "us-east-1", lambdaEndpoint: String? = nil,
        cognitoEndpoint: String? = nil, signatures: SigV4Verifier? = nil, accountThrottle: ThrottleSettings? = nil,
        accessLogs: AccessLogWriter? = nil, localFunctions: (any LocalFunctionInvoker)? = nil, vpcId: String? = nil
    ) {
        self.init(
            model: model, compiler: VTLTemplateCompiler(),
            transport: BackendTransport(lambdaEndpoint: lambdaEndpoint, localFunctions: localFunctions),
            clock: clock, ids: ids, accountId: accountId, region: region, cognitoEndpoint: cognitoEndpoint,
            signatures: signatures, accountThrottle: accountThrottle, accessLogs: accessLogs, vpcId: vpcId)
        startUsageFlusher()
    }

    /// Writes the calls counted against usage plans since the last flush to the store.
    public func flushUsage() async {
        await pipeline.gates.meter.flush(to: model)
    }

    /// Flushes counted usage every second, so stored usage is never more than a second behind.
    private func startUsageFlusher() {
        Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard let self else { return }
                if self.pipeline.gates.meter.hasPending { await self.flushUsage() }
            }
        }
    }

    /// Where a request is aimed if it is an invocation: a custom domain name's base path
    /// mapping when the `Host` is a known domain name, else one of the default endpoint's URL
    /// forms (`apiIdHeader`: the request's `x-apigw-api-id`); nil for anything else
    /// (management API, ops endpoints).
    public func target(host: String?, path: String, apiIdHeader: String? = nil) -> InvocationTarget? {
        if let host {
            let index = domains.index(model)
            if !index.isEmpty, let routed = index.route(host: host, path: path) { return routed }
        }
        return InvocationTarget.parse(host: host, path: path, apiIdHeader: apiIdHeader)
    }

    /// Invokes `target` and always answers (errors render as gateway responses). The answer
    /// names its trace in `x-portico-trace` unless `traceHeader` is false (answers with only
    /// AWS's headers; the trace is kept all the same).
    public func invoke(
        _ target: InvocationTarget, _ request: InvocationRequest, requestId: String,
        host: String, traceHeader: Bool = true
    ) async -> InvocationResponse {
        let trace = InvocationTrace(requestId: requestId, clock: clock, apiId: target.apiId, stage: target.stage)
        let identity = RequestIdentity(
            requestId: requestId, extendedRequestId: ids.next(.extendedRequest),
            traceId: ids.traceId(at: trace.startedAt),
            requestTimeEpoch: Int(trace.startedAt.timeIntervalSince1970 * 1000))
        var response = await pipeline.invoke(target, request, model: model.current, host: host, ids: identity, trace: trace)
        traces.add(trace)
        response.headers.append(("x-amz-apigw-id", identity.extendedRequestId))
        if trace.answersWithTraceId {
            response.headers.append(("X-Amzn-Trace-Id", identity.traceId))
        }
        if traceHeader { response.headers.append(("x-portico-trace", "/_portico/invocations/" + requestId)) }
        return response
    }

    /// A fresh request id from the data plane's generator (the console's try-it calls).
    public func newRequestId() -> String { ids.next(.request) }

    /// Drops compiled deployments that no longer exist (after deletes or a reset), and every
    /// cached authorizer result.
    public func purge() {
        pipeline.deployments.purge(keeping: Set(model.current.apis.values.flatMap { $0.deployments.keys }))
        authorizerCache.removeAll()
        responseCache.removeAll()
    }

    /// FlushStageCache: forgets the stage's cached responses.
    public func flushStageCache(apiId: String, stage: String) {
        responseCache.flush(stage: ResponseCache.stageKey(apiId: apiId, stage: stage))
    }

    /// FlushStageAuthorizersCache: forgets the stage's cached authorizer results.
    public func flushAuthorizerCache(apiId: String, stage: String) {
        authorizerCache.flush(stage: AuthorizerResultCache.stageKey(apiId: apiId, stage: stage))
    }
}
