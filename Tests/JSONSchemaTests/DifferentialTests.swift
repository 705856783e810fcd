import Foundation
import JSONSchema
import XCTest

/// Replays Fixtures/jsonschema-cases.json (written by Fixtures/generate.py): generated draft 4
/// schemas and instances with Python `jsonschema`'s Draft4Validator answers, and schemas the
/// meta-schema check must accept or refuse. A missing fixture fails the test.
final class DifferentialTests: XCTestCase {
    struct FixtureMissing: Error {}

    /// Schema checks we knowingly answer differently from Python, with the reason.
    static let knownCheckDifferences: [String: String] = [
        #"{"patternProperties":{"(":{}}}"#:
            "the Java validator's syntax check refuses a patternProperties name that is not a regex; Python's meta-schema does not look"
    ]

    static func load() throws -> SchemaObject {
        guard let url = Bundle.module.url(forResource: "jsonschema-cases", withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureMissing()
        }
        guard case .object(let root) = try SchemaJSON.parse(Array(try Data(contentsOf: url))) else { throw FixtureMissing() }
        return root
    }

    func testInstancesAgreeWithPythonJsonschema() throws {
        let root = try Self.load()
        var documents: [String: SchemaValue] = [:]
        if case .object(let docs)? = root["documents"] {
            for (uri, doc) in docs.members { documents[uri] = doc }
        }
        guard case .array(let cases)? = root["cases"] else { return XCTFail("no cases") }
        XCTAssertGreaterThan(cases.count, 1000)
        var compiled: [String: JSONSchema] = [:]
        var failures: [String] = []
        for (i, item) in cases.enumerated() {
            guard case .object(let c) = item, let schema = c["schema"], let instance = c["instance"],
                case .bool(let expected)? = c["valid"]
            else { return XCTFail("malformed case \(i)") }
            let key = schema.compactText
            let engine = compiled[key] ?? JSONSchema(schema, documents: documents)
            compiled[key] = engine
            let result = engine.validate(instance)
            if case .exhausted(let reason) = result {
                failures.append("case \(i): exhausted (\(reason))")
            } else if result.isValid != expected {
                failures.append("case \(i): expected \(expected ? "valid" : "invalid"), got \(result) for \(instance.compactText) against \(key)")
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) of \(cases.count) differ:\n" + failures.prefix(20).joined(separator: "\n"))
    }

    func testMetaSchemaChecksAgreeWithPythonJsonschema() throws {
        let root = try Self.load()
        guard case .array(let checks)? = root["schemaChecks"] else { return XCTFail("no schema checks") }
        XCTAssertGreaterThan(checks.count, 30)
        for (i, item) in checks.enumerated() {
            guard case .object(let c) = item, let schema = c["schema"], case .bool(let expected)? = c["valid"] else {
                return XCTFail("malformed check \(i)")
            }
            let problems = JSONSchema.check(schema)
            if Self.knownCheckDifferences[schema.compactText] != nil {
                XCTAssertNotEqual(problems.isEmpty, expected, "check \(i) no longer differs: \(schema.compactText)")
                continue
            }
            XCTAssertEqual(problems.isEmpty, expected, "check \(i): \(schema.compactText) → \(problems)")
        }
    }
}
