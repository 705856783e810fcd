import APIGatewayModel
@testable import ControlPlane
import Foundation
import PorticoCore
import Store
import Synchronization
import XCTest

struct FixedClock: WallClock {
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000.7) }
}

/// In-process tests of the management API: routing, validation precedence, patch engine and
/// error rendering, against an in-memory store.
final class ManagementAPITests: XCTestCase {
    private var api: ManagementAPI!

    override func setUp() async throws {
        api = ManagementAPI(
            model: try ModelStore(path: nil),
            environment: ControlPlaneEnvironment(clock: FixedClock(), ids: SequentialIdentifiers()))
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: String = "", query: [(String, String)] = []) async -> (
        Int, [String: Any], [(name: String, value: String)]
    ) {
        let response = await api.handle(
            ManagementRequest(
                method: method, path: Substring(path),
                query: query.map { (name: $0.0, value: $0.1) },
                body: Array(body.utf8)))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json, response.headers)
    }

    private func setUpMethod() async -> (String, String) {
        let (_, created, _) = await call("POST", "/restapis", #"{"name":"t"}"#)
        let id = created["id"] as? String ?? ""
        let root = created["rootResourceId"] as? String ?? ""
        await call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET", #"{"authorizationType":"NONE"}"#)
        await call("PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration", #"{"type":"MOCK"}"#)
        return (id, root)
    }

    func testCreateRestApiDefaultsAndDeterministicIds() async {
        let (status, json, _) = await call("POST", "/restapis", #"{"name":"demo"}"#)
        XCTAssertEqual(status, 201)
        XCTAssertEqual(json["id"] as? String, "api0000001")
        XCTAssertEqual(json["apiKeySource"] as? String, "HEADER")
        XCTAssertEqual(json["createdDate"] as? Int, 1_700_000_000)
        XCTAssertEqual((json["endpointConfiguration"] as? [String: Any])?["ipAddressType"] as? String, "ipv4")
        XCTAssertNil(json["tags"])
    }

    func testValidationComesBeforeExistence() async {
        let (status, json, headers) = await call("GET", "/restapis/nope/resources/nope/methods/GET/integration/responses/wrong")
        XCTAssertEqual(status, 400)
        XCTAssertEqual(headers.first { $0.name == "x-amzn-ErrorType" }?.value, "ValidationException")
        XCTAssertEqual(
            json["message"] as? String,
            #"1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\d\d"#
        )
    }

    func testNotFoundMessagesByLevel() async {
        let (id, root) = await setUpMethod()
        let (_, missingResource, _) = await call("GET", "/restapis/\(id)/resources/zzz/methods/GET/integration/responses/200")
        XCTAssertEqual(missingResource["message"] as? String, "Invalid Resource identifier specified")
        let (_, missingMethod, _) = await call("GET", "/restapis/\(id)/resources/\(root)/methods/POST/integration/responses/200")
        XCTAssertEqual(missingMethod["message"] as? String, "Invalid Method identifier specified")
        let (status, missingCode, _) = await call("GET", "/restapis/\(id)/resources/\(root)/methods/GET/integration/responses/200")
        XCTAssertEqual(status, 404)
        XCTAssertEqual(missingCode["message"] as? String, "Invalid Response status code specified")
    }

    func testSerializationExceptionForWrongTypes() async {
        let (id, root) = await setUpMethod()
        let (status, json, headers) = await call(
            "PUT", "/restapis/\(id)/resources/\(root)/methods/GET/integration/responses/200",
            #"{"responseTemplates":{"application/json":123}}"#)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(headers.first { $0.name == "x-amzn-ErrorType" }?.value, "SerializationException")
        XCTAssertEqual(
            json["message"] as? String,
            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String")
    }

    func testPatchAppliesInOrderAndAnInvalidPatchChangesNothing() async {
        let (id, root) = await setUpMethod()
        let base = "/restapis/\(id)/resources/\(root)/methods/GET/integration/responses/200"
        await call("PUT", base, #"{"selectionPattern":"","responseTemplates":{"application/json":"a"}}"#)
        let (status, patched, _) = await call(
            "PATCH", base,
            #"{"patchOperations":[{"op":"replace","path":"/selectionPattern","value":"4\\d\\d"},{"op":"add","path":"/responseTemplates/text~1plain","value":"b"}]}"#
        )
        XCTAssertEqual(status, 200)
        XCTAssertEqual(patched["selectionPattern"] as? String, #"4\d\d"#)
        XCTAssertEqual((patched["responseTemplates"] as? [String: Any])?["text/plain"] as? String, "b")

        let (badStatus, bad, _) = await call(
            "PATCH", base,
            #"{"patchOperations":[{"op":"replace","path":"/selectionPattern","value":"x"},{"op":"replace","path":"/nope","value":"y"}]}"#)
        XCTAssertEqual(badStatus, 400)
        XCTAssertEqual(bad["message"] as? String, "Invalid patch path /nope")
        let (_, after, _) = await call("GET", base)
        XCTAssertEqual(after["selectionPattern"] as? String, #"4\d\d"#)
    }

    func testBadPatchOpsAreJoinedValidationErrors() async {
        let (id, _) = await setUpMethod()
        let (status, json, _) = await call(
            "PATCH", "/restapis/\(id)",
            #"{"patchOperations":[{"op":"wrong","path":"/name"},{"op":"replace","path":"/name","value":"x"},{"op":"bad","path":"/name"}]}"#)
        XCTAssertEqual(status, 400)
        let message = json["message"] as? String ?? ""
        XCTAssertTrue(message.hasPrefix("2 validation errors detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op'"), message)
        XCTAssertTrue(message.contains("; Value 'bad' at 'updateRestApiInput.patchOperations.3.member.op'"), message)
        XCTAssertTrue(message.contains("[add, remove, move, test, replace, copy]"), message)
    }

    func testQuotedPatchStyleForResources() async {
        let (id, root) = await setUpMethod()
        let (_, child, _) = await call("POST", "/restapis/\(id)/resources/\(root)", #"{"pathPart":"pets"}"#)
        let rid = child["id"] as? String ?? ""
        let (_, json, _) = await call(
            "PATCH", "/restapis/\(id)/resources/\(rid)", #"{"patchOperations":[{"op":"replace","path":"/invalid","value":"x"}]}"#)
        XCTAssertEqual(
            json["message"] as? String, "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]")
        let (_, add, _) = await call(
            "PATCH", "/restapis/\(id)/resources/\(rid)", #"{"patchOperations":[{"op":"add","path":"/pathPart","value":"x"}]}"#)
        XCTAssertEqual(add["message"] as? String, "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations")
    }

    func testEveryModelOperationIsRoutedAndUnimplementedOnesSay501() async {
        // Every operation without a handler answers 501 naming itself (none, once all are built).
        for spec in OperationSpec.all where !api.implementedOperations.contains(spec.name) {
            let path = spec.path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
            let query = spec.fixedQuery.map { (name: $0.0, value: $0.1) }
            let (status, json, headers) = await call(spec.method, path, "{}", query: query)
            XCTAssertEqual(status, 501, spec.name.rawValue)
            XCTAssertEqual(headers.first { $0.name == "x-amzn-ErrorType" }?.value, "NotImplementedException")
            XCTAssertTrue((json["message"] as? String ?? "").contains(spec.name.rawValue))
        }
        let (unknown, body, _) = await call("GET", "/nothing/here")
        XCTAssertEqual(unknown, 404)
        XCTAssertNotNil(body["message"])
    }

    func testMalformedJSONChangesNothing() async {
        let (status, _, headers) = await call("POST", "/restapis", #"{"name": "#)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(headers.first { $0.name == "x-amzn-ErrorType" }?.value, "SerializationException")
        let (_, list, _) = await call("GET", "/restapis")
        XCTAssertEqual((list["item"] as? [Any])?.count, 0)
    }
}
