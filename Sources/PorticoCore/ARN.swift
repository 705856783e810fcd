/// An Amazon Resource Name split into its six parts,
/// `arn:{partition}:{service}:{region}:{account}:{resource}` (the resource keeps any further `:`).
/// One parser for every ARN the management API checks: integration URIs, roles, authorizer URIs,
/// Cognito pools, load balancers, tag targets.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
public struct ARN: Sendable, Hashable {
    public let partition: Substring
    public let service: Substring
    public let region: Substring
    public let account: Substring
    public let resource: Substring

    /// Nil unless `text` starts with `arn:` and has all six parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
    }
}
