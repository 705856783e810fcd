import Foundation
import JSONPath
import XCTest

/// Replays Fixtures/jsonpath-cases.jsonl: each case is a body and a path rendered by the
/// VTL oracle (Velocity 1.7 + Jayway JsonPath 2.0.0 + json-smart 2.2) as
/// `$input.json(path)` (mode "json") or `$input.path(path)` (mode "path"). Regenerate with
/// scripts/gen_jsonpath_fixtures.py.
final class JSONPathFixtureTests: XCTestCase {
    struct Case {
        let id: String
        let mode: String
        let path: String
        let body: String
        let expectedOutput: String?  // nil: the oracle reported an error
    }

    /// Cases whose oracle output we knowingly do not reproduce, with the reason.
    static let knownDifferences: [String: String] = [:]

    static func loadCases() throws -> [Case] {
        guard let url = Bundle.module.url(forResource: "jsonpath-cases", withExtension: "jsonl", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: "jsonpath-cases.jsonl")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let expect = object["expect"] as? [String: Any] ?? [:]
            return Case(
                id: object["id"] as? String ?? "?", mode: object["mode"] as? String ?? "json",
                path: object["path"] as? String ?? "", body: object["body"] as? String ?? "",
                expectedOutput: expect["output"] as? String)
        }
    }

    /// What the template prints, or nil for an error: the body parsed as `$input` does (an
    /// empty body reads as `{}`), the path read, the result written as `$input.json` or
    /// rendered as `$input.path` (no match or null prints `""` / nothing).
    static func render(_ c: Case) -> String? {
        let body = c.body.isEmpty ? "{}" : c.body
        do {
            let document = try JSONReader.parse(body)
            let path = try JSONPath(c.path)
            switch try path.read(document) {
            case nil, .null?:
                return c.mode == "json" ? "\"\"" : ""
            case let value?:
                return c.mode == "json" ? JSONWriter.write(value) : JSONWriter.javaString(value)
            }
        } catch {
            return nil
        }
    }

    func testFixtureCasesMatchOracle() throws {
        let cases = try Self.loadCases()
        XCTAssertGreaterThanOrEqual(cases.count, 1000)
        var failures: [String] = []
        var knownHit = 0
        for c in cases {
            let got = Self.render(c)
            let ok = c.expectedOutput == nil ? got == nil : got == c.expectedOutput
            if ok { continue }
            if Self.knownDifferences[c.id] != nil {
                knownHit += 1
                continue
            }
            failures.append(
                "\(c.id) path=\(c.path.debugDescription) body=\(String(c.body.prefix(60)).debugDescription) expected=\(c.expectedOutput?.debugDescription ?? "error") got=\(got?.debugDescription ?? "error")"
            )
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(cases.count) cases differ:\n" + failures.prefix(25).joined(separator: "\n"))
        XCTAssertLessThanOrEqual(knownHit, Self.knownDifferences.count)
    }

    /// `=~` filters need Java regex semantics from the JavaRegex module; without it as a
    /// dependency of the JSONPath target they would silently fail to compile.
    func testRegexFiltersAreAvailable() throws {
        let path = try JSONPath("$[?(@.a =~ /x.*/i)].a")
        let doc = try JSONReader.parse(#"[{"a":"Xyz"},{"a":"y"}]"#)
        XCTAssertEqual(
            path.evaluate(doc), .array([.string("Xyz")]),
            "JSONPath must be built with JavaRegex (add it to the JSONPath target's dependencies)")
    }
}

/// A fixture the test bundle should carry is absent: the test fails rather than skips.
struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) missing" }
}
