import JSONPath
import MappingTemplates
import VTL
import XCTest

/// `$input`, `$util`, `$context` and `$stageVariables` as API Gateway defines them. `$util`'s
/// expected strings match Java 17's `URLEncoder`/`URLDecoder`/`Base64` on the same input.
final class HostObjectTests: XCTestCase {
    let order = #"{"id": "o-1", "items": [{"sku": "A", "qty": 2, "price": 1.5}, {"sku": "B", "qty": 1, "price": 20}], "note": null, "paid": true}"#

    func render(_ source: String, _ context: MappingContext = MappingContext()) throws -> String {
        try MappingTemplate(source: source).render(context).output
    }

    func runtimeError(
        _ source: String, _ context: MappingContext = MappingContext(),
        file: StaticString = #filePath, line: UInt = #line
    ) -> VTLRuntimeError? {
        do {
            let out = try render(source, context)
            XCTFail("expected an error, rendered \(out.debugDescription)", file: file, line: line)
        } catch {
            guard case VTLError.runtime(let e) = error else {
                XCTFail("not a runtime error: \(error)", file: file, line: line)
                return nil
            }
            return e
        }
        return nil
    }

    func testInputJsonWritesJSONAndPathGivesObjects() throws {
        let ctx = MappingContext(body: order)
        XCTAssertEqual(
            try render("$input.json('$')", ctx),
            #"{"id":"o-1","items":[{"sku":"A","qty":2,"price":1.5},{"sku":"B","qty":1,"price":20}],"note":null,"paid":true}"#)
        XCTAssertEqual(
            try render("$input.json('$.items[1].sku')|$input.json('$.items[*].qty')|$input.json('$.paid')", ctx),
            #""B"|[2,1]|true"#)
        XCTAssertEqual(
            try render("$input.path('$.items').size()|$input.path('$.items[0].sku')|$input.path('$.id').length()", ctx),
            "2|A|3")
        XCTAssertEqual(
            try render("#foreach($i in $input.path('$.items'))$i.sku=$i.qty#if($foreach.hasNext),#end#end", ctx),
            "A=2,B=1")
        // A JSON null reads as "" from json() and as nothing from path().
        XCTAssertEqual(try render("[$input.json('$.note')][$input.path('$.note')]", ctx), #"[""][]"#)
    }

    func testInputPathErrors() {
        XCTAssertEqual(runtimeError("$input.path('')", MappingContext(body: order))?.kind, "InvalidPathException")
        XCTAssertEqual(runtimeError("$input.json('$.items[')", MappingContext(body: order))?.kind, "InvalidPathException")
        let bad = runtimeError("$input.json('$.a')", MappingContext(body: "[1,"))
        XCTAssertEqual(bad?.kind, "IllegalStateException")
        XCTAssertTrue(bad?.message.hasPrefix("Could not process payload") ?? false, bad?.message ?? "")
    }

    func testInputParamsLookupPrefersPathThenQueryThenHeader() throws {
        let ctx = MappingContext(
            headers: [("x", "header"), ("only-h", "H")], queryString: [("x", "query"), ("q", "1"), ("q", "2")],
            pathParameters: [("y", "path")])
        XCTAssertEqual(
            try render("$input.params('x')|$input.params('y')|$input.params('only-h')|$input.params('q')", ctx),
            "query|path|H|2")
        XCTAssertEqual(
            try render("$input.params().querystring.size()|$input.params().path.y|$input.params().header.get('only-h')", ctx),
            "2|path|H")
        // Header names are matched exactly as given.
        XCTAssertEqual(try render("[$input.params('ONLY-H')]", ctx), "[]")
    }

    func testEscapeJavaScript() throws {
        XCTAssertEqual(try render(#"$util.escapeJavaScript('a''b"c\d/e')"#), #"a\'b\"c\\d\/e"#)
        XCTAssertEqual(
            try render("#set($s = $input.path('$.s'))$util.escapeJavaScript($s)", MappingContext(body: #"{"s": "t\tn\nr\r\u0001"}"#)),
            #"t\tn\nr\r\u0001"#)
        // Non-ASCII as UTF-16 units, upper-case hex.
        XCTAssertEqual(try render("$util.escapeJavaScript('é😀')"), #"\u00E9\uD83D\uDE00"#)
        XCTAssertEqual(try render("$util.escapeJavaScript('plain text 123')"), "plain text 123")
    }

    func testURLEncodeAndDecodeLikeJava() throws {
        XCTAssertEqual(try render("$util.urlEncode(\"a+b c*-._~!'()é😀\")"), "a%2Bb+c*-._%7E%21%27%28%29%C3%A9%F0%9F%98%80")
        XCTAssertEqual(try render("$util.urlDecode('a%2Bb+c%E2%82%AC')"), "a+b c€")
        XCTAssertEqual(try render("$util.urlDecode($util.urlEncode('k=v&x=1 2'))"), "k=v&x=1 2")
        XCTAssertEqual(runtimeError("$util.urlDecode('100%')")?.kind, "IllegalArgumentException")
    }

    func testBase64LikeJava() throws {
        XCTAssertEqual(try render("$util.base64Encode('hi')|[$util.base64Encode('')]|$util.base64Encode('😀')"), "aGk=|[]|8J+YgA==")
        XCTAssertEqual(try render("$util.base64Decode('aGk=')|$util.base64Decode('aGk')|$util.base64Decode('8J+YgA==')"), "hi|hi|😀")
        XCTAssertEqual(runtimeError("$util.base64Decode('a$b')")?.kind, "IllegalArgumentException")
    }

    func testParseJson() throws {
        XCTAssertEqual(try render(#"#set($o = $util.parseJson('{"a": {"b": [10, 20]}, "s": "x"}'))$o.a.b[1]|$o.s|$o.a.b.size()"#), "20|x|2")
        XCTAssertEqual(try render(#"#set($l = $util.parseJson('[1, "two", null]'))$l.size()|$l[1]"#), "3|two")
        XCTAssertEqual(runtimeError("$util.parseJson('{nope')")?.kind, "InvalidJsonException")
        // parseJson of $input.json round-trips the payload.
        XCTAssertEqual(try render("$util.parseJson($input.json('$')).items[1].sku", MappingContext(body: order)), "B")
    }

    func testContextAndStageVariables() throws {
        let context = try JSONReader.parse(
            #"""
            {"requestId": "req-9", "stage": "dev", "httpMethod": "POST", "resourcePath": "/orders/{id}",
             "identity": {"sourceIp": "10.0.0.7", "userAgent": "curl/8"}, "authorizer": {"claims": {"sub": "u-1"}}}
            """#)
        let ctx = MappingContext(stageVariables: [("table", "orders-dev"), ("region", "eu-west-1")], context: context)
        XCTAssertEqual(
            try render("$context.requestId $context.stage $context.httpMethod $context.resourcePath", ctx),
            "req-9 dev POST /orders/{id}")
        XCTAssertEqual(
            try render("$context.identity.sourceIp|$context.identity.userAgent|$context.authorizer.claims.sub", ctx),
            "10.0.0.7|curl/8|u-1")
        XCTAssertEqual(
            try render("$stageVariables.table@$stageVariables.region|[$!stageVariables.missing]", ctx),
            "orders-dev@eu-west-1|[]")
        // Unset entries render as nothing (API Gateway prints null as empty, quiet or not).
        XCTAssertEqual(try render("[$context.nope][$!context.nope][$context.identity.nope]", ctx), "[][][]")
    }

    func testForeachStopsAtTheConfiguredLimit() throws {
        var limits = VTLLimits()
        limits.maxForeachIterations = 5
        let t = try MappingTemplate(source: "#foreach($i in [1..100])$i,#end", limits: limits)
        XCTAssertEqual(try t.render(MappingContext()).output, "1,2,3,4,5,")
    }
}
