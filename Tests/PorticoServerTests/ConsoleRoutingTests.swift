import Foundation
import Hummingbird
import HummingbirdTesting
import PorticoServer
import XCTest

/// The console through the whole responder: where it answers, and where invocations win.
final class ConsoleRoutingTests: XCTestCase {
    private func app() throws -> some ApplicationProtocol {
        try PorticoApplication.make(configuration: ServerConfiguration(port: 0, inMemory: true))
    }

    private static func call(
        _ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method = .post, body: String? = nil
    ) async throws -> [String: Any] {
        // Signed for the management API, as SDKs sign: a custom domain on this host leaves it alone.
        let headers: HTTPFields = [.authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request"]
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            response in
            XCTAssertLessThan(response.status.code, 300, "\(uri): \(String(buffer: response.body))")
            return (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
        }
    }

    func testConsoleAnswersOnTheServersOwnHost() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/_portico/console/", method: .get) { response in
                XCTAssertEqual(response.status.code, 200)
                XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
                XCTAssertEqual(response.headers[.init("X-Frame-Options")!], "DENY")
                XCTAssertNotNil(response.headers[.init("x-amzn-RequestId")!])
                XCTAssertTrue(String(buffer: response.body).contains("<h1>REST APIs</h1>"))
            }
            try await client.execute(uri: "/_portico/console/apis/x", method: .put) { response in
                XCTAssertEqual(response.status.code, 405)
                XCTAssertEqual(response.headers[.allow], "GET, HEAD")
            }
            // The other ops endpoints are unchanged.
            try await client.execute(uri: "/_portico/health", method: .get) { response in
                XCTAssertEqual(response.status.code, 200)
            }
        }
    }

    func testACustomDomainOnTheServersHostLeavesTheConsoleAlone() async throws {
        try await app().test(.router) { client in
            let api = try await Self.call(client, "/restapis", body: #"{"name":"a"}"#)
            let id = api["id"] as? String ?? ""
            let root = api["rootResourceId"] as? String ?? ""
            _ = try await Self.call(client, "/restapis/\(id)/resources/\(root)/methods/GET", .put, body: #"{"authorizationType":"NONE"}"#)
            _ = try await Self.call(
                client, "/restapis/\(id)/resources/\(root)/methods/GET/integration", .put,
                body: #"{"type":"MOCK","requestTemplates":{"application/json":"{\"statusCode\": 200}"}}"#)
            _ = try await Self.call(client, "/restapis/\(id)/deployments", body: #"{"stageName":"_portico"}"#)
            // A custom domain takes every path on its host except the ops paths, the console's
            // included (the test client's host is `localhost`).
            _ = try await Self.call(
                client, "/domainnames",
                body:
                    #"{"domainName":"localhost","regionalCertificateArn":"arn:aws:acm:us-east-1:000000000000:certificate/c","endpointConfiguration":{"types":["REGIONAL"]}}"#
            )
            _ = try await Self.call(client, "/domainnames/localhost/basepathmappings", body: #"{"restApiId":"\#(id)","stage":"_portico"}"#)
            try await client.execute(uri: "/_portico/console/", method: .get) { response in
                XCTAssertEqual(response.status.code, 200)
                XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
            }
            // Every other path on the host is the mapped API's (its MOCK has no integration
            // response: API Gateway's 500 "Internal server error").
            try await client.execute(uri: "/", method: .get) { response in
                XCTAssertEqual(response.status.code, 500)
                XCTAssertEqual(String(buffer: response.body), #"{"message": "Internal server error"}"#)
            }
        }
    }
}
