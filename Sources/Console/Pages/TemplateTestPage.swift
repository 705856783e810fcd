import APIGatewayModel
import DataPlane
import Store

/// "Test this template": renders one of a method's mapping templates (or an edited copy)
/// against a pasted body through the data plane's own engine (`TemplateTrial`: `$input`,
/// `$util`, `$context` with sample values), within the engine's limits, and shows the output or
/// the engine's diagnostic with its line:column. GET shows the form; POST (a form, same origin
/// only) renders.
/// - `…/methods/{verb}/responses/{status}/template`: an integration response's template
///   (`$input` is the integration's response).
/// - `…/methods/{verb}/integration/template`: the integration request's template (`$input` is
///   the method request's body).
enum TemplateTestPage {
    /// Which templates the page tests.
    struct Subject {
        let api: APIState
        let resource: Resource
        let verb: String
        let title: String
        /// What the page says the template belongs to, and what `$input` reads.
        let about: String
        let templates: [(type: String, text: String)]
        let action: String
    }

    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let subject = try self.subject(context)
        let type = InvocationFilter.queryValue(context.request.query, "type")
        let chosen = subject.templates.first { $0.type == type } ?? subject.templates.first
        return page(subject, contentType: chosen?.type ?? "application/json", template: chosen?.text ?? "", body: "{}", outcome: nil)
    }

    static func submit(_ context: PageContext) throws(ConsoleFailure) -> ConsoleOutput {
        let fields = try FormPost.fields(context)
        let subject = try self.subject(context)
        let template = fields["template"] ?? ""
        let body = fields["body"] ?? ""
        let sample = TemplateTrial.Sample(
            apiId: subject.api.id, stage: subject.api.stages.keys.sorted().first ?? "test",
            httpMethod: subject.verb == "ANY" ? "GET" : subject.verb, resourcePath: subject.resource.path ?? "/")
        let outcome = TemplateTrial.render(template: template, body: Array(body.utf8), sample: sample)
        return .page(
            page(subject, contentType: fields["contentType"] ?? "application/json", template: template, body: body, outcome: outcome))
    }

    private static func page(
        _ subject: Subject, contentType: String, template: String, body: String, outcome: TemplateTrial.Outcome?
    ) -> ConsolePage {
        let path = subject.resource.path ?? "/"
        var view: [String: Any] = [
            "action": subject.action, "about": subject.about, "contentType": contentType, "template": template, "body": body,
            "types": subject.templates.map { ["type": $0.type] }, "tried": outcome != nil,
        ]
        switch outcome {
        case .rendered(let output)?:
            view["rendered"] = true
            view["output"] = output
        case .failed(let diagnostic)?:
            view["failed"] = true
            view["diagnostic"] = diagnostic
            let location = diagnostic.prefix { $0 != " " }.dropLast()
            view["location"] = location.contains(":") ? String(location) : ""
            // The template as sent, its lines numbered and a syntax error's line marked.
            var submitted = TemplateView.make(contentType: contentType, source: template)
            submitted["hasDiag"] = false  // said once, above
            view["submitted"] = submitted
        case nil:
            break
        }
        return ConsolePage(
            template: "templateTest", title: "Test the \(subject.title) of \(subject.verb) \(path)",
            crumbs: [
                ("Console", Href.home), (subject.api.restApi.name ?? subject.api.id, Href.api(subject.api.id)),
                (
                    "\(subject.verb) \(path)",
                    Href.method(api: subject.api.id, resource: subject.resource.id ?? "", httpMethod: subject.verb)
                ),
            ],
            view: view)
    }

    /// The templates the address names (an integration response's, or the integration
    /// request's), or a 404.
    static func subject(_ context: PageContext) throws(ConsoleFailure) -> Subject {
        let (api, resource, verb) = try TryItPage.target(context)
        let integration = resource.resourceMethods?[verb]?.methodIntegration
        let resourceId = resource.id ?? ""
        guard context.parameters["status"] != nil else {
            guard let integration else { throw .notFound("The method has no integration.") }
            return Subject(
                api: api, resource: resource, verb: verb, title: "request template",
                about: "The integration request's template: $input reads the method request's body below.",
                templates: templates(integration.requestTemplates),
                action: Href.requestTemplateTest(api: api.id, resource: resourceId, verb: verb))
        }
        let status = context.parameter("status")
        guard let response = integration?.integrationResponses?[status] else {
            throw .notFound("The method has no integration response \(status).")
        }
        return Subject(
            api: api, resource: resource, verb: verb, title: "\(status) response template",
            about: "Integration response \(status), selectionPattern \"\(response.selectionPattern ?? "")\": "
                + "$input reads the integration's response body below.",
            templates: templates(response.responseTemplates),
            action: Href.templateTest(api: api.id, resource: resourceId, verb: verb, status: status))
    }

    /// Templates by content type, sorted.
    static func templates(_ map: [String: String?]?) -> [(type: String, text: String)] {
        (map ?? [:]).map { ($0.key, $0.value ?? "") }.sorted { $0.type < $1.type }
    }
}

extension InvocationFilter {
    /// One query parameter's value ("" when absent).
    static func queryValue(_ query: String?, _ name: String) -> String {
        FormFields.parse(query ?? "").last { $0.0 == name }?.1 ?? ""
    }
}
