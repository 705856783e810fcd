import APIGatewayModel
import Foundation
import IAMPolicy

/// What IAM policies decide at invocation: the request context their conditions read, the
/// method ARN they are asked about, and AWS's answers when they refuse.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
enum PolicyGate {
    static let invoke = "execute-api:Invoke"
    static let invalidateCache = "execute-api:InvalidateCache"

    /// The global condition keys Portico knows for a call, those of `wanted` (lower-cased, the
    /// policies' `conditionKeys`) only: `aws:SourceIp` (the client's address;
    /// `X-Forwarded-For` is not trusted), `aws:CurrentTime` and `aws:EpochTime` (the request
    /// time), `aws:SecureTransport` (false: plain HTTP), `aws:UserAgent`, `aws:PrincipalType`,
    /// and for an IAM caller `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:username`. A call
    /// to a PRIVATE API also has `aws:SourceVpce` and `aws:SourceVpc` when `PrivateNetwork`
    /// supplies them; calls to other APIs have neither.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    static func conditionKeys(_ context: InvocationContext, principal: PolicyPrincipal, wanted: Set<String>) -> PolicyContext {
        var keys = PolicyContext()
        guard !wanted.isEmpty else { return keys }
        func put(_ key: String, _ value: @autoclosure () -> String?) {
            if wanted.contains(key), let value = value() { keys[key] = [value] }
        }
        let seconds = context.requestTimeEpoch / 1000
        put("aws:sourceip", context.sourceIp)
        put("aws:epochtime", String(seconds))
        put("aws:currenttime", Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601))
        put("aws:securetransport", "false")
        put("aws:useragent", context.userAgent)
        if let network = context.privateNetwork {
            put("aws:sourcevpce", network.sourceVpce)
            put("aws:sourcevpc", network.sourceVpc)
        }
        switch principal {
        case .anonymous:
            put("aws:principaltype", "Anonymous")
        case .iam(let account, let arn):
            put("aws:principaltype", "User")
            put("aws:principalaccount", account)
            put("aws:principalarn", arn)
            put("aws:username", arn.split(separator: "/").last.map(String.init))
        }
        return keys
    }

    /// The request IAM is asked: `action` on this call's method ARN, with the condition keys
    /// `wanted`.
    static func request(
        _ routed: RoutedRequest, action: String = invoke, principal: PolicyPrincipal?, region: String, wanted: Set<String>
    ) -> PolicyRequest {
        PolicyRequest(
            action: action, resource: methodArn(routed, region: region), principal: principal,
            context: conditionKeys(routed.context, principal: principal ?? .anonymous, wanted: wanted))
    }

    /// `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`.
    static func methodArn(_ routed: RoutedRequest, region: String) -> String {
        let context = routed.context
        return LambdaAuthorizer.methodArn(
            region: region, accountId: context.accountId, apiId: context.apiId, stage: context.stage, verb: routed.request.method,
            path: context.requestPath)
    }

    /// Which policy refused.
    enum Source: String, Sendable {
        case resource = "resource-based"
        case identity = "identity-based"
    }

    /// 403 through ACCESS_DENIED with AWS's IAM wording: `User: {who} is not authorized to
    /// perform: execute-api:Invoke on resource: {ARN, account masked to its last four digits}`
    /// and why (an explicit deny in, or no, resource-based / identity-based policy).
    static func denied(user: String, action: String = invoke, arn: String, explicit: Bool, by source: Source) -> GatewayError {
        let why =
            explicit
            ? " with an explicit deny in a\(source == .identity ? "n" : "") \(source.rawValue) policy"
            : " because no \(source.rawValue) policy allows the \(action) action"
        let message = "User: \(user) is not authorized to perform: \(action) on resource: \(masked(arn))" + why
        return GatewayError(
            type: .accessDenied, message: message, errorType: "AccessDeniedException", fallbackStatus: 403, isInternal: false,
            detail: message, pristineBody: Array(("{\"Message\":" + JSONOutput.quoted(message) + "}").utf8))
    }

    /// The ARN with its account (fifth field) shown as `********` and its last four digits.
    static func masked(_ arn: String) -> String {
        var parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6 else { return arn }
        parts[4] = String(repeating: "*", count: max(parts[4].count - 4, 0)) + parts[4].suffix(4)
        return parts.joined(separator: ":")
    }

    /// The name AWS gives the caller in its messages.
    static func userName(_ principal: PolicyPrincipal) -> String {
        switch principal {
        case .anonymous: "anonymous"
        case .iam(_, let arn): arn
        }
    }
}

extension PolicyJSON {
    /// A parsed tree of ours (a Lambda authorizer's `policyDocument`) as the engine's.
    init(_ node: JSONNode) {
        switch node {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .array(let items): self = .array(items.map(PolicyJSON.init))
        case .object(let fields): self = .object(fields.mapValues(PolicyJSON.init))
        }
    }
}
