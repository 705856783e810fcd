import Collections
import JSONPath
import XCTest
import JavaNumbers

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

    /// Bit patterns and Java 17's `Double.toString` for them.
    static let javaDoubles: [(String, String)] = [
        ("1", "4.9E-324"), ("3", "1.5E-323"), ("7fefffffffffffff", "1.7976931348623157E308"),
        ("44b52d02c7e14af6", "9.999999999999999E22"), ("3f60624dd2f1a9fc", "0.002"), ("3f50624dd2f1a9fc", "0.001"),
        ("416312cfe0000000", "9999999.0"), ("416312d000000000", "1.0E7"), ("3fd3333333333334", "0.30000000000000004"),
        ("4059000000000000", "100.0"), ("8000000000000000", "-0.0"), ("3ee4f8b588e368f1", "1.0E-5"),
        ("419d6f3454000000", "1.23456789E8"), ("4462faf5e0754fa4", "2.8009999999999997E21"), ("444b1ae4d6e2ef50", "1.0E21"),
        ("3fe0000000000000", "0.5"), ("4011666666666666", "4.35"), ("3ff199999999999a", "1.1"),
        ("4391c65c54175222", "3.2020316506793792E17"), ("43d597d57a691fa7", "6.2237876720248166E18"),
        ("438d1e2510060e1e", "2.62269403394065344E17"), ("43de8108a487e4f3", "8.7921903835244001E18"),
        ("43d1250a21177f82", "4.9416192401100001E18"), ("43515c9b4393237c", "1.9547586109935088E16"),
        ("4381fc83066296a0", "1.62006857027867648E17"), ("43c0e7247cb04dc6", "2.4359646843588803E18"),
        ("3f33a92a30553261", "3.0E-4"), ("40e68f61fcb923a3", "46203.0621"), ("40919c0000000000", "1127.0"),
        ("41f37300459c26d2", "5.220861017759478E9"), ("422b25fea2db9002", "5.8300780909781265E10"),
        ("3fb4276b490ec784", "0.0787264874805072"), ("9a2625d138e52590", "-1.042465612875443E-182"),
        ("433a2a0a9f81cac0", "7.3645745086E15"), ("3f11d1d078f87038", "6.79763309041078E-5"),
        ("ac7fc8a3e59cbb1", "9.984361747138752E-257"), ("404c59c974636778", "56.70146040776939"),
    ]

    func testJavaDoubleToString() throws {
        for (bits, expected) in Self.javaDoubles {
            let value = Double(bitPattern: try XCTUnwrap(UInt64(bits, radix: 16)))
            XCTAssertEqual(JavaDouble.toString(value), expected, bits)
        }
        XCTAssertEqual(JavaDouble.toString(.nan), "NaN")
        XCTAssertEqual(JavaDouble.toString(-.infinity), "-Infinity")
    }
}
