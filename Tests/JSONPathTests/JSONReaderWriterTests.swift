import Collections
import JSONPath
import XCTest

/// Reader, writer and number-formatting behaviour beyond the oracle fixtures: the byte
/// API, limits, invalid input, and Java's `Double.toString` on values whose digits differ
/// from the shortest representation (expectations printed by Java 17).
final class JSONReaderWriterTests: XCTestCase {
    func testBytesAndStringAPIsAgree() throws {
        let text = #"{"a":[1,2.5,"x\u00e9\n",true,null],'b':unquoted , c: -0}"#
        let fromString = try JSONReader.parse(text)
        XCTAssertEqual(try JSONReader.parse(bytes: Array(text.utf8)), fromString)
        XCTAssertEqual(try JSONReader.parse(bytes: text.utf8), fromString)
        // A collection without contiguous storage is copied first.
        XCTAssertEqual(try JSONReader.parse(bytes: text.utf8.lazy.map { $0 }), fromString)
        XCTAssertEqual(JSONWriter.write(fromString), #"{"a":[1,2.5,"xé\n",true,null],"b":"unquoted","c":0}"#)
    }

    func testObjectsKeepFirstPositionAndLastValue() throws {
        let value = try JSONReader.parse(#"{"b":1,"a":2,"b":3}"#)
        XCTAssertEqual(value, .object(["b": .int(3), "a": .int(2)]))
        XCTAssertEqual(JSONWriter.write(value), #"{"b":3,"a":2}"#)
    }

    func testNumberKinds() throws {
        XCTAssertEqual(try JSONReader.parse("9223372036854775807"), .int(Int64.max))
        XCTAssertEqual(try JSONReader.parse("-9223372036854775808"), .int(Int64.min))
        XCTAssertEqual(try JSONReader.parse("9223372036854775808"), .bigInt("9223372036854775808"))
        XCTAssertEqual(try JSONReader.parse("-000000000000000000000012"), .int(-12))
        XCTAssertEqual(try JSONReader.parse("10.00"), .double(10))
        XCTAssertEqual(try JSONReader.parse("0.30000000000000004"), .decimal("0.30000000000000004"))
        XCTAssertEqual(try JSONReader.parse("1.0000000000000000000e30"), .decimal("1.0000000000000000000E+30"))
        XCTAssertEqual(JSONWriter.write(try JSONReader.parse("[1e999,NaN,-1e-400]")), "[null,NaN,-0.0]")
        XCTAssertThrowsError(try JSONReader.parse("[1e+]"))
    }

    func testDepthLimitIsAnErrorNotACrash() throws {
        XCTAssertNoThrow(try JSONReader.parse(String(repeating: "[", count: 400) + String(repeating: "]", count: 400)))
        XCTAssertThrowsError(try JSONReader.parse(String(repeating: "[", count: 401) + String(repeating: "]", count: 401))) { error in
            XCTAssertEqual((error as? JSONError)?.offset, 400)
        }
        XCTAssertThrowsError(try JSONReader.parse(String(repeating: "{\"a\":", count: 200_000)))
    }

    func testInvalidUTF8AndLoneSurrogates() throws {
        XCTAssertEqual(try JSONReader.parse(bytes: [0x22, 0x61, 0xFF, 0x62, 0x22]), .string("a\u{FFFD}b"))
        // Java keeps the lone surrogate and its UTF-8 encoder writes '?'.
        XCTAssertEqual(try JSONReader.parse(#""\ud800x\ud83d\ude00""#), .string("?x😀"))
    }

    func testErrorsCarryOffsets() {
        for (text, offset) in [("{\"a\"", 3), ("[1,2", 3), ("{:1}", 1), ("\"abc", 4)] {
            XCTAssertThrowsError(try JSONReader.parse(text), text) { error in
                XCTAssertEqual((error as? JSONError)?.offset, offset, text)
            }
        }
    }

    func testWriterEscapes() {
        let s = JSONValue.string("q\"b\\/\u{0}\u{1F}\u{7F}\u{85}\u{A0}\u{2028}\u{20AC}\u{2100}é😀\t")
        let expected = #""q\"b\\/\u0000\u001F\u007F\u0085"# + "\u{A0}" + #"\u2028\u20AC℀é😀\t""#
        XCTAssertEqual(JSONWriter.write(s), expected)
        XCTAssertEqual(JSONWriter.writeDefaultStyle(.array([.string("a/b")])), #"["a\/b"]"#)
        var out = "x="
        JSONWriter.write(.array([.bool(true), .null]), into: &out)
        XCTAssertEqual(out, "x=[true,null]")
    }

    func testJavaStringOfValues() throws {
        let value = try JSONReader.parse(#"{"a":1,"b":"x/y","c":[{"d":null}],"e":{"f":1.0E7},"g":"/"}"#)
        XCTAssertEqual(JSONWriter.javaString(value), #"{a=1, b=x/y, c=[{"d":null}], e={f=1.0E7}, g=/}"#)
        XCTAssertEqual(JSONWriter.javaString(.array([.string("a/b")])), #"["a\/b"]"#)
        XCTAssertEqual(JSONWriter.javaString(.double(.infinity)), "Infinity")
    }
}
