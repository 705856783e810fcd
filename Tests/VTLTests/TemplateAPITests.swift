import Foundation
import VTL
import XCTest

/// The VTL engine's own API: variables, host objects, sharing one compiled template across
/// threads, and the value model's Java behaviours.
final class TemplateAPITests: XCTestCase {
    func testRendersWithVariablesByNameAndByPosition() throws {
        let t = try VTLTemplate("Hello, $name! $!missing$count")
        XCTAssertEqual(try t.render(["name": .string("Ann"), "count": .int(3)]), "Hello, Ann! 3")
        let name = try XCTUnwrap(t.variable("name"))
        XCTAssertNil(t.variable("other"))
        XCTAssertEqual(try t.render([(name, .string("Bob"))]), "Hello, Bob! ")
        XCTAssertTrue(t.mayUse("count"))
        XCTAssertFalse(t.mayUse("other"))
        XCTAssertFalse(t.usesEvaluate)
    }

    func testEvaluateSeesVariablesTheTemplateNeverNames() throws {
        let t = try VTLTemplate("#evaluate($code)")
        XCTAssertTrue(t.usesEvaluate)
        XCTAssertTrue(t.mayUse("anything"))
        XCTAssertEqual(try t.render(["code": .string("[$hidden]"), "hidden": .string("h")]), "[h]")
    }

    func testTemplatesChangeTheMapsTheyAreGiven() throws {
        let context = VTLMap([("responseOverride", .map(VTLMap()))])
        let t = try VTLTemplate("#set($context.responseOverride.status = 404)#set($context.added = [1, 2])ok")
        XCTAssertEqual(try t.render(["context": .map(context)]), "ok")
        guard case .map(let response)? = context["responseOverride"] else { return XCTFail("map expected") }
        XCTAssertEqual(response["status"]?.javaString(), "404")
        XCTAssertEqual(context["added"]?.javaString(), "[1, 2]")
    }

    final class Counter: VTLObject {
        var count = 0
        var javaClassName: String { "test.Counter" }
        func javaString() -> String? { "Counter(\(count))" }
        func property(_ name: String) throws(VTLRuntimeError) -> VTLValue {
            name == "count" ? .int(Int32(count)) : .null
        }
        func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
            switch method {
            case "increment":
                count += 1
                return .int(Int32(count))
            case "fail":
                throw VTLRuntimeError("IllegalStateException", "asked to fail")
            default:
                return .null
            }
        }
        func iterationValues() -> [VTLValue]? { (0..<count).map { .int(Int32($0)) } }
    }

    func testHostObjects() throws {
        let counter = Counter()
        let t = try VTLTemplate("$c.increment() $c.increment() $c.count $c [$c.nothing] #foreach($i in $c)<$i>#end")
        XCTAssertEqual(try t.render(["c": .object(counter)]), "1 2 2 Counter(2) [] <0><1>")
        XCTAssertEqual(counter.count, 2)
        let failing = try VTLTemplate("before $c.fail() after")
        XCTAssertThrowsError(try failing.render(["c": .object(Counter())])) { error in
            guard case VTLError.runtime(let e) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, "IllegalStateException")
            XCTAssertEqual(e.location, SourceLocation(line: 1, column: 8))
        }
    }

    func testOneTemplateRendersOnManyThreadsAtOnce() throws {
        let t = try VTLTemplate(
            """
            #set($total = 0)#foreach($i in [1..200])#set($total = $total + $i * $n)#end\
            $total #macro(m $x)[$x]#end#m($n)
            """)
        let expected = (1...8).map { n in "\(n * 20100) [\(n)]" }
        let results = ResultBox(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let n = i % 8 + 1
            results.set(i, (try? t.render(["n": .int(Int32(n))])) ?? "error")
        }
        for i in 0..<64 {
            XCTAssertEqual(results.get(i), expected[i % 8])
        }
    }

    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String]
        init(count: Int) { values = Array(repeating: "", count: count) }
        func set(_ i: Int, _ v: String) { lock.withLock { values[i] = v } }
        func get(_ i: Int) -> String { lock.withLock { values[i] } }
    }

    func testJavaNumberSemantics() throws {
        let t = try VTLTemplate(
            """
            #set($max = 2147483647)$max + 1 = #set($a = $max + 1)$a|#set($b = 9223372036854775807 * 2)$b|\
            #set($c = 7 / 2)$c|#set($d = -7 % 3)$d|#set($e = 7 / 2.0)$e|#set($f = 1.0E7 * 1)$f|\
            #set($g = 0.1 + 0.2)$g|#set($h = 7 / 0)[$h]|#set($i = '5' + 1)$i
            """)
        XCTAssertEqual(try t.render([:]), "2147483647 + 1 = 2147483648|18446744073709551614|3|-1|3.5|1.0E7|0.30000000000000004|[]|51")
    }

    func testBigIntArithmetic() throws {
        let a = try XCTUnwrap(BigInt("123456789012345678901234567890"))
        let b = try XCTUnwrap(BigInt("-987654321098765432109876543210"))
        XCTAssertEqual((a + b).description, "-864197532086419753208641975320")
        XCTAssertEqual((a * b).description, "-121932631137021795226185032733622923332237463801111263526900")
        XCTAssertEqual(b.quotient(a)?.description, "-8")
        XCTAssertEqual(b.remainder(a)?.description, "-9000000000900000000090")
        XCTAssertNil(a.quotient(BigInt(0)))
        XCTAssertEqual(BigInt(Int64.min).description, "-9223372036854775808")
        XCTAssertEqual((BigInt(Int64.max) + BigInt(1)).int64, nil)
        XCTAssertEqual((BigInt(Int64.min) + BigInt(0)).int64, Int64.min)
        XCTAssertNil(BigInt("12a"))
    }

    func testBigDecimalText() throws {
        XCTAssertEqual(BigDecimal("1.23456789012345678901")?.description, "1.23456789012345678901")
        XCTAssertEqual(BigDecimal("1.0E+30")?.description, "1.0E+30")
        XCTAssertEqual(BigDecimal("-0.00000001")?.description, "-1E-8")
        let sum = try XCTUnwrap(BigDecimal("1.5")) + XCTUnwrap(BigDecimal("2.25"))
        XCTAssertEqual(sum.description, "3.75")
        XCTAssertEqual(BigDecimal(exactly: 0.5)?.description, "0.5")
        XCTAssertEqual(BigDecimal(exactly: 100)?.description, "100")
    }

    func testValuesPrintLikeJava() {
        XCTAssertEqual(VTLValue.double(1e7).javaString(), "1.0E7")
        XCTAssertEqual(VTLValue.double(0.001).javaString(), "0.001")
        XCTAssertEqual(VTLValue.double(-0.0).javaString(), "-0.0")
        XCTAssertEqual(VTLValue.list(VTLList([.int(1), .string("a"), .null])).javaString(), "[1, a, null]")
        XCTAssertEqual(VTLValue.list(VTLList([.string("a/b"), .int(1)], flavor: .jsonArray)).javaString(), "[\"a\\/b\",1]")
        XCTAssertEqual(VTLValue.map(VTLMap([("k", .string("v")), ("n", .null)])).javaString(), "{k=v, n=null}")
        XCTAssertEqual(VTLValue.map(VTLMap([("s", .string("\u{20ac}/\""))])).jsonText(), "{\"s\":\"\\u20AC/\\\"\"}")
        XCTAssertTrue(VTLValue.int(1).javaEquals(.int(1)))
        XCTAssertFalse(VTLValue.int(1).javaEquals(.long(1)))
    }
}
