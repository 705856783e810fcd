import Foundation
import JSONPath
import XCTest

/// The public JSONPath API as the template engine uses it (the oracle fixtures check the
/// results in bulk; these pin the API contract).
final class JSONPathAPITests: XCTestCase {
    let document: JSONValue = {
        let text = #"{"a":{"b":[{"c":1},{"c":2,"d":"x"}]},"n":null,"s":"str"}"#
        return (try? JSONReader.parse(text)) ?? .null
    }()

    func testDefiniteAndIndefinitePaths() throws {
        XCTAssertTrue(try JSONPath("$.a.b[0].c").isDefinite)
        XCTAssertTrue(try JSONPath("$['a']['b','x']").isDefinite)
        XCTAssertFalse(try JSONPath("$.a.b[*].c").isDefinite)
        XCTAssertFalse(try JSONPath("$..c").isDefinite)
        XCTAssertFalse(try JSONPath("$.a.b[0:1]").isDefinite)
        XCTAssertEqual(try JSONPath("$.a.b[1].d").evaluate(document), .string("x"))
        XCTAssertEqual(try JSONPath("$.a.b[*].c").evaluate(document), .array([.int(1), .int(2)]))
        XCTAssertEqual(try JSONPath("a.b[?(@.d)].c").evaluate(document), .array([.int(2)]))
    }

    func testNotFoundVersusErrors() throws {
        // A definite path that finds nothing is nil; an indefinite one an empty array.
        XCTAssertNil(try JSONPath("$.a.missing").evaluate(document))
        XCTAssertNil(try JSONPath("$.a.b[5]").read(document))
        XCTAssertEqual(try JSONPath("$.a.missing[*]").evaluate(document), .array([]))
        // A JSON null is found (it prints as "" in templates, like a missing value).
        XCTAssertEqual(try JSONPath("$.n").read(document), .null)
        // Jayway errors: an index applied to an object, a null document.
        XCTAssertThrowsError(try JSONPath("$.a[0]").read(document))
        XCTAssertNil(try JSONPath("$.a[0]").evaluate(document))
        XCTAssertThrowsError(try JSONPath("$").read(.null))
    }

    func testInvalidPathsThrow() {
        for expression in ["", "$.", "$..", "$[\"a\"]", "$.a b", "$[?(@.a in [1])]", "$[?(@.a == 'x')", "$a"] {
            XCTAssertThrowsError(try JSONPath(expression), expression) { error in
                XCTAssertFalse((error as? JSONPathError)?.message.isEmpty ?? true)
            }
        }
    }

    func testHashableByExpression() throws {
        let set: Set<JSONPath> = [try JSONPath("$.a"), try JSONPath("$.a"), try JSONPath("$.b")]
        XCTAssertEqual(set.count, 2)
    }

    func testCompiledPathIsSharedAcrossThreads() throws {
        let path = try JSONPath("$.items[?(@.v > 10)].v")
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            let doc = JSONValue.object(["items": .array((0..<20).map { .object(["v": .int(Int64($0 + i))]) })])
            let result = path.evaluate(doc)
            guard case .array(let items)? = result else { return XCTFail("no array") }
            XCTAssertEqual(items.count, 20 - max(0, 11 - i))
        }
    }

    func testRootReferencesAndComparisonsInFilters() throws {
        let doc = try JSONReader.parse(#"{"limit":2,"xs":[{"v":1},{"v":2},{"v":"3"},{"v":true}]}"#)
        XCTAssertEqual(try JSONPath("$.xs[?(@.v <= $.limit)].v").evaluate(doc), .array([.int(1), .int(2)]))
        XCTAssertEqual(try JSONPath("$.xs[?(@.v == '3')].v").evaluate(doc), .array([.string("3")]))
        let flags = try JSONReader.parse(#"{"f":[{"b":true},{"b":false},{"b":"true"}]}"#)
        XCTAssertEqual(try JSONPath("$.f[?(@.b == true)].b").evaluate(flags), .array([.bool(true), .string("true")]))
        // Comparing a number with a non-numeric literal fails the read, as in Jayway.
        XCTAssertThrowsError(try JSONPath("$.xs[?(@.v == true)]").read(doc))
        XCTAssertThrowsError(try JSONPath("$.xs[?(@.v == abc)]").read(doc))
    }
}
