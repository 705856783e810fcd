import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import Store
import XCTest

/// Each pipeline stage driven through `DataPlane.invoke` with a fixed clock, predictable ids
/// and a scripted backend.
final class PipelineTests: XCTestCase {
    // MARK: 1. resolve the stage

    func testUnknownAPIAnswers404WithAWSMessage() async throws {
        let harness = try Harness()
        let response = await harness.invoke("/pets/1", api: "nope")
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.text, #"{"message": "The API id 'nope' does not correspond to a deployed API Gateway API"}"#)
    }

    func testUnknownStageIsMissingAuthenticationToken() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        let response = await harness.invoke("/pets/1", stage: "prod")
        XCTAssertEqual(response.status, 403)
        XCTAssertEqual(response.header("x-amzn-ErrorType"), "MissingAuthenticationTokenException")
        XCTAssertEqual(response.text, #"{"message":"Missing Authentication Token"}"#)
    }

    // MARK: 2. route

    func testUnroutedRequestUsesTheDeploymentsGatewayResponseWithoutAResource() async throws {
        let harness = try Harness()
        let custom = GatewayResponse(
            responseType: .missingAuthenticationToken, statusCode: "404",
            responseTemplates: ["application/json": #"{"resource":"$context.resourceId","stage":"$context.stage"}"#])
        try await harness.deploy(
            mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]),
            gatewayResponses: ["MISSING_AUTHENTICATION_TOKEN": custom])
        let response = await harness.invoke("/nowhere")
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.text, #"{"resource":"","stage":"dev"}"#)
    }

