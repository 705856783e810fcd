import APIGatewayModel
import Foundation
import XCTest

/// Checks of the generated model against facts of the apigateway service model.
final class GeneratedModelTests: XCTestCase {
    func testEveryOperationIsInTheTable() {
        XCTAssertEqual(OperationSpec.all.count, 124)
        XCTAssertEqual(Set(OperationSpec.all.map(\.name)).count, 124)
        XCTAssertEqual(OperationName.allCases.count, 124)
    }

    func testSeedOperation() throws {
        let op = try XCTUnwrap(OperationSpec.byName[.getIntegrationResponse])
        XCTAssertEqual(op.method, "GET")
        XCTAssertEqual(op.path, "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}")
        XCTAssertEqual(op.successStatus, 200)
        XCTAssertEqual(op.output, "IntegrationResponse")
        XCTAssertEqual(op.errors, ["BadRequestException", "NotFoundException", "UnauthorizedException", "TooManyRequestsException"])
        let input = try XCTUnwrap(op.inputShape)
        XCTAssertEqual(input.member("statusCode")?.location, .uri)
        XCTAssertEqual(input.member("statusCode")?.wireName, "status_code")
        XCTAssertEqual(ShapeSpec.all["StatusCode"]?.pattern, #"[1-5]\d\d"#)
    }

    func testSuccessStatusesAndFixedQueries() throws {
        XCTAssertEqual(OperationSpec.byName[.putIntegrationResponse]?.successStatus, 201)
        XCTAssertEqual(OperationSpec.byName[.deleteIntegrationResponse]?.successStatus, 204)
        XCTAssertEqual(OperationSpec.byName[.deleteRestApi]?.successStatus, 202)
        let importOp = try XCTUnwrap(OperationSpec.byName[.importRestApi])
        XCTAssertEqual(importOp.path, "/restapis")
        XCTAssertEqual(importOp.fixedQuery.map(\.0), ["mode"])
        XCTAssertEqual(importOp.fixedQuery.map(\.1), ["import"])
    }

    func testWireNamesFollowLocationName() throws {
        // PutIntegration sends the integration's HTTP method as "httpMethod" in the body.
        let input = PutIntegrationRequest(type: .http, integrationHttpMethod: "POST")
        let json = try JSONSerialization.jsonObject(with: Data(input.jsonBytes())) as? [String: Any]
        XCTAssertEqual(json?["httpMethod"] as? String, "POST")
        XCTAssertNil(json?["integrationHttpMethod"])
        XCTAssertEqual(json?.count, 2)
        // RestApis lists items under "item".
        let list = try RestApis.read(Array(#"{"item":[{"id":"abc"}]}"#.utf8))
        XCTAssertEqual(list.items?.first?.id, "abc")
    }

    func testAbsentMembersAreOmittedAndNullTemplatesKept() throws {
        let response = IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": nil])
        let text = String(decoding: response.jsonBytes(), as: UTF8.self)
        XCTAssertTrue(text.contains(#""application/json":null"#), text)
        XCTAssertFalse(text.contains("selectionPattern"), text)
    }

    func testGatewayResponseDefaultsAndInheritance() {
        XCTAssertEqual(GatewayResponseDefaults.listingOrder.count, 21)
        XCTAssertNil(GatewayResponseDefaults.pristine(.default4xx).statusCode)
        XCTAssertEqual(GatewayResponseDefaults.pristine(.missingAuthenticationToken).statusCode, "403")
        let parent = GatewayResponseDefaults.customised(
            .default5xx, statusCode: "599", parameters: ["gatewayresponse.header.x": "'y'"], templates: nil)
        let customised = ["DEFAULT_5XX": parent]
        let inherited = GatewayResponseDefaults.effective(.integrationFailure, customised: customised)
        XCTAssertEqual(inherited.statusCode, "599")
        XCTAssertEqual(inherited.defaultResponse, true)
        XCTAssertEqual(inherited.responseParameters, ["gatewayresponse.header.x": "'y'"])
        XCTAssertEqual(GatewayResponseDefaults.effective(.throttled, customised: customised).statusCode, "429")
    }
}
