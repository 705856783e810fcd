import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import XCTest

/// The trace ring's sequence numbers and ordered reads (the console's live feed), the list
/// summaries built from traces, and the console's template trial.
final class TraceFeedTests: XCTestCase {
    private func trace(_ id: String, clock: ManualClock = ManualClock(Harness.start)) -> InvocationTrace {
        InvocationTrace(requestId: id, clock: clock, apiId: "api1", stage: "dev")
    }

    func testSequenceNumbersCountEveryAddedTraceAndReadsAreOrdered() {
        let ring = TraceRing(capacity: 4)
        XCTAssertEqual(ring.lastSequence, 0)
        XCTAssertTrue(ring.traces(after: 0, limit: 10).traces.isEmpty)
        for index in 1...3 { ring.add(trace("r\(index)")) }
        XCTAssertEqual(ring.lastSequence, 3)
        let all = ring.traces(after: 0, limit: 10)
        XCTAssertEqual(all.traces.map(\.sequence), [1, 2, 3])
        XCTAssertEqual(all.traces.map(\.trace.requestId), ["r1", "r2", "r3"])
        XCTAssertFalse(all.missed)
        XCTAssertEqual(ring.traces(after: 1, limit: 1).traces.map(\.trace.requestId), ["r2"])
        XCTAssertTrue(ring.traces(after: 3, limit: 10).traces.isEmpty)
    }

    func testAReaderThatFellBehindTheCapacityIsToldItMissedSome() {
        let ring = TraceRing(capacity: 4)
        for index in 1...10 { ring.add(trace("r\(index)")) }
        let batch = ring.traces(after: 2, limit: 100)
        XCTAssertTrue(batch.missed)
        XCTAssertEqual(batch.traces.map(\.sequence), [7, 8, 9, 10])
        XCTAssertEqual(batch.traces.map(\.trace.requestId), ["r7", "r8", "r9", "r10"])
        // Evicted traces are gone from the id index too.
        XCTAssertNil(ring.trace("r6"))
        XCTAssertNotNil(ring.trace("r7"))
        XCTAssertFalse(ring.traces(after: 6, limit: 100).missed)
    }

    func testRemoveAllKeepsNumberingAndReportsTheRemovedAsMissed() {
        let ring = TraceRing(capacity: 4)
        ring.add(trace("r1"))
        ring.add(trace("r2"))
        ring.removeAll()
        XCTAssertEqual(ring.lastSequence, 2)
        XCTAssertNil(ring.trace("r1"))
        XCTAssertTrue(ring.traces(after: 1, limit: 10).missed)
        XCTAssertFalse(ring.traces(after: 2, limit: 10).missed)
        ring.add(trace("r3"))
        XCTAssertEqual(ring.traces(after: 2, limit: 10).traces.map(\.sequence), [3])
    }

    func testSummaryOfAnInvocationNamesApiStagePathStatusAndLatency() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        _ = await harness.invoke("/pets/7")
        let batch = harness.plane.traces.traces(after: 0, limit: 10)
        let summary = try XCTUnwrap(batch.traces.first).trace.summary
        XCTAssertEqual(summary.requestId, "req-1")
        XCTAssertEqual(summary.apiId, "api1")
        XCTAssertEqual(summary.stage, "dev")
        XCTAssertEqual(summary.method, "GET")
        XCTAssertEqual(summary.path, "/pets/7")
        XCTAssertEqual(summary.status, 200)
        XCTAssertNil(summary.errorType)
        let json = String(decoding: summary.json(sequence: 1), as: UTF8.self)
        XCTAssertEqual(
            json,
            #"{"seq":1,"requestId":"req-1","apiId":"api1","stage":"dev","method":"GET","path":"/pets/7","status":200,"#
                + #""latencyMs":0,"time":"2025-12-01T00:00:00.250Z"}"#)
    }

