import APIGatewayModel
import Foundation
import PorticoCore
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
    /// Recent invocation traces (`GET /_portico/invocations/{requestId}`).
    public let traces = TraceRing()

    /// A data plane with every collaborator injected (tests: a fixed clock, predictable ids,
    /// a scripted transport).
    init(
        model: ModelStore, compiler: any TemplateCompiler, transport: any IntegrationTransport,
        clock: any WallClock, ids: any IdentifierGenerator, accountId: String, region: String = "us-east-1",
        cognitoEndpoint: String? = nil
    ) {
        self.model = model
        self.clock = clock
        self.ids = ids
        authorizerCache = AuthorizerResultCache(clock: clock)
        pipeline = InvocationPipeline(
            deployments: DeploymentCache(compiler: compiler),
            authorizer: AuthorizerStage(
                transport: transport, cache: authorizerCache, region: region,
                cognito: CognitoVerifier(endpoint: cognitoEndpoint, transport: transport, clock: clock)),
            integration: IntegrationStage(transport: transport), accountId: accountId)
    }

    /// A data plane with Portico's VTL engine and real backends (HTTP over AsyncHTTPClient;
    /// Lambda through the Invoke API at `lambdaEndpoint`, if given; user-pool key sets from
    /// `cognitoEndpoint`, if given).
    public convenience init(
        model: ModelStore, clock: any WallClock = SystemClock(), ids: any IdentifierGenerator = RandomIdentifiers(),
        accountId: String = "000000000000", region: String = "us-east-1", lambdaEndpoint: String? = nil,
        cognitoEndpoint: String? = nil
    ) {
        self.init(
            model: model, compiler: VTLTemplateCompiler(), transport: BackendTransport(lambdaEndpoint: lambdaEndpoint),
            clock: clock, ids: ids, accountId: accountId, region: region, cognitoEndpoint: cognitoEndpoint)
    }

    /// Invokes `target` and always answers (errors render as gateway responses).
    public func invoke(
        _ target: InvocationTarget, _ request: InvocationRequest, requestId: String,
        host: String
    ) async -> InvocationResponse {
        let trace = InvocationTrace(requestId: requestId, clock: clock)
        let identity = RequestIdentity(
            requestId: requestId, extendedRequestId: ids.next(.extendedRequest),
            traceId: ids.traceId(at: trace.startedAt),
            requestTimeEpoch: Int(trace.startedAt.timeIntervalSince1970 * 1000))
        var response = await pipeline.invoke(target, request, model: model.current, host: host, ids: identity, trace: trace)
        traces.add(trace)
        response.headers.append(("x-amz-apigw-id", identity.extendedRequestId))
        response.headers.append(("X-Amzn-Trace-Id", identity.traceId))
        response.headers.append(("x-portico-trace", "/_portico/invocations/" + requestId))
        return response
    }

    /// Drops compiled deployments that no longer exist (after deletes or a reset), and every
    /// cached authorizer result.
    public func purge() {
        pipeline.deployments.purge(keeping: Set(model.current.apis.values.flatMap { $0.deployments.keys }))
        authorizerCache.removeAll()
    }

    /// FlushStageAuthorizersCache: forgets the stage's cached authorizer results.
    public func flushAuthorizerCache(apiId: String, stage: String) {
        authorizerCache.flush(stage: AuthorizerResultCache.stageKey(apiId: apiId, stage: stage))
    }
}
