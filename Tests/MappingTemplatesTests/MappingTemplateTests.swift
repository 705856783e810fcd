import JSONPath
import MappingTemplates
import VTL
import XCTest

/// API Gateway's host objects and the data plane's entry point.
final class MappingTemplateTests: XCTestCase {
    let pet = #"{"id": 42, "name": "Rex", "tags": ["a", "b"], "owner": {"name": "Ann"}, "price": 10.00}"#

    func render(_ source: String, _ context: MappingContext) throws -> String {
        try MappingTemplate(source: source).render(context).output
    }

    func testInputPathJsonAndBody() throws {
        let ctx = MappingContext(body: pet)
        XCTAssertEqual(
            try render("$input.path('$.name')|$input.json('$.owner')|$input.path('$.tags')|$input.path('$.owner')", ctx),
            #"Rex|{"name":"Ann"}|["a","b"]|{name=Ann}"#)
        XCTAssertEqual(
            try render("$input.path('$.price')|$input.json('$.missing')|[$input.path('$.missing')]", ctx),
            #"10.0|""|[]"#)
        XCTAssertEqual(try render("$input.body", MappingContext()), "{}")
        XCTAssertEqual(try render("$input.json('$[*].id')", MappingContext(body: #"[{"id": 1}, {"id": 2}]"#)), "[1,2]")
    }

    func testPayloadIsParsedOnlyWhenNeededAndErrorsThen() throws {
        let bad = MappingContext(body: "{a")
        XCTAssertEqual(try render("body: $input.body", bad), "body: {a")
        XCTAssertThrowsError(try render("$input.path('$')", bad)) { error in
            XCTAssertTrue((error as? VTLError)?.isUnparsablePayload ?? false)
            guard case VTLError.runtime(let e) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, "IllegalStateException")
            XCTAssertTrue(e.message.hasPrefix("Could not process payload"), e.message)
        }
    }

    func testPathResultsAreTheSameObjectsEachTime() throws {
        let out = try render(
            "#set($o = $input.path('$.owner'))$o.put('city', 'Oslo')$input.path('$.owner')|$input.json('$.owner')",
            MappingContext(body: pet))
        XCTAssertEqual(out, #"{name=Ann, city=Oslo}|{"name":"Ann","city":"Oslo"}"#)
    }

    func testParamsLookupOrderAndMaps() throws {
        let ctx = MappingContext(
            headers: [("id", "h"), ("X-A", "1")], queryString: [("id", "q"), ("page", "2")],
            pathParameters: [("id", "p")])
        XCTAssertEqual(
            try render("$input.params('id')|$input.params('page')|$input.params('X-A')|[$input.params('nope')]", ctx),
            "p|2|1|[]")
        XCTAssertEqual(try render("$input.params()", ctx), "{path={id=p}, querystring={id=q, page=2}, header={id=h, X-A=1}}")
        XCTAssertEqual(try render("#foreach($k in $input.params().header.keySet())$k;#end", ctx), "id;X-A;")
    }

    func testUtilFunctions() throws {
        let ctx = MappingContext()
        XCTAssertEqual(try render(#"$util.escapeJavaScript('it''s "q" a/b é')"#, ctx), #"it\'s \"q\" a\/b \u00E9"#)
        XCTAssertEqual(try render("$util.urlEncode('a b&c/é~')|$util.urlDecode('a+b%2Fc%C3%A9')", ctx), "a+b%26c%2F%C3%A9%7E|a b/cé")
        XCTAssertEqual(try render("$util.base64Encode('hello é')|$util.base64Decode('aGVsbG8gw6k=')", ctx), "aGVsbG8gw6k=|hello é")
        XCTAssertEqual(try render(#"#set($o = $util.parseJson('{"a": [1, 2]}'))$o.a.size()|$o"#, ctx), #"2|{a=[1,2]}"#)
        XCTAssertThrowsError(try render("$util.base64Decode('a$b')", ctx))
        XCTAssertThrowsError(try render("$util.urlDecode('%zz')", ctx))
    }

    func testContextStageVariablesAndOverrides() throws {
        let context = try JSONReader.parse(#"{"requestId": "r-1", "identity": {"sourceIp": "1.2.3.4"}}"#)
        let ctx = MappingContext(stageVariables: [("env", "prod")], context: context)
        let t = try MappingTemplate(
            source: """
                #set($context.responseOverride.status = 418)\
                #set($context.responseOverride.header.X-Env = $stageVariables.env)\
                #set($context.requestOverride.querystring.page = '2')\
                $context.requestId $context.identity.sourceIp
                """)
        let r = try t.render(ctx)
        XCTAssertEqual(r.output, "r-1 1.2.3.4")
        XCTAssertEqual(r.statusOverride, 418)
        XCTAssertEqual(r.responseHeaderOverrides.map { "\($0.0)=\($0.1)" }, ["X-Env=prod"])
        XCTAssertEqual(r.requestOverrides("querystring").map { "\($0.0)=\($0.1)" }, ["page=2"])
        XCTAssertEqual(JSONWriter.write(r.responseOverride), #"{"header":{"X-Env":"prod"},"status":418}"#)
        XCTAssertEqual(JSONWriter.write(r.requestOverride), #"{"header":{},"path":{},"querystring":{"page":"2"}}"#)
    }

    func testOverridesWithoutContextUse() throws {
        let r = try MappingTemplate(source: "plain").render(MappingContext())
        XCTAssertNil(r.statusOverride)
        XCTAssertEqual(JSONWriter.write(r.responseOverride), #"{"header":{}}"#)
    }

    func testBodyBytes() throws {
        let ctx = MappingContext(bodyBytes: Array(#"{"k": "vé"}"#.utf8))
        XCTAssertEqual(try render("$input.path('$.k')", ctx), "vé")
    }

    func testSyntaxErrorsAtCompileTime() {
        XCTAssertThrowsError(try MappingTemplate(source: "#if(true)")) { error in
            XCTAssertEqual("\(error)", "1:10: unexpected end of template")
        }
    }

    func testOracleCaseFormat() throws {
        let c = try JSONReader.parse(
            #"{"template": "$input.params('q')-$context.stage", "querystring": {"q": 5}, "context": {"stage": "dev"}, "expect": {"output": "5-dev"}}"#
        )
        let result = OracleCase.run(c)
        XCTAssertTrue(OracleCase.matches(result, c["expect"]))
        XCTAssertEqual(OracleCase.resultLine(result, id: .string("x")), #"{"id":"x","output":"5-dev"}"#)
        let bad = try JSONReader.parse(##"{"template": "#end", "expect": {"error": "...", "errorType": "parse"}}"##)
        XCTAssertTrue(OracleCase.matches(OracleCase.run(bad), bad["expect"]))
        XCTAssertFalse(OracleCase.matches(OracleCase.run(bad), c["expect"]))
    }
}
