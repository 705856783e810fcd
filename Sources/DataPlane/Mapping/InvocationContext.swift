import APIGatewayModel
import Foundation
import JSONPath
import OrderedCollections
import Synchronization

/// The facts about one invocation that `$context` exposes.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
struct InvocationContext: Sendable {
    var accountId: String
    var apiId: String
    var stage: String
    var requestId: String
    var extendedRequestId: String
    var httpMethod: String
    /// The request path as the client sent it, including the stage (`/dev/pets/1`).
    var path: String
    /// The path below the stage (`/pets/1`).
    var requestPath: String
    /// The deployment served (`test-invoke-deployment-id` for TestInvokeMethod, as on AWS).
    var deploymentId: String
    var domainName: String
    var sourceIp: String
    var userAgent: String?
    var requestTimeEpoch: Int
    var stageVariables: [String: String]
    /// The `X-Amzn-Trace-Id` of this invocation (sent to backends and answered to the client);
    /// TestInvokeMethod has none.
    var traceId: String?
    /// The API key the API key gate admitted the call with (`$context.identity.apiKey`, `apiKeyId`).
    var apiKey: APIKeyIdentity? = nil
    /// An AWS_IAM caller whose signature verified: its access key is `$context.identity.caller`,
    /// `user` and `accessKey`; `accountId` is then the account's.
    var caller: IAMCaller? = nil
    /// The stage's client certificate, presented to HTTPS backends (nil: none).
    var clientCertificate: ClientCertificateMaterial? = nil
    /// The stage, when it has a response cache cluster (nil: nothing is cached).
    var cachingStage: Stage? = nil
    /// Where the stages record what they did.
    let trace: InvocationTrace
    /// What the method's authorizer established (`$context.authorizer`); nil when none ran.
    var authorization: Authorization? = nil
    /// The parts of `$context` that stay the same for the whole invocation, built on first use
    /// and shared by the request template, the response template and the mappings.
    var fixedEntries = FixedContextEntries()
    /// `$context.domainPrefix`: the API id on the default endpoint, the first label of the
    /// domain name on a custom domain name (nil: the API id).
    var domainPrefix: String? = nil
    /// Through a custom domain name: the request path as the client sent it, base path
    /// included (the proxy event's `path`), and the base path matched (`""` for `(none)`).
    var customDomain: (requestPath: String, basePath: String)? = nil
    /// `$context.isCanaryRequest`: nil when the stage has no canary.
    var isCanaryRequest: Bool? = nil
    /// A call to a PRIVATE API: the VPC endpoint and VPC it comes from, for policies' conditions
    /// (nil: another endpoint type, no VPC keys).
    var privateNetwork: PrivateNetwork? = nil

    /// This context once an authorizer has let the request through.
    func authorized(by authorization: Authorization) -> InvocationContext {
        var copy = self
        copy.authorization = authorization
        copy.fixedEntries = FixedContextEntries()
        return copy
    }

