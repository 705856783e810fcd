import APIGatewayModel
import Foundation
import SigV4

/// Stage 3, gate 1 for AWS_IAM methods under `--verify-signatures`: the request's Signature
/// Version 4 (header or presigned query form) must verify against the configured credentials;
/// `$context.identity` then names the caller's access key. Refusals are 403s with AWS's
/// messages: no signature → MISSING_AUTHENTICATION_TOKEN; the rest → INVALID_SIGNATURE, with
/// the error type AWS names (IncompleteSignatureException, InvalidSignatureException,
/// UnrecognizedClientException).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
enum IAMStage {
    static func run(_ routed: RoutedRequest, verifier: SigV4Verifier, now: Date) throws(GatewayError) -> RoutedRequest {
        let request = routed.request
        var headers = request.headers
        if !headers.contains(where: { $0.name.lowercased() == "host" }) { headers.append(("host", routed.context.domainName)) }
        let result = verifier.verify(
            method: request.method, path: request.rawPath ?? routed.context.path, query: request.query, headers: headers,
            bodyHash: SigV4.sha256Hex(request.body), now: now)
        switch result {
        case .success(let identity):
            var context = routed.context
            context.caller = identity.accessKeyId
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
}
