import APIGatewayModel
import Foundation
import XCTest

/// The generated JSON writers must write what Foundation's JSONEncoder (configured as the
/// control plane configured it before: epoch seconds, slashes unescaped) wrote for the same
/// values while the generated shapes were still Codable. The expected texts below are
/// JSONEncoder's output, captured before that conformance was dropped (it cost start-up time):
/// byte for byte for one-member values (JSONEncoder on Linux orders an object's keys by hash,
/// the writers in model order), the same JSON value otherwise.
final class JSONOutputTests: XCTestCase {
    private func assertWrites<T: JSONWritable>(
        _ value: T, _ expected: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertEqual(String(decoding: value.jsonBytes(), as: UTF8.self), expected, file: file, line: line)
    }

    private func assertWritesValue<T: JSONWritable>(
        _ value: T, _ expected: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        try assertSameJSON(value.jsonBytes(), expected, file: file, line: line)
    }

    private func assertSameJSON(_ bytes: [UInt8], _ expected: String, file: StaticString, line: UInt) throws {
        let actual = try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary
        let wanted = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary
        XCTAssertNotNil(actual, file: file, line: line)
        XCTAssertNotNil(wanted, file: file, line: line)
        XCTAssertEqual(actual, wanted, file: file, line: line)
    }

