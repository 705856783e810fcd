import JSONSchema
import XCTest

/// Bad input is bounded: `$ref` loops, deep chains, deep instances, huge arrays and
/// pathological patterns end in `.exhausted` or an answer, quickly, never a crash or a hang.
final class LimitsTests: XCTestCase {
    func testSelfReferenceLoopIsExhausted() throws {
        let schema = JSONSchema(
            try SchemaJSON.parse(##"{"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"$ref":"#/definitions/a"}},"$ref":"#/definitions/a"}"##))
        guard case .exhausted(let reason) = schema.validate(.null) else { return XCTFail("expected exhausted") }
        XCTAssertTrue(reason.contains("$ref"), reason)
    }

    func testLoopAcrossDocumentsIsExhausted() throws {
        let a = "https://apigateway.amazonaws.com/restapis/x/models/A"
        let b = "https://apigateway.amazonaws.com/restapis/x/models/B"
        let schema = JSONSchema(
            try SchemaJSON.parse(#"{"$ref":"\#(a)"}"#),
            documents: [a: try SchemaJSON.parse(#"{"$ref":"\#(b)"}"#), b: try SchemaJSON.parse(#"{"$ref":"\#(a)"}"#)])
        guard case .exhausted = schema.validate(.null) else { return XCTFail("expected exhausted") }
    }

    func testRecursiveSchemaOnDeepInstanceIsBounded() throws {
        let schema = JSONSchema(try SchemaJSON.parse(##"{"type":"object","properties":{"next":{"$ref":"#"}}}"##))
        var text = ""
        for _ in 0..<400 { text += #"{"next":"# }
        text += "{}" + String(repeating: "}", count: 400)
        let instance = try SchemaJSON.parse(text)
        guard case .exhausted = schema.validate(instance) else { return XCTFail("expected exhausted past the depth limit") }
        var shallow = ""
        for _ in 0..<50 { shallow += #"{"next":"# }
        shallow += "{}" + String(repeating: "}", count: 50)
        XCTAssertEqual(schema.validate(try SchemaJSON.parse(shallow)), .valid)
    }

    func testParserRefusesDeepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try SchemaJSON.parse(text))
    }

    func testHugeUniqueArrayIsLinear() throws {
        let items = (0..<100_000).map { SchemaValue.number(SchemaNumber($0)) }
        let schema = JSONSchema(try SchemaJSON.parse(#"{"type":"array","uniqueItems":true,"items":{"type":"integer"}}"#))
        let started = ContinuousClock.now
        XCTAssertEqual(schema.validate(.array(items)), .valid)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    func testStepBudget() throws {
        let items = (0..<50_000).map { SchemaValue.number(SchemaNumber($0)) }
        let schema = JSONSchema(try SchemaJSON.parse(#"{"items":{"allOf":[{"type":"integer"},{"minimum":0}]}}"#))
        var limits = JSONSchema.Limits()
        limits.maxSteps = 10_000
        guard case .exhausted = schema.validate(.array(items), limits: limits) else { return XCTFail("expected exhausted") }
    }

    func testPathologicalPatternIsBoundedInTime() throws {
        let schema = JSONSchema(try SchemaJSON.parse(#"{"items":{"pattern":"^(a+)+$"}}"#))
        let evil = SchemaValue.string(String(repeating: "a", count: 40) + "!")
        var limits = JSONSchema.Limits()
        limits.timeBudget = .milliseconds(300)
        let started = ContinuousClock.now
        let result = schema.validate(.array(Array(repeating: evil, count: 50)), limits: limits)
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(3))
        XCTAssertNotEqual(result, .valid)
    }
}
