import APIGatewayModel
@testable import DataPlane
import Foundation
import PorticoCore
import Store
import Synchronization
import XCTest

@testable import Console

/// The live half of the console: the invocation list and pipeline picture pages, the event
/// stream's framing and lifetime, and the two POST endpoints (try it, test this template).
final class ConsoleLiveTests: XCTestCase {
    /// API `a1`, stage `dev`, `GET /pets/{id}`: MOCK whose request template answers the `id`
    /// as the status; integration responses 200 (default) and 404 (`4\d{2}`, templated).
    struct LiveHarness {
        let store: ModelStore
        let plane: DataPlane
        let console: Console

        init() async throws {
            store = try ModelStore(path: nil)
            plane = DataPlane(model: store)
            console = Console(model: store, dataPlane: plane)
            var pets = Resource(id: "pets", parentId: "root", pathPart: "{id}", path: "/pets/{id}")
            pets.resourceMethods = [
                "GET": Method(
                    httpMethod: "GET", authorizationType: "NONE",
                    requestParameters: ["method.request.querystring.color": false, "method.request.header.X-Token": true],
                    methodIntegration: Integration(
                        type: .mock, requestTemplates: ["application/json": #"{"statusCode": $input.params('id')}"#],
                        passthroughBehavior: "WHEN_NO_MATCH",
                        integrationResponses: [
                            "200": IntegrationResponse(statusCode: "200"),
                            "404": IntegrationResponse(
                                statusCode: "404", selectionPattern: #"4\d{2}"#,
                                responseTemplates: ["application/json": #"{"missing":"$input.params('id')"}"#]),
                        ]))
            ]
            let resources = ["root": Resource(id: "root", path: "/"), "pets": pets]
            let restApi = RestApi(id: "a1", name: "pets", rootResourceId: "root")
            try await store.write { (state: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
                var api = APIState(restApi: restApi)
                for (id, resource) in resources { api.resources[id] = resource }
                api.deployments["d1"] = DeploymentRecord(
                    deployment: Deployment(id: "d1"), snapshot: DeploymentSnapshot(restApi: restApi, resources: resources, gatewayResponses: [:]))
                api.stages["dev"] = Stage(deploymentId: "d1", stageName: "dev")
                state.apis["a1"] = api
                return ((), [.api("a1")])
            }
        }

        @discardableResult
        func invoke(_ path: String, id: String, headers: [(name: String, value: String)] = []) async -> InvocationResponse {
            await plane.invoke(
                InvocationTarget(apiId: "a1", stage: "dev", path: Substring(path)),
                InvocationRequest(method: "GET", headers: [("Host", "a1.example")] + headers), requestId: id, host: "a1.example")
        }

        static func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }

        func send(
            _ path: String, method: String = "GET", query: String? = nil, headers: [(name: String, value: String)] = [],
            form: [(String, String)]? = nil
        ) async -> (status: Int, headers: [String: String], html: String) {
            var fields = headers
            var body: [UInt8] = []
            if let form {
                fields.append(("Content-Type", "application/x-www-form-urlencoded"))
                body = Array(form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
            }
            let response = await console.respond(
                ConsoleRequest(
                    method: method, path: Console.prefix + path, query: query, host: "127.0.0.1:4566", headers: fields, body: body))
            var map: [String: String] = [:]
            for (name, value) in response.headers { map[name] = value }
            return (response.status, map, String(decoding: response.body, as: UTF8.self))
        }
    }

    // MARK: pages

    func testInvocationListShowsRecentCallsNewestFirstAndFiltersOnTheServer() async throws {
        let harness = try await LiveHarness()
        await harness.invoke("/pets/200", id: "r-ok")
        await harness.invoke("/pets/404", id: "r-missing")
        let page = await harness.send("/invocations")
        XCTAssertEqual(page.status, 200)
        let ok = try XCTUnwrap(page.html.range(of: #"data-request-id="r-ok""#))
        let missing = try XCTUnwrap(page.html.range(of: #"data-request-id="r-missing""#))
        XCTAssertLessThan(missing.lowerBound, ok.lowerBound, "newest first")
        XCTAssertTrue(page.html.contains(#"data-after="2""#), "the live script resumes after the newest row")
        XCTAssertTrue(page.html.contains(#"<script src="/_portico/console/assets/live.js" defer></script>"#))
        let filtered = await harness.send("/invocations", query: "status=4xx")
        XCTAssertTrue(filtered.html.contains("r-missing"))
        XCTAssertFalse(filtered.html.contains("r-ok"))
        let otherApi = await harness.send("/invocations", query: "api=zz")
        XCTAssertTrue(otherApi.html.contains("No invocations yet."))
    }

    func testPicturePageShowsStagesPatternsChosenResponseAndTemplateOutput() async throws {
        let harness = try await LiveHarness()
        await harness.invoke("/pets/404", id: "r1")
        let page = await harness.send("/invocations/r1")
        XCTAssertEqual(page.status, 200)
        let order = [
            "stage-methodRequest", "stage-authorizer", "stage-gates", "stage-integrationRequest", "stage-integration",
            "stage-integrationResponse", "stage-methodResponse",
        ].map { page.html.range(of: "id=\"\($0)\"")?.lowerBound }
        XCTAssertTrue(order.allSatisfy { $0 != nil }, page.html)
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted())
        XCTAssertTrue(
            page.html.contains(
                #"<tr class="attempt matched"><td><code>4\d{2}</code></td><td><code>404</code></td><td class="result">matched</td></tr>"#),
            page.html)
        XCTAssertTrue(page.html.contains(#"<strong class="chosen">404</strong>"#))
        XCTAssertTrue(page.html.contains("<pre>{&quot;missing&quot;:&quot;404&quot;}</pre>"))
        XCTAssertTrue(page.html.contains(#"<li class="pipe-stage skipped" id="stage-authorizer""#))
        let missing = await harness.send("/invocations/nope")
        XCTAssertEqual(missing.status, 404)
    }

    func testAFailureIsShownInItsStageWithTheGatewayResponseType() async throws {
        let harness = try await LiveHarness()
        await harness.invoke("/nowhere", id: "r1")
        let page = await harness.send("/invocations/r1")
        let failure = try XCTUnwrap(page.html.range(of: #"data-response-type="MISSING_AUTHENTICATION_TOKEN""#))
        let methodRequest = try XCTUnwrap(page.html.range(of: #"id="stage-methodRequest""#))
        let authorizer = try XCTUnwrap(page.html.range(of: #"id="stage-authorizer""#))
        XCTAssertTrue(methodRequest.upperBound < failure.lowerBound && failure.upperBound < authorizer.lowerBound)
        XCTAssertTrue(page.html.contains(#"<td id="final-response-type">MISSING_AUTHENTICATION_TOKEN</td>"#))
    }

    func testHostileHeaderValuesAreShownEscaped() async throws {
        let harness = try await LiveHarness()
        await harness.invoke("/pets/200", id: "r1", headers: [("X-Evil", "<script>alert(1)</script>")])
        let page = await harness.send("/invocations/r1")
        XCTAssertFalse(page.html.contains("<script>alert(1)"))
        XCTAssertTrue(page.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    // MARK: event stream

    func testFramesCarryIdEventAndOneDataLine() {
        let frame = ServerSentEvents.frame(id: 7, event: "invocation", data: Array(#"{"a":1}"#.utf8))
        XCTAssertEqual(String(decoding: frame, as: UTF8.self), "id: 7\nevent: invocation\ndata: {\"a\":1}\n\n")
        XCTAssertEqual(String(decoding: ServerSentEvents.keepAlive, as: UTF8.self), ": keep-alive\n\n")
        XCTAssertEqual(ServerSentEvents.resumePoint(lastEventId: "12", after: "3"), 12)
        XCTAssertEqual(ServerSentEvents.resumePoint(lastEventId: nil, after: "3"), 3)
        XCTAssertNil(ServerSentEvents.resumePoint(lastEventId: "x", after: nil))
    }

    func testStreamSendsNewInvocationsThenAGapAndEndsWithItsTask() async throws {
        let ring = TraceRing(capacity: 3)
        let feed = LiveFeed(traces: ring, maxStreams: 2, interval: .milliseconds(5), keepAlive: .milliseconds(30))
        let clock = SystemClock()
        ring.add(InvocationTrace(requestId: "old", clock: clock, apiId: "a1", stage: "dev"))
        let stream = try XCTUnwrap(feed.stream(after: nil, filter: InvocationFilter(query: "stage=dev")))
        XCTAssertEqual(feed.openStreams, 1)
        let received = Received()
        let task = Task {
            try await stream.run { bytes in received.text.withLock { $0 += String(decoding: bytes, as: UTF8.self) } }
        }
        ring.add(InvocationTrace(requestId: "new", clock: clock, apiId: "a1", stage: "dev"))
        ring.add(InvocationTrace(requestId: "elsewhere", clock: clock, apiId: "a1", stage: "prod"))
        try await waitUntil { received.text.withLock { $0.contains(": keep-alive") } }
        let text = received.text.withLock { $0 }
        XCTAssertTrue(text.hasPrefix("retry: 2000\n"))
        XCTAssertFalse(text.contains("\"old\""), "a stream starts after the newest trace")
        XCTAssertTrue(text.contains("id: 2\nevent: invocation\ndata: {\"seq\":2,\"requestId\":\"new\""), text)
        XCTAssertFalse(text.contains("elsewhere"), "the stage filter applies")
        // Fall behind by more than the ring holds: one gap event, then what is still there.
        received.text.withLock { $0 = "" }
        task.cancel()
        _ = await task.result
        let behind = try XCTUnwrap(feed.stream(after: 2, filter: InvocationFilter()))
        for index in 0..<5 { ring.add(InvocationTrace(requestId: "burst\(index)", clock: clock, apiId: "a1", stage: "dev")) }
        let second = Task { try await behind.run { bytes in received.text.withLock { $0 += String(decoding: bytes, as: UTF8.self) } } }
        try await waitUntil { received.text.withLock { $0.contains("burst4") } }
        let burst = received.text.withLock { $0 }
        XCTAssertTrue(burst.contains("event: gap\ndata: {\"resumesAt\":6}\n\n"), burst)
        XCTAssertFalse(burst.contains("burst1"))
        XCTAssertTrue(burst.contains("id: 6\nevent: invocation"))
        second.cancel()
        _ = await second.result
    }

    func testStreamsAreCappedAndAStreamGoneFreesItsPlace() async throws {
        let feed = LiveFeed(traces: TraceRing(capacity: 4), maxStreams: 2, interval: .milliseconds(5))
        var first = feed.stream(after: nil, filter: InvocationFilter())
        let second = feed.stream(after: nil, filter: InvocationFilter())
        XCTAssertNotNil(first)
        XCTAssertNotNil(second)
        XCTAssertNil(feed.stream(after: nil, filter: InvocationFilter()))
        // A stream whose client went away: the write throws, the run ends, the place is free.
        struct Gone: Error {}
        do {
            try await XCTUnwrap(first).run { _ in throw Gone() }
            XCTFail("the run should end with the write's error")
        } catch is Gone {}
        first = nil
        XCTAssertEqual(feed.openStreams, 1)
        XCTAssertNotNil(feed.stream(after: nil, filter: InvocationFilter()))
        _ = second
    }

    func testAnIdFromBeforeARestartStartsOverWithAGap() async throws {
        let ring = TraceRing(capacity: 4)
        let feed = LiveFeed(traces: ring, interval: .milliseconds(5))
        ring.add(InvocationTrace(requestId: "after-restart", clock: SystemClock(), apiId: "a1", stage: "dev"))
        let stream = try XCTUnwrap(feed.stream(after: 500, filter: InvocationFilter()))
        let received = Received()
        let task = Task { try await stream.run { bytes in received.text.withLock { $0 += String(decoding: bytes, as: UTF8.self) } } }
        try await waitUntil { received.text.withLock { $0.contains("after-restart") } }
        task.cancel()
        _ = await task.result
        let text = received.text.withLock { $0 }
        XCTAssertTrue(text.contains("event: gap\ndata: {\"resumesAt\":1}\n\nid: 1\nevent: invocation"), text)
    }

    func testStopEndsARunningStream() async throws {
        let feed = LiveFeed(traces: TraceRing(capacity: 4), interval: .milliseconds(5))
        let stream = try XCTUnwrap(feed.stream(after: nil, filter: InvocationFilter()))
        let task = Task { try await stream.run { _ in } }
        try await Task.sleep(for: .milliseconds(20))
        stream.stop()
        let ended = await task.result
        XCTAssertNoThrow(try ended.get(), "a stopped stream ends without an error")
    }

    func testEventsAreRefusedWith503BeyondTheCap() async throws {
        let harness = try await LiveHarness()
        let request = ConsoleRequest(method: "GET", path: Console.eventsPath, host: "127.0.0.1:4566")
        var open: [EventStream] = []
        for _ in 0..<16 {
            guard case .stream(let stream) = harness.console.openEvents(request) else { return XCTFail("refused early") }
            open.append(stream)
        }
        guard case .refused(let answer) = harness.console.openEvents(request) else { return XCTFail("a 17th stream opened") }
        XCTAssertEqual(answer.status, 503)
        XCTAssertTrue(answer.headers.contains { $0.name == "Retry-After" })
        open.removeAll()
        XCTAssertEqual(harness.console.feed?.openStreams, 0)
    }

    // MARK: POST endpoints

    func testTryItInvokesTheStageAndRedirectsToTheNewPicture() async throws {
        let harness = try await LiveHarness()
        let form = await harness.send("/apis/a1/resources/pets/methods/GET/try")
        XCTAssertTrue(form.html.contains(#"<input name="p.id" id="try-p.id" required>"#), form.html)
        XCTAssertTrue(
            form.html.contains(
                #"<span class="declared">header <code>X-Token</code> (required)</span> <span class="declared">query string <code>color</code></span>"#
            ),
            form.html)
        let sent = await harness.send(
            "/apis/a1/resources/pets/methods/GET/try", method: "POST", headers: [("Origin", "http://127.0.0.1:4566")],
            form: [("stage", "dev"), ("p.id", "404"), ("query", "a=1"), ("headers", "X-Test: yes")])
        XCTAssertEqual(sent.status, 303)
        let location = try XCTUnwrap(sent.headers["Location"])
        XCTAssertTrue(location.hasPrefix("/_portico/console/invocations/"))
        let id = String(location.dropFirst("/_portico/console/invocations/".count))
        let trace = try XCTUnwrap(harness.plane.traces.trace(id))
        XCTAssertEqual(trace.summary.status, 404)
        XCTAssertEqual(trace.summary.path, "/pets/404")
        let json = String(decoding: trace.json(), as: UTF8.self)
        XCTAssertTrue(json.contains(#"["X-Test","yes"]"#), json)
        XCTAssertTrue(json.contains(#""querystring":[["a","1"]]"#), json)
        let unknownStage = await harness.send(
            "/apis/a1/resources/pets/methods/GET/try", method: "POST", form: [("stage", "prod"), ("p.id", "1")])
        XCTAssertEqual(unknownStage.status, 400)
    }

    func testPostsFromAnotherOriginOrNotAsAFormAreRefused() async throws {
        let harness = try await LiveHarness()
        let path = "/apis/a1/resources/pets/methods/GET/try"
        let form = [("stage", "dev"), ("p.id", "200")]
        for headers in [[("Origin", "http://evil.example")], [("Origin", "null")], [("Sec-Fetch-Site", "cross-site")]] {
            let refused = await harness.send(path, method: "POST", headers: headers, form: form)
            XCTAssertEqual(refused.status, 403, "\(headers)")
        }
        XCTAssertNil(harness.plane.traces.traces(after: 0, limit: 10).traces.first, "a refused form invokes nothing")
        let json = await harness.console.respond(
            ConsoleRequest(
                method: "POST", path: Console.prefix + path, host: "127.0.0.1:4566", headers: [("Content-Type", "text/plain")],
                body: Array("stage=dev&p.id=200".utf8)))
        XCTAssertEqual(json.status, 415)
        let sameSite = await harness.send(path, method: "POST", headers: [("Sec-Fetch-Site", "same-origin")], form: form)
        XCTAssertEqual(sameSite.status, 303)
        // A no-referrer page's own form: Origin null, vouched for by Sec-Fetch-Site.
        let ownPage = await harness.send(
            path, method: "POST", headers: [("Origin", "null"), ("Sec-Fetch-Site", "same-origin")], form: form)
        XCTAssertEqual(ownPage.status, 303)
        let nullCrossSite = await harness.send(
            path, method: "POST", headers: [("Origin", "null"), ("Sec-Fetch-Site", "same-site")], form: form)
        XCTAssertEqual(nullCrossSite.status, 403)
    }

    func testTemplateTestRendersOutputOrTheDiagnosticWithLineAndColumn() async throws {
        let harness = try await LiveHarness()
        let path = "/apis/a1/resources/pets/methods/GET/responses/404/template"
        let form = await harness.send(path)
        XCTAssertTrue(form.html.contains("{&quot;missing&quot;:&quot;$input.params(&#39;id&#39;)&quot;}"), form.html)
        let rendered = await harness.send(
            path, method: "POST",
            form: [("template", #"{"name":"$input.path('$.name')","api":"$context.apiId"}"#), ("body", #"{"name":"<b>Rex</b>"}"#)])
        XCTAssertEqual(rendered.status, 200)
        XCTAssertTrue(
            rendered.html.contains(
                #"<pre id="template-output">{&quot;name&quot;:&quot;&lt;b&gt;Rex&lt;/b&gt;&quot;,&quot;api&quot;:&quot;a1&quot;}</pre>"#),
            rendered.html)
        // As a browser sends a textarea: CRLF line breaks.
        let broken = await harness.send(path, method: "POST", form: [("template", "ok\r\n#if($x)\r\n#end\r\n#end"), ("body", "{}")])
        XCTAssertTrue(broken.html.contains(#"data-location="4:1">4:1: "#), broken.html)
        // The template as sent, with the error's line marked.
        XCTAssertTrue(broken.html.contains(#"<span class="ln err">4</span>"#), broken.html)
        XCTAssertFalse(broken.html.contains("\r"))
    }

    final class Received: Sendable {
        let text = Mutex<String>("")
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            guard ContinuousClock.now < deadline else { return XCTFail("timed out") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
