import IAMPolicy
import XCTest

/// Parsing and evaluating IAM policy documents: elements, wildcards, principals and the
/// precedence of an explicit Deny over an Allow over the implicit deny.
final class IAMPolicyTests: XCTestCase {
    static let arn = "arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/1"

    func policy(_ json: String, kind: IAMPolicy.Kind = .identity) throws -> IAMPolicy {
        try IAMPolicy(parsing: Array(json.utf8), kind: kind)
    }

    func decide(
        _ policy: IAMPolicy, action: String = "execute-api:Invoke", resource: String = arn, principal: PolicyPrincipal? = nil,
        context: PolicyContext = PolicyContext()
    ) -> PolicyDecision {
        policy.evaluate(PolicyRequest(action: action, resource: resource, principal: principal, context: context)).decision
    }

    func testWildcards() {
        XCTAssertTrue(Wildcard.matches(pattern: "*".utf8, value: Self.arn.utf8))
        XCTAssertTrue(Wildcard.matches(pattern: "arn:aws:execute-api:*:*:api1/*/GET/*".utf8, value: Self.arn.utf8))
        XCTAssertTrue(Wildcard.matches(pattern: "arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/?".utf8, value: Self.arn.utf8))
        XCTAssertFalse(Wildcard.matches(pattern: "arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/pets/??".utf8, value: Self.arn.utf8))
        XCTAssertTrue(Wildcard.matches(pattern: "a*b*c".utf8, value: "aXXbYYbc".utf8))
        XCTAssertFalse(Wildcard.matches(pattern: "a*b*c".utf8, value: "aXXbYYbd".utf8))
        XCTAssertTrue(Wildcard.matches(pattern: "**".utf8, value: "".utf8))
    }

