import APIGatewayModel
import Foundation
import Routing
import Store

/// TestInvokeMethod: runs the pipeline's stages on the live (undeployed) API, as the console's
/// Test button does, and answers status, body, headers, latency and AWS's execution log.
/// The control plane has already checked that the API, resource and method exist.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
extension DataPlane {
    public func testInvoke(_ input: TestInvokeMethodRequest, requestId: String, now: Date = Date()) async -> TestInvokeMethodResponse {
        let started = ContinuousClock.now
        let apiId = input.restApiId ?? ""
        guard let api = model.current.apis[apiId], let resource = api.resources[input.resourceId ?? ""] else {
            return TestInvokeMethodResponse(status: 404)
        }
        let snapshot = DeploymentSnapshot(restApi: api.restApi, resources: [resource.id ?? "": resource],
                                          gatewayResponses: api.gatewayResponses)
        let deployment = CompiledDeployment(id: "test-invoke", snapshot: snapshot, compiler: compiler)
        let compiledResource = CompiledResource(id: resource.id ?? "", resource: resource, compiler: compiler)
        let verb = input.httpMethod ?? "GET"
        let raw = input.pathWithQueryString ?? (resource.path ?? "/")
        let (path, query) = Self.split(raw)
        var headers = (input.headers ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        for (name, values) in (input.multiValueHeaders ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name == name }
            headers += values.map { (name: name, value: $0) }
        }
        let request = InvocationRequest(method: verb, query: query, headers: headers, body: Array((input.body ?? "").utf8),
                                        sourceIp: "test-invoke-source-ip")
        let trace = InvocationTrace(requestId: requestId, startedAt: now)
        trace.record(.started(method: verb, path: path))
        let context = InvocationContext(
            accountId: accountId, apiId: apiId, stage: "test-invoke-stage", requestId: requestId,
            extendedRequestId: Self.apigwId(), httpMethod: verb, path: path, requestPath: path,
            resourceId: compiledResource.id, resourcePath: compiledResource.path, domainName: "testPrefix.testDomainName",
            sourceIp: "test-invoke-source-ip", userAgent: nil, requestTimeEpoch: Int(now.timeIntervalSince1970 * 1000),
            stageVariables: input.stageVariables ?? [:], trace: trace)
        let response: InvocationResponse
        if let method = compiledResource.method(for: verb) {
            let routed = RoutedRequest(deployment: deployment, resource: compiledResource, method: method, request: request,
                                       pathParameters: Self.pathParameters(template: compiledResource.path, path: path),
                                       context: context)
            do {
                response = try await pipeline.run(routed)
            } catch {
                trace.record(.failed(type: error.type.rawValue, message: error.detail ?? error.message))
                let rendered = GatewayResponder.render(error, deployment: deployment, context: context, request: request)
                response = InvocationResponse(status: rendered.status, headers: rendered.headers.filter { $0.name == "x-amzn-ErrorType" },
                                              body: rendered.body)
                trace.record(.methodResponse(status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body))
            }
        } else {
            response = GatewayResponder.render(.missingAuthenticationToken, deployment: deployment, context: context, request: request)
        }
        var single: [String: String] = [:]
        var multi: [String: [String]] = [:]
        for (name, value) in response.headers {
            single[name] = value
            multi[name, default: []].append(value)
        }
        let isBackend = compiledResource.method(for: verb)?.integration?.type != .mock
        let elapsed = ContinuousClock.now - started
        return TestInvokeMethodResponse(
            status: response.status, body: String(decoding: response.body, as: UTF8.self), headers: single,
            multiValueHeaders: multi, log: trace.executionLog(backend: isBackend),
            latency: Int64(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
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

    /// Path parameters by aligning the request path with the resource's template; a segment
    /// that does not line up gives an empty value, as AWS's test invoke does.
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
            case .literal:
                continue
            }
        }
        return out
    }
}
