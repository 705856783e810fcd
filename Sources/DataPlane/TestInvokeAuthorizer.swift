import APIGatewayModel
import Foundation
import Store

/// TestInvokeAuthorizer: runs an authorizer of the live API on a request made of the test's
/// headers, path, query string and stage variables, as the console's Test button does, with
/// the same identity checks and result reading as an invocation (`AuthorizerStage`); a Cognito
/// authorizer answers the verified token's `claims`. No
/// method is involved, so the policy is answered, not evaluated; the method ARN is
/// `…/{apiId}/ESTestInvoke-stage/GET/`, as on AWS. The control plane has already checked that
/// the API and authorizer exist.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
extension DataPlane {
    public func testInvokeAuthorizer(_ input: TestInvokeAuthorizerRequest, requestId: String) async -> TestInvokeAuthorizerResponse {
        let started = ContinuousClock.now
        let apiId = input.restApiId ?? ""
        guard let api = model.current.apis[apiId], let authorizer = api.authorizers[input.authorizerId ?? ""] else {
            return TestInvokeAuthorizerResponse(clientStatus: 404)
        }
        let compiled = CompiledAuthorizer(id: authorizer.id ?? "", authorizer: authorizer)
        let trace = InvocationTrace(requestId: requestId, clock: clock)
        let routed = testRequest(input, api: api, requestId: requestId, trace: trace)
        let stage = pipeline.authorizer
        var response = TestInvokeAuthorizerResponse(clientStatus: 200)
        trace.record(.authorizer(.started(authorizerId: compiled.id, type: compiled.type.rawValue)))
        do {
            if compiled.type == .cognitoUserPools {
                let claims = try await stage.verifiedClaims(compiled, routed)
                response.claims = Dictionary(claims.text, uniquingKeysWith: { _, last in last })
                trace.record(.authorizer(.completed(principalId: claims.string("sub"))))
                return finish(response, trace: trace, started: started)
            }
            let identity = try AuthorizerStage.identity(of: compiled, routed)
            let methodArn = LambdaAuthorizer.methodArn(
                region: stage.region, accountId: pipeline.accountId, apiId: apiId, stage: routed.context.stage, verb: "GET", path: "/")
            let event = LambdaAuthorizer.event(compiled, identity: identity, routed: routed, methodArn: methodArn)
            let result = try await stage.invoke(compiled, event: event, stageVariables: routed.context.stageVariables, trace: trace)
            trace.record(.authorizer(.completed(principalId: result.principalId)))
            response.principalId = result.principalId
            response.policy = result.policyText
        } catch {
            trace.record(.failed(type: error.type.rawValue, message: error.detail ?? error.errorType))
            response.clientStatus = error.fallbackStatus
        }
        return finish(response, trace: trace, started: started)
    }

    private func finish(
        _ response: TestInvokeAuthorizerResponse, trace: InvocationTrace, started: ContinuousClock.Instant
    ) -> TestInvokeAuthorizerResponse {
        var response = response
        response.log = trace.executionLog(backend: true)
        response.latency = Int64(AuthorizerStage.milliseconds(ContinuousClock.now - started))
        return response
    }

    /// The test's request as an authorizer sees it: routed to the API's root resource (a test
    /// names no method), on the stage `ESTestInvoke-stage`.
    private func testRequest(
        _ input: TestInvokeAuthorizerRequest, api: APIState, requestId: String, trace: InvocationTrace
    ) -> RoutedRequest {
        let compiler = pipeline.deployments.compiler
        let (path, query) = Self.split(input.pathWithQueryString ?? "/")
        let request = InvocationRequest(
            method: "GET", query: query, headers: Self.headers(input.headers, input.multiValueHeaders),
            body: Array((input.body ?? "").utf8), sourceIp: "test-invoke-source-ip")
        let context = InvocationContext(
            accountId: pipeline.accountId, apiId: api.id, stage: "ESTestInvoke-stage", requestId: requestId,
            extendedRequestId: ids.next(.extendedRequest), httpMethod: "GET", path: path, requestPath: path,
            deploymentId: "test-invoke-deployment-id", domainName: "testPrefix.testDomainName", sourceIp: "test-invoke-source-ip",
            userAgent: nil, requestTimeEpoch: Int(trace.startedAt.timeIntervalSince1970 * 1000),
            stageVariables: input.stageVariables ?? [:], traceId: nil, trace: trace)
        let rootId = api.restApi.rootResourceId ?? ""
        let root = CompiledResource(id: rootId, resource: api.resources[rootId] ?? Resource(id: rootId, path: "/"), compiler: compiler)
        let deployment = CompiledDeployment(
            snapshot: DeploymentSnapshot(restApi: api.restApi, resources: [:], gatewayResponses: [:]), compiler: compiler)
        return RoutedRequest(
            deployment: deployment, resource: root, method: CompiledMethod(method: Method(httpMethod: "GET"), compiler: compiler),
            request: request, pathParameters: [], context: context)
    }
}
