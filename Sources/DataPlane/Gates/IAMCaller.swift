import IAMPolicy

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
