import APIGatewayModel
import Foundation
import Store

/// The pages of one REST API, reached through its tabs: resources, stages, authorizers, models,
/// request validators and gateway responses.
enum APIPages {
    enum Tab: String, CaseIterable {
        case resources = "Resources"
        case stages = "Stages"
        case authorizers = "Authorizers"
        case models = "Models"
        case validators = "Request validators"
        case gatewayResponses = "Gateway responses"

        var path: String {
            switch self {
            case .resources: ""
            case .stages: "stages"
            case .authorizers: "authorizers"
            case .models: "models"
            case .validators: "validators"
            case .gatewayResponses: "gateway-responses"
            }
        }

        func href(_ api: String) -> String { path.isEmpty ? Href.api(api) : Href.api(api, path) }
    }

    static func name(_ api: APIState) -> String { api.restApi.name ?? api.id }

    /// A page of `api` under `tab`: breadcrumbs, tabs, and the page's own values.
    static func page(_ api: APIState, _ tab: Tab, template: String, title: String? = nil, view: [String: Any]) -> ConsolePage {
        var view = view
        view["tabs"] = Tab.allCases.map { ["text": $0.rawValue, "href": $0.href(api.id), "current": $0 == tab] }
        view["apiId"] = api.id
        var crumbs = [("REST APIs", Href.home)]
        if tab != .resources || title != nil { crumbs.append((name(api), Href.api(api.id))) }
        return ConsolePage(
            template: template, title: title ?? (tab == .resources ? name(api) : "\(name(api)): \(tab.rawValue)"), crumbs: crumbs,
            view: view)
    }

    /// The API's settings and its resource tree, by path, each resource with its methods.
    static func resources(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let resources = api.resources.values.sorted { ($0.path ?? "") < ($1.path ?? "") }
        let rows: [[String: Any]] = resources.map { resource in
            let path = resource.path ?? ""
            let depth = path == "/" ? 0 : min(path.split(separator: "/").count, 15)
            let methods: [[String: Any]] = (resource.resourceMethods ?? [:]).sorted { $0.key < $1.key }.map { verb, method in
                [
                    "verb": verb, "href": Href.method(api: api.id, resource: resource.id ?? "", httpMethod: verb),
                    "integrationType": method.methodIntegration?.type?.rawValue ?? "no integration",
                ]
            }
            return ["id": resource.id ?? "", "path": path, "depth": depth, "methods": methods]
        }
        let restApi = api.restApi
        return page(
            api, .resources, template: "api",
            view: [
                "description": restApi.description ?? "", "endpointType": Format.endpointTypes(restApi.endpointConfiguration),
                "created": Format.date(restApi.createdDate), "apiKeySource": restApi.apiKeySource?.rawValue ?? "HEADER",
                "binaryMediaTypes": (restApi.binaryMediaTypes ?? []).joined(separator: ", "),
                "minimumCompressionSize": restApi.minimumCompressionSize.map(String.init) ?? "",
                "executeApiEndpoint": restApi.disableExecuteApiEndpoint == true ? "disabled" : "enabled",
                "resourceCount": rows.count, "resources": rows,
            ])
    }

    static func authorizers(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let list: [[String: Any]] = api.authorizers.values.sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }.map {
            authorizer in
            let expression = authorizer.identityValidationExpression ?? ""
            let problem = expression.isEmpty ? nil : TemplateDiagnostics.pattern(expression)
            return [
                "authorizerId": authorizer.id ?? "", "authorizerName": authorizer.name ?? "",
                "authorizerType": authorizer.type?.rawValue ?? "", "authorizerUri": authorizer.authorizerUri ?? "",
                "authorizerCredentials": authorizer.authorizerCredentials ?? "", "identitySource": authorizer.identitySource ?? "",
                "identityValidationExpression": expression, "hasValidationDiag": problem != nil, "validationDiag": problem?.text ?? "",
                "ttl": authorizer.authorizerResultTtlInSeconds.map(String.init) ?? "300",
                "providerARNs": authorizer.providerARNs ?? [], "authType": authorizer.authType ?? "",
            ]
        }
        return page(api, .authorizers, template: "authorizers", view: ["authorizerList": list])
    }

    static func models(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let list: [[String: Any]] = api.models.values.sorted { ($0.name ?? "") < ($1.name ?? "") }.map { model in
            [
                "modelName": model.name ?? "", "modelId": model.id ?? "", "modelContentType": model.contentType ?? "",
                "modelDescription": model.description ?? "", "schema": prettyJSON(model.schema ?? ""),
            ]
        }
        return page(api, .models, template: "models", view: ["modelList": list])
    }

    static func validators(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let list: [[String: Any]] = api.requestValidators.values.sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }
            .map { validator in
                [
                    "validatorId": validator.id ?? "", "validatorName": validator.name ?? "",
                    "validatesBody": Format.bool(validator.validateRequestBody ?? false),
                    "validatesParameters": Format.bool(validator.validateRequestParameters ?? false),
                ]
            }
        return page(api, .validators, template: "validators", view: ["validatorList": list])
    }

    /// Every response type in GetGatewayResponses' order, with what applies: the API's own
    /// (current, undeployed) customisation or the default.
    static func gatewayResponses(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let api = try context.api()
        let list: [[String: Any]] = GatewayResponseDefaults.listingOrder.map { type in
            let response = GatewayResponseDefaults.effective(type, customised: api.gatewayResponses)
            return [
                "responseType": type.rawValue, "isDefault": response.defaultResponse ?? true,
                "responseStatus": response.statusCode ?? "(the error's own)",
                "responseHeaders": Format.table("Header", "Value", Format.pairs(response.responseParameters) { $0 }),
                "templates": TemplateView.all(response.responseTemplates?.mapValues { Optional($0) }),
            ]
        }
        return page(api, .gatewayResponses, template: "gatewayResponses", view: ["responseList": list])
    }

    /// A schema indented for reading; as stored when it is not JSON.
    static func prettyJSON(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }
}
