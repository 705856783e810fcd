import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import Store
import XCTest

/// Canary releases: the share of traffic drawn from the injected random source, the canary's
/// deployment and stage variable overrides, `$context.isCanaryRequest`.
final class CanaryTests: XCTestCase {
    private static let template =
        #"{"d":"$context.deploymentId","v":"$stageVariables.v","w":"$stageVariables.w","canary":"$context.isCanaryRequest"}"#

    /// `api1`/`dev` on `d1` with variables v=main, w=base; `d2` deployed beside it; the stage's
    /// canary (when `percent` is given) on `d2` overriding v.
    private func harness(draws: [Double], percent: Double?) async throws -> Harness {
        let harness = try Harness(draws: draws)
        try await harness.deploy(
            mockMethod(responses: ["200": IntegrationResponse(statusCode: "200", responseTemplates: ["application/json": Self.template])]),
            variables: ["v": "main", "w": "base"])
        try await harness.update { state in
            guard var record = state.apis["api1"]?.deployments["d1"] else { return }
            record.deployment = Deployment(id: "d2")
            state.apis["api1"]?.deployments["d2"] = record
            if let percent {
                state.apis["api1"]?.stages["dev"]?.canarySettings = CanarySettings(
                    percentTraffic: percent, deploymentId: "d2", stageVariableOverrides: ["v": "canary"], useStageCache: false)
            }
        }
        return harness
    }

    func testNoCanaryLeavesIsCanaryRequestAbsent() async throws {
        let harness = try await harness(draws: [0.0], percent: nil)
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.text, #"{"d":"d1","v":"main","w":"base","canary":""}"#)
        XCTAssertEqual(harness.random.draws, 0)
    }

    func testZeroPercentNeverReachesTheCanaryAndDrawsNothing() async throws {
        let harness = try await harness(draws: [0.0], percent: 0)
        for _ in 0..<5 {
            let response = await harness.invoke("/pets/1")
            XCTAssertEqual(response.text, #"{"d":"d1","v":"main","w":"base","canary":"false"}"#)
        }
        XCTAssertEqual(harness.random.draws, 0)
    }

    func testHundredPercentAlwaysReachesTheCanaryWithOverrides() async throws {
        let harness = try await harness(draws: [0.999_999], percent: 100)
        for _ in 0..<5 {
            let response = await harness.invoke("/pets/1")
            XCTAssertEqual(response.text, #"{"d":"d2","v":"canary","w":"base","canary":"true"}"#)
        }
        XCTAssertEqual(harness.random.draws, 0)
    }

    func testTwentyFivePercentFollowsTheDraws() async throws {
        let draws = [0.1, 0.3, 0.2499, 0.25, 0.9, 0.0]
        let harness = try await harness(draws: draws, percent: 25)
        var served: [String] = []
        for _ in draws {
            let response = await harness.invoke("/pets/1")
            served.append(response.text.contains(#""canary":"true""#) ? "canary" : "stage")
            XCTAssertEqual(response.text.contains(#""d":"d2""#), response.text.contains(#""canary":"true""#))
        }
        XCTAssertEqual(served, ["canary", "stage", "canary", "stage", "stage", "canary"])
        XCTAssertEqual(harness.random.draws, draws.count)
    }

    func testACanaryOnAMissingDeploymentServesTheStage() async throws {
        let harness = try await harness(draws: [0.0], percent: 100)
        try await harness.update { state in state.apis["api1"]?.deployments["d2"] = nil }
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.text, #"{"d":"d1","v":"main","w":"base","canary":""}"#)
    }
}
