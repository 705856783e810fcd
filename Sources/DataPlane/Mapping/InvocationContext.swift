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
    var resourceId: String = ""
    var resourcePath: String = ""
    var domainName: String
    var sourceIp: String
    var userAgent: String?
    var requestTimeEpoch: Int
    var stageVariables: [String: String]
    /// The `X-Amzn-Trace-Id` of this invocation (sent to backends and answered to the client);
    /// empty for TestInvokeMethod.
    var traceId: String = ""
    /// Where the stages record what they did.
    let trace: InvocationTrace
    /// The parts of `$context` that stay the same for the whole invocation, built on first use
    /// and shared by the request template, the response template and the mappings.
    let fixedEntries = FixedContextEntries()

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

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The `$context` map, with the given override maps and error variables.
    func value(requestOverride: RequestOverrides = RequestOverrides(), statusOverride: Int? = nil,
               headerOverrides: [(String, String)] = [], error: GatewayError? = nil) -> ContextValue {
        var entries = fixedEntries.get(for: self)
        var responseOverride: [(String, ContextValue)] = [("header", .map(headerOverrides.map { ($0.0, .string($0.1)) }))]
        if let statusOverride { responseOverride.append(("status", .int(Int64(statusOverride)))) }
        entries["requestOverride"] = .map([
            ("header", .map(requestOverride.header.map { ($0.0, .string($0.1)) })),
            ("path", .map(requestOverride.path.map { ($0.0, .string($0.1)) })),
            ("querystring", .map(requestOverride.querystring.map { ($0.0, .string($0.1)) })),
        ])
        entries["responseOverride"] = .map(responseOverride)
        if let error {
            entries["error"] = .map([
                ("message", .string(error.message)),
                ("messageString", .string(Self.quoted(error.message))),
                ("responseType", .string(error.type.rawValue)),
                ("validationErrorString", .string("")),
            ])
        }
        return .object(entries)
    }

    /// Every `$context` entry but the overrides and the error, in AWS's order (the override
    /// maps keep their places as placeholders).
    func fixedValue() -> OrderedDictionary<String, ContextValue> {
        var identity: [(String, ContextValue)] = [
            ("sourceIp", .string(sourceIp)),
            ("accountId", .null), ("apiKey", .null), ("apiKeyId", .null), ("caller", .null),
            ("cognitoAuthenticationProvider", .null), ("cognitoAuthenticationType", .null),
            ("cognitoIdentityId", .null), ("cognitoIdentityPoolId", .null), ("principalOrgId", .null),
            ("user", .null), ("userArn", .null),
        ]
        identity.append(("userAgent", userAgent.map(ContextValue.string) ?? .null))
        let entries: [(String, ContextValue)] = [
            ("accountId", .string(accountId)),
            ("apiId", .string(apiId)),
            ("domainName", .string(domainName)),
            ("domainPrefix", .string(apiId)),
            ("extendedRequestId", .string(extendedRequestId)),
            ("httpMethod", .string(httpMethod)),
            ("identity", .map(identity)),
            ("path", .string(path)),
            ("protocol", .string("HTTP/1.1")),
            ("requestId", .string(requestId)),
            ("requestTime", .string(requestTime)),
            ("requestTimeEpoch", .int(Int64(requestTimeEpoch))),
            ("resourceId", .string(resourceId)),
            ("resourcePath", .string(resourcePath)),
            ("stage", .string(stage)),
            ("authorizer", .map([])),
            ("requestOverride", .null),
            ("responseOverride", .null),
        ]
        var object = OrderedDictionary<String, ContextValue>(minimumCapacity: entries.count + 1)
        for (key, value) in entries { object[key] = value }
        return object
    }

    /// `$context.error.messageString`: the message as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The template input for a payload.
    func templateInput(body: [UInt8], request: MethodRequest, context: ContextValue) -> TemplateInput {
        TemplateInput(body: body, path: request.path, querystring: request.querystring, header: request.header,
                      stageVariables: stageVariables, context: context)
    }
}

/// The invocation's fixed `$context` entries, built once. Keyed by the resource, which routing
/// fills in after the context is made (a gateway response before routing sees it empty).
final class FixedContextEntries: Sendable {
    private let cached = Mutex<(resourceId: String, entries: OrderedDictionary<String, ContextValue>)?>(nil)

    func get(for context: InvocationContext) -> OrderedDictionary<String, ContextValue> {
        if let hit = cached.withLock({ $0 }), hit.resourceId == context.resourceId { return hit.entries }
        let entries = context.fixedValue()
        cached.withLock { $0 = (context.resourceId, entries) }
        return entries
    }
}
