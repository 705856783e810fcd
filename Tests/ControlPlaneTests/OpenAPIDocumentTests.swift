import APIGatewayModel
@testable import ControlPlane
import Foundation
import XCTest

/// The bounded reader of uploaded definitions and the writers of exports.
final class OpenAPIDocumentTests: XCTestCase {
    func testYAMLScalarsKeepTheirTypes() throws {
        let yaml = "a: 200\nb: '200'\nc: true\nd: 1.5\ne: ~\nf: text\n200: x\n"
        let node = try XCTUnwrap(Documents.parse(Array(yaml.utf8)))
        XCTAssertEqual(
            node,
            .object([
                "a": .number(200), "b": .string("200"), "c": .bool(true), "d": .number(1.5), "e": .null,
                "f": .string("text"), "200": .string("x"),
            ]))
    }

    func testAnAliasBombFailsFastInsteadOfExpanding() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let start = Date()
        XCTAssertNil(Documents.parse(Array(yaml.utf8)))
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func testDepthAndSizeAreBounded() {
        let deep = String(repeating: "- ", count: 300) + "x\n"
        XCTAssertNil(Documents.parse(Array(deep.utf8)))
        XCTAssertNil(Documents.parse([UInt8](repeating: 0x20, count: Documents.maxSize + 1)))
    }

    func testVersionsAndCircularReferences() throws {
        XCTAssertThrowsError(try OpenAPIDocument(bytes: Array(#"{"openapi": "3.1.0", "paths": {}}"#.utf8)))
        XCTAssertThrowsError(try OpenAPIDocument(bytes: Array(#"{"swagger": "1.2"}"#.utf8)))
        let document = try OpenAPIDocument(
            bytes: Array(##"{"swagger": "2.0", "parameters": {"a": {"$ref": "#/parameters/b"}, "b": {"$ref": "#/parameters/a"}}}"##.utf8))
        XCTAssertEqual(document.version, .swagger2)
        XCTAssertNil(document.resolve(.object(["$ref": .string("#/parameters/a")])))
        XCTAssertNil(document.resolve(.object(["$ref": .string("other.yaml#/x")])))
    }

    func testExportsWriteIndentedJSONAndTypedYAML() throws {
        let value = OrderedJSON.object([
            ("swagger", .string("2.0")), ("schemes", .array([.string("https")])), ("empty", .object([])),
            ("count", .number(3)), ("code", .string("200")), ("flag", .string("true")),
        ])
        XCTAssertEqual(
            String(decoding: value.prettyJSON(), as: UTF8.self),
            "{\n  \"swagger\" : \"2.0\",\n  \"schemes\" : [ \"https\" ],\n  \"empty\" : { },\n  \"count\" : 3,\n  \"code\" : \"200\",\n  \"flag\" : \"true\"\n}"
        )
        let yaml = try XCTUnwrap(Documents.parse(value.yaml()))
        XCTAssertEqual(
            yaml,
            .object([
                "swagger": .string("2.0"), "schemes": .array([.string("https")]), "empty": .object([:]), "count": .number(3),
                "code": .string("200"), "flag": .string("true"),
            ]))
    }
}