    func testStatementAsObjectOrList() throws {
        let single = try policy(#"{"Statement":{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}}"#)
        XCTAssertEqual(decide(single), .allowed)
        let list = try policy(
            #"{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Action":["s3:Get*","execute-api:*"],"Resource":["x","*"]}]}"#)
        XCTAssertEqual(list.evaluate(PolicyRequest(action: "execute-api:Invoke", resource: Self.arn)).sid, "a")
    }

    func testActionsIgnoreCaseResourcesDoNot() throws {
        let p = try policy(#"{"Statement":{"Effect":"Allow","Action":"Execute-API:invoke","Resource":"arn:aws:execute-api:*:*:api1/*"}}"#)
        XCTAssertEqual(decide(p), .allowed)
        XCTAssertEqual(decide(p, resource: "arn:aws:execute-api:us-east-1:123456789012:API1/dev/GET/pets/1"), .implicitDeny)
        XCTAssertEqual(decide(p, action: "execute-api:InvalidateCache"), .implicitDeny)
    }

    func testPrecedenceExplicitDenyThenAllowThenImplicit() throws {
        let p = try policy(
            #"""
            {"Statement":[
              {"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"},
              {"Effect":"Deny","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:api1/dev/DELETE/*"}]}
            """#)
        XCTAssertEqual(decide(p), .allowed)
        XCTAssertEqual(decide(p, resource: "arn:aws:execute-api:us-east-1:1:api1/dev/DELETE/pets"), .explicitDeny)
        XCTAssertEqual(decide(p, action: "execute-api:ManageConnections"), .implicitDeny)
        // Order does not matter: a deny listed first still wins, and only over what it covers.
        let reversed = try policy(
            #"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        XCTAssertEqual(decide(reversed), .explicitDeny)
    }

    func testNotActionAndNotResource() throws {
        let p = try policy(
            #"{"Statement":[{"Effect":"Allow","NotAction":"execute-api:InvalidateCache","NotResource":["arn:aws:execute-api:*:*:api1/dev/POST/*"]}]}"#
        )
        XCTAssertEqual(decide(p), .allowed)
        XCTAssertEqual(decide(p, action: "execute-api:InvalidateCache"), .implicitDeny)
        XCTAssertEqual(decide(p, resource: "arn:aws:execute-api:us-east-1:1:api1/dev/POST/pets"), .implicitDeny)
    }

    func testPrincipals() throws {
        let p = try policy(
            #"""
            {"Statement":[
              {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:user/alice"]},"Action":"execute-api:Invoke","Resource":"*"},
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"execute-api:Invoke","Resource":"*"}]}
            """#, kind: .resource)
        XCTAssertEqual(decide(p, principal: .anonymous), .implicitDeny)
        XCTAssertEqual(decide(p, principal: .iam(account: "111122223333", arn: "arn:aws:iam::111122223333:user/bob")), .allowed)
        XCTAssertEqual(decide(p, principal: .iam(account: "444455556666", arn: "arn:aws:iam::444455556666:user/alice")), .allowed)
        XCTAssertEqual(decide(p, principal: .iam(account: "444455556666", arn: "arn:aws:iam::444455556666:user/eve")), .implicitDeny)
        XCTAssertEqual(decide(p, principal: .iam(account: "777788889999", arn: "arn:aws:iam::777788889999:user/x")), .allowed)
        let anyone = try policy(#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}"#, kind: .resource)
        XCTAssertEqual(decide(anyone, principal: .anonymous), .allowed)
        let awsAnyone = try policy(#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}}"#, kind: .resource)
        XCTAssertEqual(decide(awsAnyone, principal: .anonymous), .allowed)
        let notPrincipal = try policy(
            #"{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"*","Resource":"*"}}"#, kind: .resource)
        XCTAssertEqual(decide(notPrincipal, principal: .anonymous), .explicitDeny)
        XCTAssertEqual(decide(notPrincipal, principal: .iam(account: "111122223333", arn: "arn:aws:iam::111122223333:user/a")), .implicitDeny)
    }

    func testParseErrors() {
        let bad = [
            "not json", "[]", #"{"Statement":"x"}"#, #"{}"#,
            #"{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
            #"{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}"#,
            #"{"Statement":{"Effect":"Allow","Resource":"*"}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","NotAction":"*","Resource":"*"}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*"}}"#,
            #"{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}"#,
            #"{"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Extra":1}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"a":"b"}}}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"300.1.1.1"}}}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"a":"ten"}}}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"a":"yesterday"}}}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"a":"maybe"}}}}"#,
            #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a":{"b":1}}}}}"#,
        ]
        for text in bad {
            XCTAssertThrowsError(try policy(text), text)
        }
        // Resource-based policies must name principals, and valid ones.
        XCTAssertThrowsError(try policy(#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#, kind: .resource))
        XCTAssertThrowsError(try policy(#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"*","Resource":"*"}}"#, kind: .resource))
        XCTAssertThrowsError(try policy(#"{"Statement":{"Effect":"Allow","Principal":{"Who":"*"},"Action":"*","Resource":"*"}}"#, kind: .resource))
    }

    func testBounds() {
        var limits = IAMPolicy.Limits()
        let big = #"{"Statement":{"Effect":"Allow","Action":"*","Resource":""# + String(repeating: "a", count: 70_000) + #""}}"#
        XCTAssertThrowsError(try IAMPolicy(parsing: Array(big.utf8)))
        limits.maxBytes = 1 << 20
        XCTAssertThrowsError(try IAMPolicy(parsing: Array(big.utf8), limits: limits)) { error in
            XCTAssertTrue(String(describing: error).contains("longer than"))
        }
        let statement = #"{"Effect":"Allow","Action":"*","Resource":"*"}"#
        let many = #"{"Statement":["# + Array(repeating: statement, count: 257).joined(separator: ",") + "]}"
        XCTAssertThrowsError(try IAMPolicy(parsing: Array(many.utf8)))
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        XCTAssertThrowsError(try IAMPolicy(parsing: Array(deep.utf8)))
        let values =
            #"{"Statement":{"Effect":"Allow","Action":["# + Array(repeating: #""a""#, count: 5_000).joined(separator: ",")
            + #"],"Resource":"*"}}"#
        XCTAssertThrowsError(try IAMPolicy(parsing: Array(values.utf8)))
    }

    func testConditionKeysAreListedLowerCased() throws {
        let p = try policy(
            #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"#
                + #""StringLike":{"aws:UserAgent":"curl*"}}},{"Effect":"Deny","Action":"*","Resource":"x"}]}"#)
        XCTAssertEqual(p.conditionKeys, ["aws:sourceip", "aws:useragent"])
        XCTAssertEqual(try policy(#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#).conditionKeys, [])
    }
}
