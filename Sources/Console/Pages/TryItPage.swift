import APIGatewayModel
import DataPlane
import Foundation
import Store

/// `…/methods/{verb}/try`: a form that sends a request to a deployed stage of the method —
/// stage, path with its parameters filled, query string, headers, body — through the data
/// plane's invocation pipeline (in process: the call is traced like any other), then opens
/// the new invocation's pipeline picture (303). The form posts as
/// `application/x-www-form-urlencoded`, so it works without script.
enum TryItPage {
    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let (api, resource, verb) = try target(context)
        let path = resource.path ?? "/"
        let parameters = pathParameters(path).map { ["name": $0.name, "field": "p." + $0.name, "greedy": $0.greedy] }
        let stages = api.stages.keys.sorted()
        // The method's declared query string and header parameters, as hints for the fields.
        let declared: [[String: Any]] = (resource.resourceMethods?[verb]?.requestParameters ?? [:]).sorted { $0.key < $1.key }
            .compactMap { key, required in
                for (prefix, location) in [("method.request.querystring.", "query string"), ("method.request.header.", "header")]
                where key.hasPrefix(prefix) {
                    return ["location": location, "name": String(key.dropFirst(prefix.count)), "required": required]
                }
                return nil
            }
        return ConsolePage(
            template: "tryIt", title: "Try \(verb) \(path)",
            crumbs: [
                ("Console", Href.home), (api.restApi.name ?? api.id, Href.api(api.id)),
                ("\(verb) \(path)", Href.method(api: api.id, resource: resource.id ?? "", httpMethod: verb)),
            ],
            view: [
                "action": Href.tryIt(api: api.id, resource: resource.id ?? "", verb: verb), "verb": verb, "isAny": verb == "ANY",
                "resourcePath": path, "parameters": parameters, "hasParameters": !parameters.isEmpty,
                "stages": stages.map { ["name": $0] }, "hasStages": !stages.isEmpty, "declared": declared,
                "hasDeclared": !declared.isEmpty,
            ])
    }

    static func submit(_ context: PageContext) async throws(ConsoleFailure) -> ConsoleOutput {
        let fields = try FormPost.fields(context)
        let (api, resource, verb) = try target(context)
        guard let dataPlane = context.console.dataPlane else { throw InvocationsPage.noDataPlane }
        let stage = fields["stage"] ?? ""
        guard api.stages[stage] != nil else { throw badRequest("Choose a stage of the API (\(stage.isEmpty ? "none chosen" : stage) is not one).") }
        var method = verb
        if verb == "ANY" {
            method = (fields["method"] ?? "").trimmed.uppercased()
            guard !method.isEmpty, method.allSatisfy({ $0.isLetter }) else { throw badRequest("Name the HTTP method to send.") }
        }
        let path = try fill(resource.path ?? "/", fields: fields)
        let headers = try headerLines(fields["headers"] ?? "")
        let query = (fields["query"] ?? "").trimmed.drop { $0 == "?" }
        let requestId = dataPlane.newRequestId()
        _ = await dataPlane.invoke(
            InvocationTarget(apiId: api.id, stage: stage, path: Substring(path)),
            InvocationRequest(
                method: method, query: FormFields.parse(String(query)), headers: headers,
                body: Array((fields["body"] ?? "").utf8), rawQuery: query.isEmpty ? nil : String(query),
                rawPath: "/" + Href.segment(stage) + path),
            requestId: requestId, host: context.request.host)
        return .raw(ConsoleResponse.seeOther(Href.invocation(requestId)))
    }

    /// The API, resource and method the address names, or a 404.
    static func target(_ context: PageContext) throws(ConsoleFailure) -> (APIState, Resource, String) {
        let api = try context.api()
        let resourceId = context.parameter("resource")
        let verb = context.parameter("verb")
        guard let resource = api.resources[resourceId] else { throw .notFound("The API has no resource \(resourceId).") }
        guard resource.resourceMethods?[verb] != nil else { throw .notFound("The resource has no \(verb) method.") }
        return (api, resource, verb)
    }

    /// `{name}` and `{name+}` parameters of a resource path, in order.
    static func pathParameters(_ path: String) -> [(name: String, greedy: Bool)] {
        path.split(separator: "/").compactMap { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return nil }
            let name = part.dropFirst().dropLast()
            return name.hasSuffix("+") ? (String(name.dropLast()), true) : (String(name), false)
        }
    }

    /// The resource path with each parameter replaced by its form field (`p.{name}`),
    /// percent-encoded (a greedy parameter keeps its slashes).
    static func fill(_ template: String, fields: [String: String]) throws(ConsoleFailure) -> String {
        var parts: [String] = []
        for part in template.split(separator: "/") {
            guard part.hasPrefix("{"), part.hasSuffix("}") else {
                parts.append(String(part))
                continue
            }
            var name = String(part.dropFirst().dropLast())
            let greedy = name.hasSuffix("+")
            if greedy { name.removeLast() }
            let value = fields["p." + name] ?? ""
            guard !value.isEmpty else { throw badRequest("Fill the path parameter \(name).") }
            parts.append(
                greedy
                    ? value.split(separator: "/", omittingEmptySubsequences: false).map { Href.segment(String($0)) }.joined(separator: "/")
                    : Href.segment(value))
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `Name: value` lines (blank lines skipped).
    static func headerLines(_ text: String) throws(ConsoleFailure) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmed.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw badRequest("A header line needs a colon: \(line)") }
            let name = line[..<colon].trimmed
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw badRequest("Not a header name: \(name)")
            }
            headers.append((name, line[line.index(after: colon)...].trimmed))
        }
        return headers
    }

    static func badRequest(_ message: String) -> ConsoleFailure {
        ConsoleFailure(status: 400, title: "Bad request", message: message)
    }
}

extension ConsoleResponse {
    /// 303 See Other to `location` (a console address), after a form was handled.
    static func seeOther(_ location: String) -> ConsoleResponse {
        ConsoleResponse(
            status: 303, headers: securityHeaders + [("Location", location), ("Cache-Control", "no-store")], body: [])
    }
}
