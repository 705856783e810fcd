import JSONPath
import VTL

/// The VTL oracle's case format (one JSON object per line: `template`, `body`, `headers`,
/// `querystring`, `path`, `stageVariables`, `context`, `overrides`, `expect`), so corpora
/// checked against Velocity can be checked against this engine the same way. Used by the
/// `portico-vtl` command and the fixture tests.
public enum OracleCase {
    /// The outcome of one case, in the oracle's result terms.
    public enum Result: Sendable {
        case output(String, requestOverride: JSONValue?, responseOverride: JSONValue?)
        /// `errorType` is "parse", "runtime" or "case".
        case error(String, errorType: String)
    }

    /// A case made ready to render: template compiled, context built.
    public struct Prepared: Sendable {
        public let template: Swift.Result<MappingTemplate, VTLSyntaxError>
        public let context: MappingContext
        public let overrides: Bool
    }

    /// Compiles the case's template and builds its context; nil without a `template` string.
    public static func prepare(_ c: JSONValue?) -> Prepared? {
        guard let c, case .string(let source)? = c["template"] else { return nil }
        let template: Swift.Result<MappingTemplate, VTLSyntaxError>
        do {
            template = .success(try MappingTemplate(source: source))
        } catch {
            template = .failure(error)
        }
        var context = MappingContext()
        if let body = c["body"] {
            switch body {
            case .null: break
            case .string(let s): context.body = s
            default: context.body = JSONWriter.write(body)
            }
        }
        context.headers = stringPairs(c["headers"])
        context.queryString = stringPairs(c["querystring"])
        context.pathParameters = stringPairs(c["path"])
        context.stageVariables = stringPairs(c["stageVariables"])
        if let ctx = c["context"], case .object = ctx { context.context = ctx }
        var overrides = false
        if case .bool(let b)? = c["overrides"] { overrides = b }
        return Prepared(template: template, context: context, overrides: overrides)
    }

    /// A string map of the case (non-string values as compact JSON, nulls dropped).
    static func stringPairs(_ v: JSONValue?) -> [(String, String)] {
        guard case .object(let members)? = v else { return [] }
        var out: [(String, String)] = []
        for (k, e) in members {
            switch e {
            case .null: continue
            case .string(let s): out.append((k, s))
            default: out.append((k, JSONWriter.write(e)))
            }
        }
        return out
    }

    /// Runs one case (a JSON object).
    public static func run(_ c: JSONValue?) -> Result {
        guard let p = prepare(c) else {
            return .error("case has no \"template\" string", errorType: "case")
        }
        return run(p)
    }

    /// Renders a prepared case.
    public static func run(_ p: Prepared) -> Result {
        switch p.template {
        case .failure(let e):
            return .error(e.description, errorType: "parse")
        case .success(let t):
            do {
                let r = try t.render(p.context)
                return .output(
                    r.output, requestOverride: p.overrides ? r.requestOverride : nil,
                    responseOverride: p.overrides ? r.responseOverride : nil)
            } catch {
                switch error {
                case .syntax(let e): return .error(e.description, errorType: "parse")
                case .runtime(let e): return .error(e.description, errorType: "runtime")
                }
            }
        }
    }

    /// Whether a result agrees with an expectation: same output byte for byte (and same
    /// override maps when expected), or an error of the same type.
    public static func matches(_ result: Result, _ expect: JSONValue?) -> Bool {
        guard let expect else { return false }
        switch result {
        case .output(let out, let req, let resp):
            guard case .string(let e)? = expect["output"], e == out else { return false }
            if let er = expect["requestOverride"], er != (req ?? .null) { return false }
            if let er = expect["responseOverride"], er != (resp ?? .null) { return false }
            return expect["error"] == nil
        case .error(_, let type):
            guard expect["error"] != nil, case .string(let t)? = expect["errorType"] else { return false }
            return t == type
        }
    }

    /// A result line in the oracle's format (`{"id":..,"output":..}` or
    /// `{"id":..,"error":..,"errorType":..}`, with the override maps when requested).
    public static func resultLine(_ r: Result, id: JSONValue?) -> String {
        var s = "{"
        if let id { s += "\"id\":" + JSONWriter.write(id) + "," }
        switch r {
        case .output(let out, let req, let resp):
            s += "\"output\":" + JSONWriter.write(.string(out))
            if let req { s += ",\"requestOverride\":" + JSONWriter.write(req) }
            if let resp { s += ",\"responseOverride\":" + JSONWriter.write(resp) }
        case .error(let message, let type):
            s += "\"error\":" + JSONWriter.write(.string(message)) + ",\"errorType\":" + JSONWriter.write(.string(type))
        }
        return s + "}"
    }
}
