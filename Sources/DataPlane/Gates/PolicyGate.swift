import APIGatewayModel
import Foundation
import IAMPolicy

/// What IAM policies decide at invocation: the request context their conditions read, the
/// method ARN they are asked about, and AWS's answers when they refuse.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
enum PolicyGate {
    static let invoke = "execute-api:Invoke"
    static let invalidateCache = "execute-api:InvalidateCache"

    /// The global condition keys Portico knows for a call: `aws:SourceIp` (the client's
    /// address; `X-Forwarded-For` is not trusted), `aws:CurrentTime` and `aws:EpochTime` (the
    /// request time), `aws:SecureTransport` (false: plain HTTP), `aws:UserAgent`, and for an
    /// IAM caller `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalType`,
    /// `aws:username`. `aws:SourceVpc` and `aws:SourceVpce` are absent (no VPC endpoints).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    static func conditionKeys(_ context: InvocationContext, principal: PolicyPrincipal) -> PolicyContext {
        var keys = PolicyContext()
        keys["aws:SourceIp"] = [context.sourceIp]
        let seconds = context.requestTimeEpoch / 1000
        keys["aws:EpochTime"] = [String(seconds)]
        keys["aws:CurrentTime"] = [Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)]
        keys["aws:SecureTransport"] = ["false"]
        if let agent = context.userAgent { keys["aws:UserAgent"] = [agent] }
        switch principal {
        case .anonymous:
            keys["aws:PrincipalType"] = ["Anonymous"]
        case .iam(let account, let arn):
            keys["aws:PrincipalType"] = ["User"]
            keys["aws:PrincipalAccount"] = [account]
            keys["aws:PrincipalArn"] = [arn]
            if let name = arn.split(separator: "/").last { keys["aws:username"] = [String(name)] }
        }
        return keys
    }

    /// The request IAM is asked: `action` on this call's method ARN.
    static func request(_ routed: RoutedRequest, action: String = invoke, principal: PolicyPrincipal?, region: String) -> PolicyRequest {
        let context = routed.context
        return PolicyRequest(
            action: action, resource: methodArn(routed, region: region), principal: principal,
            context: conditionKeys(context, principal: principal ?? .anonymous))
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
