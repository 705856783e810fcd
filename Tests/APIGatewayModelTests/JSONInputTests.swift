import APIGatewayModel
import Foundation
import XCTest

/// The generated JSON readers against what Foundation's JSONDecoder (epoch-second dates) made
/// of the same texts while the generated shapes were still Codable (captured before that
/// conformance was dropped to save start-up time): the same value when it succeeded, the same
/// kind of failure (and where) when it did not.
final class JSONInputTests: XCTestCase {
    /// JSONDecoder's result for one text: a value, or a failure of this kind at this path.
    /// JSONDecoder reported `null` for a required value as valueNotFound (`.missing`) and an
    /// out-of-range number without a path; there the path is the reader's own.
    private enum Expected<T> {
        case value(T)
        case failure(ShapeDecodingError.Problem, [String])
    }

    private func check<T: JSONReadable & Equatable>(
        _ type: T.Type, _ text: String, _ expected: Expected<T>,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let node = StrictJSON.parse(Array(text.utf8))
        XCTAssertNotNil(node, "not JSON: \(text)", file: file, line: line)
        guard let node else { return }
        let actual = Result { () throws(ShapeDecodingError) -> T in try T(json: node) }
        switch (expected, actual) {
        case (.value(let a), .success(let b)):
            XCTAssertEqual(b, a, text, file: file, line: line)
        case (.failure(let kind, let path), .failure(let b)):
            XCTAssertEqual(b.problem, kind, text, file: file, line: line)
            XCTAssertEqual(b.path, path, text, file: file, line: line)
        default:
            XCTFail("JSONDecoder: \(expected), reader: \(actual) for \(text)", file: file, line: line)
        }
    }

