import APIGatewayModel
@testable import DataPlane
import Foundation
import XCTest

/// The API's resource policy at invocation, through `DataPlane.invoke` on the harness's fixed
/// clock: allow, implicit and explicit denies with AWS's messages, conditions on the source
/// address and the request time, and the compiled policy kept per deployment.
final class ResourcePolicyTests: XCTestCase {
    private let arn = "arn:aws:execute-api:us-east-1:********9012:api1/dev/GET/pets/1"

    private func policy(_ statements: String) -> String {
        #"{"Version":"2012-10-17","Statement":["# + statements + "]}"
    }

    private func method() -> Method {
        mockMethod(responses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "ok"])])
    }

    func testAllowingPolicyServes() async throws {
        let harness = try Harness()
        try await harness.deploy(
            method(),
            policy: policy(
                #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:api1/*"}"#))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 200, response.text)
    }

    func testImplicitDenyWordsAWSMessage() async throws {
        let harness = try Harness()
        try await harness.deploy(
            method(),
            policy: policy(#"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:api1/*/POST/*"}"#))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 403)
        XCTAssertEqual(response.header("x-amzn-ErrorType"), "AccessDeniedException")
        XCTAssertEqual(
            response.text,
            #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "#
                + arn + #" because no resource-based policy allows the execute-api:Invoke action"}"#)
    }

    func testExplicitDenyBySourceAddress() async throws {
        let harness = try Harness()
        try await harness.deploy(
            method(),
            policy: policy(
                #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"},"#
                    + #"{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","#
                    + #""Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24"]}}}"#))
        let inside = await harness.invoke("/pets/1", sourceIp: "192.0.2.7")
        XCTAssertEqual(inside.status, 200, inside.text)
        let outside = await harness.invoke("/pets/1", sourceIp: "198.51.100.1")
        XCTAssertEqual(outside.status, 403)
        XCTAssertTrue(outside.text.hasSuffix(#"with an explicit deny in a resource-based policy"}"#), outside.text)
    }

    func testConditionsReadTheInjectedClock() async throws {
        // The harness's clock is 2025-12-01T00:00:00.25Z.
        let harness = try Harness()
        try await harness.deploy(
            method(),
            policy: policy(
                #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","#
                    + #""Condition":{"DateLessThan":{"aws:CurrentTime":"2025-12-01T00:00:30Z"}}}"#))
        let early = await harness.invoke("/pets/1")
        XCTAssertEqual(early.status, 200, early.text)
        harness.clock.advance(by: 60)
        let late = await harness.invoke("/pets/1")
        XCTAssertEqual(late.status, 403)
    }

    func testUnreadableStoredPolicyAllowsNothing() async throws {
        let harness = try Harness()
        try await harness.deploy(method(), policy: "{not json")
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 403)
        XCTAssertTrue(response.text.contains("because no resource-based policy allows"), response.text)
    }

    func testAccountMasking() {
        XCTAssertEqual(
            PolicyGate.masked("arn:aws:execute-api:us-east-1:000000000000:abc/dev/GET/"), "arn:aws:execute-api:us-east-1:********0000:abc/dev/GET/")
        XCTAssertEqual(PolicyGate.masked("not an arn"), "not an arn")
    }

    func testAWSIAMWithoutVerificationOnlyAnExplicitDenyRefuses() async throws {
        var iam = method()
        iam.authorizationType = "AWS_IAM"
        let silent = try Harness()
        try await silent.deploy(
            iam, policy: policy(#"{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"execute-api:Invoke","Resource":"*"}"#))
        let served = await silent.invoke("/pets/1")
        XCTAssertEqual(served.status, 200, served.text)

        let denying = try Harness()
        try await denying.deploy(
            iam,
            policy: policy(
                #"{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","#
                    + #""Condition":{"StringEquals":{"aws:PrincipalType":"Anonymous"}}}"#))
        let refused = await denying.invoke("/pets/1")
        XCTAssertEqual(refused.status, 403)
        XCTAssertTrue(refused.text.hasSuffix(#"with an explicit deny in a resource-based policy"}"#), refused.text)
    }

    func testUserAgentConditionReadsTheHeader() async throws {
        let harness = try Harness()
        try await harness.deploy(
            method(),
            policy: policy(
                #"{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","#
                    + #""Condition":{"StringLike":{"aws:UserAgent":"curl/*"}}}"#))
        let curl = await harness.invoke("/pets/1", headers: [("User-Agent", "curl/8.5.0")])
        XCTAssertEqual(curl.status, 200, curl.text)
        let other = await harness.invoke("/pets/1", headers: [("User-Agent", "python-requests/2.31")])
        XCTAssertEqual(other.status, 403)
    }
}
