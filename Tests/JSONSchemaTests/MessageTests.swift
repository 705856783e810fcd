import JSONSchema
import XCTest

/// The messages, worded as the Java draft 4 validator API Gateway runs words them
/// (java-json-tools/json-schema-validator's message bundle), which `$context.error.validationErrorString`
/// prints.
final class MessageTests: XCTestCase {
    func messages(_ schema: String, _ instance: String, documents: [String: SchemaValue] = [:]) throws -> [String] {
        let engine = JSONSchema(try SchemaJSON.parse(schema), documents: documents)
        switch engine.validate(try SchemaJSON.parse(instance)) {
        case .valid: return []
        case .invalid(let messages): return messages
        case .exhausted(let reason): return ["exhausted: " + reason]
        }
    }

    func testRequiredAndType() throws {
        XCTAssertEqual(
            try messages(#"{"type":"object","required":["name","id"]}"#, #"{"id":1}"#),
            [#"object has missing required properties (["name"])"#])
        XCTAssertEqual(
            try messages(#"{"type":"integer"}"#, #""x""#),
            [#"instance type (string) does not match any allowed primitive type (allowed: ["integer"])"#])
        XCTAssertEqual(
            try messages(#"{"type":"number"}"#, #""1""#),
            [#"instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])"#])
        XCTAssertEqual(
            try messages(#"{"type":"integer"}"#, "1.5"),
            [#"instance type (number) does not match any allowed primitive type (allowed: ["integer"])"#])
        XCTAssertEqual(try messages(#"{"type":"number"}"#, "3"), [])
    }

    func testChildrenInNameOrderOnlyWhileNoErrorWasFound() throws {
        let schema = #"{"type":"object","properties":{"b":{"type":"string","items":{"type":"string"}},"a":{"minimum":3,"items":{"type":"string"}}}}"#
        // Members in name order; each member's own keywords are checked, nothing below them
        // once an error is known: a's items are visited (no error yet), b's are not.
        XCTAssertEqual(
            try messages(schema, #"{"b":[1],"a":[1]}"#),
            [
                #"instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
                #"instance type (array) does not match any allowed primitive type (allowed: ["string"])"#,
            ])
        XCTAssertEqual(
            try messages(schema, #"{"b":1,"a":1}"#),
            [
                "numeric instance is lower than the required minimum (minimum: 3, found: 1)",
                #"instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
            ])
        // An error at the parent: the members are not visited.
        let required = #"{"type":"object","properties":{"a":{"type":"string"}},"required":["c"]}"#
        XCTAssertEqual(try messages(required, #"{"a":1}"#), [#"object has missing required properties (["c"])"#])
    }

    func testStringsArraysNumbersObjects() throws {
        XCTAssertEqual(try messages(#"{"minLength":3}"#, #""ab""#), [#"string "ab" is too short (length: 2, required minimum: 3)"#])
        XCTAssertEqual(try messages(#"{"maxLength":1}"#, #""ab""#), [#"string "ab" is too long (length: 2, maximum allowed: 1)"#])
        XCTAssertEqual(try messages(#"{"pattern":"^a"}"#, #""b""#), [#"ECMA 262 regex "^a" does not match input string "b""#])
        XCTAssertEqual(try messages(#"{"minItems":2}"#, "[1]"), ["array is too short: must have at least 2 elements but instance has 1 elements"])
        XCTAssertEqual(try messages(#"{"maxItems":0}"#, "[1]"), ["array is too long: must have at most 0 elements but instance has 1 elements"])
        XCTAssertEqual(try messages(#"{"uniqueItems":true}"#, "[1,1.0]"), ["array must not contain duplicate elements"])
        XCTAssertEqual(
            try messages(#"{"items":[{}],"additionalItems":false}"#, "[1,2]"),
            ["schema only allows 1 elements in array but instance has 2 elements"])
        XCTAssertEqual(
            try messages(#"{"maximum":2,"exclusiveMaximum":true}"#, "2"), ["numeric instance is not strictly lower than the required maximum 2"])
        XCTAssertEqual(
            try messages(#"{"minimum":2,"exclusiveMinimum":true}"#, "2"), ["numeric instance is not strictly greater than the required minimum 2"])
        XCTAssertEqual(try messages(#"{"maximum":1.5}"#, "2"), ["numeric instance is greater than the required maximum (maximum: 1.5, found: 2)"])
        XCTAssertEqual(try messages(#"{"multipleOf":0.1}"#, "0.3"), [])
        XCTAssertEqual(try messages(#"{"multipleOf":2}"#, "3"), ["remainder of division is not zero (3 / 2)"])
        XCTAssertEqual(
            try messages(#"{"enum":["a",1]}"#, #"{"x":[true]}"#),
            [#"instance value ({"x":[true]}) not found in enum (possible values: ["a",1])"#])
        XCTAssertEqual(
            try messages(#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"z":1,"a":1,"b":2}"#),
            [#"object instance has properties which are not allowed by the schema: ["b","z"]"#])
        XCTAssertEqual(
            try messages(#"{"minProperties":2}"#, #"{"a":1}"#), ["object has too few properties (found 1 but schema requires at least 2)"])
        XCTAssertEqual(
            try messages(#"{"maxProperties":0}"#, #"{"a":1}"#), ["object has too many properties (found 1 but schema requires at most 0)"])
        XCTAssertEqual(
            try messages(#"{"dependencies":{"a":["b","c"]}}"#, #"{"a":1,"c":1}"#),
            [#"property "a" of object has missing property dependencies (schema requires ["b","c"]; missing: ["b"])"#])
    }

    func testCombinators() throws {
        XCTAssertEqual(
            try messages(#"{"anyOf":[{"type":"string"},{"type":"null"}]}"#, "1"),
            ["instance failed to match at least one required schema among 2"])
        XCTAssertEqual(
            try messages(#"{"allOf":[{"type":"integer"},{"minimum":5}]}"#, "1"),
            ["instance failed to match all required schemas (matched only 1 out of 2)"])
        XCTAssertEqual(
            try messages(#"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#, "1"),
            ["instance failed to match exactly one schema (matched 2 out of 2)"])
        XCTAssertEqual(try messages(#"{"not":{"type":"integer"}}"#, "1"), ["instance matched a schema which it should not have"])
    }

    func testReferencesToOtherDocumentsAndFragments() throws {
        let url = "https://apigateway.amazonaws.com/restapis/a1/models/Pet"
        let pet = try SchemaJSON.parse(#"{"type":"object","required":["name"],"definitions":{"id":{"type":"integer"}}}"#)
        let schema = #"{"type":"array","items":{"$ref":"\#(url)"},"definitions":{"x":{"$ref":"\#(url)#/definitions/id"}}}"#
        XCTAssertEqual(try messages(schema, #"[{"name":"a"}]"#, documents: [url: pet]), [])
        XCTAssertEqual(
            try messages(schema, #"[{}]"#, documents: [url: pet]), [#"object has missing required properties (["name"])"#])
        XCTAssertEqual(
            try messages(#"{"$ref":"\#(url)#/definitions/id"}"#, #""x""#, documents: [url: pet]),
            [#"instance type (string) does not match any allowed primitive type (allowed: ["integer"])"#])
        XCTAssertEqual(
            try messages(#"{"$ref":"https://apigateway.amazonaws.com/restapis/a1/models/Nope"}"#, "1"),
            [#"unable to dereference JSON reference "https://apigateway.amazonaws.com/restapis/a1/models/Nope""#])
    }

    func testMetaSchemaCheck() throws {
        XCTAssertEqual(JSONSchema.check(try SchemaJSON.parse(#"{"type":"object","properties":{"a":{"type":"string"}}}"#)), [])
        XCTAssertFalse(JSONSchema.check(try SchemaJSON.parse(#"{"required":[]}"#)).isEmpty)
        XCTAssertFalse(JSONSchema.check(try SchemaJSON.parse(#"{"type":"strin"}"#)).isEmpty)
        XCTAssertEqual(
            JSONSchema.check(try SchemaJSON.parse(#"{"pattern":"("}"#)), [#"string "(" is not a valid ECMA 262 regular expression"#])
    }
}
