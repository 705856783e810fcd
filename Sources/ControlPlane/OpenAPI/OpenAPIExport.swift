import APIGatewayModel
import Foundation
import Store

/// GetExport's document: a stage's deployed API as Swagger 2.0 or OpenAPI 3.0, with the
/// API Gateway extensions that `extensions` asks for (`integrations`: each method's
/// `x-amazon-apigateway-integration`; `authorizers`: the authorizers on security schemes;
/// `apigateway`: both and every API-level extension).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
struct OpenAPIExport {
    enum Format: String { case swagger, oas30 }

    struct Extensions {
        var integrations = false
        var authorizers = false
        var apigateway = false

        init(_ list: String?) {
            for name in (list ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                switch name {
                case "integrations": integrations = true
                case "authorizers": authorizers = true
                case "apigateway": (integrations, authorizers, apigateway) = (true, true, true)
                default: break
                }
            }
        }
    }

    let format: Format
    let extensions: Extensions
    /// The deployed API (the stage's deployment snapshot).
    let restApi: RestApi
    let resources: [Resource]
    let gatewayResponses: [String: GatewayResponse]
    /// Models, authorizers and validators as they are now (a deployment does not freeze them).
    let api: APIState
    let stage: String
    let region: String
    let versionText: String

    var isSwagger: Bool { format == .swagger }

    func document() -> OrderedJSON {
        var members: [(String, OrderedJSON)] = []
        var info: [(String, OrderedJSON)] = []
        if let description = restApi.description { info.append(("description", .string(description))) }
        info.append(("version", .string(versionText)))
        info.append(("title", .string(restApi.name ?? "")))
        let host = "\(restApi.id ?? "").execute-api.\(region).amazonaws.com"
        if isSwagger {
            members += [("swagger", .string("2.0")), ("info", .object(info)), ("host", .string(host))]
            members += [("basePath", .string("/" + stage)), ("schemes", .array([.string("https")]))]
        } else {
            let server: OrderedJSON = .object([
                ("url", .string("https://\(host)/{basePath}")),
                ("variables", .object([("basePath", .object([("default", .string(stage))]))])),
            ])
            members += [("openapi", .string("3.0.1")), ("info", .object(info)), ("servers", .array([server]))]
        }
        members.append(("paths", paths()))
        let schemes = securitySchemes()
        let definitions = modelSchemas()
        if isSwagger {
            if !schemes.isEmpty { members.append(("securityDefinitions", .object(schemes))) }
            if !definitions.isEmpty { members.append(("definitions", .object(definitions))) }
        } else {
            var components: [(String, OrderedJSON)] = []
            if !definitions.isEmpty { components.append(("schemas", .object(definitions))) }
            if !schemes.isEmpty { components.append(("securitySchemes", .object(schemes))) }
            members.append(("components", .object(components)))
        }
        if extensions.apigateway { members += apiExtensions() }
        return .object(members)
    }

    /// Models as schemas, AWS's model URLs turned back into local references.
    private func modelSchemas() -> [(String, OrderedJSON)] {
        let base = "https://apigateway.amazonaws.com/restapis/\(restApi.id ?? "")/models/"
        let local = isSwagger ? "#/definitions/" : "#/components/schemas/"
        return api.models.values.sorted { ($0.name ?? "") < ($1.name ?? "") }.compactMap { model in
            guard let name = model.name, let text = model.schema, let node = StrictJSON.parse(Array(text.utf8)) else { return nil }
            return (name, Self.localRefs(OrderedJSON(node), base: base, local: local))
        }
    }

    private static func localRefs(_ node: OrderedJSON, base: String, local: String) -> OrderedJSON {
        switch node {
        case .object(let members):
            return .object(
                members.map { key, value in
                    if key == "$ref", case .string(let ref) = value, ref.hasPrefix(base) {
                        return (key, .string(local + ref.dropFirst(base.count)))
                    }
                    return (key, localRefs(value, base: base, local: local))
                })
        case .array(let items): return .array(items.map { localRefs($0, base: base, local: local) })
        default: return node
        }
    }