    func testPathParametersAreDecodedAndReachTemplates() async throws {
        let harness = try Harness()
        let response200 = IntegrationResponse(
            statusCode: "200",
            responseTemplates: [
                "application/json": #"{"id":"$input.params('id')","resource":"$context.resourceId","path":"$context.resourcePath"}"#
            ])
        try await harness.deploy(mockMethod(responses: ["200": response200]))
        let response = await harness.invoke("/pets/a%20b")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"id":"a b","resource":"pets","path":"/pets/{id}"}"#)
    }

    // MARK: identifiers and time come from the injected generator and clock

    func testRequestIdentityComesFromTheInjectedClockAndIds() async throws {
        let harness = try Harness()
        let template =
            #"{"epoch":$context.requestTimeEpoch,"time":"$context.requestTime","ext":"$context.extendedRequestId","id":"$context.requestId"}"#
        try await harness.deploy(
            mockMethod(responses: [
                "200": IntegrationResponse(
                    statusCode: "200",
                    responseTemplates: ["application/json": template])
            ]))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.text, #"{"epoch":1764547200250,"time":"01/Dec/2025:00:00:00 +0000","ext":"ext000000000001=","id":"req-1"}"#)
        XCTAssertEqual(response.header("x-amz-apigw-id"), "ext000000000001=")
        // A MOCK answer carries no X-Amzn-Trace-Id (recorded on AWS: test_invocation_trace_id).
        XCTAssertNil(response.header("X-Amzn-Trace-Id"))
        // The trace is stamped by the same clock.
        harness.clock.advance(by: 5)
        let trace = try XCTUnwrap(harness.plane.traces.trace("req-1"))
        XCTAssertEqual(trace.startedAt, Harness.start)
        XCTAssertTrue(trace.recorded.allSatisfy { $0.0 == Harness.start })
    }

    // MARK: 4–6. integration request, integration, integration response

    func testHTTPIntegrationGetsMappedParametersAndSelectionPicksByStatus() async throws {
        let harness = try Harness()
        let method = Method(
            httpMethod: "GET", authorizationType: "NONE",
            requestParameters: ["method.request.querystring.q": false, "method.request.header.x-tenant": false],
            methodIntegration: Integration(
                type: .http, httpMethod: "GET", uri: "http://backend.test/{id}",
                requestParameters: [
                    "integration.request.path.id": "method.request.path.id",
                    "integration.request.querystring.search": "method.request.querystring.q",
                    "integration.request.header.X-Tenant": "method.request.header.x-tenant",
                    "integration.request.header.X-Stage": "stageVariables.color",
                ],
                passthroughBehavior: "WHEN_NO_MATCH",
                integrationResponses: [
                    "200": IntegrationResponse(statusCode: "200"),
                    "502": IntegrationResponse(
                        statusCode: "502", selectionPattern: "5\\d{2}",
                        responseParameters: ["method.response.header.X-Backend": "integration.response.header.Server"],
                        responseTemplates: ["application/json": #"{"failed":$input.json('$.code')}"#]),
                ]))
        try await harness.deploy(method, variables: ["color": "blue"])
        harness.transport.script(.init(status: 503, headers: [("Server", "nginx")], body: #"{"code":7}"#))
        let response = await harness.invoke("/pets/42", query: [("q", "cats")], headers: [("x-tenant", "t1")])
        XCTAssertEqual(response.status, 502)
        XCTAssertEqual(response.text, #"{"failed":7}"#)
        XCTAssertEqual(response.header("X-Backend"), "nginx")
        // An answer a mapped backend gave carries the trace id, from the injected clock and ids.
        XCTAssertEqual(response.header("X-Amzn-Trace-Id"), "Root=1-692cda80-000000000000000000000001")
        let sent = try XCTUnwrap(harness.transport.seen.first)
        XCTAssertEqual(sent.path.map { "\($0.0)=\($0.1)" }, ["id=42"])
        XCTAssertEqual(sent.querystring.map { "\($0.0)=\($0.1)" }, ["search=cats"])
        XCTAssertEqual(Set(sent.headers.map { "\($0.0)=\($0.1)" }), ["X-Tenant=t1", "X-Stage=blue"])
    }

    func testNoMatchingResponseAndNoDefaultIsAConfigurationError() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(status: 404, responses: ["200": IntegrationResponse(statusCode: "200", selectionPattern: "2\\d{2}")]))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(response.text, #"{"message": "Internal server error"}"#)
        let trace = String(decoding: try XCTUnwrap(harness.plane.traces.trace("req-1")).json(), as: UTF8.self)
        XCTAssertTrue(trace.contains("No match for output mapping and no default output mapping configured"), trace)
    }

    func testAnInvalidSelectionPatternIsReportedNotDropped() async throws {
        let harness = try Harness()
        try await harness.deploy(
            mockMethod(responses: [
                "200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "default"]),
                "400": IntegrationResponse(statusCode: "400", selectionPattern: "([a-z"),
            ]))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "default")
        let trace = String(decoding: try XCTUnwrap(harness.plane.traces.trace("req-1")).json(), as: UTF8.self)
        XCTAssertTrue(trace.contains(#""selectionPattern":"([a-z""#), trace)
        XCTAssertTrue(trace.contains("invalid selection pattern"), trace)
    }

    func testLambdaErrorMessageSelectsTheResponse() async throws {
        let harness = try Harness()
        let method = Method(
            httpMethod: "GET", authorizationType: "NONE",
            methodIntegration: Integration(
                type: .aws, httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations",
                passthroughBehavior: "WHEN_NO_MATCH",
                integrationResponses: [
                    "200": IntegrationResponse(statusCode: "200"),
                    "404": IntegrationResponse(statusCode: "404", selectionPattern: ".*Not found.*"),
                ]))
        try await harness.deploy(method)
        harness.transport.script(.init(status: 200, body: #"{"errorMessage":"Pet Not found"}"#, selectionValue: "Pet Not found"))
        let response = await harness.invoke("/pets/9")
        XCTAssertEqual(response.status, 404)
    }

    // MARK: 7. method response

    func testMethodResponseRemapsReservedHeadersFromNonProxyIntegrations() async throws {
        let harness = try Harness()
        let method = Method(
            httpMethod: "GET", authorizationType: "NONE",
            methodIntegration: Integration(
                type: .http, httpMethod: "GET", uri: "http://backend.test/",
                passthroughBehavior: "WHEN_NO_MATCH",
                integrationResponses: [
                    "200": IntegrationResponse(
                        statusCode: "200",
                        responseParameters: [
                            "method.response.header.Server": "'mine'", "method.response.header.X-Kept": "'yes'",
                        ])
                ]))
        try await harness.deploy(method)
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.header("x-amzn-Remapped-Server"), "mine")
        XCTAssertNil(response.header("Server"))
        XCTAssertEqual(response.header("X-Kept"), "yes")
    }

    // MARK: the error funnel after routing sees the resource

    func testErrorsAfterRoutingRenderGatewayResponsesWithTheResource() async throws {
        let harness = try Harness()
        let method = Method(
            httpMethod: "POST", authorizationType: "NONE",
            methodIntegration: Integration(
                type: .mock, requestTemplates: ["application/json": "{\"statusCode\": 200}"],
                passthroughBehavior: "NEVER",
                integrationResponses: ["200": IntegrationResponse(statusCode: "200")]))
        let custom = GatewayResponse(
            responseType: .unsupportedMediaType, statusCode: "415",
            responseTemplates: ["application/json": #"{"resource":"$context.resourceId","type":"$context.error.responseType"}"#])
        try await harness.deploy(method, verb: "POST", gatewayResponses: ["UNSUPPORTED_MEDIA_TYPE": custom])
        let response = await harness.invoke("/pets/1", method: "POST", headers: [("Content-Type", "text/plain")], body: "x")
        XCTAssertEqual(response.status, 415)
        XCTAssertEqual(response.text, #"{"resource":"pets","type":"UNSUPPORTED_MEDIA_TYPE"}"#)
    }

    // MARK: TestInvokeMethod reuses the stages and reports invalid patterns in its log

    func testTestInvokeLogReportsAnInvalidSelectionPattern() async throws {
        let harness = try Harness()
        try await harness.deploy(
            mockMethod(responses: [
                "200": IntegrationResponse(statusCode: "200"),
                "400": IntegrationResponse(statusCode: "400", selectionPattern: "*bad"),
            ]))
        let result = await harness.plane.testInvoke(
            TestInvokeMethodRequest(
                restApiId: "api1", resourceId: "pets", httpMethod: "GET",
                pathWithQueryString: "/pets/1"),
            requestId: "t-1")
        XCTAssertEqual(result.status, 200)
        let log = try XCTUnwrap(result.log)
        XCTAssertTrue(log.contains("Invalid selection pattern '*bad'"), log)
        XCTAssertTrue(log.contains("Method completed with status: 200"), log)
    }
}
