import Foundation
import JSONPath
import MappingTemplates
import VTL
import XCTest

/// Replays the committed corpora through `MappingTemplate`, exactly as `portico-vtl --check`
/// does: every case must give the oracle's output byte for byte (or an error of the same
/// type, and the same override maps when the case asks for them).
///
/// - Fixtures/public.jsonl: the shared corpus (shared/vtl-corpus/public.jsonl).
/// - Fixtures/generated.jsonl: scripts/gen_vtl_fixtures.py --annotate (oracle expectations).
/// - Fixtures/format-escape.jsonl: scripts/gen_vtl_format_fixtures.py --annotate (Java's
///   `String.format` called on a string, and `$util.escapeJavaScript` on every ASCII character).
final class FixtureTests: XCTestCase {
    /// Cases whose oracle result we knowingly do not reproduce, with the reason.
    static let knownDifferences: [String: String] = [:]

    static func load(_ name: String) throws -> [JSONValue] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures") else {
            throw FixtureMissing(name: "\(name).jsonl")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map { try JSONReader.parse(String($0)) }
    }

    func check(_ name: String, minimum: Int) throws {
        let cases = try Self.load(name)
        XCTAssertGreaterThanOrEqual(cases.count, minimum, "\(name) has too few cases")
        var failures: [String] = []
        for c in cases {
            guard case .string(let id)? = c["id"] else {
                failures.append("case without id")
                continue
            }
            if Self.knownDifferences[id] != nil { continue }
            let result = OracleCase.run(c)
            if !OracleCase.matches(result, c["expect"]) {
                let expect = c["expect"].map { JSONWriter.write($0) } ?? "none"
                failures.append("\(id)\n  expect: \(expect)\n  actual: \(OracleCase.resultLine(result, id: nil))")
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(cases.count) cases differ:\n" + failures.prefix(20).joined(separator: "\n"))
    }

    func testPublicCorpus() throws {
        try check("public", minimum: 179)
    }

    func testGeneratedCorpus() throws {
        try check("generated", minimum: 2000)
    }

    func testFormatAndEscapeCorpus() throws {
        try check("format-escape", minimum: 800)
    }
}

/// A fixture the test bundle should carry is absent: the test fails rather than skips.
struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) missing" }
}
