import Foundation
import VTL
import XCTest

/// Every limit ends a render with a clear error (or, for API Gateway's `#foreach` quota, a
/// silent stop as on AWS), so no template can hang or exhaust the server.
final class LimitTests: XCTestCase {
    func render(_ source: String, _ limits: VTLLimits = VTLLimits()) throws -> String {
        try VTLTemplate(source, limits: limits).render([:])
    }

    func runtimeError(
        _ source: String, _ limits: VTLLimits = VTLLimits(),
        file: StaticString = #filePath, line: UInt = #line
    ) -> VTLRuntimeError? {
        do {
            let out = try render(source, limits)
            XCTFail("expected a runtime error, got output of \(out.utf8.count) bytes", file: file, line: line)
        } catch VTLError.runtime(let e) {
            return e
        } catch {
            XCTFail("expected a runtime error, got \(error)", file: file, line: line)
        }
        return nil
    }

    func testTemplateSizeQuota() throws {
        let limit = VTLLimits().maxTemplateBytes
        XCTAssertEqual(limit, 300 * 1024)
        let atLimit = String(repeating: "a", count: limit)
        XCTAssertEqual(try render(atLimit).utf8.count, limit)
        XCTAssertThrowsError(try VTLTemplate(atLimit + "b")) { error in
            XCTAssertTrue("\(error)".contains("larger than 307200 bytes"), "\(error)")
        }
    }

    func testForeachStopsSilentlyAfterOneThousandIterations() throws {
        XCTAssertEqual(try render("#set($c = 0)#foreach($i in [1..1500])#set($c = $c + 1)#end$c"), "1000")
        XCTAssertEqual(try render("#foreach($i in [1..1000])#end$velocityCount|#foreach($i in [1..1001])#if(!$foreach.hasNext)$i#end#end"), "|")
        var limits = VTLLimits()
        limits.maxForeachIterations = 3
        XCTAssertEqual(try render("#foreach($i in [1..10])$i#end", limits), "123")
    }

    func testTotalIterationsAcrossLoops() {
        var limits = VTLLimits()
        limits.maxTotalIterations = 5000
        let e = runtimeError("#foreach($a in [1..100])#foreach($b in [1..100])#end#end", limits)
        XCTAssertEqual(e?.kind, "LimitExceeded")
    }

    func testMacroRecursionDepth() throws {
        let recursive = "#macro(r $d)#if($d > 0)#set($e = $d - 1)#r($e)#end$d#end"
        // Arguments are passed by name: every level reads the caller's (shared) $e.
        XCTAssertEqual(try render(recursive + "#r(5)"), "000005")
        XCTAssertEqual(try render(recursive + "#r(19)"), String(repeating: "0", count: 19) + "19")
        let e = runtimeError(recursive + "#r(20)")
        XCTAssertEqual(e?.kind, "MacroOverflowException")
        var limits = VTLLimits()
        limits.maxMacroDepth = 3
        XCTAssertEqual(runtimeError(recursive + "#r(3)", limits)?.kind, "MacroOverflowException")
    }

    func testOutputSize() {
        var limits = VTLLimits()
        limits.maxOutputBytes = 1000
        let e = runtimeError("#foreach($i in [1..500])$i,#end", limits)
        XCTAssertEqual(e?.kind, "LimitExceeded")
        XCTAssertTrue(e?.message.contains("1000 bytes") ?? false)
    }

    func testRenderTimeBudget() {
        var limits = VTLLimits()
        limits.renderTimeSeconds = 0.05
        limits.maxForeachIterations = 1_000_000
        limits.maxTotalIterations = Int.max
        let start = Date()
        let e = runtimeError("#foreach($a in [1..100000])#foreach($b in [1..100000])#end#end", limits)
        XCTAssertEqual(e?.kind, "LimitExceeded")
        XCTAssertTrue(e?.message.contains("longer than") ?? false)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testRangeSize() {
        XCTAssertEqual(runtimeError("#set($r = [1..100000000])")?.kind, "OutOfMemoryError")
    }

    func testRepeatSize() {
        var limits = VTLLimits()
        limits.maxOutputBytes = 100
        XCTAssertEqual(runtimeError("#set($s = 'abc')$s.repeat(1000)", limits)?.kind, "OutOfMemoryError")
    }

    func testNesting() {
        let deep = String(repeating: "#if(true)", count: 150) + "x" + String(repeating: "#end", count: 150)
        XCTAssertThrowsError(try VTLTemplate(deep)) { error in
            XCTAssertTrue("\(error)".contains("nested too deeply"), "\(error)")
        }
        let parens = "#set($x = " + String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500) + ")"
        XCTAssertThrowsError(try VTLTemplate(parens))
        let fine = String(repeating: "#if(true)", count: 40) + "x" + String(repeating: "#end", count: 40)
        XCTAssertEqual(try render(fine), "x")
    }

    func testEvaluateRecursion() {
        XCTAssertEqual(runtimeError("#set($s = '#evaluate($s)')#evaluate($s)")?.kind, "StackOverflowError")
    }

    func testSelfContainingListsDoNotCrash() {
        let e = runtimeError("#set($a = [])#set($b = [$a])#set($x = $a.add($b))$a")
        XCTAssertEqual(e?.kind, "StackOverflowError")
        XCTAssertEqual(try? render("#set($a = [1])#set($x = $a.add($a))$a"), "[1, (this Collection)]")
    }

    func testCatastrophicRegexIsCut() {
        var limits = VTLLimits()
        limits.regexMillis = 20
        let e = runtimeError("#set($s = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')$s.matches('(a+)+b')", limits)
        XCTAssertEqual(e?.kind, "LimitExceeded")
    }
}

extension LimitTests {
    func testHugeSharedStructuresDoNotHang() throws {
        let start = Date()
        let doubling = "#set($a = [])#foreach($i in [1..40])#set($a = [$a, $a])#end"
        XCTAssertEqual(runtimeError(doubling + "$a")?.kind, "StackOverflowError")
        XCTAssertEqual(runtimeError(doubling + "#set($s = 'x' + $a)")?.kind, "StackOverflowError")
        XCTAssertEqual(try render(doubling + "$a.equals($a)|$a.size()"), "true|2")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }
}

extension LimitTests {
    func testDeeplyNestedArgumentsAndLiteralsAreRejectedNotCrashing() {
        let sources = [
            String(repeating: "$a.b(", count: 20_000) + String(repeating: ")", count: 20_000),
            "#set($x = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + ")",
            "#set($x = " + String(repeating: "{'k':", count: 20_000) + "1" + String(repeating: "}", count: 20_000) + ")",
            "$a[" + String(repeating: "$a[", count: 30_000) + "1" + String(repeating: "]", count: 30_001),
            "#set($x = " + String(repeating: "!", count: 50_000) + "true)",
        ]
        for s in sources {
            XCTAssertThrowsError(try VTLTemplate(s)) { error in
                XCTAssertTrue("\(error)".contains("nested too deeply"), "\(error)")
            }
        }
    }
}
