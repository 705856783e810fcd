import APIGatewayModel
import Foundation
import XCTest

/// The generated JSON writers must write what Foundation's JSONEncoder (configured as the
/// control plane configured it before: epoch seconds, slashes unescaped) writes: byte for byte
/// for one-member values (JSONEncoder on Linux orders an object's keys by hash, the writers in
/// model order), the same JSON value otherwise.
final class JSONOutputTests: XCTestCase {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    private let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    private func assertSameText<T: Encodable & JSONWritable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
        let actual = String(decoding: value.jsonBytes(), as: UTF8.self)
        XCTAssertEqual(actual, expected, file: file, line: line)
    }

    private func assertSameValue<T: Encodable & JSONWritable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try JSONSerialization.jsonObject(with: try encoder.encode(value)) as? NSDictionary
        let actual = try JSONSerialization.jsonObject(with: Data(value.jsonBytes())) as? NSDictionary
        XCTAssertNotNil(actual, file: file, line: line)
        XCTAssertEqual(actual, expected, file: file, line: line)
    }

    func testEveryAwkwardCharacterEscapesAsJSONEncoderDoes() throws {
        var text = ""
        for scalar in 0..<0x30 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\\ \" / é ✓ 😀 \u{7F} \u{2028}"
        try assertSameText(IntegrationResponse(selectionPattern: text))
        try assertSameText(IntegrationResponse(selectionPattern: ""))
        try assertSameText(LimitExceededException(message: text))
    }

    func testAbsentMembersAreLeftOutAndNullTemplatesStayNull() throws {
        try assertSameText(IntegrationResponse())
        try assertSameText(IntegrationResponse(responseParameters: [:]))
        try assertSameText(IntegrationResponse(responseTemplates: ["application/json": nil]))
        try assertSameText(IntegrationResponse(responseTemplates: ["text/plain": "#set($a = 1)\n$a"]))
        try assertSameText(IntegrationResponse(contentHandling: .convertToText))
        try assertSameValue(
            IntegrationResponse(
                statusCode: "200", responseParameters: [:], responseTemplates: ["a/b": nil, "c/d": "x"],
                contentHandling: .convertToBinary))
    }

    func testNumbersBooleansAndDatesPrintAsJSONEncoderPrintsThem() throws {
        for rate in [0.0, 1.0, 10000.0, 0.1, 1.5, 123456.789, 1e21, Double.leastNonzeroMagnitude, -2.5] {
            try assertSameText(MethodSetting(throttlingRateLimit: rate))
            try assertSameValue(
                MethodSetting(
                    metricsEnabled: true, dataTraceEnabled: false,
                    throttlingBurstLimit: 5000, throttlingRateLimit: rate))
        }
        for seconds in [0.0, 1_764_054_874, 1_764_054_874.25, 1_764_054_874.123456] {
            // The store keeps the fraction of a second (JSONEncoder's text); the wire shows whole
            // seconds, as AWS does.
            let stored = Deployment(createdDate: Date(timeIntervalSince1970: seconds))
            let expected = String(decoding: try encoder.encode(stored), as: UTF8.self)
            XCTAssertEqual(String(decoding: stored.storageBytes(), as: UTF8.self), expected)
            try assertSameText(Deployment(createdDate: Date(timeIntervalSince1970: seconds.rounded(.down))))
            XCTAssertEqual(stored.jsonBytes(), Deployment(createdDate: Date(timeIntervalSince1970: seconds.rounded(.down))).jsonBytes())
        }
        try assertSameText(MethodSetting(metricsEnabled: true))
        try assertSameText(MethodSetting(throttlingBurstLimit: -5000))
    }

    func testNestedShapesRoundTripToEqualValues() throws {
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
        let decoded = try decoder.decode(Resource.self, from: Data(resource.jsonBytes()))
        XCTAssertEqual(decoded, resource)
        let stage = Stage(
            deploymentId: "d", stageName: "dev", cacheClusterEnabled: false,
            methodSettings: ["*/*": MethodSetting(metricsEnabled: false, throttlingRateLimit: 10000.5)],
            variables: ["a": "b"], tracingEnabled: false,
            createdDate: Date(timeIntervalSince1970: 1_764_054_874), lastUpdatedDate: Date(timeIntervalSince1970: 1_764_054_875))
        XCTAssertEqual(try decoder.decode(Stage.self, from: Data(stage.jsonBytes())), stage)
    }

    func testListsAndShapesWithoutBodyMembers() throws {
        try assertSameText(Integration(cacheKeyParameters: ["a", "b\"c", "d"]))
        try assertSameText(Integration(cacheKeyParameters: []))
        try assertSameText(GetIntegrationResponseRequest(restApiId: "a", resourceId: "b", httpMethod: "GET", statusCode: "200"))
    }
}
