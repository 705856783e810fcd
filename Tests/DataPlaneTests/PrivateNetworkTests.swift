import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import XCTest

/// `aws:SourceVpce` and `aws:SourceVpc` for calls to PRIVATE APIs: how each URL form names
/// the VPC endpoint, the keys the policy sees, and their absence for other endpoint types.
final class PrivateNetworkTests: XCTestCase {
    private let endpoint = "vpce-0123456789abcdef0"
    private let other = "vpce-0fedcba9876543210"

    // MARK: URL forms

    func testHostNamesNameTheAPIAndTheEndpoint() {
        XCTAssertEqual(
            InvocationTarget.parse(host: "abc-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com:4566", path: "/dev/pets"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/pets", vpcEndpoint: .host(vpceId: endpoint)))
        XCTAssertEqual(
            InvocationTarget.parse(host: "abc-VPCE-0123456789ABCDEF0.Execute-API.localhost.localstack.cloud", path: "/dev/"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/", vpcEndpoint: .host(vpceId: endpoint)))
        XCTAssertEqual(
            InvocationTarget.parse(host: "abc.execute-api.eu-west-3.amazonaws.com", path: "/dev/x"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/x"))
        // Not an API's host name: a VPC endpoint's public DNS name, other AWS hosts.
        XCTAssertNil(InvocationTarget.parse(host: "vpce-0123-abcd.execute-api.us-east-1.vpce.amazonaws.com", path: "/dev/x"))
        XCTAssertNil(InvocationTarget.parse(host: "apigateway.us-east-1.amazonaws.com", path: "/restapis"))
        XCTAssertNil(InvocationTarget.parse(host: "abc.execute-api..amazonaws.com", path: "/dev/x"))
        XCTAssertNil(InvocationTarget.parse(host: ".execute-api.us-east-1.amazonaws.com", path: "/dev/x"))
    }

    func testTheAPIIdHeaderNamesTheAPIOnAnyOtherHost() {
        XCTAssertEqual(
            InvocationTarget.parse(
                host: "vpce-0123-abcd.execute-api.us-east-1.vpce.amazonaws.com", path: "/dev/pets/1", apiIdHeader: "abc"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/pets/1", vpcEndpoint: .apiIdHeader))
        XCTAssertEqual(
            InvocationTarget.parse(host: "127.0.0.1:4566", path: "/dev", apiIdHeader: "abc"),
            InvocationTarget(apiId: "abc", stage: "dev", path: "/", vpcEndpoint: .apiIdHeader))
        // A host that names an API wins; an empty header names nothing.
        XCTAssertEqual(
            InvocationTarget.parse(host: "xyz.execute-api.localhost.localstack.cloud", path: "/dev/", apiIdHeader: "abc"),
            InvocationTarget(apiId: "xyz", stage: "dev", path: "/"))
        XCTAssertNil(InvocationTarget.parse(host: "127.0.0.1", path: "/restapis", apiIdHeader: ""))
    }

    // MARK: the keys

    func testEndpointByURLForm() {
        let two = [endpoint, other]
        XCTAssertEqual(PrivateNetwork(route: .host(vpceId: other), associated: [endpoint], vpcId: nil).sourceVpce, other)
        XCTAssertEqual(PrivateNetwork(route: .apiIdHeader, associated: [endpoint], vpcId: nil).sourceVpce, endpoint)
        XCTAssertNil(PrivateNetwork(route: .apiIdHeader, associated: two, vpcId: nil).sourceVpce)
        XCTAssertNil(PrivateNetwork(route: .apiIdHeader, associated: [], vpcId: nil).sourceVpce)
        XCTAssertEqual(PrivateNetwork(route: nil, associated: two, vpcId: nil).sourceVpce, endpoint)
        XCTAssertNil(PrivateNetwork(route: nil, associated: [], vpcId: nil).sourceVpce)
        XCTAssertEqual(PrivateNetwork(route: nil, associated: [], vpcId: "vpc-1a2b3c4d").sourceVpc, "vpc-1a2b3c4d")
    }

    func testOnlyPrivateAPIsHaveEndpoints() {
        XCTAssertNil(PrivateNetwork.associatedEndpoints(of: RestApi(id: "a")))
        XCTAssertNil(
            PrivateNetwork.associatedEndpoints(of: RestApi(id: "a", endpointConfiguration: EndpointConfiguration(types: [.regional]))))
        XCTAssertEqual(
            PrivateNetwork.associatedEndpoints(of: RestApi(id: "a", endpointConfiguration: EndpointConfiguration(types: [.private]))), [])
        XCTAssertEqual(
            PrivateNetwork.associatedEndpoints(
                of: RestApi(id: "a", endpointConfiguration: EndpointConfiguration(types: [.private], vpcEndpointIds: [other, endpoint]))),
            [other, endpoint])
    }

    func testConditionKeysCarryTheNetworkOnlyWhenWanted() {
        var context = InvocationContext(
            accountId: "123456789012", apiId: "api1", stage: "dev", requestId: "r", extendedRequestId: "e", httpMethod: "GET",
            path: "/dev/", requestPath: "/", deploymentId: "d1", domainName: "h", sourceIp: "127.0.0.1", userAgent: nil,
            requestTimeEpoch: 0, stageVariables: [:], traceId: nil, trace: InvocationTrace(requestId: "r", clock: ManualClock(Harness.start)))
        let wanted: Set = ["aws:sourcevpce", "aws:sourcevpc"]
        XCTAssertNil(PolicyGate.conditionKeys(context, principal: .anonymous, wanted: wanted)["aws:SourceVpce"])
        context.privateNetwork = PrivateNetwork(route: nil, associated: [endpoint], vpcId: "vpc-1a2b3c4d")
        let keys = PolicyGate.conditionKeys(context, principal: .anonymous, wanted: wanted)
        XCTAssertEqual(keys["aws:SourceVpce"], [endpoint])
        XCTAssertEqual(keys["aws:SourceVpc"], ["vpc-1a2b3c4d"])
        XCTAssertNil(PolicyGate.conditionKeys(context, principal: .anonymous, wanted: ["aws:sourceip"])["aws:SourceVpce"])
        context.privateNetwork = PrivateNetwork(route: .apiIdHeader, associated: [], vpcId: nil)
        let none = PolicyGate.conditionKeys(context, principal: .anonymous, wanted: wanted)
        XCTAssertNil(none["aws:SourceVpce"])
        XCTAssertNil(none["aws:SourceVpc"])
    }

    // MARK: through the pipeline

    /// AWS's policy for a private API: anyone may invoke, except through another endpoint.
    private func standardPolicy(_ vpce: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"},"#
            + #"{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","#
            + #""Condition":{"StringNotEquals":{"aws:SourceVpce":""# + vpce + #""}}}]}"#
    }

    private func method() -> Method {
        mockMethod(responses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": "ok"])])
    }

    private func privateAPI(_ ids: [String]?, types: [EndpointType] = [.private]) -> EndpointConfiguration {
        EndpointConfiguration(types: types, vpcEndpointIds: ids)
    }

    private func policySteps(_ harness: Harness) throws -> [PolicyStep] {
        try XCTUnwrap(harness.plane.traces.trace("req-1")).recorded.compactMap { event -> PolicyStep? in
            if case .policy(let step) = event.1 { return step }
            return nil
        }
    }

    func testStandardPrivatePolicyAdmitsTheAssociatedEndpoint() async throws {
        let harness = try Harness()
        try await harness.deploy(method(), policy: standardPolicy(endpoint), endpointConfiguration: privateAPI([endpoint]))
        let plain = await harness.invoke("/pets/1")
        XCTAssertEqual(plain.status, 200, plain.text)
        let step = try XCTUnwrap(try policySteps(harness).first)
        XCTAssertEqual(step.network, PrivateNetwork(route: nil, associated: [endpoint], vpcId: nil))
        XCTAssertEqual(step.fields["sourceVpce"] as? String, endpoint)
        XCTAssertNil(step.fields["sourceVpc"])
        XCTAssertTrue(step.logLine.hasSuffix("[aws:SourceVpce \(endpoint), aws:SourceVpc absent]"), step.logLine)

        let host = "api1-\(endpoint).execute-api.us-east-1.amazonaws.com"
        let named = await harness.invoke(host: host, path: "/dev/pets/1")
        XCTAssertEqual(named?.status, 200, named?.text ?? "")
        let header = await harness.invoke(host: "127.0.0.1:4566", path: "/dev/pets/1", apiIdHeader: "api1")
        XCTAssertEqual(header?.status, 200, header?.text ?? "")
    }

    func testAnotherEndpointIsRefused() async throws {
        let harness = try Harness()
        try await harness.deploy(method(), policy: standardPolicy(endpoint), endpointConfiguration: privateAPI([endpoint]))
        let response = await harness.invoke(host: "api1-\(other).execute-api.localhost.localstack.cloud:4566", path: "/dev/pets/1")
        XCTAssertEqual(response?.status, 403)
        XCTAssertEqual(
            response?.text,
            #"{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "#
                + #"arn:aws:execute-api:us-east-1:********9012:api1/dev/GET/pets/1 with an explicit deny in a resource-based policy"}"#)
        XCTAssertEqual(try policySteps(harness).first?.fields["sourceVpce"] as? String, other)
    }

    func testHeaderWithSeveralEndpointsAndAPIWithoutOneHaveNoEndpoint() async throws {
        let harness = try Harness()
        try await harness.deploy(method(), policy: standardPolicy(endpoint), endpointConfiguration: privateAPI([endpoint, other]))
        let header = await harness.invoke(host: "127.0.0.1:4566", path: "/dev/pets/1", apiIdHeader: "api1")
        XCTAssertEqual(header?.status, 403)
        // The plain URL takes the first associated endpoint.
        let plain = await harness.invoke("/pets/1")
        XCTAssertEqual(plain.status, 200, plain.text)

        let unassociated = try Harness()
        try await unassociated.deploy(method(), policy: standardPolicy(endpoint), endpointConfiguration: privateAPI(nil))
        let refused = await unassociated.invoke("/pets/1")
        XCTAssertEqual(refused.status, 403)
        XCTAssertEqual(try policySteps(unassociated).first?.fields["privateApi"] as? Bool, true)
        XCTAssertNil(try policySteps(unassociated).first?.fields["sourceVpce"])
    }

    func testSourceVpcComesFromTheSetting() async throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","#
            + #""Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}}]}"#
        let unset = try Harness()
        try await unset.deploy(method(), policy: policy, endpointConfiguration: privateAPI([endpoint]))
        let refused = await unset.invoke("/pets/1")
        XCTAssertEqual(refused.status, 403)

        let set = try Harness(vpcId: "vpc-1a2b3c4d")
        try await set.deploy(method(), policy: policy, endpointConfiguration: privateAPI([endpoint]))
        let served = await set.invoke("/pets/1")
        XCTAssertEqual(served.status, 200, served.text)
        XCTAssertEqual(try policySteps(set).first?.fields["sourceVpc"] as? String, "vpc-1a2b3c4d")
    }

    func testOtherEndpointTypesHaveNoVPCKeys() async throws {
        let harness = try Harness(vpcId: "vpc-1a2b3c4d")
        try await harness.deploy(
            method(), policy: standardPolicy(endpoint), endpointConfiguration: privateAPI([endpoint], types: [.regional]))
        let named = await harness.invoke(host: "api1-\(endpoint).execute-api.us-east-1.amazonaws.com", path: "/dev/pets/1")
        XCTAssertEqual(named?.status, 403)
        let step = try XCTUnwrap(try policySteps(harness).first)
        XCTAssertNil(step.network)
        XCTAssertNil(step.fields["privateApi"])
    }
}
