import APIGatewayModel
@testable import DataPlane
import Foundation
import XCTest

/// Routing and headers as AWS (fall-through to `{proxy+}`, no trace id on MOCK answers, the
/// request template's `responseOverride` seen by the response template, a body `$input`
/// cannot parse is a 400) and the front end's limits.
final class RoutingLimitsTests: XCTestCase {
    /// `/pets` (GET only), `/pets/{id}` (GET only), `/{proxy+}` (ANY): MOCK methods that say
    /// which resource answered.
    private func deployProxyTree(_ harness: Harness) async throws {
        func named(_ name: String, verb: String) -> Method {
            var method = mockMethod(responses: [
                "200": IntegrationResponse(
                    statusCode: "200",
                    responseTemplates: ["application/json": "\(name) $context.resourcePath $input.params('proxy')"])
            ])
            method.httpMethod = verb
            return method
        }
        var pets = Resource(id: "pets", parentId: "root", pathPart: "pets", path: "/pets")
        pets.resourceMethods = ["GET": named("pets", verb: "GET")]
        var pet = Resource(id: "pet", parentId: "pets", pathPart: "{id}", path: "/pets/{id}")
        pet.resourceMethods = ["GET": named("pet", verb: "GET")]
        var proxy = Resource(id: "proxy", parentId: "root", pathPart: "{proxy+}", path: "/{proxy+}")
        proxy.resourceMethods = ["ANY": named("proxy", verb: "ANY")]
        try await harness.deploy(resources: [
            "root": Resource(id: "root", path: "/"), "pets": pets, "pet": pet, "proxy": proxy,
        ])
    }

    func testAResourceWithoutTheMethodFallsThroughToTheGreedySibling() async throws {
        let harness = try Harness()
        try await deployProxyTree(harness)
        let get = await harness.invoke("/pets")
        XCTAssertEqual(get.text, "pets /pets ")
        let post = await harness.invoke("/pets", method: "POST")
        XCTAssertEqual(post.status, 200)
        XCTAssertEqual(post.text, "proxy /{proxy+} pets")
        let deeper = await harness.invoke("/pets/7", method: "DELETE")
        XCTAssertEqual(deeper.text, "proxy /{proxy+} pets/7")
        let get7 = await harness.invoke("/pets/7")
        XCTAssertEqual(get7.text, "pet /pets/{id} ")
    }

    func testWithoutAGreedySiblingAMissingMethodIsStillMissingAuthenticationToken() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        let response = await harness.invoke("/pets/1", method: "POST")
        XCTAssertEqual(response.status, 403)
        XCTAssertEqual(response.text, #"{"message":"Missing Authentication Token"}"#)
    }

    func testBackendAnswersCarryATraceIdAndMockAnswersNone() async throws {
        let harness = try Harness()
        try await harness.deploy(
            Method(
                httpMethod: "GET", authorizationType: "NONE",
                methodIntegration: Integration(
                    type: .http, httpMethod: "GET", uri: "http://backend.test/",
                    integrationResponses: ["200": IntegrationResponse(statusCode: "200")])))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("X-Amzn-Trace-Id"), "Root=1-692cda80-000000000000000000000001")
        // A call that fails before any backend carries none (recorded on AWS).
        let unrouted = await harness.invoke("/nowhere")
        XCTAssertNil(unrouted.header("X-Amzn-Trace-Id"))
    }

    func testResponseOverrideKeysFromTheRequestTemplateReachTheResponseTemplate() async throws {
        let harness = try Harness()
        let request = """
            #set($context.responseOverride.header.X-From-Request = "r")
            #set($context.responseOverride.note = "kept")
            {"statusCode": 200}
            """
        let response = IntegrationResponse(
            statusCode: "200",
            responseTemplates: [
                "application/json": "$context.responseOverride.note|$context.responseOverride.header.X-From-Request"
            ])
        var method = mockMethod(responses: ["200": response])
        method.methodIntegration?.requestTemplates = ["application/json": request]
        try await harness.deploy(method)
        let answer = await harness.invoke("/pets/1")
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.text, "kept|r")
        XCTAssertEqual(answer.header("X-From-Request"), "r")
    }

    func testARequestTemplateReadingABodyThatIsNotJSONIsA400() async throws {
        let harness = try Harness()
        var method = mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")])
        method.methodIntegration?.requestTemplates = ["application/json": #"{"statusCode": 200, "v": $input.json('$.a')}"#]
        try await harness.deploy(method, verb: "POST")
        let answer = await harness.invoke("/pets/1", method: "POST", body: "{a")
        XCTAssertEqual(answer.status, 400)
        XCTAssertEqual(answer.header("x-amzn-ErrorType"), "BadRequestException")
        let message = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: String])["message"]
        XCTAssertTrue(
            message?.hasPrefix("Could not parse request body into json: Could not parse payload into json: ") ?? false,
            message ?? "no message")
        // A form-encoded body is a string to `$input.path('$')` (no error), as on AWS.
        method.methodIntegration?.requestTemplates = [
            "application/x-www-form-urlencoded": #"#set($form = $input.path('$')){"statusCode": 200}"#
        ]
        method.methodIntegration?.integrationResponses?["200"]?.responseTemplates = ["application/json": "ok"]
        let formHarness = try Harness()  // deployments are compiled once per id
        try await formHarness.deploy(method, verb: "POST")
        let form = await formHarness.invoke(
            "/pets/1", method: "POST", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "a=1&b=2")
        XCTAssertEqual(form.status, 200)
        XCTAssertEqual(form.text, "ok")
    }

    // MARK: limits

    func testFrontEndLimits() {
        let target = InvocationTarget(apiId: "api1", stage: "dev", path: "/pets")
        XCTAssertNil(FrontEndLimits.check(method: "GET", requestURI: "/dev/pets", headers: [("Host", "x")], target: target))
        // Request line + headers: 10,240 bytes is the most.
        let fill = 10_240 - ("GET".count + "/dev/pets".count + 10) - "X-Big".count
        XCTAssertNil(
            FrontEndLimits.check(
                method: "GET", requestURI: "/dev/pets", headers: [("X-Big", String(repeating: "a", count: fill))], target: target))
        let tooBig = FrontEndLimits.check(
            method: "GET", requestURI: "/dev/pets", headers: [("X-Big", String(repeating: "a", count: fill + 1))], target: target)
        XCTAssertEqual(tooBig?.status, 431)
        // A method ARN over 1,600 bytes.
        let long = InvocationTarget(apiId: "api1", stage: "dev", path: Substring("/" + String(repeating: "p", count: 1_600)))
        XCTAssertEqual(FrontEndLimits.check(method: "GET", requestURI: "/x", headers: [], target: long)?.status, 414)
        let payload = FrontEndLimits.payloadTooLarge()
        XCTAssertEqual(payload.status, 413)
        XCTAssertEqual(payload.text, "HTTP content length exceeded 10485760 bytes.")
    }
}
