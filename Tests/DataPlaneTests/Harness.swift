import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import SigV4
import Store
import Synchronization
import XCTest

/// A backend that answers what the test scripted and remembers what it was sent.
final class ScriptedTransport: IntegrationTransport {
    struct Reply: Sendable {
        var status = 200
        var headers: [(String, String)] = []
        var body = ""
        /// A Lambda `errorMessage` (selects by pattern instead of the status).
        var selectionValue: String?
        var isProxy = false
    }

    private let state = Mutex<(reply: Reply, seen: [IntegrationRequest])>((Reply(), []))
    /// What authorizer functions answer, and the events they were sent (function, payload).
    private let authorizer = Mutex<(reply: LambdaReply, events: [(String, String)])>(
        (LambdaReply(status: 200, headers: [], body: [], functionError: nil), []))

    func script(_ reply: Reply) { state.withLock { $0.reply = reply } }
    var seen: [IntegrationRequest] { state.withLock { $0.seen } }

    /// Scripts the authorizer function's answer: `body` as JSON, or a function error.
    func scriptAuthorizer(_ body: String, functionError: String? = nil, status: Int = 200) {
        authorizer.withLock { $0.reply = LambdaReply(status: status, headers: [], body: Array(body.utf8), functionError: functionError) }
    }
    var authorizerEvents: [(function: String, payload: String)] { authorizer.withLock { $0.events.map { ($0.0, $0.1) } } }

    /// No key sets here: Cognito authorizers are tested end to end against moto's server.
    func fetchKeySet(_ url: String, trace: InvocationTrace) async throws(GatewayError) -> [UInt8] {
        throw GatewayError.authorizerConfiguration("no key set at \(url)")
    }

    func invokeAuthorizer(_ function: String, payload: [UInt8], trace: InvocationTrace) async throws(GatewayError) -> LambdaReply {
        authorizer.withLock { state in
            state.events.append((function, String(decoding: payload, as: UTF8.self)))
            return state.reply
        }
    }

    func sendHTTP(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult { answer(request) }
    func sendAWS(_ request: IntegrationRequest) async throws(GatewayError) -> IntegrationResult { answer(request) }

    private func answer(_ request: IntegrationRequest) -> IntegrationResult {
        let reply = state.withLock { state -> Reply in
            state.seen.append(request)
            return state.reply
        }
        return IntegrationResult(
            request: request, status: reply.status, headers: reply.headers, body: Array(reply.body.utf8),
            selectionValue: reply.selectionValue ?? String(reply.status), isProxy: reply.isProxy)
    }
}

/// One data plane over an in-memory store, with a fixed clock, predictable ids and a
/// scripted backend; `deploy` writes an API with one method straight into the store.
struct Harness {
    static let start = Date(timeIntervalSince1970: 1_764_547_200.25)

    let store: ModelStore
    let transport = ScriptedTransport()
    let clock = ManualClock(Harness.start)
    let ids = SequentialIdentifiers()
    /// The draws canary releases take, in turn.
    let random: ScriptedRandomSource
    let plane: DataPlane

    init(signatures: SigV4Verifier? = nil, draws: [Double] = [0.5], accessLogs: AccessLogWriter? = nil, vpcId: String? = nil) throws {
        store = try ModelStore(path: nil)
        random = ScriptedRandomSource(draws)
        plane = DataPlane(
            model: store, compiler: VTLTemplateCompiler(), transport: transport, clock: clock, ids: ids, random: random,
            accountId: "123456789012", signatures: signatures, accessLogs: accessLogs, vpcId: vpcId)
    }

    /// Changes the stored model directly (stages, domain names, …).
    func update(_ change: @escaping @Sendable (inout ModelState) -> Void) async throws {
        try await store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            change(&state)
            return ((), [.api("api1")])
        }
    }

    /// API `api1`, stage `dev` → deployment `d1`, resources `/` (`root`) and `/pets/{id}` (`pets`)
    /// with `method` on the latter.
    func deploy(
        _ method: Method, verb: String = "GET", gatewayResponses: [String: GatewayResponse] = [:],
        variables: [String: String]? = nil, authorizers: [String: Authorizer] = [:],
        apiKeySource: ApiKeySourceType? = nil, policy: String? = nil, endpointConfiguration: EndpointConfiguration? = nil
    ) async throws {
        var pets = Resource(id: "pets", parentId: "root", pathPart: "{id}", path: "/pets/{id}")
        pets.resourceMethods = [verb: method]
        try await deploy(
            resources: ["root": Resource(id: "root", path: "/"), "pets": pets], gatewayResponses: gatewayResponses,
            variables: variables, authorizers: authorizers, apiKeySource: apiKeySource, policy: policy,
            endpointConfiguration: endpointConfiguration)
    }

    /// API `api1`, stage `dev` → deployment `d1` with the given resource tree (ids as keys).
    func deploy(
        resources: [String: Resource], gatewayResponses: [String: GatewayResponse] = [:],
        variables: [String: String]? = nil, authorizers: [String: Authorizer] = [:],
        apiKeySource: ApiKeySourceType? = nil, stage: Stage? = nil, policy: String? = nil,
        endpointConfiguration: EndpointConfiguration? = nil
    ) async throws {
        let restApi = RestApi(
            id: "api1", name: "pets", apiKeySource: apiKeySource, endpointConfiguration: endpointConfiguration, policy: policy,
            rootResourceId: "root")
        let record = DeploymentRecord(
            deployment: Deployment(id: "d1"),
            snapshot: DeploymentSnapshot(
                restApi: restApi, resources: resources, gatewayResponses: gatewayResponses, authorizers: authorizers))
        try await store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            var api = APIState(restApi: restApi)
            for (id, resource) in resources { api.resources[id] = resource }
            api.gatewayResponses = gatewayResponses
            api.authorizers = authorizers
            api.deployments["d1"] = record
            api.stages["dev"] = stage ?? Stage(deploymentId: "d1", stageName: "dev", variables: variables)
            state.apis["api1"] = api
            return ((), [.api("api1")])
        }
    }

    func invoke(
        _ path: String, method: String = "GET", api: String = "api1", stage: String = "dev",
        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        body: String = "", rawPath: String? = nil, sourceIp: String = "127.0.0.1"
    ) async -> InvocationResponse {
        await plane.invoke(
            InvocationTarget(apiId: api, stage: stage, path: Substring(path)),
            InvocationRequest(
                method: method, query: query, headers: headers, body: Array(body.utf8), sourceIp: sourceIp, rawPath: rawPath),
            requestId: "req-1", host: "api1.example")
    }

    /// A request as the server routes it: by `Host` (custom domain names first) and path.
    func invoke(host: String, path: String, method: String = "GET", apiIdHeader: String? = nil) async -> InvocationResponse? {
        guard let target = plane.target(host: host, path: path, apiIdHeader: apiIdHeader) else { return nil }
        return await plane.invoke(target, InvocationRequest(method: method, rawPath: path), requestId: "req-1", host: host)
    }
}

extension InvocationResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.last { $0.name.lowercased() == name.lowercased() }?.value }
}

/// A MOCK method: request template `{"statusCode": N}`, integration responses as given.
func mockMethod(status: Int = 200, responses: [String: IntegrationResponse]) -> Method {
    Method(
        httpMethod: "GET", authorizationType: "NONE",
        methodIntegration: Integration(
            type: .mock, requestTemplates: ["application/json": "{\"statusCode\": \(status)}"],
            passthroughBehavior: "WHEN_NO_MATCH", integrationResponses: responses))
}