    /// Security schemes: each authorizer a method uses (with its extension when asked for),
    /// `api_key` when a method requires a key, `sigv4` for AWS_IAM methods.
    private func securitySchemes() -> [(String, OrderedJSON)] {
        var out: [(String, OrderedJSON)] = []
        let methods = resources.flatMap { ($0.resourceMethods ?? [:]).values }
        if methods.contains(where: { $0.apiKeyRequired == true }) {
            out.append(("api_key", .object([("type", .string("apiKey")), ("name", .string("x-api-key")), ("in", .string("header"))])))
        }
        if methods.contains(where: { $0.authorizationType == "AWS_IAM" }) {
            out.append(
                (
                    "sigv4",
                    .object([
                        ("type", .string("apiKey")), ("name", .string("Authorization")), ("in", .string("header")),
                        ("x-amazon-apigateway-authtype", .string("awsSigv4")),
                    ])
                ))
        }
        let used = Set(methods.compactMap(\.authorizerId))
        for authorizer in api.authorizers.values.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) where used.contains(authorizer.id ?? "") {
            out.append((authorizer.name ?? "", authorizerScheme(authorizer)))
        }
        return out
    }

    private func authorizerScheme(_ authorizer: Authorizer) -> OrderedJSON {
        // The header of a TOKEN or Cognito authorizer's identity source names the scheme's header.
        let first = authorizer.identitySource?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
        let header =
            authorizer.type == .request
            ? nil
            : first.flatMap { source -> String? in
                source.hasPrefix("method.request.header.") ? String(source.dropFirst("method.request.header.".count)) : nil
            }
        var members: [(String, OrderedJSON)] = [
            ("type", .string("apiKey")), ("name", .string(header ?? "Unused")), ("in", .string("header")),
        ]
        guard extensions.authorizers else { return .object(members) }
        if let authType = authorizer.authType { members.append(("x-amazon-apigateway-authtype", .string(authType))) }
        var fields: [(String, OrderedJSON)] = [("type", .string((authorizer.type?.rawValue ?? "TOKEN").lowercased()))]
        if let uri = authorizer.authorizerUri { fields.append(("authorizerUri", .string(uri))) }
        if let credentials = authorizer.authorizerCredentials { fields.append(("authorizerCredentials", .string(credentials))) }
        if let arns = authorizer.providerARNs { fields.append(("providerARNs", .array(arns.map(OrderedJSON.string)))) }
        if let source = authorizer.identitySource { fields.append(("identitySource", .string(source))) }
        if let expression = authorizer.identityValidationExpression { fields.append(("identityValidationExpression", .string(expression))) }
        if let ttl = authorizer.authorizerResultTtlInSeconds { fields.append(("authorizerResultTtlInSeconds", .number(Double(ttl)))) }
        members.append(("x-amazon-apigateway-authorizer", .object(fields)))
        return .object(members)
    }

    /// The API-level extensions (`extensions=apigateway`).
    private func apiExtensions() -> [(String, OrderedJSON)] {
        var out: [(String, OrderedJSON)] = []
        if let types = restApi.binaryMediaTypes, !types.isEmpty {
            out.append(("x-amazon-apigateway-binary-media-types", .array(types.map(OrderedJSON.string))))
        }
        if restApi.apiKeySource == .authorizer { out.append(("x-amazon-apigateway-api-key-source", .string("AUTHORIZER"))) }
        if let size = restApi.minimumCompressionSize { out.append(("x-amazon-apigateway-minimum-compression-size", .number(Double(size)))) }
        if let policy = restApi.policy, let node = StrictJSON.parse(Array(policy.replacing("\\\"", with: "\"").utf8)) {
            out.append(("x-amazon-apigateway-policy", OrderedJSON(node)))
        }
        if let ids = restApi.endpointConfiguration?.vpcEndpointIds, !ids.isEmpty || restApi.disableExecuteApiEndpoint == true {
            out.append(
                (
                    "x-amazon-apigateway-endpoint-configuration",
                    .object([
                        ("vpcEndpointIds", .array(ids.map(OrderedJSON.string))),
                        ("disableExecuteApiEndpoint", .bool(restApi.disableExecuteApiEndpoint ?? false)),
                    ])
                ))
        } else if restApi.disableExecuteApiEndpoint == true {
            out.append(("x-amazon-apigateway-endpoint-configuration", .object([("disableExecuteApiEndpoint", .bool(true))])))
        }
        if !gatewayResponses.isEmpty {
            out.append(
                (
                    "x-amazon-apigateway-gateway-responses",
                    .object(gatewayResponses.sorted { $0.key < $1.key }.map { ($0.key, gatewayResponse($0.value)) })
                ))
        }
        if !api.requestValidators.isEmpty {
            let validators = api.requestValidators.values.sorted { ($0.name ?? "") < ($1.name ?? "") }.map { validator in
                (
                    validator.name ?? "",
                    OrderedJSON.object([
                        ("validateRequestParameters", .bool(validator.validateRequestParameters ?? false)),
                        ("validateRequestBody", .bool(validator.validateRequestBody ?? false)),
                    ])
                )
            }
            out.append(("x-amazon-apigateway-request-validators", .object(validators)))
        }
        return out
    }

    private func gatewayResponse(_ response: GatewayResponse) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = []
        if let code = response.statusCode { members.append(("statusCode", .string(code))) }
        if let parameters = response.responseParameters, !parameters.isEmpty { members.append(("responseParameters", Self.stringMap(parameters))) }
        if let templates = response.responseTemplates, !templates.isEmpty { members.append(("responseTemplates", Self.stringMap(templates))) }
        return .object(members)
    }

    static func stringMap(_ map: [String: String]) -> OrderedJSON {
        .object(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
