import VTL
import XCTest

/// Syntax errors name the offending token with its line and column (1-based; columns count
/// UTF-16 units, tabs count as one), so a bad template can be rejected when it is stored.
final class DiagnosticsTests: XCTestCase {
    func diagnostic(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try VTLTemplate(source)
            XCTFail("expected a syntax error for \(source.debugDescription)", file: file, line: line)
            return ""
        } catch {
            return error.description
        }
    }

    func testUnexpectedDirectives() {
        XCTAssertEqual(diagnostic("stray #end here"), "1:7: unexpected #end")
        XCTAssertEqual(diagnostic("#else without if"), "1:1: unexpected #else")
        XCTAssertEqual(diagnostic("a\nb\n  #else x"), "3:3: unexpected #else")
        XCTAssertEqual(diagnostic("line1\nline2\n\n   #end"), "4:4: unexpected #end")
        XCTAssertEqual(diagnostic("a\r\nb\r\n#end"), "3:1: unexpected #end")
        XCTAssertEqual(diagnostic("\u{e9}\u{e9} #end"), "1:4: unexpected #end")
        XCTAssertEqual(diagnostic("#if(true)\n  x\n#end\n#end"), "4:1: unexpected #end")
    }

    func testUnterminatedConstructs() {
        XCTAssertEqual(diagnostic("#if(true)unterminated"), "1:22: unexpected end of template")
        XCTAssertEqual(diagnostic("#foreach($i in [1,2])\n$i\n"), "3:1: unexpected end of template")
        XCTAssertEqual(diagnostic("$input.path('$.a'"), "1:18: unexpected end of template")
        XCTAssertEqual(diagnostic("#set($s = \"never closed)"), "1:11: unterminated string literal")
        XCTAssertEqual(diagnostic("##ok\n#[[ never"), "2:1: unterminated #[[ ]]# block")
        XCTAssertEqual(diagnostic("cost: 5$"), "1:8: unexpected end of template")
    }

    func testUnexpectedTokensInExpressions() {
        XCTAssertEqual(diagnostic("#set($x = )"), "1:11: unexpected \")\"")
        XCTAssertEqual(diagnostic("#set($x = -$y)"), "1:11: unexpected \"-\"")
        XCTAssertEqual(diagnostic("a ${unclosed b"), "1:13: unexpected \" b\"")
        XCTAssertEqual(diagnostic("$s.length( )"), "1:12: unexpected \")\"")
        XCTAssertEqual(diagnostic("#if($a ; $b)x#end"), "1:8: unexpected character ';'")
        XCTAssertEqual(diagnostic("$true"), "1:1: unexpected \"$true\"")
    }

    func testErrorsInsideStringLiteralsPointAtTheLiteral() {
        XCTAssertEqual(diagnostic("#set($x = 1)\n#set($y = \"#if(\")"), "2:11: in a string literal: unexpected end of template")
    }

    func testMacroDeclarationErrors() {
        XCTAssertEqual(diagnostic("x\n#macro()#end"), "2:1: the first argument of #macro must be the macro name")
        XCTAssertEqual(
            diagnostic("#macro('m')x#end"),
            "1:1: the first argument of #macro must be the macro name (a word, not quoted)")
        XCTAssertEqual(diagnostic("#macro x"), "1:1: a macro declaration requires at least a name argument")
        XCTAssertEqual(
            diagnostic("#macro(m $a)x#end#set($s = \"#m(foo)\")"),
            "1:28: in a string literal: invalid argument #0 in call of macro #m")
    }

    func testDirectiveArgumentErrors() {
        XCTAssertEqual(diagnostic("#evaluate()"), "1:1: #evaluate() requires exactly one argument")
        XCTAssertEqual(diagnostic("#evaluate('a' 'b')"), "1:1: #evaluate() requires exactly one argument")
        XCTAssertEqual(diagnostic("#evaluate(1)"), "1:1: #evaluate() argument must be a string literal or reference")
        XCTAssertEqual(diagnostic("#foreach($i in bad)x#end"), "1:1: invalid argument #2 in directive #foreach")
    }

    func testSyntaxErrorValueCarriesLocation() throws {
        do {
            _ = try VTLTemplate("ok\n   #end")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.location, SourceLocation(line: 2, column: 4))
            XCTAssertEqual(error.message, "unexpected #end")
        }
    }

    func testEvaluateReportsSyntaxErrorsAtRenderTime() throws {
        let t = try VTLTemplate("before #evaluate('#if(')")
        XCTAssertThrowsError(try t.render([:])) { error in
            guard case VTLError.syntax(let e) = error else {
                return XCTFail("expected a syntax error, got \(error)")
            }
            XCTAssertEqual(e.message, "unexpected end of template")
        }
    }

    func testRuntimeErrorsCarryLocations() throws {
        let t = try VTLTemplate("#set($s = 'abc')\nok $s.substring(5)")
        XCTAssertThrowsError(try t.render([:])) { error in
            guard case VTLError.runtime(let e) = error else {
                return XCTFail("expected a runtime error, got \(error)")
            }
            XCTAssertEqual(e.kind, "StringIndexOutOfBoundsException")
            XCTAssertEqual(e.location, SourceLocation(line: 2, column: 4))
            XCTAssertEqual(e.description, "2:4: StringIndexOutOfBoundsException: begin 5, end 3, length 3")
        }
    }
}
