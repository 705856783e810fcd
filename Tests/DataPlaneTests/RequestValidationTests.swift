import APIGatewayModel
@testable import DataPlane
import XCTest

/// The compiled form of a method's request validator: what it checks is decided once per
/// deployment, and a method without one carries nothing.
final class RequestValidationTests: XCTestCase {
    let models = [
        "Empty": Model(name: "Empty", schema: #"{"type":"object"}"#, contentType: "application/json"),
        "Pet": Model(name: "Pet", schema: #"{"type":"object","required":["name"]}"#, contentType: "application/json"),
    ]

    func catalog(body: Bool, params: Bool) -> ModelCatalog {
        ModelCatalog(
            apiId: "a1", models: models,
            validators: ["v": RequestValidator(id: "v", name: "v", validateRequestBody: body, validateRequestParameters: params)])
    }

    func testNoValidatorOrOneCheckingNothingCompilesToNil() {
        XCTAssertNil(CompiledValidator(method: Method(httpMethod: "POST"), catalog: catalog(body: true, params: true)))
        XCTAssertNil(CompiledValidator(method: Method(httpMethod: "POST", requestValidatorId: "v"), catalog: catalog(body: false, params: false)))
        XCTAssertNil(CompiledValidator(method: Method(httpMethod: "POST", requestValidatorId: "gone"), catalog: catalog(body: true, params: true)))
    }

    func testRequiredParametersInKeyOrderOptionalOnesLeftOut() throws {
        let method = Method(
            httpMethod: "GET", requestValidatorId: "v",
            requestParameters: [
                "method.request.querystring.qs1": true, "method.request.path.issuer": true, "method.request.header.x-h": true,
                "method.request.querystring.optional": false,
            ])
        let validator = try XCTUnwrap(CompiledValidator(method: method, catalog: catalog(body: false, params: true)))
        XCTAssertEqual(validator.requiredParameters?.map(\.name), ["x-h", "issuer", "qs1"])
        XCTAssertNil(validator.body)
    }

    func testBodyModelsByContentTypeOrEmpty() throws {
        let named = Method(httpMethod: "POST", requestValidatorId: "v", requestModels: ["Application/JSON": "Pet"])
        let validator = try XCTUnwrap(CompiledValidator(method: named, catalog: catalog(body: true, params: false)))
        XCTAssertNil(validator.requiredParameters)
        let pet = try XCTUnwrap(validator.body?.byContentType["application/json"])
        XCTAssertNil(validator.body?.empty)
        XCTAssertEqual(RequestValidationStage.validate(Array(#"{"name":"rex"}"#.utf8), against: pet), nil)
        XCTAssertEqual(
            RequestValidationStage.validate([], against: pet), #"[object has missing required properties (["name"])]"#)
        let bare = Method(httpMethod: "POST", requestValidatorId: "v")
        let empty = try XCTUnwrap(CompiledValidator(method: bare, catalog: catalog(body: true, params: false))?.body?.empty)
        XCTAssertEqual(empty.name, "Empty")
        XCTAssertNil(RequestValidationStage.validate([], against: empty))
        XCTAssertEqual(
            RequestValidationStage.validate(Array("[1]".utf8), against: empty),
            #"[instance type (array) does not match any allowed primitive type (allowed: ["object"])]"#)
    }
}
