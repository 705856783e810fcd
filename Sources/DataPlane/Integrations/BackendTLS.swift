import NIOSSL
import Synchronization

/// TLS for HTTPS backends of HTTP and HTTP_PROXY integrations: the stage's client certificate
/// (`clientCertificateId`) presented for mutual TLS, and the integration's
/// `tlsConfig.insecureSkipVerification` (the backend's certificate not verified). Each
/// configuration is built once (PEM parsing is costly) and kept per certificate; a request
/// that needs neither uses the client's default TLS and costs nothing here.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
final class BackendTLS: Sendable {
    private let built = Mutex<[String: TLSConfiguration]>([:])
    /// Certificates kept at most (they are few; a bound all the same).
    static let capacity = 1_000

    /// The configuration for a request to `url`, or nil for the client's default.
    func configuration(
        url: String, certificate: ClientCertificateMaterial?, skipVerification: Bool
    ) throws(GatewayError) -> TLSConfiguration? {
        guard url.utf8.count > 8, url.prefix(8).lowercased() == "https://" else { return nil }
        guard certificate != nil || skipVerification else { return nil }
        let key = (certificate?.id ?? "") + (skipVerification ? "/skip" : "/verify")
        if let hit = built.withLock({ $0[key] }) { return hit }
        var tls = TLSConfiguration.makeClientConfiguration()
        if skipVerification { tls.certificateVerification = .none }
        if let certificate {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.certificatePEM.utf8)).map {
                    .certificate($0)
                }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(certificate.privateKeyPEM.utf8), format: .pem))
            } catch {
                throw GatewayError.configuration("Invalid client certificate \(certificate.id): \(error)")
            }
        }
        built.withLock { cache in
            if cache.count >= Self.capacity { cache = [:] }
            cache[key] = tls
        }
        return tls
    }
}
