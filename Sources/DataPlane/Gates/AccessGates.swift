import APIGatewayModel
import PorticoCore
import SigV4
import Store

/// The gates between routing and the method request, in AWS's order: authorization (AWS_IAM
/// signatures here, `IAMStage`; authorizers in their own stage), then the API key
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

    init(clock: any WallClock, signatures: SigV4Verifier? = nil) {
        self.clock = clock
        self.signatures = signatures
    }

    /// The routed request, admitted (its `$context.identity` naming the API key if one was
    /// required), or the gateway error of the gate that refused it.
    func admit(_ routed: RoutedRequest, model: ModelState) throws(GatewayError) -> RoutedRequest {
        let now = clock.now()
        var routed = routed
        if let signatures, routed.method.method.authorizationType == "AWS_IAM" {
            routed = try IAMStage.run(routed, verifier: signatures, now: now)
        }
        let index = directory.index(model)
        var key: APIKeyStage.Admitted?
        if routed.method.method.apiKeyRequired == true { key = try APIKeyStage.run(routed, index: index) }
        try ThrottleStage.run(routed, key: key, model: model, index: index, buckets: buckets, meter: meter, now: now)
        return key.map { routed.identified(by: $0.key) } ?? routed
    }
}
