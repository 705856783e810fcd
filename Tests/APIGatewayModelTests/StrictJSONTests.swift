import APIGatewayModel
import Foundation
import XCTest

/// The request-body parser: strict RFC 8259, straight to JSONNode.
final class StrictJSONTests: XCTestCase {
    private func parse(_ text: String) -> JSONNode? { StrictJSON.parse(Array(text.utf8)) }

    func testValuesAndEscapesDecode() {
        XCTAssertEqual(
            parse(#"{"a": [1, -2.5e2, true, false, null], "b": {"c": "x"}}"#),
            .object([
                "a": .array([.number(1), .number(-250), .bool(true), .bool(false), .null]),
                "b": .object(["c": .string("x")]),
            ]))
        XCTAssertEqual(parse(#""q\"b\\s\/n\nr\rt\tb\bf\f""#), .string("q\"b\\s/n\nr\rt\tb\u{08}f\u{0C}"))
        XCTAssertEqual(parse(#""\u00e9\u2713\ud83d\ude00\u0000""#), .string("é✓😀\u{0}"))
        XCTAssertEqual(parse("\u{FEFF} \n{\"k\":\"é✓😀\"}\t"), .object(["k": .string("é✓😀")]))
        XCTAssertEqual(parse(#"{"k": 1, "k": 2}"#), .object(["k": .number(2)]))
        XCTAssertEqual(parse("[]"), .array([]))
        XCTAssertEqual(parse("0"), .number(0))
    }

    func testNonJSONIsRefused() {
        for text in [
            "", " ", "{", "}", "[1,]", #"{"a":1,}"#, "{'a':1}", "{a:1}", #"{"a" 1}"#, "01", "1.", ".5", "-", "1e",
            "+1", "NaN", "Infinity", "1e400", "tru", "nulls", #""abc"#, "\"a\u{01}b\"", #""\x""#, #""\u12""#,
            #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, "[1] [2]", "{}x",
        ] {
            XCTAssertNil(parse(text), text)
        }
        for bytes: [UInt8] in [[0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            XCTAssertNil(StrictJSON.parse(bytes), "\(bytes)")
        }
    }

    func testNestingIsCappedAtJacksonsDepth() {
        let ok = String(repeating: "[", count: StrictJSON.maxDepth) + String(repeating: "]", count: StrictJSON.maxDepth)
        XCTAssertNotNil(parse(ok))
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertNil(parse(deep))
        XCTAssertNil(
            parse(String(repeating: #"{"a":"#, count: StrictJSON.maxDepth + 1) + "1" + String(repeating: "}", count: StrictJSON.maxDepth + 1)))
    }
}
