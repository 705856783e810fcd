import APIGatewayModel
import Foundation
import XCTest

@testable import LambdaService

/// The pure parts of the Lambda host: zip central directories and entry names, stored function
/// documents, error payloads and log tails.
final class LambdaServiceTests: XCTestCase {
    enum Zips {
        // Made with Python's zipfile: handler.py and pkg/mod.py; and one symbolic link to /etc/passwd.
        static let plain: [UInt8] = [
            80, 75, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 33, 0, 0, 207, 244, 133, 4, 0, 0, 0, 4, 0, 0, 0, 10, 0, 0, 0, 104, 97, 110, 100, 108, 101, 114, 46,
            112, 121, 120, 61, 49, 10, 80, 75, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 33, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 112, 107, 103,
            47, 109, 111, 100, 46, 112, 121, 80, 75, 1, 2, 20, 3, 20, 0, 0, 0, 0, 0, 0, 0, 33, 0, 0, 207, 244, 133, 4, 0, 0, 0, 4, 0, 0, 0, 10, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 164, 129, 0, 0, 0, 0, 104, 97, 110, 100, 108, 101, 114, 46, 112, 121, 80, 75, 1, 2, 20, 3, 20, 0, 0, 0, 0, 0,
            0, 0, 33, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 164, 129, 44, 0, 0, 0, 112, 107, 103, 47, 109, 111,
            100, 46, 112, 121, 80, 75, 5, 6, 0, 0, 0, 0, 2, 0, 2, 0, 112, 0, 0, 0, 84, 0, 0, 0, 0, 0,
        ]
        static let symlink: [UInt8] = [
            80, 75, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 33, 0, 10, 185, 31, 41, 11, 0, 0, 0, 11, 0, 0, 0, 4, 0, 0, 0, 108, 105, 110, 107, 47, 101, 116, 99,
            47, 112, 97, 115, 115, 119, 100, 80, 75, 1, 2, 20, 3, 20, 0, 0, 0, 0, 0, 0, 0, 33, 0, 10, 185, 31, 41, 11, 0, 0, 0, 11, 0, 0, 0, 4, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 161, 0, 0, 0, 0, 108, 105, 110, 107, 80, 75, 5, 6, 0, 0, 0, 0, 1, 0, 1, 0, 50, 0, 0, 0, 45, 0, 0, 0, 0, 0,
        ]
    }

    func testCentralDirectoryIsRead() throws {
        let entries = try XCTUnwrap(CodePackage.entries(Zips.plain))
        XCTAssertEqual(entries.map(\.name), ["handler.py", "pkg/mod.py"])
        XCTAssertEqual(entries.map(\.uncompressedSize), [4, 0])
        XCTAssertEqual(entries.map(\.isSymlink), [false, false])
        XCTAssertEqual(try XCTUnwrap(CodePackage.entries(Zips.symlink)).map(\.isSymlink), [true])
    }

    func testNotAZipIsRefused() {
        XCTAssertNil(CodePackage.entries(Array("not a zip file at all, just text".utf8)))
        XCTAssertNil(CodePackage.entries([]))
        // A truncated archive: the end record points past the data.
        XCTAssertNil(CodePackage.entries(Array(Zips.plain.suffix(30))))
    }

    func testEntryNamesMustStayInside() {
        XCTAssertTrue(CodePackage.isContained("handler.py"))
        XCTAssertTrue(CodePackage.isContained("a/b/..c/d.py"))
        XCTAssertFalse(CodePackage.isContained("../x"))
        XCTAssertFalse(CodePackage.isContained("a/../../x"))
        XCTAssertFalse(CodePackage.isContained("/etc/passwd"))
        XCTAssertFalse(CodePackage.isContained("a\\..\\..\\x"))
        XCTAssertFalse(CodePackage.isContained("C:/x"))
    }

