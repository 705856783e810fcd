import APIGatewayModel
import Foundation
import PorticoCore
import Store

/// The invocation pipeline, in API Gateway's own stage names. This file is the only place
/// the order appears; each stage lives in its own file under `Stages/` and hands the next a
/// typed, non-optional value.
///
/// 0. **Receive**: headers API Gateway's front end drops are gone; `Host` is present. A custom
///    domain name's path that no base path mapping matches → 403 Forbidden (`DomainDirectory`
///    chose the target before the pipeline runs).
/// 1. **Resolve the stage** (`StageResolution`): the API, the stage and the compiled deployment
///    it points at (compiled once per deployment id), or its canary's deployment for the
///    canary's share of requests. Unknown API → 404; unknown stage →
///    MISSING_AUTHENTICATION_TOKEN; the default endpoint of an API that disabled it → 403.
/// 2. **Route** (`RouteStage`): the resource whose path template matches (literal, then
///    `{param}`, then `{greedy+}`) and the method (or ANY). No match → MISSING_AUTHENTICATION_TOKEN.
/// 2¼. **Resource policy** (`ResourcePolicyStage`): the API's policy, compiled with the
///    deployment, for every method but AWS_IAM's (decided with the caller in the gates); an
///    API without one pays nothing. 403 ACCESS_DENIED with AWS's IAM wording.
/// 2½. **Authorizer** (`AuthorizerStage`): the method's Lambda or Cognito authorizer; 401/403/500
///    through UNAUTHORIZED, ACCESS_DENIED, AUTHORIZER_CONFIGURATION_ERROR. What it established
///    travels in the request's context. TestInvokeMethod skips it, as AWS's does.
/// 3. **Method request** (`MethodRequestStage`): first the gates (`AccessGates`): AWS_IAM
///    signatures, then the API key (`APIKeyStage`; from the authorizer's `usageIdentifierKey`
///    when the API's key source is AUTHORIZER), usage-plan, stage and account throttling and the
///    quota (`ThrottleStage`); then parameters read and the request validator applied
///    (`RequestValidationStage`: 400 BAD_REQUEST_PARAMETERS / BAD_REQUEST_BODY).
/// 3½. **Cache** (`CacheStage`): a stage with a cache cluster answers a cached method from
///    `ResponseCache`; a miss runs 4–7 and keeps the answer.
/// 4. **Integration request** (`IntegrationRequestStage`): parameter mapping, request template
///    chosen by Content-Type, passthrough behaviour (415 when refused).
/// 5. **Integration** (`IntegrationStage`): MOCK (status from the rendered template), and the
///    backends through an injected transport.
/// 6. **Integration response** (`IntegrationResponseStage`): selectionPattern (Java regex on the
///    whole status code or Lambda error), response parameters, response template, overrides.
/// 7. **Method response** (`MethodResponseStage`): the status and the headers the client gets.
///
/// A stage with access log settings has its line rendered at the end and queued for the
/// `AccessLogWriter` (written off the request path).
///
/// Any stage may throw a `GatewayError`; `funnel` is the one place errors become answers,
/// through the API's gateway responses (`GatewayResponder`). TestInvokeMethod runs stages 3–7
/// (`complete`) on a request routed to the method it names, through the same funnel, without
/// the API key and throttling gates (AWS's test invocations bypass them).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-data-transformations.html
struct InvocationPipeline: Sendable {
    let deployments: DeploymentCache
    /// Draws the canary's share of traffic.
    let random: any RandomSource
    let authorizer: AuthorizerStage
    let integration: IntegrationStage
    let gates: AccessGates
    let cache: ResponseCache
    let accountId: String
    /// Where stages with access log settings have their lines written (nil: access logs off).
    var accessLogs: AccessLogWriter? = nil
    /// The VPC calls to PRIVATE APIs come from (`--vpc-id`, `aws:SourceVpc`; nil: none).
    var vpcId: String? = nil

    /// One invocation of a deployed stage, always answered.
    func invoke(
        _ target: InvocationTarget, _ request: InvocationRequest, model: ModelState, host: String,
        ids: RequestIdentity, trace: InvocationTrace
    ) async -> InvocationResponse {
        trace.record(.started(method: request.method, path: "/" + target.stage + String(target.path), headers: request.headers))
        let request = ReceiveStage.run(request, host: host)
        if case .unmappedDomain = target.endpoint { return finish(Self.forbidden, trace: trace) }
        let resolved: ResolvedStage
        switch StageResolution.run(target, in: model, deployments: deployments, random: random) {
        case .unknownAPI(let answer):
            return finish(answer, trace: trace)
        case .unknownStage:
            return funnel(.missingAuthenticationToken, at: .noDeployment, request: request, trace: trace).response
        case .resolved(let stage):
            resolved = stage
        }
        // An API that disabled its default endpoint answers there as AWS does (from the
        // deployment on: AWS applies the setting when a stage is next updated).
        if case .executeAPI = target.endpoint, resolved.deployment.restApi.disableExecuteApiEndpoint == true {
            return finish(Self.forbidden, trace: trace)
        }
        var context = InvocationContext(
            accountId: accountId, apiId: target.apiId, stage: target.stage, requestId: ids.requestId,
            extendedRequestId: ids.extendedRequestId, httpMethod: request.method,
            path: "/" + target.stage + (target.path == "/" ? "/" : String(target.path)), requestPath: String(target.path),
            deploymentId: resolved.deploymentId, domainName: host, sourceIp: request.sourceIp,
            userAgent: request.header("User-Agent"), requestTimeEpoch: ids.requestTimeEpoch,
            stageVariables: resolved.variables, traceId: ids.traceId, trace: trace)
        context.isCanaryRequest = resolved.isCanaryRequest
        if let endpoints = resolved.deployment.privateEndpoints {
            context.privateNetwork = PrivateNetwork(route: target.vpcEndpoint, associated: endpoints, vpcId: vpcId)
        }
        if case .customDomain(_, let requestPath, let basePath) = target.endpoint {
            context.path = requestPath.isEmpty ? "/" : requestPath
            context.domainPrefix = DomainDirectory.firstLabel(host)
            context.customDomain = (requestPath, basePath)
        }
        context.clientCertificate = resolved.clientCertificate
        context.cachingStage = resolved.cachingStage
        guard let accessLog = resolved.accessLog, let accessLogs else {
            return await serve(resolved, target: target, request: request, context: context, model: model).response
        }
        let answer = await serve(resolved, target: target, request: request, context: context, model: model)
        accessLogs.submit(settings: accessLog, context: answer.context ?? context, response: answer.response, error: answer.error)
        return answer.response
    }

