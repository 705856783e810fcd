import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import Store
import XCTest

/// The API key, throttling and quota gates through `DataPlane.invoke`, on the manual clock.
final class GateTests: XCTestCase {
    // MARK: token buckets

    func testBucketStartsFullRefillsAtTheRateAndCapsAtTheBurst() {
        let start = Date(timeIntervalSince1970: 1000)
        var bucket = TokenBucket(ThrottleLimit(rate: 2, burst: 3), now: start)
        let limit = ThrottleLimit(rate: 2, burst: 3)
        XCTAssertEqual((0..<4).map { _ in bucket.take(limit, at: start) }, [true, true, true, false])
        XCTAssertFalse(bucket.take(limit, at: start.addingTimeInterval(0.4)))
        XCTAssertTrue(bucket.take(limit, at: start.addingTimeInterval(0.5)))
        // A long pause refills only up to the burst.
        let later = start.addingTimeInterval(100)
        XCTAssertEqual((0..<4).map { _ in bucket.take(limit, at: later) }, [true, true, true, false])
    }

    func testBucketWithAZeroBurstRefusesEverything() {
        let now = Date(timeIntervalSince1970: 1000)
        var bucket = TokenBucket(ThrottleLimit(rate: 100, burst: 0), now: now)
        XCTAssertFalse(bucket.take(ThrottleLimit(rate: 100, burst: 0), at: now.addingTimeInterval(5)))
    }

    func testALoweredLimitAppliesAtOnce() {
        let now = Date(timeIntervalSince1970: 1000)
        var bucket = TokenBucket(ThrottleLimit(rate: 10, burst: 10), now: now)
        let lowered = ThrottleLimit(rate: 1, burst: 1)
        XCTAssertEqual((0..<2).map { _ in bucket.take(lowered, at: now) }, [true, false])
    }

    // MARK: API keys

