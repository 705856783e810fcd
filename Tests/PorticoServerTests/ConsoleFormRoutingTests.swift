import Foundation
import Hummingbird
import HummingbirdTesting
import PorticoServer
import XCTest

/// The console's POST plumbing through the responder: the form body's cap, and the request
/// headers reaching the origin check.
final class ConsoleFormRoutingTests: XCTestCase {
    private func app() throws -> some ApplicationProtocol {
        try PorticoApplication.make(configuration: ServerConfiguration(port: 0, inMemory: true))
    }

    private static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    func testAFormOverTheCapIs413() async throws {
        try await app().test(.router) { client in
            let body = ByteBuffer(string: "template=" + String(repeating: "x", count: 1 << 20))
            try await client.execute(uri: "/_portico/console/apis/a/resources/r/methods/GET/try", method: .post, headers: Self.form, body: body) {
                response in
                XCTAssertEqual(response.status.code, 413)
                XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
            }
        }
    }

    func testTheOriginHeaderReachesTheConsole() async throws {
        try await app().test(.router) { client in
            var headers = Self.form
            headers[.origin] = "http://evil.example"
            try await client.execute(
                uri: "/_portico/console/apis/a/resources/r/methods/GET/try", method: .post, headers: headers,
                body: ByteBuffer(string: "stage=dev")
            ) { response in
                XCTAssertEqual(response.status.code, 403)
                XCTAssertTrue(String(buffer: response.body).contains("Origin http://evil.example"))
            }
            // Without the foreign origin the same form gets as far as the (unknown) API.
            try await client.execute(
                uri: "/_portico/console/apis/a/resources/r/methods/GET/try", method: .post, headers: Self.form,
                body: ByteBuffer(string: "stage=dev")
            ) { response in
                XCTAssertEqual(response.status.code, 404)
            }
        }
    }
}
