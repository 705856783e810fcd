import APIGatewayModel

/// Operations → methods: parameters → `requestParameters`, request bodies → `requestModels`,
/// responses → method responses, security → authorization, and the method-level extensions.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/import-edge-optimized-api.html
extension OpenAPIImport {
    static func readOperation(
        _ operation: [String: JSONNode], pathItem: [String: JSONNode], site: OperationSite,
        document: OpenAPIDocument, plan: inout ImportPlan
    ) -> ImportedMethod {
        var method = Method(httpMethod: site.verb, authorizationType: "NONE", apiKeyRequired: false)
        method.operationName = operation["operationId"]?.textValue
        var parameters: [String: Bool] = [:]
        // Every variable of the path is a required path parameter, declared or not.
        for name in ResourcePathParts.variables(site.path) { parameters["method.request.path.\(name)"] = true }
        var models: [String: String] = [:]
        let consumes = operation["consumes"]?.stringList ?? document["consumes"]?.stringList ?? ["application/json"]
        let declared = (pathItem["parameters"]?.arrayValue ?? []) + (operation["parameters"]?.arrayValue ?? [])
        for raw in declared {
            guard let parameter = document.resolve(raw), let name = parameter["name"]?.textValue else {
                plan.warnings.append("Parse issues: attribute \(site.attribute).parameters has an unresolvable entry; it was ignored")
                continue
            }
            let required = parameter["required"]?.boolValue ?? false
            switch parameter["in"]?.textValue {
            case "path": parameters["method.request.path.\(name)"] = true
            case "query": parameters["method.request.querystring.\(name)"] = required
            case "header": parameters["method.request.header.\(name)"] = required
            case "body":
                if let model = modelReference(parameter["schema"], site: site, what: "body", document: document, plan: &plan) {
                    for type in consumes { models[type] = model }
                }
            default:
                plan.warnings.append(
                    "Parse issues: parameter '\(name)' of \(site.attribute) is in '\(parameter["in"]?.textValue ?? "")', which API Gateway does not support; it was ignored"
                )
            }
        }
        if let body = operation["requestBody"].flatMap(document.resolve) {
            for (type, media) in body["content"]?.objectValue ?? [:] {
                if let model = modelReference(media["schema"], site: site, what: "requestBody", document: document, plan: &plan) {
                    models[type] = model
                }
            }
        }
        method.requestParameters = parameters.isEmpty ? nil : parameters
        method.requestModels = models.isEmpty ? nil : models
        method.methodResponses = readResponses(operation, site: site, document: document, plan: &plan)
        var imported = ImportedMethod(method: method)
        readSecurity(operation, site: site, document: document, into: &imported, plan: &plan)
        imported.validator =
            operation["x-amazon-apigateway-request-validator"]?.textValue
            ?? document["x-amazon-apigateway-request-validator"]?.textValue
        if let raw = operation["x-amazon-apigateway-integration"] {
            if let integration = document.resolve(raw) {
                imported.method.methodIntegration = readIntegration(integration, site: site, plan: &plan)
            } else {
                plan.warnings.append("Parse issues: \(site.attribute).x-amazon-apigateway-integration could not be resolved; it was ignored")
            }
        }
        return imported
    }

    /// The model a schema names. An inline schema becomes a model of its own named `MODEL` and
    /// six hex digits of a hash of the schema (AWS's naming, seen in exports: `MODELd2a00d`; its
    /// hash is not documented, Portico's is FNV-1a of the schema's JSON), one per distinct schema.
    private static func modelReference(
        _ schema: JSONNode?, site: OperationSite, what: String, document: OpenAPIDocument, plan: inout ImportPlan
    ) -> String? {
        guard let schema else { return nil }
        if let name = OpenAPIDocument.modelName(schema) {
            if plan.models[name] == nil {
                plan.warnings.append("Parse issues: \(site.attribute).\(what) refers to a missing model '\(name)'; it was ignored")
                return nil
            }
            return name
        }
        guard case .object = schema else { return nil }
        var hash: UInt32 = 2_166_136_261
        for byte in schema.jsonBytes() { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        let name = "MODEL" + (String(repeating: "0", count: 8 - hex.count) + hex).prefix(6)
        if plan.models[name] == nil { plan.models[name] = ImportedModel(schema: schema, description: schema["description"]?.textValue) }
        return name
    }

    private static func readResponses(
        _ operation: [String: JSONNode], site: OperationSite, document: OpenAPIDocument, plan: inout ImportPlan
    ) -> [String: MethodResponse]? {
        var out: [String: MethodResponse] = [:]
        let produces = operation["produces"]?.stringList ?? document["produces"]?.stringList ?? ["application/json"]
        for (code, raw) in operation["responses"]?.objectValue ?? [:] {
            guard PatternCheck.isStatusCode(code) else {
                plan.warnings.append("Parse issues: response '\(code)' of \(site.attribute) is not an HTTP status code; it was ignored")
                continue
            }
            guard let response = document.resolve(raw) else {
                plan.warnings.append("Parse issues: response '\(code)' of \(site.attribute) could not be resolved; it was ignored")
                continue
            }
            var parameters: [String: Bool] = [:]
            for (header, _) in response["headers"]?.objectValue ?? [:] {
                parameters["method.response.header.\(header)"] = false
            }
            var models: [String: String] = [:]
            if let schema = response["schema"] {
                if let model = modelReference(schema, site: site, what: "responses.\(code)", document: document, plan: &plan) {
                    for type in produces { models[type] = model }
                }
            }
            for (type, media) in response["content"]?.objectValue ?? [:] {
                if let model = modelReference(media["schema"], site: site, what: "responses.\(code)", document: document, plan: &plan) {
                    models[type] = model
                }
            }
            out[code] = MethodResponse(
                statusCode: code, responseParameters: parameters.isEmpty ? nil : parameters,
                responseModels: models.isEmpty ? nil : models)
        }
        return out.isEmpty ? nil : out
    }
}
