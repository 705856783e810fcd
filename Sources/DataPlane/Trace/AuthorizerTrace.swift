import Foundation
import IAMPolicy

/// The authorizer's steps in a trace, and how AWS's execution log words them.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
enum AuthorizerStep: Sendable {
    case started(authorizerId: String, type: String)
    /// The identity source values (a token shown masked, as AWS logs it).
    case identity([String])
    /// A result from the stage's authorizer cache was used.
    case cached(key: [String])
    /// The Lambda function's answer as received.
    case result(status: Int, functionError: String?, body: [UInt8])
    /// A Cognito token's verified claims.
    case claims([(String, String)])
    /// The policy's decision for the method ARN.
    case decision(methodArn: String, decision: PolicyDecision)
    case completed(principalId: String?)

    var fields: [String: Any] {
        switch self {
        case .started(let id, let type): ["step": "authorizer", "authorizerId": id, "type": type]
        case .identity(let values): ["step": "authorizerIdentity", "identity": values.map(Self.masked)]
        case .cached(let key): ["step": "authorizerCacheHit", "identity": key.map(Self.masked)]
        case .result(let status, let error, let body):
            [
                "step": "authorizerResult", "status": status, "functionError": error ?? NSNull(),
                "body": String(decoding: body, as: UTF8.self),
            ]
        case .claims(let claims): ["step": "authorizerClaims", "claims": claims.map { [$0.0, $0.1] }]
        case .decision(let arn, let decision):
            ["step": "authorizerPolicy", "methodArn": arn, "decision": decision.rawValue]
        case .completed(let principalId): ["step": "authorizerCompleted", "principalId": principalId ?? NSNull()]
        }
    }

    func logLines(requestId: String) -> [String] {
        switch self {
        case .started(let id, _): ["Starting authorizer: \(id) for request: \(requestId)"]
        case .identity(let values): ["Incoming identity: " + values.map(Self.masked).joined(separator: ", ")]
        case .cached: ["Using cached authorizer result"]
        case .result(_, _, let body): ["Authorizer result body before parsing: " + String(decoding: body, as: UTF8.self)]
        case .claims(let claims): ["Verified claims: {" + claims.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "}"]
        case .decision(let arn, .allowed): ["Using valid authorizer policy for methodArn: \(arn)"]
        case .decision(let arn, _): ["Authorizer policy does not allow methodArn: \(arn)"]
        case .completed: ["Successfully completed authorizer execution"]
        }
    }

    /// `***oken`: all but the last four characters hidden.
    static func masked(_ value: String) -> String {
        "***" + value.suffix(4)
    }
}
