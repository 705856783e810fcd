import XCTest

@testable import Console

final class VTLHighlighterTests: XCTestCase {
    private func kinds(_ source: String) -> [[String]] {
        VTLHighlighter.lines(source).map { $0.map { "\($0.kind):\($0.text)" } }
    }

    func testDirectivesReferencesStringsNumbersAndComments() {
        XCTAssertEqual(
            kinds(#"#set($x = $input.path('$.a')) ## note"#),
            [["d:#set", ":(", "r:$x", ": = ", "r:$input.path", ":(", "s:'$.a'", ":)) ", "c:## note"]])
        XCTAssertEqual(kinds("#foreach($i in [1..3])$!{i}#end"), [["d:#foreach", ":(", "r:$i", ": in [", "n:1..3", ":])", "r:$!{i}", "d:#end"]])
        XCTAssertEqual(kinds("#{if}(true)x#{else}y#{end}"), [["d:#{if}", ":(true)x", "d:#{else}", ":y", "d:#{end}"]])
    }

    func testBlockCommentsAndUnparsedTextSpanLines() {
        XCTAssertEqual(kinds("a#* one\ntwo *#b"), [[":a", "c:#* one"], ["c:two *#", ":b"]])
        XCTAssertEqual(kinds("#[[ $notARef ]]#"), [[":#[[ $notARef ]]#"]])
    }

    func testPlainTextAndDollarSignsThatAreNotReferences() {
        XCTAssertEqual(kinds("cost: $5 and 100%"), [[":cost: $5 and 100%"]])
        XCTAssertEqual(kinds("{\"a\": 1}\n\n"), [[":{\"a\": 1}"], [], []])
    }

    func testUnbalancedInputNeverFails() {
        for source in ["#if(", "$input.json(", "'", "#*", "#[[", "$!{", "((((", ")))"] {
            XCTAssertEqual(VTLHighlighter.lines(source).flatMap { $0 }.map(\.text).joined(), source)
        }
    }
}

final class TemplateDiagnosticsTests: XCTestCase {
    func testVTLSyntaxErrorsCarryLineAndColumn() throws {
        XCTAssertNil(TemplateDiagnostics.template(#"{"a": "$input.path('$.a')"}"#))
        let problem = try XCTUnwrap(TemplateDiagnostics.template("#set($a = 1)\n#if($a\n{\"x\": 1}\n#end"))
        XCTAssertEqual(problem.line, 3)
        XCTAssertEqual(problem.column, 1)
        XCTAssertTrue(problem.text.hasPrefix("3:1: "), problem.text)
        let unclosed = try XCTUnwrap(TemplateDiagnostics.template("ok\n  #end"))
        XCTAssertEqual([unclosed.line, unclosed.column], [2, 3])
    }

    func testPatternErrorsCarryJavasIndexAsLineAndColumn() throws {
        XCTAssertNil(TemplateDiagnostics.pattern(#"4\d{2}"#))
        let problem = try XCTUnwrap(TemplateDiagnostics.pattern(#"4\d{2"#))
        XCTAssertEqual(problem.line, 1)
        XCTAssertEqual(problem.column, 6)
        XCTAssertTrue(problem.message.contains("closure"), problem.message)
        let unclosedGroup = try XCTUnwrap(TemplateDiagnostics.pattern("(a|b"))
        XCTAssertEqual(unclosedGroup.line, 1)
    }

    func testPositionOfAUTF16Offset() {
        XCTAssertEqual(TemplateDiagnostics.position(ofUTF16Offset: 0, in: "abc").column, 1)
        XCTAssertEqual(TemplateDiagnostics.position(ofUTF16Offset: 4, in: "ab\ncd").line, 2)
        XCTAssertEqual(TemplateDiagnostics.position(ofUTF16Offset: 4, in: "ab\ncd").column, 2)
        // A character outside the BMP is two UTF-16 units but one column.
        XCTAssertEqual(TemplateDiagnostics.position(ofUTF16Offset: 3, in: "😀ab").column, 3)
    }

    func testTemplateViewMarksTheErrorLine() throws {
        let view = TemplateView.make(contentType: "application/json", source: "a\n#end\nb")
        XCTAssertEqual(view["hasDiag"] as? Bool, true)
        let lines = try XCTUnwrap(view["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.map { $0["err"] as? Bool }, [false, true, false])
    }
}