    func testUnpackRefusesEscapesAndKeepsNothing() throws {
        let directory = NSTemporaryDirectory() + "/portico-unpack-\(UUID().uuidString)"
        XCTAssertThrowsError(try CodePackage.unpack(Zips.symlink, into: directory)) { error in
            XCTAssertEqual((error as? LambdaError)?.type, "InvalidParameterValueException")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory))
        try CodePackage.unpack(Zips.plain, into: directory)
        XCTAssertEqual(try String(contentsOfFile: directory + "/handler.py", encoding: .utf8), "x=1\n")
        try FileManager.default.removeItem(atPath: directory)
    }

    func testFunctionDocumentRoundTrips() throws {
        var record = FunctionRecord(
            name: "fn", runtime: "python3.12", role: "arn:aws:iam::000000000000:role/r", handler: "h.h",
            lastModified: "2026-12-02T00:00:00.000+0000", codeSha256: "abc", codeSize: 10, revisionId: "rev",
            codeDirectory: "/tmp/x")
        record.environment = ["A": "1"]
        record.timeout = 9
        record.statements = [.object(["Sid": .string("s")])]
        record.tags = ["t": "v"]
        XCTAssertEqual(FunctionRecord(document: record.document), record)
        var published = record
        published.version = "1"
        record.versions = [published]
        record.lastVersion = 1
        record.aliases = ["live": .init(name: "live", functionVersion: "1", description: "d", revisionId: "r")]
        XCTAssertEqual(FunctionRecord(document: record.document), record)
        XCTAssertTrue(record.usesCode("/tmp/x"))
        XCTAssertFalse(record.usesCode("/tmp/y"))
        XCTAssertNil(FunctionRecord(document: .object(["name": .string("only")])))
    }

    func testConfigurationShape() {
        let record = FunctionRecord(
            name: "fn", runtime: "nodejs20.x", role: "r", handler: "index.handler", lastModified: "t", codeSha256: "s",
            codeSize: 1, revisionId: "rev", codeDirectory: "/d")
        let pending = record.configuration(arn: "arn", state: "Pending")
        XCTAssertEqual(pending["StateReasonCode"], .string("Creating"))
        XCTAssertNil(pending["LastUpdateStatus"])
        XCTAssertNil(pending["Environment"])
        XCTAssertEqual(record.configuration(arn: "arn")["LastUpdateStatus"], .string("Successful"))
        XCTAssertEqual(record.configuration(arn: "arn", updating: true)["LastUpdateStatus"], .string("InProgress"))
    }

    func testErrorPayloadsAreJSON() throws {
        let outcome = InvocationOutcome.error("Sandbox.Timedout", "quote \" backslash \\ newline \n tab \t bell \u{7}")
        let parsed = try XCTUnwrap(StrictJSON.parse(outcome.payload))
        XCTAssertEqual(parsed["errorMessage"], .string("quote \" backslash \\ newline \n tab \t bell \u{7}"))
        XCTAssertEqual(parsed["errorType"], .string("Sandbox.Timedout"))
    }

    func testLogTailIsTheLast4KBOnACharacterBoundary() {
        XCTAssertEqual(LambdaAPI.tail("short"), "short")
        let log = String(repeating: "é", count: 3000)  // 6000 bytes
        let tail = LambdaAPI.tail(log)
        XCTAssertLessThanOrEqual(tail.utf8.count, 4096)
        XCTAssertGreaterThan(tail.utf8.count, 4090)
        XCTAssertTrue(tail.allSatisfy { $0 == "é" })
    }

    func testErrorsRenderAsAWSDoes() throws {
        let notFound = LambdaError.functionNotFound("arn:x").response
        XCTAssertEqual(notFound.status, 404)
        XCTAssertEqual(StrictJSON.parse(notFound.body), .object(["Message": .string("Function not found: arn:x"), "Type": .string("User")]))
        let conflict = LambdaError.conflict("Function already exist: f").response
        XCTAssertEqual(StrictJSON.parse(conflict.body), .object(["message": .string("Function already exist: f"), "Type": .string("User")]))
        XCTAssertTrue(conflict.headers.contains { $0.name == "x-amzn-ErrorType" && $0.value == "ResourceConflictException" })
    }
}
