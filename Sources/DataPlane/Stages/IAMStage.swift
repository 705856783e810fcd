import APIGatewayModel
import Foundation
import IAMPolicy
import SigV4

/// Stage 3, gate 1 for AWS_IAM methods under `--verify-signatures`: the request's Signature
/// Version 4 (header or presigned query form) must verify against the configured credentials;
/// `$context.identity` then names the caller's access key. Refusals are 403s with AWS's
/// messages: no signature → MISSING_AUTHENTICATION_TOKEN; the rest → INVALID_SIGNATURE, with
/// the error type AWS names (IncompleteSignatureException, InvalidSignatureException,
/// UnrecognizedClientException).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
enum IAMStage {
    static func run(
        _ routed: RoutedRequest, verifier: SigV4Verifier, callers: [String: IAMCaller], now: Date
    ) throws(GatewayError) -> RoutedRequest {
        let request = routed.request
        var headers = request.headers
        if !headers.contains(where: { $0.name.lowercased() == "host" }) { headers.append(("host", routed.context.domainName)) }
        let result = verifier.verify(
            method: request.method, path: request.rawPath ?? routed.context.path, query: request.query, headers: headers,
            bodyHash: SigV4.sha256Hex(request.body), now: now)
        switch result {
        case .success(let identity):
            var context = routed.context
            context.caller =
                callers[identity.accessKeyId]
                ?? IAMCaller(
                    accessKeyId: identity.accessKeyId, account: context.accountId,
                    arn: "arn:aws:iam::\(context.accountId):user/\(identity.accessKeyId)", policy: nil)
            context.fixedEntries = FixedContextEntries()
            return RoutedRequest(
                deployment: routed.deployment, resource: routed.resource, method: routed.method, request: request,
                pathParameters: routed.pathParameters, context: context)
        case .failure(.missing):
            throw GatewayError(
                type: .missingAuthenticationToken, message: "Missing Authentication Token",
                errorType: "MissingAuthenticationTokenException", fallbackStatus: 403, isInternal: false,
                detail: "AWS_IAM: the request is not signed")
        case .failure(.incomplete(let message)):
            throw signature(message, errorType: "IncompleteSignatureException")
        case .failure(.invalid(let message)):
            throw signature(message, errorType: "InvalidSignatureException")
        case .failure(.unrecognized):
            throw signature(SigV4Verifier.Failure.unrecognizedMessage, errorType: "UnrecognizedClientException")
        }
    }

    private static func signature(_ message: String, errorType: String) -> GatewayError {
        GatewayError(
            type: .invalidSignature, message: message, errorType: errorType, fallbackStatus: 403, isInternal: false,
            detail: "AWS_IAM: " + message)
    }

    /// The policies of an AWS_IAM call, AWS's IAM flow: the API's resource policy (if any) and
    /// the caller's identity policy (none: allowed, as the account's administrator; no caller,
    /// as without `--verify-signatures`: allowed, so only an explicit deny in the resource
    /// policy refuses). An explicit deny in either refuses; in the caller's own account an
    /// allow in either is enough; across accounts both must allow. Costs nothing when the
    /// API has no resource policy and the caller no identity policy.
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-authorization-flow.html
    static func authorize(_ routed: RoutedRequest, region: String) throws(GatewayError) {
        let caller = routed.context.caller
        let resourcePolicy = routed.deployment.resourcePolicy
        guard resourcePolicy != nil || caller?.policy != nil else { return }
        let principal = caller?.principal ?? .anonymous
        let wanted = (caller?.policy?.conditionKeys ?? []).union(resourcePolicy?.conditionKeys ?? [])
        let request = PolicyGate.request(routed, principal: principal, region: region, wanted: wanted)
        let user = PolicyGate.userName(principal)
        /// Records one policy's verdict in the trace.
        func recorded(_ verdict: PolicyVerdict, _ gate: PolicyStep.Gate) -> PolicyDecision {
            routed.context.trace.record(
                .policy(
                    PolicyStep(gate: gate, action: PolicyGate.invoke, verdict: verdict, principal: user, network: routed.context.privateNetwork)))
            return verdict.decision
        }
        let identity = caller?.policy.map { recorded($0.evaluate(request), .identity) } ?? .allowed
        let resource = resourcePolicy.map { recorded($0.evaluate(request), .resource) }
        let arn = String(decoding: request.resource, as: UTF8.self)
        if resource == .explicitDeny { throw PolicyGate.denied(user: user, arn: arn, explicit: true, by: .resource) }
        if identity == .explicitDeny { throw PolicyGate.denied(user: user, arn: arn, explicit: true, by: .identity) }
        if caller == nil || caller?.account == routed.context.accountId {
            guard identity == .allowed || resource == .allowed else {
                throw PolicyGate.denied(user: user, arn: arn, explicit: false, by: .identity)
            }
        } else {
            guard identity == .allowed else { throw PolicyGate.denied(user: user, arn: arn, explicit: false, by: .identity) }
            guard resource == .allowed else { throw PolicyGate.denied(user: user, arn: arn, explicit: false, by: .resource) }
        }
    }
}
