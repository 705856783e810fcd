import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import SigV4
import Store
import XCTest

/// AWS_IAM methods under `--verify-signatures`, signed at the manual clock's time.
final class IAMGateTests: XCTestCase {
    private static let secret = "test/secret"

    private func harness(verifying: Bool = true) throws -> Harness {
        try Harness(signatures: verifying ? SigV4Verifier(credentials: ["AKIDTEST": .init(secretAccessKey: Self.secret)]) : nil)
    }

    private func iamMethod() -> Method {
        var method = mockMethod(
            responses: [
                "200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": #"{"caller":"$context.identity.caller"}"#])
            ])
        method.authorizationType = "AWS_IAM"
        return method
    }

    /// The headers of a request to `/dev/pets/1` signed at `now` with `secret`.
    private func signed(at now: Date, secret: String = IAMGateTests.secret, key: String = "AKIDTEST") -> [(name: String, value: String)] {
        let timestamp = SigV4Verifier.format(now)
        let scope = SigV4.Scope(date: String(timestamp.prefix(8)), region: "us-east-1", service: "execute-api")
        let headers: [(name: String, value: String)] = [("Host", "api1.example"), ("X-Amz-Date", timestamp)]
        let signature = SigV4.sign(
            SigV4.Request(method: "GET", path: "/dev/pets/1", query: [], headers: headers, payloadHash: SigV4.sha256Hex([])),
            signedHeaders: ["host", "x-amz-date"], timestamp: timestamp, scope: scope, secret: secret)
        return headers + [
            ("Authorization", "AWS4-HMAC-SHA256 Credential=\(key)/\(scope.text), SignedHeaders=host;x-amz-date, Signature=\(signature)")
        ]
    }

    func testSignedCallIsServedWithTheCallerInContext() async throws {
        let harness = try harness()
        try await harness.deploy(iamMethod())
        let response = await harness.invoke("/pets/1", headers: signed(at: harness.clock.now()), rawPath: "/dev/pets/1")
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.text, #"{"caller":"AKIDTEST"}"#)
    }

    func testUnsignedWrongSecretUnknownKeyAndStaleSignaturesAre403() async throws {
        let harness = try harness()
        try await harness.deploy(iamMethod())
        let now = harness.clock.now()
        let unsigned = await harness.invoke("/pets/1", rawPath: "/dev/pets/1")
        XCTAssertEqual([unsigned.status], [403])
        XCTAssertEqual(unsigned.text, #"{"message":"Missing Authentication Token"}"#)
        let wrong = await harness.invoke("/pets/1", headers: signed(at: now, secret: "nope"), rawPath: "/dev/pets/1")
        XCTAssertEqual(wrong.header("x-amzn-ErrorType"), "InvalidSignatureException")
        XCTAssertTrue(wrong.text.contains("The request signature we calculated does not match"), wrong.text)
        let stranger = await harness.invoke("/pets/1", headers: signed(at: now, key: "AKIDOTHER"), rawPath: "/dev/pets/1")
        XCTAssertEqual(stranger.text, #"{"message":"The security token included in the request is invalid."}"#)
        let stale = await harness.invoke("/pets/1", headers: signed(at: now.addingTimeInterval(-16 * 60)), rawPath: "/dev/pets/1")
        XCTAssertEqual(stale.status, 403)
        XCTAssertTrue(stale.text.contains("Signature expired"), stale.text)
    }

    func testWithoutVerificationAWSIAMMethodsAreOpen() async throws {
        let harness = try harness(verifying: false)
        try await harness.deploy(iamMethod())
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"caller":""}"#)
    }

    /// A verifier whose `AKIDTEST` profile (`reader`) carries `policy`.
    private func harness(policy: String) throws -> Harness {
        var credential = SigV4Verifier.Credential(secretAccessKey: Self.secret)
        credential.profile = "reader"
        credential.policy = policy
        return try Harness(signatures: SigV4Verifier(credentials: ["AKIDTEST": credential]))
    }

    func testIdentityPolicyDecidesForItsProfile() async throws {
        let allowPost = try harness(
            policy: #"{"Statement":{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:api1/*/POST/*"}}"#)
        try await allowPost.deploy(iamMethod())
        let refused = await allowPost.invoke("/pets/1", headers: signed(at: allowPost.clock.now()), rawPath: "/dev/pets/1")
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(
            refused.text,
            #"{"Message":"User: arn:aws:iam::123456789012:user/reader is not authorized to perform: execute-api:Invoke on resource: "#
                + #"arn:aws:execute-api:us-east-1:********9012:api1/dev/GET/pets/1 because no identity-based policy allows the "#
                + #"execute-api:Invoke action"}"#)

        let allowAll = try harness(policy: #"{"Statement":{"Effect":"Allow","Action":"execute-api:*","Resource":"*"}}"#)
        try await allowAll.deploy(iamMethod())
        let served = await allowAll.invoke("/pets/1", headers: signed(at: allowAll.clock.now()), rawPath: "/dev/pets/1")
        XCTAssertEqual(served.status, 200, served.text)
    }
}
