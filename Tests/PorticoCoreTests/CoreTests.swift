import Foundation
import PorticoCore
import XCTest

final class IdentifierTests: XCTestCase {
    func testRandomIdentifiersHaveAWSFormats() {
        let ids = RandomIdentifiers()
        let alphanumerics = Set("abcdefghijklmnopqrstuvwxyz0123456789")
        for (kind, length) in [(IdentifierKind.restApi, 10), (.rootResource, 10), (.resource, 6), (.deployment, 6)] {
            let id = ids.next(kind)
            XCTAssertEqual(id.count, length, "\(kind)")
            XCTAssertTrue(id.allSatisfy(alphanumerics.contains), id)
        }
        let uuid = ids.next(.request)
        XCTAssertNotNil(uuid.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/), uuid)
        let extended = ids.next(.extendedRequest)
        XCTAssertNotNil(extended.wholeMatch(of: /[A-Za-z0-9]{15}=/), extended)
        let trace = ids.traceId(at: Date(timeIntervalSince1970: 1_764_547_200))
        XCTAssertNotNil(trace.wholeMatch(of: /Root=1-692cda80-[0-9a-f]{24}/), trace)
    }

    func testRandomIdentifiersDoNotRepeat() {
        let ids = RandomIdentifiers()
        var seen = Set<String>()
        for _ in 0..<10_000 { seen.insert(ids.next(.request)) }
        XCTAssertEqual(seen.count, 10_000)
    }

    func testSequentialIdentifiersCountPerKind() {
        let ids = SequentialIdentifiers()
        XCTAssertEqual(ids.next(.restApi), "api0000001")
        XCTAssertEqual(ids.next(.restApi), "api0000002")
        XCTAssertEqual(ids.next(.resource), "r00001")
        XCTAssertEqual(ids.next(.request), "00000000-0000-4000-8000-000000000001")
        XCTAssertEqual(ids.traceId(at: Date(timeIntervalSince1970: 16)), "Root=1-00000010-000000000000000000000001")
    }

    func testUUIDLayout() {
        XCTAssertEqual(IdentifierFormat.uuid(high: .max, low: .max), "ffffffff-ffff-4fff-bfff-ffffffffffff")
        XCTAssertEqual(IdentifierFormat.uuid(high: 0, low: 0), "00000000-0000-4000-8000-000000000000")
    }
}

final class ClockTests: XCTestCase {
    func testManualClockMovesOnlyWhenTold() {
        let clock = ManualClock(Date(timeIntervalSince1970: 100.75))
        XCTAssertEqual(clock.now(), Date(timeIntervalSince1970: 100.75))
        XCTAssertEqual(clock.timestamp(), Date(timeIntervalSince1970: 100))
        XCTAssertEqual(clock.epochMilliseconds(), 100_750)
        clock.advance(by: 60)
        XCTAssertEqual(clock.now(), Date(timeIntervalSince1970: 160.75))
    }
}

final class MappingExpressionTests: XCTestCase {
    func testSources() {
        XCTAssertEqual(MappingSource("'static'"), .literal("static"))
        XCTAssertEqual(MappingSource("''"), .literal(""))
        XCTAssertEqual(MappingSource("method.request.path.id"), .methodRequest(.path, name: "id"))
        XCTAssertEqual(MappingSource("method.request.header.X-A.b"), .methodRequest(.header, name: "X-A.b"))
        XCTAssertEqual(MappingSource("method.request.multivaluequerystring.q"), .methodRequest(.multivaluequerystring, name: "q"))
        XCTAssertEqual(MappingSource("method.request.body"), .methodRequestBody(jsonPath: nil))
        XCTAssertEqual(MappingSource("method.request.body.a.b"), .methodRequestBody(jsonPath: "a.b"))
        XCTAssertEqual(MappingSource("integration.response.body.x"), .integrationResponseBody(jsonPath: "x"))
        XCTAssertEqual(MappingSource("integration.response.header.Server"), .integrationResponseHeader(name: "Server", multi: false))
        XCTAssertEqual(
            MappingSource("integration.response.multivalueheader.Set-Cookie"),
            .integrationResponseHeader(name: "Set-Cookie", multi: true))
        XCTAssertEqual(MappingSource("context.requestId"), .context("requestId"))
        XCTAssertEqual(MappingSource("stageVariables.color"), .stageVariable("color"))
    }

    func testInvalidSources() {
        for text in [
            "", "'", "method.request.cookie.x", "method.request.path.", "method.request.path",
            "integration.response.header.", "request.path.id", "x",
        ] {
            XCTAssertNil(MappingSource(text), text)
        }
    }

    func testSourcesKnowTheirSide() {
        XCTAssertTrue(MappingSource("method.request.path.id")!.isRequestSource)
        XCTAssertFalse(MappingSource("method.request.path.id")!.isResponseSource)
        XCTAssertTrue(MappingSource("integration.response.header.A")!.isResponseSource)
        XCTAssertFalse(MappingSource("integration.response.header.A")!.isRequestSource)
        XCTAssertEqual(MappingSource("method.request.querystring.q")?.methodRequestKey, "method.request.querystring.q")
        XCTAssertNil(MappingSource("'x'")?.methodRequestKey)
    }

    func testTargets() {
        let target = MappingTarget("integration.request.header.X-Id", side: .integrationRequest)
        XCTAssertEqual(target?.location, .header)
        XCTAssertEqual(target?.name, "X-Id")
        XCTAssertNil(MappingTarget("integration.request.header.", side: .integrationRequest))
        XCTAssertNil(MappingTarget("method.response.querystring.q", side: .methodResponse, allowed: MappingLocation.headerOnly))
        XCTAssertNotNil(MappingTarget("method.response.header.A", side: .methodResponse, allowed: MappingLocation.headerOnly))
        XCTAssertNil(MappingTarget("method.request.header.A", side: .integrationRequest))
    }
}

final class PatchPointerTests: XCTestCase {
    func testSegmentsAreUnescaped() {
        XCTAssertEqual(PatchPointer("/requestTemplates/application~1json")?.segments, ["requestTemplates", "application/json"])
        XCTAssertEqual(PatchPointer("/a~01/b")?.segments, ["a~1", "b"])
        XCTAssertEqual(PatchPointer("/*/*/logging/loglevel")?.segments, ["*", "*", "logging", "loglevel"])
        XCTAssertEqual(PatchPointer("/")?.segments, [""])
        XCTAssertNil(PatchPointer("name"))
    }

    func testEscapeRoundTrips() {
        for key in ["application/json", "a~b", "~1", "plain"] {
            XCTAssertEqual(PatchPointer("/" + PatchPointer.escape(key))?.segments, [key])
        }
    }
}

final class ARNTests: XCTestCase {
    func testParts() throws {
        let arn = try XCTUnwrap(ARN("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:x:1:function:f/invocations"))
        XCTAssertEqual(arn.partition, "aws")
        XCTAssertEqual(arn.service, "apigateway")
        XCTAssertEqual(arn.region, "us-east-1")
        XCTAssertEqual(arn.account, "lambda")
        XCTAssertEqual(arn.resource, "path/2015-03-31/functions/arn:aws:lambda:x:1:function:f/invocations")
        XCTAssertEqual(ARN("arn:aws:apigateway:us-east-1::/restapis/a")?.account, "")
    }

    func testNotARNs() {
        for text in ["", "arn:aws:iam", "urn:aws:iam::1:role/x", "invalid-arn"] {
            XCTAssertNil(ARN(text), text)
        }
    }
}
