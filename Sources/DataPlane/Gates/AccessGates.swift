import APIGatewayModel
import PorticoCore
import SigV4
import Store

/// The gates between routing and the method request, in AWS's order: authorization (AWS_IAM
/// signatures and IAM policies here, `IAMStage`; authorizers in their own stage), then the API key
/// (`APIKeyStage`), throttling and the quota (`ThrottleStage`). Holds what outlives one call:
/// the index of keys and plans, the token buckets and the usage meter.
/// Time is the injected clock's, so buckets and quota windows are tested deterministically.
final class AccessGates: Sendable {
    let clock: any WallClock
    let directory = KeyDirectory()
    let buckets = ThrottleBuckets()
    let meter = UsageMeter()
    /// Verifies AWS_IAM methods' signatures (nil: AWS_IAM methods are open).
    let signatures: SigV4Verifier?

    /// The IAM users behind the verifier's access keys, by access key.
    let callers: [String: IAMCaller]
    /// The account's throttle as `--account-throttle` raised it (nil: the account's settings).
    let accountOverride: ThrottleLimit?
    /// The Region of the method ARNs policies are asked about.
    let region: String

    init(
        clock: any WallClock, signatures: SigV4Verifier? = nil, callers: [String: IAMCaller] = [:], accountOverride: ThrottleLimit? = nil,
        region: String = "us-east-1"
    ) {
        self.clock = clock
        self.signatures = signatures
        self.callers = callers
        self.accountOverride = accountOverride
        self.region = region
    }

    /// The override, else the account's `throttleSettings` (GetAccount's), else AWS's default.
    private func accountLimit(_ model: ModelState) -> ThrottleLimit {
        if let accountOverride { return accountOverride }
        guard let settings = model.account.settings?.throttleSettings else { return .accountDefault }
        return ThrottleLimit(
            rate: settings.rateLimit ?? ThrottleLimit.accountDefault.rate, burst: settings.burstLimit ?? ThrottleLimit.accountDefault.burst)
    }

    /// The routed request, admitted (its `$context.identity` naming the API key if one was
    /// required), or the gateway error of the gate that refused it.
    func admit(_ routed: RoutedRequest, model: ModelState) throws(GatewayError) -> RoutedRequest {
        let now = clock.now()
        var routed = routed
        if routed.method.method.authorizationType == "AWS_IAM" {
            if let signatures {
                routed = try IAMStage.run(routed, verifier: signatures, callers: callers, now: now)
                routed.context.trace.record(.gate(.signature))
            }
            try IAMStage.authorize(routed, region: region)
        }
        var key: APIKeyStage.Admitted?
        if routed.method.method.apiKeyRequired == true {
            let admitted = try APIKeyStage.run(routed, index: directory.index(model))
            routed.context.trace.record(.gate(.apiKey(keyId: admitted.key.id, planId: admitted.plan.id)))
            key = admitted
        }
        try ThrottleStage.run(
            routed, key: key, model: model, accountLimit: accountLimit(model), buckets: buckets, meter: meter, now: now)
        return key.map { routed.identified(by: $0.key) } ?? routed
    }
}
