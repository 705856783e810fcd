import APIGatewayModel
import Foundation
import Routing
import Store

/// TestInvokeMethod: runs the pipeline's stages on the live (undeployed) API, as the console's
/// Test button does, and answers status, body, headers, latency and AWS's execution log.
/// The control plane has already checked that the API, resource and method exist.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
extension DataPlane {
    public func testInvoke(_ input: TestInvokeMethodRequest, requestId: String) async -> TestInvokeMethodResponse {
        let started = ContinuousClock.now
        let apiId = input.restApiId ?? ""
        guard let api = model.current.apis[apiId], let resource = api.resources[input.resourceId ?? ""] else {
            return TestInvokeMethodResponse(status: 404)
        }
        // The live API, compiled for this call only (nothing is deployed).
        let snapshot = DeploymentSnapshot(
            restApi: api.restApi, resources: [resource.id ?? "": resource],
            gatewayResponses: api.gatewayResponses, models: api.models, requestValidators: api.requestValidators)
        let deployment = CompiledDeployment(snapshot: snapshot, compiler: pipeline.deployments.compiler)
        let compiledResource = CompiledResource(
            id: resource.id ?? "", resource: resource, compiler: pipeline.deployments.compiler,
            catalog: ModelCatalog(snapshot: snapshot))
        let verb = input.httpMethod ?? "GET"
        let raw = input.pathWithQueryString ?? (resource.path ?? "/")
        let (path, query) = Self.split(raw)
        let headers = Self.headers(input.headers, input.multiValueHeaders)
        let request = InvocationRequest(
            method: verb, query: query, headers: headers, body: Array((input.body ?? "").utf8),
            sourceIp: "test-invoke-source-ip")
        let trace = InvocationTrace(requestId: requestId, clock: clock)
        trace.record(.started(method: verb, path: path, headers: []))
        let context = InvocationContext(
            accountId: pipeline.accountId, apiId: apiId, stage: "test-invoke-stage", requestId: requestId,
            extendedRequestId: ids.next(.extendedRequest), httpMethod: verb, path: path, requestPath: path,
            deploymentId: "test-invoke-deployment-id", domainName: "testPrefix.testDomainName",
            sourceIp: "test-invoke-source-ip", userAgent: nil, requestTimeEpoch: Int(trace.startedAt.timeIntervalSince1970 * 1000),
            stageVariables: input.stageVariables ?? [:], traceId: nil, trace: trace)
        let method = compiledResource.method(for: verb)
        let response: InvocationResponse
        if let method {
            let routed = RouteStage.routed(
                deployment: deployment, resource: compiledResource, method: method, request: request,
                pathParameters: Self.pathParameters(template: compiledResource.path, path: path),
                context: context)
            let answer = await pipeline.complete(routed, gatedBy: nil)
            // On an error, AWS's test answer carries only the error type header.
            response =
                answer.error == nil
                ? answer.response
                : InvocationResponse(
                    status: answer.response.status,
                    headers: answer.response.headers.filter { $0.name == "x-amzn-ErrorType" },
                    body: answer.response.body)
        } else {
            response = pipeline.funnel(.missingAuthenticationToken, at: .unrouted(deployment, context), request: request, trace: trace).response
        }
        var single: [String: String] = [:]
        var multi: [String: [String]] = [:]
        for (name, value) in response.headers {
            single[name] = value
            multi[name, default: []].append(value)
        }
        let isBackend = method?.integration?.type != .mock
        let elapsed = ContinuousClock.now - started
        return TestInvokeMethodResponse(
            status: response.status, body: String(decoding: response.body, as: UTF8.self), headers: single,
            multiValueHeaders: multi, log: trace.executionLog(backend: isBackend),
            latency: Int64(AuthorizerStage.milliseconds(elapsed)))
    }

    /// A test request's headers: the single-valued ones, each replaced by its multi-valued form
    /// when both are given.
    static func headers(_ single: [String: String]?, _ multi: [String: [String]]?) -> [(name: String, value: String)] {
        var headers = (single ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        for (name, values) in (multi ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name == name }
            headers += values.map { (name: name, value: $0) }
        }
        return headers
    }

    /// `/pets/1?a=b` → (`/pets/1`, [("a","b")]).
    static func split(_ raw: String) -> (String, [(name: String, value: String)]) {
        guard let mark = raw.firstIndex(of: "?") else { return (raw, []) }
        let query = raw[raw.index(after: mark)...].split(separator: "&").map { pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).removingPercentEncoding ?? String(text) }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
        return (String(raw[..<mark]), query)
    }

    /// Path parameters by aligning the request path with the resource's template; a missing
    /// segment gives an empty value, and a path whose literal segments differ from the
    /// template's (`/random/test` for `/pets/{petId}`) gives none at all, as AWS's test
    /// invoke does (its log then shows `Method request path: {}`).
    static func pathParameters(template: String, path: String) -> [(String, String)] {
        let names = RouteTrie<Int>.segments(of: template)
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var out: [(String, String)] = []
        for (index, segment) in names.enumerated() {
            switch segment {
            case .label(let name):
                out.append((name, index < parts.count ? (String(parts[index]).removingPercentEncoding ?? String(parts[index])) : ""))
            case .greedy(let name):
                out.append((name, index < parts.count ? parts[index...].joined(separator: "/") : ""))
            case .literal(let text):
                guard index < parts.count, parts[index] == text else { return [] }
            }
        }
        return out
    }
}
