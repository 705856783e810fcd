import APIGatewayModel
import Foundation
import XCTest

/// The generated JSON readers against Foundation's JSONDecoder (epoch-second dates), which read
/// the generated shapes before: the same value when it succeeds, the same kind of failure
/// (and where) when it does not.
final class JSONInputTests: XCTestCase {
    private let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    private func compare<T: Decodable & JSONReadable & Equatable>(
        _ type: T.Type, _ text: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let node = StrictJSON.parse(Array(text.utf8))
        XCTAssertNotNil(node, "not JSON: \(text)", file: file, line: line)
        guard let node else { return }
        let expected: Result<T, DecodingError>
        do {
            expected = .success(try decoder.decode(T.self, from: Data(text.utf8)))
        } catch let error as DecodingError {
            expected = .failure(error)
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return
        }
        let actual = Result { () throws(ShapeDecodingError) -> T in try T(json: node) }
        switch (expected, actual) {
        case (.success(let a), .success(let b)):
            XCTAssertEqual(b, a, text, file: file, line: line)
        case (.failure(let a), .failure(let b)):
            let (kind, path): (ShapeDecodingError.Problem, [String]) =
                switch a {
                case .typeMismatch(_, let c): (.type, c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue })
                // JSONDecoder reports an out-of-range number without its path; the reader names it.
                case .dataCorrupted(let c) where c.codingPath.isEmpty: (.value, b.path)
                case .dataCorrupted(let c): (.value, c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue })
                case .valueNotFound: (.missing, b.path)
                case .keyNotFound: (.missing, b.path)
                @unknown default: (.missing, b.path)
                }
            XCTAssertEqual(b.problem, kind, text, file: file, line: line)
            XCTAssertEqual(b.path, path, text, file: file, line: line)
        default:
            XCTFail("JSONDecoder: \(expected), reader: \(actual) for \(text)", file: file, line: line)
        }
    }

    func testReadersAgreeWithJSONDecoder() {
        compare(
            PutIntegrationResponseRequest.self,
            #"{"selectionPattern": "4\\d{2}", "contentHandling": "CONVERT_TO_TEXT", "responseParameters": {"method.response.header.A": "'a'"}, "responseTemplates": {"application/json": "{}", "text/plain": null}, "unknown": [1, {"x": null}]}"#
        )
        compare(PutIntegrationResponseRequest.self, "{}")
        compare(PutIntegrationResponseRequest.self, #"{"selectionPattern": null, "responseTemplates": null}"#)
        compare(PutIntegrationResponseRequest.self, #"{"contentHandling": "SIDEWAYS"}"#)
        compare(PutIntegrationResponseRequest.self, #"{"contentHandling": 5}"#)
        compare(PutIntegrationResponseRequest.self, #"{"selectionPattern": true}"#)
        compare(PutIntegrationResponseRequest.self, #"{"responseParameters": {"a": 1}}"#)
        compare(PutIntegrationResponseRequest.self, #"{"responseParameters": {"a": null}}"#)
        compare(PutIntegrationResponseRequest.self, #"{"responseParameters": []}"#)
        compare(
            PutIntegrationRequest.self,
            #"{"type": "HTTP", "timeoutInMillis": 29000, "cacheKeyParameters": ["a", "b"], "requestTemplates": {"a/b": null}}"#)
        compare(PutIntegrationRequest.self, #"{"timeoutInMillis": 1.5}"#)
        compare(PutIntegrationRequest.self, #"{"timeoutInMillis": "5"}"#)
        compare(PutIntegrationRequest.self, #"{"cacheKeyParameters": ["a", 2]}"#)
        compare(PutIntegrationRequest.self, #"{"cacheKeyParameters": ["a", null]}"#)
        compare(PutIntegrationRequest.self, #"{"tlsConfig": {"insecureSkipVerification": "yes"}}"#)
        compare(
            UpdateIntegrationResponseRequest.self,
            #"{"patchOperations": [{"op": "replace", "path": "/selectionPattern", "value": "x"}, {"op": "remove", "path": "/contentHandling"}]}"#)
        compare(UpdateIntegrationResponseRequest.self, #"{"patchOperations": [{"op": "jump", "path": "/a"}]}"#)
        compare(UpdateIntegrationResponseRequest.self, #"{"patchOperations": [{"op": "add", "path": 7}]}"#)
        compare(
            Stage.self,
            #"{"stageName": "dev", "createdDate": 1764054874.25, "methodSettings": {"*/*": {"throttlingRateLimit": 10.5, "throttlingBurstLimit": 100, "metricsEnabled": false}}, "variables": {"a": "b"}}"#
        )
        compare(Stage.self, #"{"createdDate": "2026-11-25"}"#)
        compare(Stage.self, #"{"methodSettings": {"*/*": {"throttlingBurstLimit": 1e30}}}"#)
        compare(Stage.self, "[]")
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
