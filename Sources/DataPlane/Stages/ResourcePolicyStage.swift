import APIGatewayModel
import IAMPolicy

/// Stage 2¼, between routing and the authorizer: the API's resource policy (`RestApi.policy`,
/// compiled once per deployment), asked whether the caller may `execute-api:Invoke` this
/// method's ARN. AWS's flows, by the method's authorization:
/// - NONE (and API-key-only methods): the policy must allow; an implicit or explicit deny
///   refuses.
/// - CUSTOM (Lambda authorizer): an explicit deny refuses before the authorizer runs; after it,
///   the authorizer's policy and the resource policy combine as AWS's Table A says (an explicit
///   deny in either refuses; an allow in either lets the call through).
/// - COGNITO_USER_POOLS: an explicit deny refuses before the token is checked; after it, the
///   resource policy must allow.
/// - AWS_IAM: decided with the caller's identity once the signature verified (`AccessGates`).
/// The caller is `anonymous` for every method but AWS_IAM. An API without a policy pays one
/// nil check.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
enum ResourcePolicyStage {
    /// The policy's verdict for a CUSTOM or COGNITO_USER_POOLS method (to combine after the
    /// authorizer); nil when the API has no policy or the method needs nothing more.
    static func run(_ routed: RoutedRequest, region: String) throws(GatewayError) -> PolicyVerdict? {
        guard let compiled = routed.deployment.resourcePolicy else { return nil }
        let authorization = routed.method.method.authorizationType
        if authorization == "AWS_IAM" { return nil }
        let request = PolicyGate.request(routed, principal: .anonymous, region: region, wanted: compiled.conditionKeys)
        let verdict = compiled.evaluate(request)
        routed.context.trace.record(
            .policy(
                PolicyStep(
                    gate: .resource, action: PolicyGate.invoke, verdict: verdict, principal: "anonymous",
                    network: routed.context.privateNetwork)))
        let arn = String(decoding: request.resource, as: UTF8.self)
        switch verdict.decision {
        case .explicitDeny:
            throw PolicyGate.denied(user: "anonymous", arn: arn, explicit: true, by: .resource)
        case .implicitDeny where authorization != "CUSTOM" && authorization != "COGNITO_USER_POOLS":
            throw PolicyGate.denied(user: "anonymous", arn: arn, explicit: false, by: .resource)
        case .allowed, .implicitDeny:
            return authorization == "CUSTOM" || authorization == "COGNITO_USER_POOLS" ? verdict : nil
        }
    }
}

/// A deployment's resource policy: the document compiled, or why it could not be (a policy
/// stored before Portico validated them, or edited out of band): such a policy allows nothing.
enum CompiledResourcePolicy: Sendable {
    case policy(IAMPolicy)
    case unreadable(String)

    /// Reads `RestApi.policy` as the management API stores it (quotes backslash-escaped);
    /// nil when the API has none.
    init?(stored text: String?) {
        guard let text, !text.isEmpty else { return nil }
        do {
            self = .policy(try IAMPolicy(parsing: Array(text.replacing("\\\"", with: "\"").utf8), kind: .resource))
        } catch {
            self = .unreadable(error.description)
        }
    }

    /// The condition keys the policy reads.
    var conditionKeys: Set<String> {
        switch self {
        case .policy(let policy): policy.conditionKeys
        case .unreadable: []
        }
    }

    func evaluate(_ request: PolicyRequest) -> PolicyVerdict {
        switch self {
        case .policy(let policy): policy.evaluate(request)
        case .unreadable: PolicyVerdict(decision: .implicitDeny, statement: nil, sid: nil)
        }
    }
}