    func testMethodWithoutApiKeyRequiredIgnoresKeys() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod(required: false))
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"key":"","keyId":""}"#)
    }

    func testMissingUnknownDisabledAndUnplannedKeysAreForbidden() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(id: "k1", value: "value-one-1234567890", plan: "p1")
        try await harness.addKey(id: "k2", value: "value-two-1234567890", plan: nil)
        try await harness.addKey(id: "k3", value: "value-three-12345678", plan: "p1", enabled: false)
        let refused: [[(name: String, value: String)]] = [
            [], [("x-api-key", "nope")], [("x-api-key", "value-two-1234567890")], [("X-API-Key", "value-three-12345678")],
        ]
        for headers in refused {
            let response = await harness.invoke("/pets/1", headers: headers)
            XCTAssertEqual(response.status, 403, "\(headers)")
            XCTAssertEqual(response.text, #"{"message":"Forbidden"}"#)
            XCTAssertEqual(response.header("x-amzn-ErrorType"), "ForbiddenException")
        }
        let response = await harness.invoke("/pets/1", headers: [("X-Api-Key", "value-one-1234567890")])
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"key":"value-one-1234567890","keyId":"k1"}"#)
        // The admission is in the trace (the console's pipeline picture shows the gate).
        let trace = String(decoding: try XCTUnwrap(harness.plane.traces.trace("req-1")).json(), as: UTF8.self)
        XCTAssertTrue(trace.contains(#""detail":"API key k1 of usage plan p1","gate":"apiKey""#), trace)
    }

    func testDenialIsRecordedInTheTraceWithTheGateAndReason() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(id: "k2", value: "value-two-1234567890", plan: nil)
        _ = await harness.invoke("/pets/1", headers: [("x-api-key", "value-two-1234567890")])
        let trace = String(decoding: try XCTUnwrap(harness.plane.traces.trace("req-1")).json(), as: UTF8.self)
        XCTAssertTrue(trace.contains(#""gatewayResponseType":"INVALID_API_KEY""#), trace)
        XCTAssertTrue(trace.contains("not associated with a Usage Plan for API Stage api1/dev"), trace)
    }

    func testCustomisedInvalidApiKeyResponseApplies() async throws {
        let harness = try Harness()
        let custom = GatewayResponse(
            responseType: .invalidApiKey, statusCode: "401",
            responseTemplates: ["application/json": #"{"why":"$context.error.responseType"}"#])
        try await harness.deploy(keyMethod(), gatewayResponses: ["INVALID_API_KEY": custom])
        let response = await harness.invoke("/pets/1")
        XCTAssertEqual(response.status, 401)
        XCTAssertEqual(response.text, #"{"why":"INVALID_API_KEY"}"#)
    }

    func testKeyFromTheAuthorizerWhenTheKeySourceIsAuthorizer() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod(), apiKeySource: .authorizer)
        try await harness.addKey(id: "k1", value: "value-one-1234567890", plan: "p1")
        // No authorizer supplied a key: the header does not count.
        let response = await harness.invoke("/pets/1", headers: [("x-api-key", "value-one-1234567890")])
        XCTAssertEqual(response.status, 403)
    }

    // MARK: usage plan throttling and quotas

    func testUsagePlanBurstThenRateThen429() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(
            id: "k1", value: "value-one-1234567890", plan: "p1", throttle: ThrottleSettings(burstLimit: 2, rateLimit: 1))
        let key = [(name: "x-api-key", value: "value-one-1234567890")]
        var statuses: [Int] = []
        for _ in 0..<3 { statuses.append(await harness.invoke("/pets/1", headers: key).status) }
        XCTAssertEqual(statuses, [200, 200, 429])
        let throttled = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(throttled.text, #"{"message":"Too Many Requests"}"#)
        XCTAssertEqual(throttled.header("x-amzn-ErrorType"), "TooManyRequestsException")
        harness.clock.advance(by: 1)
        let refilled = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(refilled.status, 200)
    }

    func testPerMethodOverrideInThePlansApiStage() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(
            id: "k1", value: "value-one-1234567890", plan: "p1", throttle: ThrottleSettings(burstLimit: 100, rateLimit: 100),
            methodThrottle: ["/pets/{id}/GET": ThrottleSettings(burstLimit: 1, rateLimit: 1)])
        let key = [(name: "x-api-key", value: "value-one-1234567890")]
        let first = await harness.invoke("/pets/1", headers: key)
        let second = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual([first.status, second.status], [200, 429])
    }

    func testDailyQuotaThenNextDayAndUsageCounted() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(
            id: "k1", value: "value-one-1234567890", plan: "p1", quota: QuotaSettings(limit: 2, offset: 0, period: .day))
        let key = [(name: "x-api-key", value: "value-one-1234567890")]
        var statuses: [Int] = []
        for _ in 0..<3 { statuses.append(await harness.invoke("/pets/1", headers: key).status) }
        XCTAssertEqual(statuses, [200, 200, 429])
        let over = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(over.text, #"{"message":"Limit Exceeded"}"#)
        XCTAssertEqual(over.header("x-amzn-ErrorType"), "LimitExceededException")
        // Still refused after the counts are written to the store.
        await harness.plane.flushUsage()
        let today = UsageCalendar.format(UsageCalendar.day(harness.clock.now()))
        XCTAssertEqual(harness.store.current.account.usage["p1/k1/" + today], 2)
        let afterFlush = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(afterFlush.status, 429)
        harness.clock.advance(by: 86_400)
        let tomorrow = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(tomorrow.status, 200)
    }

    func testQuotaSeesUsageChangedInTheStore() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(
            id: "k1", value: "value-one-1234567890", plan: "p1", quota: QuotaSettings(limit: 5, offset: 0, period: .month))
        let key = [(name: "x-api-key", value: "value-one-1234567890")]
        let first = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(first.status, 200)
        // As UpdateUsage would: earlier this month, four more calls were made.
        let start = UsageCalendar.periodStart(.month, UsageCalendar.day(harness.clock.now()))
        try await harness.store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            state.account.usage["p1/k1/" + UsageCalendar.format(start)] = 4
            return ((), [])
        }
        let refused = await harness.invoke("/pets/1", headers: key)
        XCTAssertEqual(refused.status, 429)
    }

    func testThrottledCallsAreNotCounted() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod())
        try await harness.addKey(
            id: "k1", value: "value-one-1234567890", plan: "p1", throttle: ThrottleSettings(burstLimit: 1, rateLimit: 1))
        let key = [(name: "x-api-key", value: "value-one-1234567890")]
        for _ in 0..<3 { _ = await harness.invoke("/pets/1", headers: key) }
        await harness.plane.flushUsage()
        XCTAssertEqual(Array(harness.store.current.account.usage.values), [1])
    }

    // MARK: stage and account throttling

    func testStageMethodSettingsThrottleEveryCaller() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod(required: false))
        try await harness.setMethodSettings([
            "*/*": MethodSetting(throttlingBurstLimit: 100, throttlingRateLimit: 100),
            "pets/{id}/GET": MethodSetting(throttlingBurstLimit: 1, throttlingRateLimit: 0.5),
        ])
        let first = await harness.invoke("/pets/1")
        let second = await harness.invoke("/pets/2")
        XCTAssertEqual([first.status, second.status], [200, 429])
        harness.clock.advance(by: 2)
        let third = await harness.invoke("/pets/1")
        XCTAssertEqual(third.status, 200)
    }

    func testAccountThrottleSettingsApply() async throws {
        let harness = try Harness()
        try await harness.deploy(keyMethod(required: false))
        try await harness.store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            state.account.settings = Account(throttleSettings: ThrottleSettings(burstLimit: 1, rateLimit: 1))
            return ((), [])
        }
        let first = await harness.invoke("/pets/1")
        let second = await harness.invoke("/pets/1")
        XCTAssertEqual([first.status, second.status], [200, 429])
        XCTAssertEqual(second.text, #"{"message":"Too Many Requests"}"#)
    }
}

/// A MOCK method answering `$context.identity.apiKey` and `apiKeyId`.
private func keyMethod(required: Bool = true) -> Method {
    var method = mockMethod(
        responses: [
            "200": IntegrationResponse(
                statusCode: "200",
                responseTemplates: ["application/json": #"{"key":"$context.identity.apiKey","keyId":"$context.identity.apiKeyId"}"#])
        ])
    method.apiKeyRequired = required
    return method
}

extension Harness {
    /// API key `id` with `value`, a key of usage plan `plan` (created on stage api1/dev if new).
    func addKey(
        id: String, value: String, plan: String?, enabled: Bool = true, throttle: ThrottleSettings? = nil,
        quota: QuotaSettings? = nil, methodThrottle: [String: ThrottleSettings]? = nil
    ) async throws {
        try await store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            state.account.apiKeys[id] = ApiKey(id: id, value: value, name: id, enabled: enabled)
            if let plan {
                if state.account.usagePlans[plan] == nil || throttle != nil || quota != nil {
                    state.account.usagePlans[plan] = UsagePlan(
                        id: plan, name: plan, apiStages: [ApiStage(apiId: "api1", stage: "dev", throttle: methodThrottle)],
                        throttle: throttle, quota: quota)
                }
                state.account.usagePlanKeys[plan + "/" + id] = UsagePlanKey(id: id, type: "API_KEY", value: value, name: id)
            }
            return ((), [])
        }
    }

    func setMethodSettings(_ settings: [String: MethodSetting]) async throws {
        try await store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            state.apis["api1"]?.stages["dev"]?.methodSettings = settings
            return ((), [])
        }
    }
}
