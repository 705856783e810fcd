import APIGatewayModel
import Foundation
import Store
import XCTest

@testable import Console

/// Each page's key content, from one seeded model.
final class ConsolePagesTests: XCTestCase {
    private static func seed(_ model: inout ModelState) {
        var api = APIState.seeded(id: "api1", name: "shop")
        let good = IntegrationResponse(
            statusCode: "200", selectionPattern: "", responseTemplates: ["application/json": #"#set($a = 1){"n": $a}"#])
        let bad = IntegrationResponse(
            statusCode: "400", selectionPattern: #"4\d{2"#, responseParameters: ["method.response.header.X-Err": "'yes'"],
            responseTemplates: ["application/json": "line1\n#if($x\n#end"])
        let integration = Integration(
            type: .http, httpMethod: "POST", uri: "http://backend.invalid/orders",
            requestParameters: ["integration.request.header.X-Id": "method.request.path.id"],
            requestTemplates: ["application/json": #"{"id": "$input.params('id')"}"#], passthroughBehavior: "NEVER", timeoutInMillis: 5000,
            integrationResponses: ["200": good, "400": bad])
        let method = Method(
            httpMethod: "POST", authorizationType: "CUSTOM", authorizerId: "au1", apiKeyRequired: true, requestValidatorId: "v1",
            requestParameters: ["method.request.path.id": true, "method.request.header.X-Trace": false],
            requestModels: ["application/json": "Order"],
            methodResponses: ["200": MethodResponse(statusCode: "200", responseParameters: ["method.response.header.X-Err": false])],
            methodIntegration: integration)
        api.resources["r1"] = Resource(id: "r1", parentId: "root", pathPart: "orders", path: "/orders")
        api.resources["r2"] = Resource(id: "r2", parentId: "r1", pathPart: "{id}", path: "/orders/{id}", resourceMethods: ["POST": method])
        api.authorizers["au1"] = Authorizer(
            id: "au1", name: "tokens", type: .token, authorizerUri: "arn:aws:lambda:fn", identitySource: "method.request.header.Auth",
            identityValidationExpression: "Bearer (")
        api.models["Order"] = Model(id: "m1", name: "Order", schema: #"{"type":"object"}"#, contentType: "application/json")
        api.requestValidators["v1"] = RequestValidator(id: "v1", name: "body-only", validateRequestBody: true)
        api.gatewayResponses["MISSING_AUTHENTICATION_TOKEN"] = GatewayResponse(
            responseType: .missingAuthenticationToken, statusCode: "404", responseTemplates: ["application/json": #"{"gone":"$context.path"}"#],
            defaultResponse: false)
        api.deployments["d1"] = DeploymentRecord(
            deployment: Deployment(id: "d1", description: "first"),
            snapshot: DeploymentSnapshot(restApi: api.restApi, resources: [:], gatewayResponses: [:]))
        api.stages["prod"] = Stage(
            deploymentId: "d1", stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: .v05,
            methodSettings: ["*/*": MethodSetting(throttlingBurstLimit: 7)], variables: ["backend": "b.example"],
            accessLogSettings: AccessLogSettings(format: "$context.requestId", destinationArn: "arn:aws:logs:x"),
            canarySettings: CanarySettings(percentTraffic: 12.5, deploymentId: "d1"))
        model.apis["api1"] = api
        model.account.apiKeys["k1"] = ApiKey(id: "k1", value: "secretvalue123456789", name: "alice", enabled: true)
        model.account.usagePlans["p1"] = UsagePlan(
            id: "p1", name: "gold", apiStages: [ApiStage(apiId: "api1", stage: "prod")], quota: QuotaSettings(limit: 100, period: .day))
        model.account.usagePlanKeys["p1/k1"] = UsagePlanKey(id: "k1", type: "API_KEY", name: "alice")
        model.account.usage[UsageCalendar.name(plan: "p1", key: "k1", day: UsageCalendar.day(Date()))] = 42
        model.account.domainNames["api.example.com"] = DomainName(domainName: "api.example.com", regionalDomainName: "d-1.execute-api")
        model.account.basePathMappings["api.example.com/v1"] = BasePathMapping(basePath: "v1", restApiId: "api1", stage: "prod")
        model.account.lambdaFunctions["hello"] = .object([
            "name": .string("hello"), "runtime": .string("python3.12"), "handler": .string("app.handler"),
            "memorySize": .number(256), "timeout": .number(9), "environment": .object(["GREETING": .string("<b>hi</b>")]),
        ])
    }

    private var harness: ConsoleHarness!

    override func setUp() async throws {
        harness = try await ConsoleHarness(Self.seed)
    }

    private func page(_ path: String, file: StaticString = #filePath, line: UInt = #line) async -> String {
        let response = await harness.get(path)
        XCTAssertEqual(response.status, 200, path, file: file, line: line)
        return response.html
    }

    func testResourceTreeListsPathsAndMethodLinks() async {
        let html = await page("/apis/api1")
        XCTAssertTrue(html.contains(#"data-path="/orders/{id}""#))
        XCTAssertTrue(html.contains(#"href="/_portico/console/apis/api1/resources/r2/methods/POST""#))
        XCTAssertTrue(html.contains("Resources (3)"))
        XCTAssertTrue(html.contains(#"id="filter""#))
    }

    func testMethodPageShowsAllFourPartsInAWSOrder() async throws {
        let html = await page("/apis/api1/resources/r2/methods/POST")
        let order = ["Method request", "Integration request", "Integration responses", "Method responses"].map { html.range(of: $0)?.lowerBound }
        XCTAssertFalse(order.contains { $0 == nil })
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted())
        for expected in [
            "CUSTOM", ">tokens</a>", "body-only", "X-Trace", ">Order</a>", "http://backend.invalid/orders", "NEVER", "5000",
            "integration.request.header.X-Id", #"<code class="selection-pattern">4\d{2</code>"#, "Pattern error at 1:6",
            "Template error at 3:1", #"<span class="d">#set</span>"#, "method.response.header.X-Err",
        ] {
            XCTAssertTrue(html.contains(expected), expected)
        }
        // Links to the live pages.
        XCTAssertTrue(html.contains(#"<a class="try-it-link" href="/_portico/console/apis/api1/resources/r2/methods/POST/try">"#))
        XCTAssertTrue(html.contains(#"href="/_portico/console/apis/api1/resources/r2/methods/POST/responses/400/template""#))
        XCTAssertTrue(
            html.contains(
                #"<a class="request-template-test-link" href="/_portico/console/apis/api1/resources/r2/methods/POST/integration/template">"#))
        // The template error's line is marked.
        XCTAssertTrue(html.contains(#"<span class="ln err">3</span>"#))
    }

    func testStagesPage() async {
        let html = await page("/apis/api1/stages")
        for expected in [
            "http://127.0.0.1:4566/_aws/execute-api/api1/prod/", "b.example", "12.5 %", "enabled, 0.5 GB", "arn:aws:logs:x",
            "$context.requestId", "<code>*/*</code>", "first",
        ] {
            XCTAssertTrue(html.contains(expected), expected)
        }
    }

    func testAuthorizersModelsValidatorsAndGatewayResponses() async {
        let authorizers = await page("/apis/api1/authorizers")
        XCTAssertTrue(authorizers.contains("method.request.header.Auth"))
        XCTAssertTrue(authorizers.contains("Pattern error at 1:"))
        let models = await page("/apis/api1/models")
        XCTAssertTrue(models.contains("&quot;type&quot; : &quot;object&quot;"), models)
        let validators = await page("/apis/api1/validators")
        XCTAssertTrue(validators.contains("body-only"))
        let responses = await page("/apis/api1/gateway-responses")
        XCTAssertTrue(responses.contains(#"id="gateway-response-MISSING_AUTHENTICATION_TOKEN""#))
        XCTAssertTrue(responses.contains("customised"))
        XCTAssertTrue(responses.contains("$context.path"))
        XCTAssertTrue(responses.contains("DEFAULT_5XX"))
    }

    func testAccountPages() async {
        let keys = await page("/api-keys")
        XCTAssertTrue(keys.contains("alice") && keys.contains("secretvalue123456789") && keys.contains(">gold</a>"))
        let plans = await page("/usage-plans")
        XCTAssertTrue(plans.contains(#"<td class="used-today">42</td>"#), plans)
        XCTAssertTrue(plans.contains(#"<td class="remaining">58</td>"#))
        XCTAssertTrue(plans.contains("100 requests per DAY"))
        let domains = await page("/domain-names")
        XCTAssertTrue(domains.contains("api.example.com") && domains.contains("<code>v1</code>") && domains.contains(">shop</a>"))
        let functions = await page("/functions")
        XCTAssertTrue(functions.contains(#"href="/_portico/console/functions/hello""#) && functions.contains("python3.12"))
        let function = await page("/functions/hello")
        XCTAssertTrue(function.contains("GREETING") && function.contains("&lt;b&gt;hi&lt;/b&gt;"))
    }

    func testUnknownEntitiesAre404Pages() async {
        for path in [
            "/apis/nope", "/apis/api1/resources/zz/methods/GET", "/apis/api1/resources/r2/methods/GET", "/functions/nope",
            "/apis/nope/stages",
        ] {
            let response = await harness.get(path)
            XCTAssertEqual(response.status, 404, path)
            XCTAssertTrue(response.html.contains("<!DOCTYPE html>"), path)
        }
    }

    func testTemplatesAndResourceNamesAreEscaped() async throws {
        let hostile = #"<script>alert(1)</script><img src=x onerror=alert(2)>"#
        let harness = try await ConsoleHarness { model in
            var api = APIState.seeded(id: "h1", name: hostile)
            let integration = Integration(type: .mock, requestTemplates: ["application/json": hostile])
            api.resources["r"] = Resource(
                id: "r", parentId: "root", pathPart: hostile, path: "/" + hostile,
                resourceMethods: ["GET": Method(httpMethod: "GET", methodIntegration: integration)])
            model.apis["h1"] = api
        }
        for path in ["/", "/apis/h1", "/apis/h1/resources/r/methods/GET"] {
            let html = await harness.get(path).html
            XCTAssertFalse(html.contains("<script>alert"), path)
            XCTAssertFalse(html.contains("<img src=x"), path)
            XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), path)
        }
    }
}

final class FunctionLogTests: XCTestCase {
    func testRecentLogKeepsTheLastWholeLines() throws {
        let path = NSTemporaryDirectory() + "/console-log-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = (1...50).map { "line \($0)" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(FunctionPages.recentLog(path, maxLines: 3), ["line 48", "line 49", "line 50"])
        // A window that starts mid-line drops the partial line.
        let window = FunctionPages.recentLog(path, maxBytes: 20)
        XCTAssertEqual(window, ["line 49", "line 50"])
        XCTAssertEqual(FunctionPages.recentLog(path + ".missing"), [])
    }
}