    func testReadersAgreeWithJSONDecoder() {
        check(
            PutIntegrationResponseRequest.self,
            #"{"selectionPattern": "4\\d{2}", "contentHandling": "CONVERT_TO_TEXT", "responseParameters": {"method.response.header.A": "'a'"}, "responseTemplates": {"application/json": "{}", "text/plain": null}, "unknown": [1, {"x": null}]}"#,
            .value(
                PutIntegrationResponseRequest(
                    selectionPattern: #"4\d{2}"#, responseParameters: ["method.response.header.A": "'a'"],
                    responseTemplates: ["application/json": "{}", "text/plain": nil], contentHandling: .convertToText)))
        check(PutIntegrationResponseRequest.self, "{}", .value(PutIntegrationResponseRequest()))
        check(PutIntegrationResponseRequest.self, #"{"selectionPattern": null, "responseTemplates": null}"#, .value(PutIntegrationResponseRequest()))
        check(PutIntegrationResponseRequest.self, #"{"contentHandling": "SIDEWAYS"}"#, .failure(.value, ["contentHandling"]))
        check(PutIntegrationResponseRequest.self, #"{"contentHandling": 5}"#, .failure(.type, ["contentHandling"]))
        check(PutIntegrationResponseRequest.self, #"{"selectionPattern": true}"#, .failure(.type, ["selectionPattern"]))
        check(PutIntegrationResponseRequest.self, #"{"responseParameters": {"a": 1}}"#, .failure(.type, ["responseParameters", "a"]))
        check(PutIntegrationResponseRequest.self, #"{"responseParameters": {"a": null}}"#, .failure(.missing, ["responseParameters", "a"]))
        check(PutIntegrationResponseRequest.self, #"{"responseParameters": []}"#, .failure(.type, ["responseParameters"]))
        check(
            PutIntegrationRequest.self,
            #"{"type": "HTTP", "timeoutInMillis": 29000, "cacheKeyParameters": ["a", "b"], "requestTemplates": {"a/b": null}}"#,
            .value(PutIntegrationRequest(type: .http, requestTemplates: ["a/b": nil], cacheKeyParameters: ["a", "b"], timeoutInMillis: 29000)))
        check(PutIntegrationRequest.self, #"{"timeoutInMillis": 1.5}"#, .failure(.value, ["timeoutInMillis"]))
        check(PutIntegrationRequest.self, #"{"timeoutInMillis": "5"}"#, .failure(.type, ["timeoutInMillis"]))
        check(PutIntegrationRequest.self, #"{"cacheKeyParameters": ["a", 2]}"#, .failure(.type, ["cacheKeyParameters", "1"]))
        check(PutIntegrationRequest.self, #"{"cacheKeyParameters": ["a", null]}"#, .failure(.missing, ["cacheKeyParameters", "1"]))
        check(
            PutIntegrationRequest.self, #"{"tlsConfig": {"insecureSkipVerification": "yes"}}"#,
            .failure(.type, ["tlsConfig", "insecureSkipVerification"]))
        check(
            UpdateIntegrationResponseRequest.self,
            #"{"patchOperations": [{"op": "replace", "path": "/selectionPattern", "value": "x"}, {"op": "remove", "path": "/contentHandling"}]}"#,
            .value(
                UpdateIntegrationResponseRequest(patchOperations: [
                    PatchOperation(op: .replace, path: "/selectionPattern", value: "x"), PatchOperation(op: .remove, path: "/contentHandling"),
                ])))
        check(
            UpdateIntegrationResponseRequest.self, #"{"patchOperations": [{"op": "jump", "path": "/a"}]}"#,
            .failure(.value, ["patchOperations", "0", "op"]))
        check(
            UpdateIntegrationResponseRequest.self, #"{"patchOperations": [{"op": "add", "path": 7}]}"#,
            .failure(.type, ["patchOperations", "0", "path"]))
        check(
            Stage.self,
            #"{"stageName": "dev", "createdDate": 1764054874.25, "methodSettings": {"*/*": {"throttlingRateLimit": 10.5, "throttlingBurstLimit": 100, "metricsEnabled": false}}, "variables": {"a": "b"}}"#,
            .value(
                Stage(
                    stageName: "dev",
                    methodSettings: ["*/*": MethodSetting(metricsEnabled: false, throttlingBurstLimit: 100, throttlingRateLimit: 10.5)],
                    variables: ["a": "b"], createdDate: Date(timeIntervalSince1970: 1_764_054_874.25))))
        check(Stage.self, #"{"createdDate": "2026-11-25"}"#, .failure(.type, ["createdDate"]))
        check(
            Stage.self, #"{"methodSettings": {"*/*": {"throttlingBurstLimit": 1e30}}}"#,
            .failure(.value, ["methodSettings", "*/*", "throttlingBurstLimit"]))
        check(Stage.self, "[]", .failure(.type, []))
    }

    func testStoredDocumentsRoundTripThroughWriterAndReader() throws {
        let responses = [
            "200": IntegrationResponse(
                statusCode: "200", selectionPattern: "", responseParameters: ["method.response.header.A": "'a'"],
                responseTemplates: ["application/json": "#set($x = 1)\n{\"x\": $x}", "text/xml": nil],
                contentHandling: .convertToBinary)
        ]
        let method = Method(
            httpMethod: "POST", authorizationType: "NONE", apiKeyRequired: true, requestParameters: ["method.request.path.id": true],
            methodIntegration: Integration(
                type: .aws, httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:lambda:path/x",
                timeoutInMillis: 50, cacheKeyParameters: [], integrationResponses: responses))
        let resource = Resource(id: "abc", parentId: "root", pathPart: "{id}", path: "/{id}", resourceMethods: ["POST": method])
        XCTAssertEqual(try Resource.read(resource.jsonBytes()), resource)
        let api = RestApi(
            id: "a1", name: "n", createdDate: Date(timeIntervalSince1970: 1_764_054_874), binaryMediaTypes: ["image/png"],
            apiKeySource: .header, endpointConfiguration: EndpointConfiguration(types: [.regional]), tags: [:],
            disableExecuteApiEndpoint: false, rootResourceId: "root")
        XCTAssertEqual(try RestApi.read(api.jsonBytes()), api)
        XCTAssertThrowsError(try RestApi.read(Array("{".utf8)))
    }
}
