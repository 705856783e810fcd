import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import Store
import XCTest

/// Custom domain names: routing by `Host` and base path mappings, `$context.domainName` and
/// `domainPrefix`, 403 for unmapped paths and for a disabled default endpoint.
final class DomainTests: XCTestCase {
    private static let template =
        #"{"domain":"$context.domainName","prefix":"$context.domainPrefix","path":"$context.path","stage":"$context.stage","id":"$input.params('id')"}"#

    private func harness(mappings: [String: (stage: String?, domain: String)], domains: [String]) async throws -> Harness {
        let harness = try Harness()
        try await harness.deploy(
            mockMethod(responses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": Self.template])]))
        try await harness.update { state in
            for name in domains { state.account.domainNames[name] = DomainName(domainName: name) }
            for (basePath, target) in mappings {
                state.account.basePathMappings[target.domain + "/" + basePath] = BasePathMapping(
                    basePath: basePath, restApiId: "api1", stage: target.stage)
            }
        }
        return harness
    }

    private func routed(_ harness: Harness, _ host: String, _ path: String) async throws -> InvocationResponse {
        let response = await harness.invoke(host: host, path: path)
        return try XCTUnwrap(response, "\(host) \(path) is not routed")
    }

    func testHostIsMatchedWithoutPortCaseOrTrailingDot() async throws {
        let harness = try await harness(mappings: ["(none)": ("dev", "api.example.com")], domains: ["api.example.com"])
        for host in ["api.example.com", "API.Example.COM:8443", "api.example.com.", "Api.Example.Com.:80"] {
            let response = try await routed(harness, host, "/pets/7")
            XCTAssertEqual(response.status, 200, host)
            let prefix = host.split(separator: ".").first.map(String.init) ?? ""
            XCTAssertEqual(
                response.text, #"{"domain":"\#(host)","prefix":"\#(prefix)","path":"/pets/7","stage":"dev","id":"7"}"#, host)
        }
    }

    func testAMappingWithoutAStageTakesThePathsNextSegment() async throws {
        let harness = try await harness(mappings: ["v1": (nil, "api.example.com")], domains: ["api.example.com"])
        let response = try await routed(harness, "api.example.com", "/v1/dev/pets/3")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"domain":"api.example.com","prefix":"api","path":"/v1/dev/pets/3","stage":"dev","id":"3"}"#)
        // An unknown stage after the base path is the API's missing-token answer.
        let unknown = try await routed(harness, "api.example.com", "/v1/prod/pets/3")
        XCTAssertEqual(unknown.status, 403)
        XCTAssertEqual(unknown.header("x-amzn-ErrorType"), "MissingAuthenticationTokenException")
    }

    func testTheLongestBasePathWinsOverShorterOnesAndNone() async throws {
        let harness = try await harness(
            mappings: ["(none)": (nil, "api.example.com"), "v2": (nil, "api.example.com"), "v2/beta": ("dev", "api.example.com")],
            domains: ["api.example.com"])
        let deep = try await routed(harness, "api.example.com", "/v2/beta/pets/1")
        XCTAssertEqual(deep.status, 200)
        XCTAssertTrue(deep.text.contains(#""path":"/v2/beta/pets/1","stage":"dev","id":"1""#), deep.text)
        let shallow = try await routed(harness, "api.example.com", "/v2/dev/pets/2")
        XCTAssertTrue(shallow.text.contains(#""stage":"dev","id":"2""#), shallow.text)
        let none = try await routed(harness, "api.example.com", "/dev/pets/3")
        XCTAssertTrue(none.text.contains(#""path":"/dev/pets/3","stage":"dev","id":"3""#), none.text)
    }

    func testAnUnmappedBasePathIsForbidden() async throws {
        let harness = try await harness(mappings: ["v1": ("dev", "api.example.com")], domains: ["api.example.com"])
        for path in ["/v2/pets/1", "/", "", "/V1/pets/1"] {
            let response = try await routed(harness, "api.example.com", path)
            XCTAssertEqual(response.status, 403, path)
            XCTAssertEqual(response.text, #"{"message":"Forbidden"}"#, path)
            XCTAssertEqual(response.header("x-amzn-ErrorType"), "ForbiddenException", path)
        }
    }

    func testOtherHostsAreNotDomains() async throws {
        let harness = try await harness(mappings: ["(none)": ("dev", "api.example.com")], domains: ["api.example.com"])
        XCTAssertNil(harness.plane.target(host: "127.0.0.1:4566", path: "/restapis"))
        XCTAssertNil(harness.plane.target(host: "example.com", path: "/pets/1"))
        XCTAssertNil(harness.plane.target(host: "x.api.example.com", path: "/pets/1"))
        XCTAssertEqual(
            harness.plane.target(host: "localhost:4566", path: "/_aws/execute-api/api1/dev/pets/1"),
            InvocationTarget(apiId: "api1", stage: "dev", path: "/pets/1"))
    }

    func testWildcardDomainNamesMatchOneLabel() async throws {
        let harness = try await harness(mappings: ["(none)": ("dev", "*.example.org")], domains: ["*.example.org"])
        let response = try await routed(harness, "Tenant1.example.org", "/pets/4")
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(response.text.contains(#""prefix":"Tenant1""#), response.text)
        XCTAssertNil(harness.plane.target(host: "example.org", path: "/pets/4"))
    }

    func testTheIndexFollowsModelChanges() async throws {
        let harness = try await harness(mappings: [:], domains: ["api.example.com"])
        let before = try await routed(harness, "api.example.com", "/pets/1")
        XCTAssertEqual(before.status, 403)
        try await harness.update { state in
            state.account.basePathMappings["api.example.com/(none)"] = BasePathMapping(basePath: "(none)", restApiId: "api1", stage: "dev")
        }
        let after = try await routed(harness, "api.example.com", "/pets/1")
        XCTAssertEqual(after.status, 200)
        try await harness.update { state in state.account.domainNames["api.example.com"] = nil }
        XCTAssertNil(harness.plane.target(host: "api.example.com", path: "/pets/1"))
    }

    func testADisabledDefaultEndpointIsForbiddenButTheDomainServes() async throws {
        let harness = try await harness(mappings: ["(none)": ("dev", "api.example.com")], domains: ["api.example.com"])
        try await harness.update { state in
            state.apis["api1"]?.deployments["d1"]?.snapshot.restApi.disableExecuteApiEndpoint = true
        }
        let direct = await harness.invoke("/pets/1")
        XCTAssertEqual(direct.status, 403)
        XCTAssertEqual(direct.text, #"{"message":"Forbidden"}"#)
        let viaDomain = try await routed(harness, "api.example.com", "/pets/1")
        XCTAssertEqual(viaDomain.status, 200)
    }

    func testHostNameParsing() {
        XCTAssertEqual(DomainDirectory.hostName("a.b:80"), "a.b")
        XCTAssertEqual(DomainDirectory.hostName("[::1]:80"), "[::1]")
        XCTAssertEqual(DomainDirectory.hostName("a.b"), "a.b")
        XCTAssertEqual(DomainDirectory.normalized("A.B."), "a.b")
        XCTAssertEqual(DomainDirectory.firstLabel("Api.Example.com:443"), "Api")
    }
}
