import JavaNumbers
import XCTest

/// `JavaDouble.toString` against Java 17's `Double.toString`. Every expected string below was
/// printed by OpenJDK 17.0.15 (`Double.toString(d)` and `Long.toHexString(doubleToRawLongBits(d))`).
final class JavaDoubleTests: XCTestCase {
    func testNamedValuesMatchJava17() {
        let cases: [(Double, String)] = [
            (1e10, "1.0E10"), (1e-5, "1.0E-5"), (0.001, "0.001"), (100.0, "100.0"), (0.0, "0.0"), (-0.0, "-0.0"),
            (.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"),
            (.leastNonzeroMagnitude, "4.9E-324"),  // Double.MIN_VALUE
            (.greatestFiniteMagnitude, "1.7976931348623157E308"),  // Double.MAX_VALUE
            (.leastNormalMagnitude, "2.2250738585072014E-308"),  // Double.MIN_NORMAL
            (3 * .leastNonzeroMagnitude, "1.5E-323"),
            // Java 8-18 print integral values below 2^63 with all the digits the double holds, so
            // this is not the shortest round-trip form (1.2345678901234566E17).
            (1.2345678901234567E17, "1.23456789012345664E17"),
            (Double(Int64.max), "9.223372036854776E18"), (9007199254740993.0, "9.007199254740992E15"), (1e16, "1.0E16"),
            (0.1 + 0.2, "0.30000000000000004"), (1.0 / 3, "0.3333333333333333"), (2.0 / 3, "0.6666666666666666"),
            (-1.5e-10, "-1.5E-10"), (4.35, "4.35"), (100.5, "100.5"), (12345.678, "12345.678"),
            (Double.pi, "3.141592653589793"), (2.718281828459045, "2.718281828459045"), (123456789012.0, "1.23456789012E11"),
            (1e21, "1.0E21"), (1e22, "1.0E22"), (1e23, "9.999999999999999E22"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(JavaDouble.toString(value), expected, "bits \(String(value.bitPattern, radix: 16))")
        }
    }

    /// Plain notation exactly for magnitudes in [10^-3, 10^7), scientific outside.
    func testNotationSwitchesAtJavasThresholds() {
        let cases: [(Double, String)] = [
            (9999999.999, "9999999.999"), (1e7, "1.0E7"), (1234567.0, "1234567.0"), (12345678.0, "1.2345678E7"),
            (0.001, "0.001"), (0.00099, "9.9E-4"), (0.002, "0.002"), (-9999999.0, "-9999999.0"), (-1e7, "-1.0E7"),
            (1.0, "1.0"), (-1.0, "-1.0"), (10.0, "10.0"), (0.5, "0.5"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(JavaDouble.toString(value), expected)
        }
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

    /// Whatever digits Java picks, they identify the double: parsing the output gives back
    /// the same bits, and the shape is Java's (a digit on each side of the point, `E` only in
    /// scientific form, no `+` in the exponent). Deterministic pseudo-random bit patterns.
    func testOutputRoundTripsAndHasJavasShape() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let value = Double(bitPattern: state ^ (state >> 29))
            guard value.isFinite, value != 0 else { continue }
            let text = JavaDouble.toString(value)
            checked += 1
            guard Double(text)?.bitPattern == value.bitPattern else {
                XCTFail("\(text) does not read back as \(value) (bits \(String(value.bitPattern, radix: 16)))")
                return
            }
            let mantissa = text.split(separator: "E", omittingEmptySubsequences: false)[0]
            let parts = mantissa.drop(while: { $0 == "-" }).split(separator: ".", omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 2, text)
            XCTAssertFalse(parts.first?.isEmpty ?? true, text)
            XCTAssertFalse(parts.last?.isEmpty ?? true, text)
            XCTAssertFalse(text.contains("+"), text)
            let magnitude = value.magnitude
            XCTAssertEqual(text.contains("E"), !(magnitude >= 1e-3 && magnitude < 1e7), text)
            if text.contains("E") {
                XCTAssertEqual(parts[0].count, 1, "scientific form has one integer digit: \(text)")
            }
        }
        XCTAssertGreaterThan(checked, 19_000)
    }
}
