import DataPlane
import Foundation
import Hummingbird
import HummingbirdTesting
import PorticoServer
import XCTest

/// The server end to end in-process: plane split, request ids, ops endpoints, invocation URLs.
final class PorticoServerTests: XCTestCase {
    private func app() throws -> some ApplicationProtocol {
        try PorticoApplication.make(configuration: ServerConfiguration(port: 0, inMemory: true))
    }

    func testManagementCallsCarryRequestIdsAndAWSErrors() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/restapis/missing", method: .get) { response in
                XCTAssertEqual(response.status.code, 404)
                XCTAssertNotNil(response.headers[.init("x-amzn-RequestId")!])
                XCTAssertEqual(response.headers[.init("x-amzn-ErrorType")!], "NotFoundException")
                XCTAssertEqual(String(buffer: response.body), #"{"message":"Invalid API identifier specified 000000000000:missing"}"#)
            }
            try await client.execute(uri: "/_portico/health", method: .get) { response in
                XCTAssertEqual(response.status.code, 200)
                XCTAssertTrue(String(buffer: response.body).contains(#""apigateway":"running""#))
            }
        }
    }

    func testRequestIdsAreDistinctVersion4UUIDs() async throws {
        try await app().test(.router) { client in
            var seen: Set<String> = []
            for _ in 0..<50 {
                try await client.execute(uri: "/_portico/health", method: .get) { response in
                    let id = try XCTUnwrap(response.headers[.init("x-amzn-RequestId")!])
                    XCTAssertNotNil(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/), id)
                    XCTAssertEqual(UUID(uuidString: id)?.uuidString.lowercased(), id)
                    seen.insert(id)
                }
            }
            XCTAssertEqual(seen.count, 50)
        }
    }

    func testResetWipesState() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/restapis", method: .post, body: ByteBuffer(string: #"{"name":"a"}"#)) { response in
                XCTAssertEqual(response.status.code, 201)
            }
            try await client.execute(uri: "/moto-api/reset", method: .post) { response in
                XCTAssertEqual(String(buffer: response.body), #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/restapis", method: .get) { response in
                XCTAssertEqual(String(buffer: response.body), #"{"item":[]}"#)
            }
        }
    }

    func testInvocationOfAnUndeployedStageIsMissingAuthenticationToken() async throws {
        try await app().test(.router) { client in
            var apiId = ""
            try await client.execute(uri: "/restapis", method: .post, body: ByteBuffer(string: #"{"name":"a"}"#)) { response in
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                apiId = json?["id"] as? String ?? ""
            }
            try await client.execute(uri: "/_aws/execute-api/\(apiId)/dev/x", method: .get) { response in
                XCTAssertEqual(response.status.code, 403)
                XCTAssertEqual(response.headers[.init("x-amzn-ErrorType")!], "MissingAuthenticationTokenException")
            }
        }
    }

    func testInvocationURLForms() {
        XCTAssertEqual(
            InvocationTarget.parse(host: "localhost:4566", path: "/_aws/execute-api/abc/dev/pets/1"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/pets/1"))
        XCTAssertEqual(
            InvocationTarget.parse(host: nil, path: "/restapis/abc/dev/_user_request_/pets"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/pets"))
        XCTAssertEqual(
            InvocationTarget.parse(host: "abc.execute-api.localhost.localstack.cloud:4566", path: "/dev/"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/"))
        XCTAssertNil(InvocationTarget.parse(host: "localhost", path: "/restapis/abc/resources"))
    }
}
