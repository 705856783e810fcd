import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import Store
import XCTest

/// Access logs: formats split into text and `$context` variables, rendered per invocation
/// (`-` for anything without a value), written by the writer task to one file per log group.
final class AccessLogTests: XCTestCase {
    func testFormatsSplitIntoTextAndVariables() {
        XCTAssertEqual(
            AccessLogFormat(#"{"id":"$context.requestId","ip":"$context.identity.sourceIp"}"#).parts,
            [.text(#"{"id":""#), .variable("requestId"), .text(#"","ip":""#), .variable("identity.sourceIp"), .text(#""}"#)])
        // A trailing dot ends a sentence, `$context` alone and `$other` stay text, line breaks become spaces.
        XCTAssertEqual(
            AccessLogFormat("id $context.requestId. $context $stage\nnext").parts,
            [.text("id "), .variable("requestId"), .text(". $context $stage next")])
    }

    func testRenderingPutsADashForMissingValues() {
        let format = AccessLogFormat("$context.a,$context.b,$context.c")
        XCTAssertEqual(format.render { ["a": "1", "b": ""][$0] }, "1,-,-")
        XCTAssertEqual(format.render { _ in "x\ny" }, "x y,x y,x y")
        // XML and CSV formats are text around variables too.
        let xml = AccessLogFormat(#"<request id="$context.requestId"><status>$context.status</status></request>"#)
        XCTAssertEqual(xml.render { ["requestId": "r1", "status": "200"][$0] }, #"<request id="r1"><status>200</status></request>"#)
        let csv = AccessLogFormat("$context.identity.sourceIp,$context.requestTime,$context.unknown,$context.status")
        XCTAssertEqual(
            csv.render { ["identity.sourceIp": "127.0.0.1", "requestTime": "01/Dec/2025:00:00:00 +0000", "status": "502"][$0] },
            "127.0.0.1,01/Dec/2025:00:00:00 +0000,-,502")
    }

    func testFileNamesComeFromTheLogGroupSanitised() {
        XCTAssertEqual(
            AccessLogWriter.fileName(forDestination: "arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access-Logs_abc/dev"),
            "API-Gateway-Access-Logs_abc_dev.log")
        XCTAssertEqual(AccessLogWriter.fileName(forDestination: "arn:aws:logs:us-east-1:1:log-group:/aws/apigw:*"), "_aws_apigw.log")
        XCTAssertEqual(
            AccessLogWriter.fileName(forDestination: "arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-x"),
            "amazon-apigateway-x.log")
        XCTAssertEqual(AccessLogWriter.fileName(forDestination: "arn:aws:logs:r:1:log-group:../../etc"), "_._.._etc.log")
        XCTAssertEqual(AccessLogWriter.fileName(forDestination: ""), "access.log")
    }

    func testInvocationsAreWrittenInTheStagesFormats() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portico-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = AccessLogWriter(destination: .directory(directory.path))
        let harness = try Harness(accessLogs: writer)
        try await harness.deploy(
            mockMethod(responses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": #"{"ok":true}"#])]))
        let clf =
            #"$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId"#
        let json =
            #"{"requestId":"$context.requestId","status":"$context.status","error":"$context.error.message","type":"$context.error.responseType","unknown":"$context.nothing.here","stage":"$context.stage","canary":"$context.isCanaryRequest","latency":"$context.integrationLatency"}"#
        try await harness.update { state in
            state.apis["api1"]?.stages["dev"]?.accessLogSettings = AccessLogSettings(
                format: clf, destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:clf-group")
        }
        _ = await harness.invoke("/pets/1", headers: [("User-Agent", "tests")])
        try await harness.update { state in
            state.apis["api1"]?.stages["dev"]?.accessLogSettings = AccessLogSettings(
                format: json, destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:json/group")
        }
        _ = await harness.invoke("/nowhere")
        _ = await harness.invoke("/pets/2")
        // A stage without a destination writes nothing.
        try await harness.update { state in
            state.apis["api1"]?.stages["dev"]?.accessLogSettings = AccessLogSettings(format: json, destinationArn: nil)
        }
        _ = await harness.invoke("/pets/3")
        await writer.flush()
        let clfLines = try String(contentsOf: directory.appendingPathComponent("clf-group.log"), encoding: .utf8)
        XCTAssertEqual(clfLines, #"127.0.0.1 - - [01/Dec/2025:00:00:00 +0000] "GET /pets/{id} HTTP/1.1" 200 11 req-1"# + "\n")
        let jsonLines = try String(contentsOf: directory.appendingPathComponent("json_group.log"), encoding: .utf8)
        XCTAssertEqual(
            jsonLines,
            #"{"requestId":"req-1","status":"403","error":"Missing Authentication Token","type":"MISSING_AUTHENTICATION_TOKEN","unknown":"-","stage":"dev","canary":"-","latency":"-"}"#
                + "\n"
                + #"{"requestId":"req-1","status":"200","error":"-","type":"-","unknown":"-","stage":"dev","canary":"-","latency":"-"}"# + "\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        XCTAssertEqual(files, ["clf-group.log", "json_group.log"])
        XCTAssertEqual(writer.dropped, 0)
    }

    func testAFullQueueDropsAndCounts() async throws {
        let writer = AccessLogWriter(destination: .directory("/nonexistent-portico-dir"), capacity: 0)
        let harness = try Harness(accessLogs: writer)
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        try await harness.update { state in
            state.apis["api1"]?.stages["dev"]?.accessLogSettings = AccessLogSettings(
                format: "$context.requestId", destinationArn: "arn:aws:logs:us-east-1:1:log-group:g")
        }
        for _ in 0..<3 { _ = await harness.invoke("/pets/1") }
        XCTAssertEqual(writer.dropped, 3)
    }

    func testAuthorizerVariables() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("portico-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = AccessLogWriter(destination: .directory(directory.path))
        let harness = try Harness(accessLogs: writer)
        var method = mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")])
        method.authorizationType = "CUSTOM"
        method.authorizerId = AuthorizerTests.tokenAuthorizer.id
        try await harness.deploy(method, authorizers: ["auth1": AuthorizerTests.tokenAuthorizer])
        try await harness.update { state in
            state.apis["api1"]?.stages["dev"]?.accessLogSettings = AccessLogSettings(
                format:
                    "$context.authorizer.principalId $context.authorizer.tier $context.authorizer.status $context.authorizer.integrationStatus $context.authorizer.latency $context.status",
                destinationArn: "arn:aws:logs:us-east-1:1:log-group:auth")
        }
        harness.transport.scriptAuthorizer(AuthorizerTests.allow)
        _ = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer abc")])
        harness.transport.scriptAuthorizer(#"{"errorMessage":"Unauthorized"}"#, functionError: "Unhandled")
        _ = await harness.invoke("/pets/1", headers: [("Authorization", "Bearer other")])
        await writer.flush()
        let lines = try String(contentsOf: directory.appendingPathComponent("auth.log"), encoding: .utf8)
        XCTAssertEqual(lines, "user-1 gold 200 200 0 200\n- - 401 200 0 401\n")
    }
}
