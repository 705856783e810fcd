import APIGatewayModel
import Store
import XCTest

@testable import Console

final class ConsoleSkeletonTests: XCTestCase {
    func testHomeListsAPIsWithTheirThreeInvokeURLs() async throws {
        let harness = try await ConsoleHarness { model in
            var api = APIState.seeded(id: "a1b2c3", name: "pets")
            api.stages["dev"] = Stage(deploymentId: "d1", stageName: "dev")
            model.apis["a1b2c3"] = api
        }
        let page = await harness.get("/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.html.contains("pets"))
        XCTAssertTrue(page.html.contains("http://127.0.0.1:4566/_aws/execute-api/a1b2c3/dev/"), page.html)
        XCTAssertTrue(page.html.contains("http://127.0.0.1:4566/restapis/a1b2c3/dev/_user_request_/"))
        XCTAssertTrue(page.html.contains("http://a1b2c3.execute-api.localhost.localstack.cloud:4566/dev/"))
        XCTAssertTrue(page.html.contains("EDGE"))
    }

    func testHostileNamesAreEscaped() async throws {
        let harness = try await ConsoleHarness { model in
            model.apis["x1"] = APIState.seeded(id: "x1", name: #"<script>alert(1)</script><img src=x onerror="alert(2)">"#)
        }
        let page = await harness.get("/")
        XCTAssertFalse(page.html.contains("<script>alert"))
        XCTAssertFalse(page.html.contains("<img src=x"))
        XCTAssertTrue(page.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"), page.html)
    }

    func testMustacheTagsInModelValuesStayText() async throws {
        let harness = try await ConsoleHarness { model in
            model.apis["m1"] = APIState.seeded(id: "m1", name: "{{title}}{{{title}}}{{>layout}}")
        }
        let page = await harness.get("/")
        XCTAssertTrue(page.html.contains("{{title}}{{{title}}}{{&gt;layout}}"), page.html)
    }

    func testSecurityHeadersOnEveryAnswer() async throws {
        let harness = try await ConsoleHarness()
        for path in ["/", "/nowhere", "/assets/console.css"] {
            let page = await harness.get(path)
            XCTAssertEqual(
                page.headers["Content-Security-Policy"],
                "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'", path)
            XCTAssertEqual(page.headers["X-Content-Type-Options"], "nosniff")
            XCTAssertEqual(page.headers["Referrer-Policy"], "no-referrer")
            XCTAssertEqual(page.headers["X-Frame-Options"], "DENY")
        }
        let home = await harness.get("/")
        XCTAssertEqual(home.headers["Cache-Control"], "no-store")
        XCTAssertEqual(home.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertNotNil(home.headers["Server-Timing"]?.wholeMatch(of: /render;dur=\d+\.\d{3}/))
    }

    func testUnknownPagesAre404AndOtherMethods405() async throws {
        let harness = try await ConsoleHarness()
        let missing = await harness.get("/no/such/page")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.html.contains("404 Not found"))
        let post = await harness.get("/", method: "POST")
        XCTAssertEqual(post.status, 405)
        XCTAssertEqual(post.headers["Allow"], "GET, HEAD")
        let head = await harness.get("/", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.html.isEmpty)
    }

    func testNoTemplateUnescapesAValue() {
        for (name, text) in ConsoleTemplates.all {
            XCTAssertFalse(text.contains("{{{"), name)
            XCTAssertFalse(text.contains("{{&"), name)
            XCTAssertFalse(text.contains("<script>"), name)
            XCTAssertFalse(text.contains("style="), "inline style in \(name) (the CSP forbids it)")
        }
        XCTAssertNotNil(ConsoleRenderer.library.getTemplate(named: "home"))
    }

    func testClaimsOnlyTheConsolePaths() {
        XCTAssertTrue(Console.claims("/_portico/console"))
        XCTAssertTrue(Console.claims("/_portico/console/apis/x"))
        XCTAssertFalse(Console.claims("/_portico/consoles"))
        XCTAssertFalse(Console.claims("/_portico/health"))
    }
}

final class HrefTests: XCTestCase {
    func testSegmentsArePercentEncoded() {
        XCTAssertEqual(Href.segment("a1-b_c.d~"), "a1-b_c.d~")
        XCTAssertEqual(Href.segment("a/b c?#<"), "a%2Fb%20c%3F%23%3C")
        XCTAssertEqual(Href.segment("é"), "%C3%A9")
        XCTAssertEqual(Href.method(api: "x", resource: "r/1", httpMethod: "GET"), "/_portico/console/apis/x/resources/r%2F1/methods/GET")
    }
}
