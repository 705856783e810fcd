import Crypto
import Foundation
import SigV4
import XCTest

/// The AWS Signature Version 4 test suite (re-expressed in `Fixtures/sigv4-suite.json`):
/// each case signed and then verified; tampering, skew, unknown keys and tokens refused.
final class SigV4Tests: XCTestCase {
    struct Suite: Decodable {
        struct Scope: Decodable {
            let date, region, service: String
        }
        struct Case: Decodable {
            let name, method, path, body, signature: String
            let query, headers: [[String]]
            let signedHeaders: [String]
        }
        let accessKeyId, secretAccessKey, timestamp: String
        let scope: Scope
        let cases: [Case]
    }

    private func suite() throws -> Suite {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "sigv4-suite", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Suite.self, from: Data(contentsOf: url))
    }

    private func scope(_ suite: Suite) -> SigV4.Scope {
        SigV4.Scope(date: suite.scope.date, region: suite.scope.region, service: suite.scope.service)
    }

    private func request(_ item: Suite.Case) -> SigV4.Request {
        let headers = item.headers.map { (name: $0[0], value: $0[1]) }
        let payload = headers.last { $0.name.lowercased() == "x-amz-content-sha256" }?.value ?? SigV4.sha256Hex(Array(item.body.utf8))
        return SigV4.Request(
            method: item.method, path: item.path, query: item.query.map { (name: $0[0], value: $0[1]) }, headers: headers,
            payloadHash: payload)
    }

    private static let signedAt = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    func testEverySuiteCaseSignsToAWSsSignature() throws {
        let suite = try suite()
        XCTAssertEqual(suite.cases.count, 15)
        for item in suite.cases {
            let signature = SigV4.sign(
                request(item), signedHeaders: item.signedHeaders, timestamp: suite.timestamp, scope: scope(suite),
                secret: suite.secretAccessKey)
            XCTAssertEqual(signature, item.signature, item.name)
        }
    }

    func testSigningKeyDerivationMatchesAWSsExample() {
        // AWS's documented example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
        let key = SigV4.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", scope: SigV4.Scope(date: "20120215", region: "us-east-1", service: "iam"))
        let bytes = key.withUnsafeBytes { Array($0) }
        XCTAssertEqual(bytes.map { String(format: "%02x", $0) }.joined(), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    func testVerifierAcceptsEverySuiteCaseAsAnAuthorizationHeader() throws {
        let suite = try suite()
        let tokens = Dictionary(
            uniqueKeysWithValues: suite.cases.compactMap { item in
                item.headers.first { $0[0].lowercased() == "x-amz-security-token" }.map { (item.name, $0[1]) }
            })
        for item in suite.cases {
            let verifier = SigV4Verifier(credentials: [
                suite.accessKeyId: .init(secretAccessKey: suite.secretAccessKey, sessionToken: tokens[item.name])
            ])
            let result = verifier.verify(
                method: item.method, path: item.path, query: request(item).query,
                headers: request(item).headers + [("Authorization", authorization(suite, item))],
                bodyHash: SigV4.sha256Hex(Array(item.body.utf8)), now: Self.signedAt.addingTimeInterval(60))
            XCTAssertEqual(try? result.get().accessKeyId, suite.accessKeyId, item.name)
        }
    }

    private func authorization(_ suite: Suite, _ item: Suite.Case, signature: String? = nil) -> String {
        "AWS4-HMAC-SHA256 Credential=\(suite.accessKeyId)/\(scope(suite).text), SignedHeaders=\(item.signedHeaders.joined(separator: ";")), Signature=\(signature ?? item.signature)"
    }

    func testTamperedSkewedUnknownAndIncompleteSignaturesAreRefused() throws {
        let suite = try suite()
        let item = try XCTUnwrap(suite.cases.first { $0.name == "get-vanilla" })
        let verifier = SigV4Verifier(credentials: [suite.accessKeyId: .init(secretAccessKey: suite.secretAccessKey)])
        func verify(_ headers: [(name: String, value: String)], path: String = "/", at now: Date = Self.signedAt) -> SigV4Verifier.Failure? {
            switch verifier.verify(method: "GET", path: path, query: [], headers: headers, bodyHash: SigV4.sha256Hex([]), now: now) {
            case .success: nil
            case .failure(let failure): failure
            }
        }
        let base = request(item).headers
        XCTAssertNil(verify(base + [("Authorization", authorization(suite, item))]))
        XCTAssertEqual(verify(base + [("Authorization", authorization(suite, item))], path: "/other"), .mismatch)
        XCTAssertEqual(verify(base + [("Authorization", authorization(suite, item, signature: String(repeating: "0", count: 64)))]), .mismatch)
        XCTAssertEqual(verify(base), .missing)
        guard
            case .invalid(let expired) = verify(base + [("Authorization", authorization(suite, item))], at: Self.signedAt.addingTimeInterval(16 * 60))
        else { return XCTFail("a 16-minute-old signature is accepted") }
        XCTAssertEqual(expired, "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)")
        let stranger = authorization(suite, item).replacingOccurrences(of: "AKIDEXAMPLE", with: "AKIDSTRANGER")
        XCTAssertEqual(verify(base + [("Authorization", stranger)]), .unrecognized)
        guard
            case .incomplete(let message) = verify(
                base + [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request")])
        else { return XCTFail("an incomplete header is accepted") }
        XCTAssertTrue(
            message.hasPrefix("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."),
            message)
    }

    func testPresignedQueryFormVerifiesAndExpires() {
        let scope = SigV4.Scope(date: "20150830", region: "us-east-1", service: "execute-api")
        var query: [(name: String, value: String)] = [
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", "AKIDEXAMPLE/" + scope.text),
            ("X-Amz-Date", "20150830T123600Z"), ("X-Amz-Expires", "60"), ("X-Amz-SignedHeaders", "host"),
        ]
        let headers: [(name: String, value: String)] = [("Host", "example.amazonaws.com")]
        let signature = SigV4.sign(
            SigV4.Request(method: "GET", path: "/dev/pets", query: query, headers: headers, payloadHash: SigV4.unsignedPayload),
            signedHeaders: ["host"], timestamp: "20150830T123600Z", scope: scope, secret: "secret")
        query.append(("X-Amz-Signature", signature))
        let verifier = SigV4Verifier(credentials: ["AKIDEXAMPLE": .init(secretAccessKey: "secret")])
        let fresh = verifier.verify(
            method: "GET", path: "/dev/pets", query: query, headers: headers, bodyHash: "", now: Self.signedAt.addingTimeInterval(30))
        XCTAssertEqual(try? fresh.get().accessKeyId, "AKIDEXAMPLE")
        let stale = verifier.verify(
            method: "GET", path: "/dev/pets", query: query, headers: headers, bodyHash: "", now: Self.signedAt.addingTimeInterval(61))
        guard case .failure(.invalid) = stale else { return XCTFail("an expired presigned URL is accepted") }
    }

    func testCredentialsFileProfiles() {
        let parsed = CredentialsFile.parse(
            """
            # local users
            [default]
            aws_access_key_id = AKIDONE
            aws_secret_access_key = secret/one
            [temp]
            aws_access_key_id=AKIDTWO
            aws_secret_access_key=two
            aws_session_token=token==
            [broken]
            aws_access_key_id = AKIDTHREE
            [profile reader]
            aws_access_key_id = AKIDFOUR
            aws_secret_access_key = four
            aws_account_id = 111122223333
            portico_policy = {"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}
            [filed]
            aws_access_key_id = AKIDFIVE
            aws_secret_access_key = five
            portico_policy_file = policies/five.json
            """)
        var one = SigV4Verifier.Credential(secretAccessKey: "secret/one")
        one.profile = "default"
        XCTAssertEqual(parsed["AKIDONE"], one)
        var two = SigV4Verifier.Credential(secretAccessKey: "two", sessionToken: "token==")
        two.profile = "temp"
        XCTAssertEqual(parsed["AKIDTWO"], two)
        XCTAssertNil(parsed["AKIDTHREE"])
        let four = parsed["AKIDFOUR"]
        XCTAssertEqual(four?.profile, "reader")
        XCTAssertEqual(four?.accountId, "111122223333")
        XCTAssertEqual(four?.policy, #"{"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}"#)
        XCTAssertEqual(parsed["AKIDFIVE"]?.policyFile, "policies/five.json")
        XCTAssertNil(parsed["AKIDFIVE"]?.policy)
    }
}
