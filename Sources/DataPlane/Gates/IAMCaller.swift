import IAMPolicy
import SigV4

/// An AWS_IAM caller whose signature verified: the access key, the IAM user it stands for
/// (`arn:aws:iam::{account}:user/{profile}`) and that user's identity policy (nil: none, the
/// caller acts as the account's administrator, as before identity policies existed).
struct IAMCaller: Sendable {
    let accessKeyId: String
    let account: String
    let arn: String
    let policy: IAMPolicy?

    var principal: PolicyPrincipal { .iam(account: account, arn: arn) }
}

extension IAMCaller {
    /// The callers behind a verifier's access keys: each profile an IAM user of its
    /// `aws_account_id` (else Portico's account) named after the profile, with its identity
    /// policy compiled once (the server refused to start on one that does not read).
    static func all(_ verifier: SigV4Verifier?, accountId: String) -> [String: IAMCaller] {
        var out: [String: IAMCaller] = [:]
        for (key, credential) in verifier?.credentials ?? [:] {
            let account = credential.accountId ?? accountId
            out[key] = IAMCaller(
                accessKeyId: key, account: account, arn: "arn:aws:iam::\(account):user/\(credential.profile ?? key)",
                policy: credential.policy.flatMap { try? IAMPolicy(parsing: Array($0.utf8)) })
        }
        return out
    }

    /// Whether the caller may `action` (`execute-api:InvalidateCache`) the routed method: no
    /// identity policy, as the account's administrator, may.
    func may(_ action: String, _ routed: RoutedRequest, region: String) -> Bool {
        guard let policy else { return true }
        let verdict = policy.evaluate(
            PolicyGate.request(routed, action: action, principal: principal, region: region, wanted: policy.conditionKeys))
        routed.context.trace.record(
            .policy(
                PolicyStep(
                    gate: .identity, action: action, verdict: verdict, principal: arn, network: routed.context.privateNetwork)))
        return verdict.decision == .allowed
    }
}