    /// `25/Nov/2026:04:31:40 +0000`, as AWS formats `requestTime` (formatted by hand: it is on
    /// every request's path).
    var requestTime: String {
        var seconds = time_t(requestTimeEpoch / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let month = Self.months[Int(parts.tm_mon)]
        return "\(two(parts.tm_mday))/\(month)/\(parts.tm_year + 1900):\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    struct APIKeyIdentity: Sendable {
        let id: String
        let value: String
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The `$context` map, with the given override maps and error variables. `resource` is
    /// the routed resource (nil for a gateway response to a request that matched none).
    /// `responseOverride` is the map a request template left (its other keys are kept; `header`
    /// and `status` are the given ones).
    func value(
        resource: CompiledResource?, requestOverride: RequestOverrides = RequestOverrides(), statusOverride: Int? = nil,
        headerOverrides: [(String, String)] = [], responseOverride base: ContextValue? = nil, error: GatewayError? = nil
    ) -> ContextValue {
        var entries = fixedEntries.get(for: self, resource: resource)
        var responseOverride: [(String, ContextValue)] = [("header", .map(headerOverrides.map { ($0.0, .string($0.1)) }))]
        if let statusOverride { responseOverride.append(("status", .int(Int64(statusOverride)))) }
        if case .object(let given)? = base {
            for (key, value) in given where key != "header" && key != "status" { responseOverride.append((key, value)) }
        }
        entries["requestOverride"] = .map([
            ("header", .map(requestOverride.header.map { ($0.0, .string($0.1)) })),
            ("path", .map(requestOverride.path.map { ($0.0, .string($0.1)) })),
            ("querystring", .map(requestOverride.querystring.map { ($0.0, .string($0.1)) })),
        ])
        entries["responseOverride"] = .map(responseOverride)
        if let error {
            entries["error"] = .map([
                ("message", error.message.map(ContextValue.string) ?? .null),
                ("messageString", .string(error.message.map(JSONOutput.quoted) ?? "null")),
                ("responseType", .string(error.type.rawValue)),
                ("validationErrorString", .string(error.validationErrorString ?? "")),
            ])
        }
        return .object(entries)
    }

    /// Every `$context` entry but the overrides and the error, in AWS's order (the override
    /// maps keep their places, filled in by `value`).
    func fixedValue(resource: CompiledResource?) -> OrderedDictionary<String, ContextValue> {
        var identity: [(String, ContextValue)] = [
            ("sourceIp", .string(sourceIp)),
            ("accountId", caller == nil ? .null : .string(accountId)), ("apiKey", apiKey.map { .string($0.value) } ?? .null),
            ("apiKeyId", apiKey.map { .string($0.id) } ?? .null), ("caller", caller.map { .string($0.accessKeyId) } ?? .null),
            ("cognitoAuthenticationProvider", .null), ("cognitoAuthenticationType", .null),
            ("cognitoIdentityId", .null), ("cognitoIdentityPoolId", .null), ("principalOrgId", .null),
            ("user", caller.map { .string($0.accessKeyId) } ?? .null), ("userArn", .null),
        ]
        identity.append(("userAgent", userAgent.map(ContextValue.string) ?? .null))
        var entries: [(String, ContextValue)] = [
            ("accountId", .string(accountId)),
            ("apiId", .string(apiId)),
            ("deploymentId", .string(deploymentId)),
            ("domainName", .string(domainName)),
            ("domainPrefix", .string(domainPrefix ?? apiId)),
            ("extendedRequestId", .string(extendedRequestId)),
            ("httpMethod", .string(httpMethod)),
            ("identity", .map(identity)),
            ("path", .string(path)),
            ("protocol", .string("HTTP/1.1")),
            ("requestId", .string(requestId)),
            ("requestTime", .string(requestTime)),
            ("requestTimeEpoch", .int(Int64(requestTimeEpoch))),
            ("resourceId", .string(resource?.id ?? "")),
            ("resourcePath", .string(resource?.path ?? "")),
            ("stage", .string(stage)),
            ("authorizer", authorization?.contextValue ?? .map([])),
            ("requestOverride", .null),
            ("responseOverride", .null),
        ]
        // Present only on a stage with a canary, as on AWS.
        if let isCanaryRequest { entries.insert(("isCanaryRequest", .bool(isCanaryRequest)), at: 8) }
        var object = OrderedDictionary<String, ContextValue>(minimumCapacity: entries.count + 1)
        for (key, value) in entries { object[key] = value }
        return object
    }
}

/// The invocation's fixed `$context` entries, built once per resource (a gateway response
/// before routing sees no resource; the stages after routing all see the same one).
final class FixedContextEntries: Sendable {
    private let cached = Mutex<(resourceId: String?, entries: OrderedDictionary<String, ContextValue>)?>(nil)

    func get(for context: InvocationContext, resource: CompiledResource?) -> OrderedDictionary<String, ContextValue> {
        if let hit = cached.withLock({ $0 }), hit.resourceId == resource?.id { return hit.entries }
        let entries = context.fixedValue(resource: resource)
        cached.withLock { $0 = (resource?.id, entries) }
        return entries
    }
}
