import IAMPolicy
import XCTest

/// Each condition operator, `…IfExists`, `Null`, the set qualifiers, and how values (OR) and
/// keys and operators (AND) combine.
final class ConditionTests: XCTestCase {
    /// The decision of an Allow-everything statement under `condition` for `context`.
    func holds(_ condition: String, _ context: [String: [String]]) throws -> Bool {
        let text = #"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":"# + condition + "}}"
        let policy = try IAMPolicy(parsing: Array(text.utf8))
        var values = PolicyContext()
        for (key, value) in context { values[key] = value }
        return policy.evaluate(PolicyRequest(action: "execute-api:Invoke", resource: "x", context: values)).decision == .allowed
    }

    func testStringOperators() throws {
        XCTAssertTrue(try holds(#"{"StringEquals":{"aws:username":["bob","alice"]}}"#, ["aws:username": ["alice"]]))
        XCTAssertFalse(try holds(#"{"StringEquals":{"aws:username":"Alice"}}"#, ["aws:username": ["alice"]]))
        XCTAssertTrue(try holds(#"{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}"#, ["aws:username": ["alice"]]))
        XCTAssertFalse(try holds(#"{"StringNotEquals":{"aws:username":["bob","alice"]}}"#, ["aws:username": ["alice"]]))
        XCTAssertTrue(try holds(#"{"StringNotEquals":{"aws:username":"bob"}}"#, ["aws:username": ["alice"]]))
        XCTAssertFalse(try holds(#"{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}"#, ["aws:username": ["alice"]]))
        XCTAssertTrue(try holds(#"{"StringLike":{"aws:UserAgent":"curl/*"}}"#, ["aws:useragent": ["curl/8.5"]]))
        XCTAssertFalse(try holds(#"{"StringLike":{"aws:UserAgent":"Curl/*"}}"#, ["aws:useragent": ["curl/8.5"]]))
        XCTAssertTrue(try holds(#"{"StringNotLike":{"aws:UserAgent":"boto*"}}"#, ["aws:useragent": ["curl/8.5"]]))
        XCTAssertTrue(try holds(#"{"BinaryEquals":{"k":"QmluYXJ5"}}"#, ["k": ["QmluYXJ5"]]))
    }

    func testKeysAreCaseInsensitive() throws {
        XCTAssertTrue(try holds(#"{"StringEquals":{"AWS:SOURCEVPC":"vpc-1"}}"#, ["aws:SourceVpc": ["vpc-1"]]))
    }

    func testMissingKeys() throws {
        XCTAssertFalse(try holds(#"{"StringEquals":{"aws:SourceVpc":"vpc-1"}}"#, [:]))
        XCTAssertTrue(try holds(#"{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}"#, [:]))
        XCTAssertTrue(try holds(#"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#, [:]))
        XCTAssertTrue(try holds(#"{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}}"#, [:]))
        XCTAssertFalse(try holds(#"{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}}"#, ["aws:SourceVpc": ["vpc-2"]]))
        XCTAssertTrue(try holds(#"{"Null":{"aws:SourceVpc":"true"}}"#, [:]))
        XCTAssertFalse(try holds(#"{"Null":{"aws:SourceVpc":"true"}}"#, ["aws:SourceVpc": ["vpc-2"]]))
        XCTAssertTrue(try holds(#"{"Null":{"aws:SourceVpc":false}}"#, ["aws:SourceVpc": ["vpc-2"]]))
    }

    func testNumericOperators() throws {
        let age = ["aws:MultiFactorAuthAge": ["300"]]
        XCTAssertTrue(try holds(#"{"NumericEquals":{"aws:MultiFactorAuthAge":300}}"#, age))
        XCTAssertTrue(try holds(#"{"NumericNotEquals":{"aws:MultiFactorAuthAge":"30"}}"#, age))
        XCTAssertTrue(try holds(#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"301"}}"#, age))
        XCTAssertFalse(try holds(#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"300"}}"#, age))
        XCTAssertTrue(try holds(#"{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"300"}}"#, age))
        XCTAssertTrue(try holds(#"{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"299.5"}}"#, age))
        XCTAssertFalse(try holds(#"{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":"301"}}"#, age))
        XCTAssertFalse(try holds(#"{"NumericEquals":{"aws:MultiFactorAuthAge":"300"}}"#, ["aws:MultiFactorAuthAge": ["many"]]))
    }

    func testDateOperators() throws {
        let now = ["aws:CurrentTime": ["2026-12-03T07:30:00Z"]]
        XCTAssertTrue(try holds(#"{"DateGreaterThan":{"aws:CurrentTime":"2026-12-03"}}"#, now))
        XCTAssertTrue(try holds(#"{"DateLessThan":{"aws:CurrentTime":"2026-12-03T08:00:00+00:29"}}"#, now))
        XCTAssertFalse(try holds(#"{"DateLessThan":{"aws:CurrentTime":"2026-12-03T08:00:00+01:00"}}"#, now))
        XCTAssertTrue(try holds(#"{"DateEquals":{"aws:CurrentTime":"2026-12-03T07:30:00.000Z"}}"#, now))
        XCTAssertTrue(try holds(#"{"DateNotEquals":{"aws:CurrentTime":"2026-12-03T07:30:01Z"}}"#, now))
        XCTAssertTrue(try holds(#"{"DateLessThanEquals":{"aws:EpochTime":"1796283000"}}"#, ["aws:EpochTime": ["1796283000"]]))
        XCTAssertTrue(try holds(#"{"DateGreaterThanEquals":{"aws:CurrentTime":1796283000}}"#, now))
        XCTAssertFalse(try holds(#"{"DateGreaterThan":{"aws:CurrentTime":1796283000}}"#, now))
    }

    func testBool() throws {
        XCTAssertTrue(try holds(#"{"Bool":{"aws:SecureTransport":"false"}}"#, ["aws:SecureTransport": ["false"]]))
        XCTAssertTrue(try holds(#"{"Bool":{"aws:SecureTransport":true}}"#, ["aws:SecureTransport": ["TRUE"]]))
        XCTAssertFalse(try holds(#"{"Bool":{"aws:SecureTransport":"true"}}"#, ["aws:SecureTransport": ["false"]]))
    }

    func testIPAddresses() throws {
        XCTAssertTrue(try holds(#"{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.7"]}}"#, ["aws:SourceIp": ["192.0.2.200"]]))
        XCTAssertTrue(try holds(#"{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.7"]}}"#, ["aws:SourceIp": ["198.51.100.7"]]))
        XCTAssertFalse(try holds(#"{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","198.51.100.7"]}}"#, ["aws:SourceIp": ["198.51.100.8"]]))
        XCTAssertTrue(try holds(#"{"IpAddress":{"aws:SourceIp":"10.1.0.0/15"}}"#, ["aws:SourceIp": ["10.0.255.1"]]))
        XCTAssertFalse(try holds(#"{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}"#, ["aws:SourceIp": ["10.0.255.1"]]))
        XCTAssertTrue(try holds(#"{"NotIpAddress":{"aws:SourceIp":"127.0.0.0/8"}}"#, ["aws:SourceIp": ["192.0.2.1"]]))
        XCTAssertFalse(try holds(#"{"NotIpAddress":{"aws:SourceIp":"127.0.0.0/8"}}"#, ["aws:SourceIp": ["127.0.0.1"]]))
        XCTAssertTrue(try holds(#"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, ["aws:SourceIp": ["2001:db8:1::5"]]))
        XCTAssertFalse(try holds(#"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, ["aws:SourceIp": ["2001:db9::5"]]))
        XCTAssertTrue(try holds(#"{"IpAddress":{"aws:SourceIp":"::1"}}"#, ["aws:SourceIp": ["0:0:0:0:0:0:0:1"]]))
        XCTAssertFalse(try holds(#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, ["aws:SourceIp": ["::1"]]))
        XCTAssertTrue(try holds(#"{"IpAddress":{"aws:SourceIp":"::ffff:192.0.2.0/120"}}"#, ["aws:SourceIp": ["::ffff:192.0.2.9"]]))
    }

    func testArnOperators() throws {
        let source = ["aws:SourceArn": ["arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/a:b"]]
        XCTAssertTrue(try holds(#"{"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:123456789012:api1/*"}}"#, source))
        XCTAssertTrue(try holds(#"{"ArnEquals":{"aws:SourceArn":"arn:aws:execute-api:us-east-1:123456789012:api1/dev/GET/a:b"}}"#, source))
        XCTAssertFalse(try holds(#"{"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:*:999999999999:*"}}"#, source))
        // Components are matched one by one: a `*` does not run across colons.
        XCTAssertFalse(try holds(#"{"ArnLike":{"aws:SourceArn":"arn:aws:*:123456789012:api1/*"}}"#, source))
        XCTAssertTrue(try holds(#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:lambda:*:*:*"}}"#, source))
        XCTAssertFalse(try holds(#"{"ArnNotEquals":{"aws:SourceArn":"arn:aws:execute-api:*:*:*"}}"#, source))
    }

    func testSetQualifiers() throws {
        let tags = ["aws:TagKeys": ["env", "team"]]
        XCTAssertTrue(try holds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["team","cost"]}}"#, tags))
        XCTAssertFalse(try holds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}}"#, tags))
        XCTAssertFalse(try holds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}}"#, [:]))
        XCTAssertTrue(try holds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}"#, tags))
        XCTAssertFalse(try holds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}"#, tags))
        XCTAssertTrue(try holds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}"#, [:]))
        XCTAssertTrue(try holds(#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}"#, tags))
        XCTAssertFalse(try holds(#"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["env"]}}"#, tags))
        XCTAssertTrue(try holds(#"{"ForAllValues:StringLike":{"aws:TagKeys":["e*","t*"]}}"#, tags))
    }

    func testKeysAndOperatorsAreAndedValuesOred() throws {
        let condition = #"{"StringEquals":{"a":["1","2"],"b":"3"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#
        XCTAssertTrue(try holds(condition, ["a": ["2"], "b": ["3"], "aws:SourceIp": ["10.1.2.3"]]))
        XCTAssertFalse(try holds(condition, ["a": ["2"], "b": ["4"], "aws:SourceIp": ["10.1.2.3"]]))
        XCTAssertFalse(try holds(condition, ["a": ["2"], "b": ["3"], "aws:SourceIp": ["11.1.2.3"]]))
    }

    func testDenyWithCondition() throws {
        let text = #"""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"},
            {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}
            """#
        let policy = try IAMPolicy(parsing: Array(text.utf8), kind: .resource)
        func decide(_ ip: String) -> PolicyDecision {
            policy.evaluate(
                PolicyRequest(action: "execute-api:Invoke", resource: "r", principal: .anonymous, context: PolicyContext(["aws:SourceIp": ip]))
            ).decision
        }
        XCTAssertEqual(decide("203.0.113.9"), .explicitDeny)
        XCTAssertEqual(decide("198.51.100.1"), .allowed)
    }
}
