import APIGatewayModel
import DataPlane
import Store

/// `…/methods/{verb}/responses/{status}/template`: "test this template". Renders one of the
/// integration response's templates (or an edited copy) against a pasted body through the
/// data plane's own engine (`TemplateTrial`: `$input`, `$util`, `$context` with sample
/// values), within the engine's limits, and shows the output or the engine's diagnostic with
/// its line:column. GET shows the form; POST (a form, same origin only) renders.
enum TemplateTestPage {
    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let (api, resource, verb, response) = try target(context)
        let type = InvocationFilter.queryValue(context.request.query, "type")
        let templates = templates(response)
        let chosen = templates.first { $0.type == type } ?? templates.first
        return page(
            api: api, resource: resource, verb: verb, response: response, contentType: chosen?.type ?? "application/json",
            template: chosen?.text ?? "", body: "{}", outcome: nil)
    }

    static func submit(_ context: PageContext) throws(ConsoleFailure) -> ConsoleOutput {
        let fields = try FormPost.fields(context)
        let (api, resource, verb, response) = try target(context)
        let template = fields["template"] ?? ""
        let body = fields["body"] ?? ""
        let sample = TemplateTrial.Sample(
            apiId: api.id, stage: api.stages.keys.sorted().first ?? "test", httpMethod: verb == "ANY" ? "GET" : verb,
            resourcePath: resource.path ?? "/")
        let outcome = TemplateTrial.render(template: template, body: Array(body.utf8), sample: sample)
        return .page(
            page(
                api: api, resource: resource, verb: verb, response: response,
                contentType: fields["contentType"] ?? "application/json", template: template, body: body, outcome: outcome))
    }

    private static func page(
        api: APIState, resource: Resource, verb: String, response: IntegrationResponse, contentType: String, template: String,
        body: String, outcome: TemplateTrial.Outcome?
    ) -> ConsolePage {
        let status = response.statusCode ?? ""
        let path = resource.path ?? "/"
        var view: [String: Any] = [
            "action": Href.templateTest(api: api.id, resource: resource.id ?? "", verb: verb, status: status),
            "statusCode": status, "selectionPattern": response.selectionPattern ?? "", "contentType": contentType,
            "template": template, "body": body, "types": templates(response).map { ["type": $0.type] },
            "tried": outcome != nil,
        ]
        switch outcome {
        case .rendered(let output)?:
            view["rendered"] = true
            view["output"] = output
        case .failed(let diagnostic)?:
            view["failed"] = true
            view["diagnostic"] = diagnostic
            // The template as sent, its lines numbered and a syntax error's line marked.
            var submitted = TemplateView.make(contentType: contentType, source: template)
            submitted["hasDiag"] = false  // said once, above
            view["submitted"] = submitted
            let location = diagnostic.prefix { $0 != " " }.dropLast()
            view["location"] = location.contains(":") ? String(location) : ""
        case nil:
            break
        }
        return ConsolePage(
            template: "templateTest", title: "Test the \(status) response template of \(verb) \(path)",
            crumbs: [
                ("Console", Href.home), (api.restApi.name ?? api.id, Href.api(api.id)),
                ("\(verb) \(path)", Href.method(api: api.id, resource: resource.id ?? "", httpMethod: verb)),
            ],
            view: view)
    }

    static func target(_ context: PageContext) throws(ConsoleFailure) -> (APIState, Resource, String, IntegrationResponse) {
        let (api, resource, verb) = try TryItPage.target(context)
        let status = context.parameter("status")
        guard let response = resource.resourceMethods?[verb]?.methodIntegration?.integrationResponses?[status] else {
            throw .notFound("The method has no integration response \(status).")
        }
        return (api, resource, verb, response)
    }

    /// The response's templates by content type, sorted.
    static func templates(_ response: IntegrationResponse) -> [(type: String, text: String)] {
        (response.responseTemplates ?? [:]).map { ($0.key, $0.value ?? "") }.sorted { $0.type < $1.type }
    }
}

extension InvocationFilter {
    /// One query parameter's value ("" when absent).
    static func queryValue(_ query: String?, _ name: String) -> String {
        FormFields.parse(query ?? "").last { $0.0 == name }?.1 ?? ""
    }
}
