import ControlPlane
import Hummingbird
import NIOCore
import PorticoCore
import SigV4

/// `--verify-signatures` on the management API: a request whose Signature Version 4 does not
/// verify is answered as AWS's front end answers it, before any operation runs.
/// https://docs.aws.amazon.com/apigateway/latest/api/CommonErrors.html
struct ManagementSignatures: Sendable {
    let verifier: SigV4Verifier
    let clock: any WallClock

    /// The error to answer with, or nil when the signature verifies.
    func check(_ request: Request, query: [(name: String, value: String)], body: ByteBuffer) -> ManagementError? {
        var headers: [(name: String, value: String)] = []
        for field in request.headers { headers.append((field.name.rawName.lowercased(), field.value)) }
        if !headers.contains(where: { $0.name == "host" }), let authority = request.head.authority {
            headers.append(("host", authority))
        }
        let result = verifier.verify(
            method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
            bodyHash: SigV4.sha256Hex(Array(buffer: body)), now: clock.now())
        switch result {
        case .success: return nil
        case .failure(.missing):
            return ManagementError(type: "MissingAuthenticationTokenException", status: 403, message: "Missing Authentication Token")
        case .failure(.incomplete(let message)):
            return ManagementError(type: "IncompleteSignatureException", status: 403, message: message)
        case .failure(.invalid(let message)):
            return ManagementError(type: "InvalidSignatureException", status: 403, message: message)
        case .failure(.unrecognized):
            return ManagementError(type: "UnrecognizedClientException", status: 403, message: SigV4Verifier.Failure.unrecognizedMessage)
        }
    }
}
