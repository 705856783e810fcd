import APIGatewayModel
import Store

/// One method: method request, integration request, every integration response (templates
/// highlighted, template and pattern errors at their line:col) and method responses.
enum MethodPage {
    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let resourceId = context.parameter("resource")
        guard let resource = api.resources[resourceId] else {
            throw .notFound("API \(api.id) has no resource with the id \(resourceId).")
        }
        let verb = context.parameter("method")
        guard let method = resource.resourceMethods?[verb] else {
            throw .notFound("Resource \(resource.path ?? resourceId) of API \(api.id) has no \(verb) method.")
        }
        var view = methodRequest(method, api: api)
        view.merge(integrationRequest(method.methodIntegration)) { _, new in new }
        let methodResponses = method.methodResponses ?? [:]
        // The live pages answer below the method's address: try it, test a template.
        view["tryItHref"] = Href.tryIt(api: api.id, resource: resourceId, verb: verb)
        view["requestTemplateTestHref"] = Href.requestTemplateTest(api: api.id, resource: resourceId, verb: verb)
        view["integrationResponses"] = (method.methodIntegration?.integrationResponses ?? [:]).sorted { $0.key < $1.key }.map {
            var response = integrationResponse($0.value, key: $0.key, hasMethodResponse: methodResponses[$0.key] != nil)
            response["templateTestHref"] = Href.templateTest(api: api.id, resource: resourceId, verb: verb, status: $0.key)
            return response
        }
        view["methodResponses"] = methodResponses.sorted { $0.key < $1.key }.map { key, response -> [String: Any] in
            [
                "statusCode": response.statusCode ?? key,
                "headers": Format.table("Header", "Required", Format.pairs(response.responseParameters) { $0 ? "required" : "optional" }),
                "responseModels": models(response.responseModels, api: api),
            ]
        }
        view["httpMethod"] = verb
        view["resourcePath"] = resource.path ?? ""
        view["resourceId"] = resourceId
        return APIPages.page(api, .resources, template: "method", title: "\(verb) \(resource.path ?? "")", view: view)
    }

    private static func methodRequest(_ method: Method, api: APIState) -> [String: Any] {
        let authorizer = method.authorizerId.flatMap { api.authorizers[$0] }
        let validator = method.requestValidatorId.map { id in api.requestValidators[id]?.name ?? id } ?? "NONE"
        let parameters: [[String: Any]] = (method.requestParameters ?? [:]).sorted { $0.key < $1.key }.map { key, required in
            let (location, name) = parameterLocation(key)
            return ["location": location, "name": name, "required": required ? "required" : "optional"]
        }
        return [
            "authorizationType": method.authorizationType ?? "NONE", "hasAuthorizer": method.authorizerId != nil,
            "authorizerId": method.authorizerId ?? "", "authorizerName": authorizer?.name ?? "(missing authorizer)",
            "authorizerHref": Href.api(api.id, "authorizers") + "#authorizer-" + Href.segment(method.authorizerId ?? ""),
            "authorizationScopes": (method.authorizationScopes ?? []).joined(separator: ", "),
            "requestValidator": validator, "apiKeyRequired": Format.bool(method.apiKeyRequired ?? false),
            "operationName": method.operationName ?? "", "requestParameters": parameters,
            "requestModels": models(method.requestModels, api: api),
        ]
    }

    /// `method.request.querystring.name` → ("query string", "name").
    static func parameterLocation(_ key: String) -> (String, String) {
        for (prefix, location) in [
            ("method.request.querystring.", "query string"), ("method.request.multivaluequerystring.", "query string (multi-value)"),
            ("method.request.header.", "header"), ("method.request.multivalueheader.", "header (multi-value)"),
            ("method.request.path.", "path"),
        ] where key.hasPrefix(prefix) {
            return (location, String(key.dropFirst(prefix.count)))
        }
        return ("", key)
    }

    private static func models(_ models: [String: String]?, api: APIState) -> [[String: Any]] {
        (models ?? [:]).sorted { $0.key < $1.key }.map { contentType, model in
            ["contentType": contentType, "model": model, "modelHref": Href.api(api.id, "models") + "#model-" + Href.segment(model)]
        }
    }

    private static func integrationRequest(_ integration: Integration?) -> [String: Any] {
        guard let integration else { return ["hasIntegration": false] }
        var connection = integration.connectionType?.rawValue ?? "INTERNET"
        if let id = integration.connectionId { connection += " (\(id))" }
        return [
            "hasIntegration": true, "integrationType": integration.type?.rawValue ?? "",
            "integrationHttpMethod": integration.httpMethod ?? "", "integrationUri": integration.uri ?? "",
            "connection": connection, "credentials": integration.credentials ?? "",
            "passthrough": integration.passthroughBehavior ?? "WHEN_NO_MATCH",
            "integrationContentHandling": integration.contentHandling?.rawValue ?? "passthrough",
            "timeout": String(integration.timeoutInMillis ?? 29_000), "cacheNamespace": integration.cacheNamespace ?? "",
            "cacheKeyParameters": (integration.cacheKeyParameters ?? []).joined(separator: ", "),
            "integrationParameters": Format.table("Integration parameter", "Mapped from", Format.pairs(integration.requestParameters) { $0 }),
            "requestTemplates": TemplateView.all(integration.requestTemplates),
        ]
    }

    private static func integrationResponse(_ response: IntegrationResponse, key: String, hasMethodResponse: Bool) -> [String: Any] {
        let pattern = response.selectionPattern ?? ""
        let problem = pattern.isEmpty ? nil : TemplateDiagnostics.pattern(pattern)
        return [
            "statusCode": response.statusCode ?? key, "selectionPattern": pattern, "isDefault": pattern.isEmpty,
            "hasPatternDiag": problem != nil, "patternDiag": problem?.text ?? "", "hasMethodResponse": hasMethodResponse,
            "responseContentHandling": response.contentHandling?.rawValue ?? "passthrough",
            "responseParameters": Format.table(
                "Method response header", "Mapped from", Format.pairs(response.responseParameters) { $0 }),
            "responseTemplates": TemplateView.all(response.responseTemplates),
        ]
    }
}