    /// Stages 2–7 for a resolved stage, errors through the funnel.
    private func serve(
        _ resolved: ResolvedStage, target: InvocationTarget, request: InvocationRequest, context: InvocationContext,
        model: ModelState
    ) async -> Answer {
        let routed: RoutedRequest
        do {
            routed = try RouteStage.run(deployment: resolved.deployment, request: request, path: target.path, context: context)
        } catch {
            return funnel(error, at: .unrouted(resolved.deployment, context), request: request, trace: context.trace).with(context)
        }
        let authorized: RoutedRequest
        do {
            let resourcePolicy = try ResourcePolicyStage.run(routed, region: authorizer.region)
            authorized = try await authorizer.run(routed, resourcePolicy: resourcePolicy)
        } catch {
            return funnel(error, at: .routed(routed), request: request, trace: context.trace).with(routed.context)
        }
        return await complete(authorized, gatedBy: model)
    }

    /// 403 `{"message":"Forbidden"}`: a custom domain name's path that no base path mapping
    /// matches, or the default endpoint of an API that disabled it.
    static let forbidden = InvocationResponse(
        status: 403, headers: [("Content-Type", "application/json"), ("x-amzn-ErrorType", "ForbiddenException")],
        body: Array(#"{"message":"Forbidden"}"#.utf8))

    /// Stages 3–7 for a routed request, errors through the funnel. The gates read keys, plans
    /// and settings from `model` (nil: no gates, as in TestInvokeMethod).
    func complete(_ routed: RoutedRequest, gatedBy model: ModelState?) async -> Answer {
        var routed = routed
        do {
            if let model { routed = try gates.admit(routed, model: model) }
            let methodRequest = try MethodRequestStage.run(routed)
            var plan: CachePlan?
            if model != nil, let stage = routed.context.cachingStage { plan = try CacheStage.plan(methodRequest, stage: stage, region: gates.region) }
            if let plan, !plan.refresh, let hit = cache.lookup(stage: plan.stage, key: plan.key) {
                routed.context.trace.record(.cache(hit: true, key: plan.key))
                return Answer(
                    response: finish(hit.response(warns: plan.warns), trace: routed.context.trace), error: nil,
                    context: routed.context)
            }
            let integrationRequest = try IntegrationRequestStage.run(methodRequest)
            let integrationResult = try await integration.run(integrationRequest)
            let integrationResponse = try IntegrationResponseStage.run(integrationResult)
            var response = MethodResponseStage.run(integrationResponse)
            if let plan {
                routed.context.trace.record(.cache(hit: false, key: plan.key))
                let entry = ResponseCache.Cached(response)
                cache.store(entry, stage: plan.stage, key: plan.key, ttlSeconds: plan.ttlSeconds, capacity: plan.capacity)
                if plan.warns { response.headers.append(CacheStage.warning) }
            }
            return Answer(response: finish(response, trace: routed.context.trace), error: nil, context: routed.context)
        } catch {
            return funnel(error, at: .routed(routed), request: routed.request, trace: routed.context.trace).with(routed.context)
        }
    }

    /// The one error funnel: records the failure and renders the gateway response for it.
    func funnel(
        _ error: GatewayError, at site: GatewayResponder.Site, request: InvocationRequest,
        trace: InvocationTrace
    ) -> Answer {
        trace.record(.failed(type: error.type.rawValue, message: error.detail ?? error.message ?? error.errorType))
        let response = GatewayResponder.render(error, at: site, request: request)
        return Answer(response: finish(response, trace: trace), error: error)
    }

    /// The last step of every answer: the method response as the client gets it, traced.
    private func finish(_ response: InvocationResponse, trace: InvocationTrace) -> InvocationResponse {
        trace.record(
            .methodResponse(
                status: response.status, headers: response.headers.map { ($0.name, $0.value) },
                body: response.body))
        return response
    }

    /// What the pipeline answered, and the error it answered for, if any.
    struct Answer: Sendable {
        let response: InvocationResponse
        let error: GatewayError?
        /// The invocation's context as the last stage saw it (for the access log).
        var context: InvocationContext? = nil

        func with(_ context: InvocationContext) -> Answer {
            var copy = self
            if copy.context == nil { copy.context = context }
            return copy
        }
    }
}

/// The per-request identifiers and time an invocation is stamped with (drawn from the
/// injected clock and generator).
struct RequestIdentity: Sendable {
    let requestId: String
    let extendedRequestId: String
    let traceId: String
    let requestTimeEpoch: Int
}