    func testSummaryOfAFailedInvocationNamesTheGatewayResponseType() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        _ = await harness.invoke("/nowhere")
        let summary = try XCTUnwrap(harness.plane.traces.trace("req-1")).summary
        XCTAssertEqual(summary.status, 403)
        XCTAssertEqual(summary.errorType, "MISSING_AUTHENTICATION_TOKEN")
        XCTAssertTrue(String(decoding: summary.json(), as: UTF8.self).contains(#""errorType":"MISSING_AUTHENTICATION_TOKEN""#))
    }

    func testTheTraceNamesItsApiAndStage() async throws {
        let harness = try Harness()
        _ = await harness.invoke("/pets/1", api: "nope", stage: "beta")
        let json = String(decoding: try XCTUnwrap(harness.plane.traces.trace("req-1")).json(), as: UTF8.self)
        XCTAssertTrue(json.contains(#""apiId":"nope""#), json)
        XCTAssertTrue(json.contains(#""stage":"beta""#), json)
    }

    func testPictureSortsStepsIntoStagesWithTheSelectionPatternsTried() async throws {
        let harness = try Harness()
        try await harness.deploy(
            mockMethod(
                status: 404,
                responses: [
                    "200": IntegrationResponse(statusCode: "200"),
                    "500": IntegrationResponse(statusCode: "500", selectionPattern: "5\\d{2}"),
                    "404": IntegrationResponse(
                        statusCode: "404", selectionPattern: "4\\d{2}",
                        responseTemplates: ["application/json": #"{"missing":"$input.params('id')"}"#]),
                ]))
        _ = await harness.invoke("/pets/9")
        let picture = try XCTUnwrap(harness.plane.traces.trace("req-1")).picture
        XCTAssertEqual(picture.stages.map(\.kind), TracePicture.Kind.allCases)
        let selection = try XCTUnwrap(picture.stages.first { $0.kind == .integrationResponse })
        XCTAssertEqual(selection.selectionValue, "404")
        XCTAssertEqual(selection.chosen, "404")
        XCTAssertEqual(selection.attempts.map(\.pattern), ["4\\d{2}"])
        XCTAssertEqual(selection.attempts.map(\.result), ["matched"])
        XCTAssertEqual(
            selection.entries.map(\.label),
            ["Response template (application/json) input: $input.body", "Response template (application/json) output"])
        XCTAssertEqual(selection.entries.last?.text, #"{"missing":"9"}"#)
        let authorizer = try XCTUnwrap(picture.stages.first { $0.kind == .authorizer })
        XCTAssertFalse(authorizer.reached)
        let response = try XCTUnwrap(picture.stages.last)
        XCTAssertEqual(response.entries.first?.text, "404")
        XCTAssertTrue(picture.stages.allSatisfy { $0.error == nil })
    }

    func testPictureShowsAFailureInTheStageItHappenedIn() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        _ = await harness.invoke("/nowhere")
        let picture = try XCTUnwrap(harness.plane.traces.trace("req-1")).picture
        let failed = picture.stages.filter { $0.error != nil }
        XCTAssertEqual(failed.map(\.kind), [.methodRequest])
        XCTAssertEqual(failed.first?.error?.type, "MISSING_AUTHENTICATION_TOKEN")
    }

    func testTimesAreWrittenAsFoundationsISO8601WithMilliseconds() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for seconds in [0, 1_764_547_200.25, 1_764_547_200.999_9, 951_782_400.5, 4_102_444_799.875, -1.5] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(InvocationSummary.isoText(date), date.formatted(style), "\(seconds)")
        }
    }

    func testFeedEntriesAreMadeOnceAndShared() async throws {
        let harness = try Harness()
        try await harness.deploy(mockMethod(responses: ["200": IntegrationResponse(statusCode: "200")]))
        _ = await harness.invoke("/pets/7")
        let trace = try XCTUnwrap(harness.plane.traces.trace("req-1"))
        let first = trace.feedEntry(sequence: 1)
        XCTAssertEqual(first.json, first.summary.json(sequence: 1))
        XCTAssertNotNil(trace.feedCache.withLock { $0 })
        XCTAssertEqual(trace.feedEntry(sequence: 1).json, first.json)
    }

    func testTemplateTrialRendersWithInputUtilAndSampleContext() {
        let outcome = TemplateTrial.render(
            template: #"{"name":"$input.path('$.name')","esc":"$util.escapeJavaScript($input.json('$.q'))","api":"$context.apiId"}"#,
            body: Array(#"{"name":"Rex","q":"a\"b"}"#.utf8), sample: TemplateTrial.Sample(apiId: "api1"))
        XCTAssertEqual(outcome, .rendered(#"{"name":"Rex","esc":"\"a\\\"b\"","api":"api1"}"#))
    }

    func testTemplateTrialAnswersTheEnginesDiagnosticWithLineAndColumn() {
        let outcome = TemplateTrial.render(template: "line one\n#if($x)\n#end\n#end", body: [], sample: TemplateTrial.Sample(apiId: "a"))
        guard case .failed(let message) = outcome else { return XCTFail("rendered: \(outcome)") }
        XCTAssertTrue(message.hasPrefix("4:1:"), message)
    }
}
