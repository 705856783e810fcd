@testable import DataPlane
import XCTest

/// TLS settings for HTTPS backends: only built when a certificate or skipped verification
/// asks for them, never for plain HTTP; a certificate that does not parse is a configuration
/// error. (Mutual TLS itself is tested end to end against a loopback server.)
final class BackendTLSTests: XCTestCase {
    func testConfigurationsAreBuiltOnlyWhenNeeded() throws {
        let tls = BackendTLS()
        XCTAssertNil(try tls.configuration(url: "https://backend.test/", certificate: nil, skipVerification: false))
        XCTAssertNil(try tls.configuration(url: "http://backend.test/", certificate: nil, skipVerification: true))
        let skipped = try XCTUnwrap(try tls.configuration(url: "HTTPS://backend.test/", certificate: nil, skipVerification: true))
        XCTAssertEqual(skipped.certificateVerification, .none)
        XCTAssertTrue(skipped.certificateChain.isEmpty)
    }

    func testACertificateThatDoesNotParseIsAConfigurationError() {
        let tls = BackendTLS()
        let bad = ClientCertificateMaterial(id: "cc1", certificatePEM: "not a pem", privateKeyPEM: "nor this")
        XCTAssertThrowsError(try tls.configuration(url: "https://backend.test/", certificate: bad, skipVerification: false)) {
            XCTAssertEqual(($0 as? GatewayError)?.type, .apiConfigurationError)
        }
    }
}