    func testEveryAwkwardCharacterEscapesAsJSONEncoderDoes() throws {
        var text = ""
        for scalar in 0..<0x30 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\\ \" / é ✓ 😀 \u{7F} \u{2028}"
        let escaped =
            #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + ##" !\"#$%&'()*+,-./\\ \" / é ✓ 😀 "## + "\u{7F} \u{2028}"
        try assertWrites(IntegrationResponse(selectionPattern: text), #"{"selectionPattern":""# + escaped + #""}"#)
        try assertWrites(IntegrationResponse(selectionPattern: ""), #"{"selectionPattern":""}"#)
        try assertWrites(LimitExceededException(message: text), #"{"message":""# + escaped + #""}"#)
    }

    func testAbsentMembersAreLeftOutAndNullTemplatesStayNull() throws {
        try assertWrites(IntegrationResponse(), "{}")
        try assertWrites(IntegrationResponse(responseParameters: [:]), #"{"responseParameters":{}}"#)
        try assertWrites(
            IntegrationResponse(responseTemplates: ["application/json": nil]), #"{"responseTemplates":{"application/json":null}}"#)
        try assertWrites(
            IntegrationResponse(responseTemplates: ["text/plain": "#set($a = 1)\n$a"]),
            ##"{"responseTemplates":{"text/plain":"#set($a = 1)\n$a"}}"##)
        try assertWrites(IntegrationResponse(contentHandling: .convertToText), #"{"contentHandling":"CONVERT_TO_TEXT"}"#)
        try assertWritesValue(
            IntegrationResponse(
                statusCode: "200", responseParameters: [:], responseTemplates: ["a/b": nil, "c/d": "x"],
                contentHandling: .convertToBinary),
            #"{"contentHandling":"CONVERT_TO_BINARY","responseParameters":{},"responseTemplates":{"a/b":null,"c/d":"x"},"statusCode":"200"}"#
        )
    }

    func testNumbersBooleansAndDatesPrintAsJSONEncoderPrintsThem() throws {
        let rates: [(Double, String)] = [
            (0.0, "0"), (1.0, "1"), (10000.0, "10000"), (0.1, "0.1"), (1.5, "1.5"), (123456.789, "123456.789"),
            (1e21, "1e+21"), (Double.leastNonzeroMagnitude, "5e-324"), (-2.5, "-2.5"),
        ]
        for (rate, text) in rates {
            try assertWrites(MethodSetting(throttlingRateLimit: rate), #"{"throttlingRateLimit":"# + text + "}")
            try assertWritesValue(
                MethodSetting(
                    metricsEnabled: true, dataTraceEnabled: false,
                    throttlingBurstLimit: 5000, throttlingRateLimit: rate),
                #"{"dataTraceEnabled":false,"metricsEnabled":true,"throttlingBurstLimit":5000,"throttlingRateLimit":"# + text + "}")
        }
        let dates: [(Double, stored: String, wire: String)] = [
            (0.0, "0", "0"), (1_764_054_874, "1764054874", "1764054874"),
            (1_764_054_874.25, "1764054874.25", "1764054874"), (1_764_054_874.123456, "1764054874.123456", "1764054874"),
        ]
        for (seconds, storedText, wireText) in dates {
            // The store keeps the fraction of a second (JSONEncoder's text); the wire shows whole
            // seconds, as AWS does.
            let stored = Deployment(createdDate: Date(timeIntervalSince1970: seconds))
            XCTAssertEqual(String(decoding: stored.storageBytes(), as: UTF8.self), #"{"createdDate":"# + storedText + "}")
            XCTAssertEqual(String(decoding: stored.jsonBytes(), as: UTF8.self), #"{"createdDate":"# + wireText + "}")
            try assertWrites(Deployment(createdDate: Date(timeIntervalSince1970: seconds.rounded(.down))), #"{"createdDate":"# + wireText + "}")
        }
        try assertWrites(MethodSetting(metricsEnabled: true), #"{"metricsEnabled":true}"#)
        try assertWrites(MethodSetting(throttlingBurstLimit: -5000), #"{"throttlingBurstLimit":-5000}"#)
    }

    func testNestedShapesWriteWhatJSONEncoderWroteAndReadBack() throws {
        let responses = (0..<10).reduce(into: [String: IntegrationResponse]()) { map, index in
            let code = String(200 + index)
            map[code] = IntegrationResponse(
                statusCode: code, selectionPattern: "\(code)|x/y",
                responseParameters: ["method.response.header.A": "'a'", "method.response.header.B": "integration.response.body.b"],
                responseTemplates: ["application/json": "{\"a\": \"$input.path('$')\"}", "text/xml": nil])
        }
        let integration = Integration(
            type: .http, httpMethod: "POST", uri: "https://example.com/{id}",
            requestParameters: ["integration.request.path.id": "method.request.path.id"],
            passthroughBehavior: "WHEN_NO_MATCH", timeoutInMillis: 29000,
            cacheNamespace: "ns", cacheKeyParameters: [], integrationResponses: responses)
        let method = Method(
            httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false,
            methodResponses: ["200": MethodResponse(statusCode: "200", responseParameters: ["method.response.header.A": false])],
            methodIntegration: integration)
        let resource = Resource(id: "r1", parentId: "p", pathPart: "items", path: "/items", resourceMethods: ["GET": method])
        let responseTexts = (0..<10).map { index in
            let code = String(200 + index)
            return #""\#(code)":{"responseParameters":{"method.response.header.A":"'a'","method.response.header.B":"integration.response.body.b"},"#
                + #""responseTemplates":{"application/json":"{\"a\": \"$input.path('$')\"}","text/xml":null},"#
                + #""selectionPattern":"\#(code)|x/y","statusCode":"\#(code)"}"#
        }
        try assertWritesValue(
            resource,
            #"{"id":"r1","parentId":"p","path":"/items","pathPart":"items","resourceMethods":{"GET":{"apiKeyRequired":false,"#
                + #""authorizationType":"NONE","httpMethod":"GET","methodIntegration":{"cacheKeyParameters":[],"cacheNamespace":"ns","#
                + #""httpMethod":"POST","integrationResponses":{"# + responseTexts.joined(separator: ",") + "},"
                + #""passthroughBehavior":"WHEN_NO_MATCH","requestParameters":{"integration.request.path.id":"method.request.path.id"},"#
                + #""timeoutInMillis":29000,"type":"HTTP","uri":"https://example.com/{id}"},"#
                + #""methodResponses":{"200":{"responseParameters":{"method.response.header.A":false},"statusCode":"200"}}}}}"#)
        XCTAssertEqual(try Resource.read(resource.jsonBytes()), resource)
        let stage = Stage(
            deploymentId: "d", stageName: "dev", cacheClusterEnabled: false,
            methodSettings: ["*/*": MethodSetting(metricsEnabled: false, throttlingRateLimit: 10000.5)],
            variables: ["a": "b"], tracingEnabled: false,
            createdDate: Date(timeIntervalSince1970: 1_764_054_874), lastUpdatedDate: Date(timeIntervalSince1970: 1_764_054_875))
        try assertWritesValue(
            stage,
            #"{"cacheClusterEnabled":false,"createdDate":1764054874,"deploymentId":"d","lastUpdatedDate":1764054875,"#
                + #""methodSettings":{"*/*":{"metricsEnabled":false,"throttlingRateLimit":10000.5}},"stageName":"dev","#
                + #""tracingEnabled":false,"variables":{"a":"b"}}"#)
        XCTAssertEqual(try Stage.read(stage.jsonBytes()), stage)
    }

    func testListsAndShapesWithoutBodyMembers() throws {
        try assertWrites(Integration(cacheKeyParameters: ["a", "b\"c", "d"]), #"{"cacheKeyParameters":["a","b\"c","d"]}"#)
        try assertWrites(Integration(cacheKeyParameters: []), #"{"cacheKeyParameters":[]}"#)
        try assertWrites(GetIntegrationResponseRequest(restApiId: "a", resourceId: "b", httpMethod: "GET", statusCode: "200"), "{}")
    }
}
