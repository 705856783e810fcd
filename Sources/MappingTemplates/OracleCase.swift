import JSONPath
import MappingTemplates
import VTL

/// The outcome of one case, in the oracle's result terms.
enum CaseResult {
    case output(String, requestOverride: JSONValue?, responseOverride: JSONValue?)
    /// `errorType` is "parse", "runtime" or "case".
    case error(String, errorType: String)
}

/// A case made ready to render: template compiled, context built.
struct PreparedCase {
    let template: Result<MappingTemplate, VTLSyntaxError>
    let context: MappingContext
    let overrides: Bool
}

/// Reads cases in the oracle's JSONL format and runs them through `MappingTemplate`.
enum CaseRunner {
    static func prepare(_ c: JSONValue?) -> PreparedCase? {
        guard let c, case .string(let source)? = c["template"] else { return nil }
        let template: Result<MappingTemplate, VTLSyntaxError>
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
        return PreparedCase(template: template, context: context, overrides: overrides)
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

    static func run(_ c: JSONValue?) -> CaseResult {
        guard let p = prepare(c) else {
            return .error("case has no \"template\" string", errorType: "case")
        }
        return run(p)
    }

    static func run(_ p: PreparedCase) -> CaseResult {
        switch p.template {
        case .failure(let e):
            return .error(e.description, errorType: "parse")
        case .success(let t):
            do {
                let r = try t.render(p.context)
                return .output(r.output, requestOverride: p.overrides ? r.requestOverride : nil,
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
    static func matches(_ result: CaseResult, _ expect: JSONValue?) -> Bool {
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
}

/// Result lines in the oracle's format.
enum ResultLine {
    static func json(_ r: CaseResult, id: JSONValue?) -> String {
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
