import APIGatewayModel
@testable import DataPlane
import Foundation
import IAMPolicy
import PorticoCore
import XCTest

/// The policy evaluator and the result cache as units, then Lambda authorizers through
/// `DataPlane.invoke` with a scripted authorizer function.
final class AuthorizerTests: XCTestCase {
    // MARK: policy evaluation

    /// An authorizer's `policyDocument` as the data plane reads it (our JSON tree, then IAMPolicy).
    private func policy(_ json: String) -> IAMPolicy? {
        StrictJSON.parse(Array(json.utf8)).flatMap { try? IAMPolicy(json: PolicyJSON($0)) }
    }

    private let arn = "arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/1"

    private func decide(_ policy: IAMPolicy, _ methodArn: String, sourceIp: String = "127.0.0.1") -> PolicyDecision {
        policy.evaluate(
            PolicyRequest(action: "execute-api:Invoke", resource: methodArn, context: PolicyContext(["aws:SourceIp": sourceIp]))
        ).decision
    }

    func testNotActionNotResourceAndConditionsAreRead() throws {
        let document = try XCTUnwrap(
            policy(
                #"{"Statement":[{"NotAction":"s3:*","Effect":"Allow","NotResource":"arn:aws:execute-api:*:*:api1/dev/POST/*","#
                    + #""Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}}]}"#))
        XCTAssertEqual(decide(document, arn), .allowed)
        XCTAssertEqual(decide(document, arn, sourceIp: "192.0.2.1"), .implicitDeny)
        XCTAssertEqual(decide(document, "arn:aws:execute-api:us-east-1:123456789012:api1/dev/POST/pets"), .implicitDeny)
    }

    func testExplicitDenyWinsOverAllow() throws {
        let document = try XCTUnwrap(
            policy(
                #"{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"},"#
                    + #"{"Action":["execute-api:*"],"Effect":"Deny","Resource":["arn:aws:execute-api:*:*:api1/dev/GET/pets/*"]}]}"#))
        XCTAssertEqual(decide(document, arn), .explicitDeny)
        XCTAssertEqual(decide(document, "arn:aws:execute-api:us-east-1:123456789012:api1/dev/POST/pets/1"), .allowed)
    }

    func testNoMatchingAllowIsAnImplicitDeny() throws {
        let document = try XCTUnwrap(
            policy(#"{"Statement":{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:*:*:api1/dev/POST/*"}}"#))
        XCTAssertEqual(decide(document, arn), .implicitDeny)
        let otherAction = try XCTUnwrap(policy(#"{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}]}"#))
        XCTAssertEqual(decide(otherAction, arn), .implicitDeny)
    }

    func testMalformedPoliciesAreRejected() {
        XCTAssertNil(policy(#"{"Version":"2012-10-17"}"#))
        XCTAssertNil(policy(#"{"Statement":[{"Action":"execute-api:Invoke","Effect":"allow","Resource":"*"}]}"#))
        XCTAssertNil(policy(#"{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":7}]}"#))
        XCTAssertNil(policy(#"{"Statement":"Allow"}"#))
        XCTAssertNil(policy(#"[]"#))
    }

    // MARK: result cache

    private func result(_ principal: String) -> AuthorizerResult {
        AuthorizerResult(
            principalId: principal, policy: policy(#"{"Statement":[]}"#)!, policyText: "{}", context: [], usageIdentifierKey: nil)
    }

    func testCachedResultsExpireWithTheirTTL() {
        let clock = ManualClock()
        let cache = AuthorizerResultCache(clock: clock)
        cache.store(result("a"), stage: "api1/dev", key: "k", ttlSeconds: 300)
        clock.advance(by: 299)
        XCTAssertEqual(cache.lookup(stage: "api1/dev", key: "k")?.principalId, "a")
        XCTAssertNil(cache.lookup(stage: "api1/prod", key: "k"))
        clock.advance(by: 1)
        XCTAssertNil(cache.lookup(stage: "api1/dev", key: "k"))
    }

    func testZeroTTLCachesNothingAndFlushEmptiesOneStage() {
        let clock = ManualClock()
        let cache = AuthorizerResultCache(clock: clock)
        cache.store(result("a"), stage: "api1/dev", key: "k", ttlSeconds: 0)
        XCTAssertNil(cache.lookup(stage: "api1/dev", key: "k"))
        cache.store(result("a"), stage: "api1/dev", key: "k", ttlSeconds: 60)
        cache.store(result("b"), stage: "api1/prod", key: "k", ttlSeconds: 60)
        cache.flush(stage: "api1/dev")
        XCTAssertNil(cache.lookup(stage: "api1/dev", key: "k"))
        XCTAssertEqual(cache.lookup(stage: "api1/prod", key: "k")?.principalId, "b")
    }

    func testAFullStageDropsExpiredEntriesFirst() {
        let clock = ManualClock()
        let cache = AuthorizerResultCache(clock: clock, capacity: 2)
        cache.store(result("old"), stage: "s", key: "1", ttlSeconds: 10)
        cache.store(result("live"), stage: "s", key: "2", ttlSeconds: 100)
        clock.advance(by: 20)
        cache.store(result("new"), stage: "s", key: "3", ttlSeconds: 100)
        XCTAssertEqual(cache.lookup(stage: "s", key: "2")?.principalId, "live")
        XCTAssertEqual(cache.lookup(stage: "s", key: "3")?.principalId, "new")
    }

    // MARK: through the pipeline

    static let allow =
        #"{"principalId":"user-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/*"}]},"#
        + #""context":{"tier":"gold","n":3,"ok":true},"usageIdentifierKey":"key-123"}"#
    static let tokenAuthorizer = Authorizer(
        id: "auth1", name: "tok", type: .token,
        authorizerUri:
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
        identitySource: "method.request.header.Authorization", identityValidationExpression: "Bearer .+")

    private func deploy(_ harness: Harness, authorizer: Authorizer = tokenAuthorizer, gatewayResponses: [String: GatewayResponse] = [:]) async throws
    {
        var method = mockMethod(responses: [
            "200": IntegrationResponse(
                statusCode: "200",
                responseTemplates: [
                    "application/json":
                        #"{"p":"$context.authorizer.principalId","tier":"$context.authorizer.tier","n":"$context.authorizer.n","ok":"$context.authorizer.ok"}"#
                ])
        ])
        method.authorizationType = "CUSTOM"
        method.authorizerId = authorizer.id
        try await harness.deploy(method, gatewayResponses: gatewayResponses, authorizers: [authorizer.id ?? "": authorizer])
    }

    func testAllowedCallerReachesTheIntegrationWithTheAuthorizerContext() async throws {
        let harness = try Harness()
        try await deploy(harness)
        harness.transport.scriptAuthorizer(Self.allow)
        let response = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer abc")])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"p":"user-1","tier":"gold","n":"3","ok":"true"}"#)
        let event = try XCTUnwrap(harness.transport.authorizerEvents.first)
        XCTAssertEqual(event.function, "arn:aws:lambda:us-east-1:123456789012:function:auth")
        XCTAssertEqual(
            event.payload,
            #"{"type":"TOKEN","methodArn":"arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/1","authorizationToken":"Bearer abc"}"#)
    }

    func testTheOutputIsReadAsAWSDocumentsIt() throws {
        let reply = LambdaReply(status: 200, headers: [], body: Array(Self.allow.utf8), functionError: nil)
        guard case .success(let result) = LambdaAuthorizer.result(reply) else { return XCTFail("not read") }
        XCTAssertEqual(result.principalId, "user-1")
        XCTAssertEqual(result.usageIdentifierKey, "key-123")
        XCTAssertEqual(result.context.map(\.0), ["n", "ok", "tier"])
        XCTAssertEqual(result.context.map(\.1), ["3", "true", "gold"])
        let unauthorized = LambdaReply(status: 200, headers: [], body: Array(#"{"errorMessage":"Unauthorized"}"#.utf8), functionError: "Unhandled")
        guard case .failure(.unauthorized) = LambdaAuthorizer.result(unauthorized) else { return XCTFail("not 401") }
    }

    func testMissingOrInvalidTokenIs401WithoutCallingTheAuthorizer() async throws {
        let harness = try Harness()
        try await deploy(harness)
        harness.transport.scriptAuthorizer(Self.allow)
        for headers: [(name: String, value: String)] in [[], [("Authorization", "")], [("Authorization", "Basic abc")]] {
            let response = await harness.invoke("/pets/1", headers: headers)
            XCTAssertEqual(response.status, 401)
            XCTAssertEqual(response.text, #"{"message":"Unauthorized"}"#)
            XCTAssertEqual(response.header("x-amzn-ErrorType"), "UnauthorizedException")
        }
        XCTAssertTrue(harness.transport.authorizerEvents.isEmpty)
    }

    func testDeniesAre403WithAWSMessages() async throws {
        let harness = try Harness()
        try await deploy(harness)
        harness.transport.scriptAuthorizer(
            #"{"principalId":"u","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"*"}]}}"#)
        let denied = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer deny")])
        XCTAssertEqual(denied.status, 403)
        XCTAssertEqual(denied.text, #"{"Message":"User is not authorized to access this resource with an explicit deny"}"#)
        XCTAssertEqual(denied.header("x-amzn-ErrorType"), "AccessDeniedException")
        harness.transport.scriptAuthorizer(
            #"{"principalId":"u","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:*:*:other/*"}]}}"#
        )
        let implicit = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer other")])
        XCTAssertEqual(implicit.status, 403)
        XCTAssertEqual(implicit.text, #"{"Message":"User is not authorized to access this resource"}"#)
    }

    func testCustomisedAccessDeniedUsesItsTemplate() async throws {
        let harness = try Harness()
        let custom = GatewayResponse(
            responseType: .accessDenied, statusCode: "403",
            responseTemplates: ["application/json": #"{"why":$context.error.messageString}"#])
        try await deploy(harness, gatewayResponses: ["ACCESS_DENIED": custom])
        harness.transport.scriptAuthorizer(
            #"{"principalId":"u","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"*"}]}}"#)
        let denied = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer deny")])
        XCTAssertEqual(denied.text, #"{"why":"User is not authorized to access this resource with an explicit deny"}"#)
    }

    func testFunctionErrorsAnd401And500() async throws {
        let harness = try Harness()
        try await deploy(harness)
        harness.transport.scriptAuthorizer(#"{"errorMessage":"Unauthorized","errorType":"Error"}"#, functionError: "Unhandled")
        let unauthorized = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer a")])
        XCTAssertEqual(unauthorized.status, 401)
        XCTAssertEqual(unauthorized.text, #"{"message":"Unauthorized"}"#)
        for (body, error) in [(#"{"errorMessage":"boom"}"#, "Unhandled"), ("not json", nil), (#"{"principalId":"u"}"#, nil)] as [(String, String?)] {
            harness.transport.scriptAuthorizer(body, functionError: error)
            let failed = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer b")])
            XCTAssertEqual(failed.status, 500, body)
            XCTAssertEqual(failed.text, #"{"message":null}"#)
            XCTAssertEqual(failed.header("x-amzn-ErrorType"), "AuthorizerConfigurationException")
        }
        harness.transport.scriptAuthorizer(
            #"{"principalId":"u","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]},"context":{"a":{"b":1}}}"#
        )
        let nested = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer c")])
        XCTAssertEqual(nested.status, 500)
    }

    func testResultsAreCachedPerTokenUntilTheTTLRunsOut() async throws {
        let harness = try Harness()
        var authorizer = Self.tokenAuthorizer
        authorizer.authorizerResultTtlInSeconds = 60
        try await deploy(harness, authorizer: authorizer)
        harness.transport.scriptAuthorizer(Self.allow)
        _ = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer abc")])
        // The cached policy is evaluated again for another method ARN (still allowed by pets/*).
        let second = await harness.invoke("/pets/2", headers: [("Authorization", "Bearer abc")])
        XCTAssertEqual(second.status, 200)
        XCTAssertEqual(harness.transport.authorizerEvents.count, 1)
        _ = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer other")])
        XCTAssertEqual(harness.transport.authorizerEvents.count, 2)
        harness.clock.advance(by: 61)
        _ = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer abc")])
        XCTAssertEqual(harness.transport.authorizerEvents.count, 3)
        harness.plane.flushAuthorizerCache(apiId: "api1", stage: "dev")
        _ = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer abc")])
        XCTAssertEqual(harness.transport.authorizerEvents.count, 4)
    }

    func testRequestAuthorizerGetsTheRequestEventAndChecksEverySource() async throws {
        let harness = try Harness()
        let authorizer = Authorizer(
            id: "auth2", name: "req", type: .request, authorizerUri: Self.tokenAuthorizer.authorizerUri,
            identitySource: "method.request.header.X-Key, method.request.querystring.q", authorizerResultTtlInSeconds: 0)
        try await deploy(harness, authorizer: authorizer)
        harness.transport.scriptAuthorizer(Self.allow)
        let missing = await harness.invoke("/pets/1", headers: [("X-Key", "k")])
        XCTAssertEqual(missing.status, 401)
        let response = await harness.invoke("/pets/7", query: [("q", "1")], headers: [("X-Key", "k")])
        XCTAssertEqual(response.status, 200)
        let payload = try XCTUnwrap(harness.transport.authorizerEvents.first?.payload)
        let event = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        XCTAssertEqual(event["type"] as? String, "REQUEST")
        XCTAssertEqual(event["methodArn"] as? String, "arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/7")
        XCTAssertEqual(event["resource"] as? String, "/pets/{id}")
        XCTAssertEqual(event["path"] as? String, "/pets/7")
        XCTAssertEqual(event["httpMethod"] as? String, "GET")
        XCTAssertEqual((event["headers"] as? [String: String])?["X-Key"], "k")
        XCTAssertEqual((event["queryStringParameters"] as? [String: String])?["q"], "1")
        XCTAssertEqual((event["multiValueQueryStringParameters"] as? [String: [String]])?["q"], ["1"])
        XCTAssertEqual((event["pathParameters"] as? [String: String])?["id"], "7")
        XCTAssertNotNil(event["requestContext"] as? [String: Any])
        XCTAssertNil(event["body"])
    }

    func testTraceRecordsTheDenial() async throws {
        let harness = try Harness()
        try await deploy(harness)
        _ = await harness.invoke("/pets/1")
        let trace = try XCTUnwrap(harness.plane.traces.trace("req-1"))
        let text = String(decoding: trace.json(), as: UTF8.self)
        XCTAssertTrue(text.contains(#""gatewayResponseType":"UNAUTHORIZED""#), text)
        XCTAssertTrue(text.contains(#""step":"authorizer""#), text)
    }
}

/// The pure parts of Cognito authorizers (tokens themselves are verified end to end against
/// moto's Cognito).
final class CognitoClaimsTests: XCTestCase {
    func testTheIssuerMustBeOneOfTheProviderPools() {
        let arns = [
            "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc",
            "arn:aws:cognito-idp:eu-west-1:000000000000:userpool/eu-west-1_xyz",
        ]
        XCTAssertEqual(CognitoVerifier.pool(issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_xyz", providerARNs: arns), "eu-west-1_xyz")
        XCTAssertNil(CognitoVerifier.pool(issuer: "https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_xyz", providerARNs: arns))
        XCTAssertNil(CognitoVerifier.pool(issuer: "https://evil.example/us-east-1_abc", providerARNs: arns))
        XCTAssertNil(CognitoVerifier.pool(issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", providerARNs: ["junk"]))
    }

    func testClaimsReadAsTextWithJavaDates() throws {
        let json =
            #"{"sub":"u1","exp":1567422477,"iat":1567418877,"auth_time":1567418053,"email_verified":true,"cognito:groups":["a","b"],"scope":"s1 s2"}"#
        let claims = try JSONDecoder().decode(CognitoClaims.self, from: Data(json.utf8))
        let text = Dictionary(claims.text, uniquingKeysWith: { _, last in last })
        XCTAssertEqual(text["sub"], "u1")
        XCTAssertEqual(text["exp"], "Mon Sep 02 11:07:57 UTC 2019")
        XCTAssertEqual(text["iat"], "Mon Sep 02 10:07:57 UTC 2019")
        XCTAssertEqual(text["auth_time"], "1567418053")
        XCTAssertEqual(text["email_verified"], "true")
        XCTAssertEqual(text["cognito:groups"], "a,b")
        XCTAssertEqual(claims.scopes, ["s1", "s2"])
        XCTAssertEqual(claims.claims.map(\.0), ["auth_time", "cognito:groups", "email_verified", "exp", "iat", "scope", "sub"])
    }
}
