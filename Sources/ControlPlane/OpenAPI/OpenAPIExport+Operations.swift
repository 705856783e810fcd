import APIGatewayModel

/// Methods → operations: request parameters, request models (a body parameter in 2.0, a
/// `requestBody` in 3.0), method responses, security, and `x-amazon-apigateway-integration`.
extension OpenAPIExport {
    func paths() -> OrderedJSON {
        var out: [(String, OrderedJSON)] = []
        for resource in resources.sorted(by: { ($0.path ?? "") < ($1.path ?? "") }) {
            guard let methods = resource.resourceMethods, !methods.isEmpty else { continue }
            let operations = methods.sorted { Self.verbOrder($0.key) < Self.verbOrder($1.key) }.map { verb, method in
                (verb == "ANY" ? "x-amazon-apigateway-any-method" : verb.lowercased(), operation(method))
            }
            out.append((resource.path ?? "/", .object(operations)))
        }
        return .object(out)
    }

    private static func verbOrder(_ verb: String) -> Int {
        ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "ANY"].firstIndex(of: verb) ?? 99
    }

    private func operation(_ method: Method) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = []
        if let name = method.operationName { members.append(("operationId", .string(name))) }
        let integration = method.methodIntegration
        let requestModels = method.requestModels ?? [:]
        if isSwagger {
            let consumes = Set(requestModels.keys).union((integration?.requestTemplates ?? [:]).keys).sorted()
            var produces: Set<String> = []
            for response in (method.methodResponses ?? [:]).values { produces.formUnion((response.responseModels ?? [:]).keys) }
            for response in (integration?.integrationResponses ?? [:]).values { produces.formUnion((response.responseTemplates ?? [:]).keys) }
            if !consumes.isEmpty { members.append(("consumes", .array(consumes.map(OrderedJSON.string)))) }
            if !produces.isEmpty { members.append(("produces", .array(produces.sorted().map(OrderedJSON.string)))) }
        }
        var parameters: [OrderedJSON] = []
        for (key, required) in (method.requestParameters ?? [:]).sorted(by: { Self.parameterOrder($0.key) < Self.parameterOrder($1.key) }) {
            guard let (location, name) = Self.parameterLocation(key) else { continue }
            // Recorded on AWS: 2.0 always writes `required`, 3.0 only when it is true.
            var fields: [(String, OrderedJSON)] = [("name", .string(name)), ("in", .string(location))]
            if isSwagger || required { fields.append(("required", .bool(required))) }
            fields.append(isSwagger ? ("type", .string("string")) : ("schema", .object([("type", .string("string"))])))
            parameters.append(.object(fields))
        }
        if isSwagger, let (_, model) = requestModels.sorted(by: { $0.key < $1.key }).first {
            parameters.append(
                .object([("in", .string("body")), ("name", .string(model)), ("required", .bool(true)), ("schema", modelRef(model))]))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if !isSwagger, !requestModels.isEmpty {
            let content = requestModels.sorted { $0.key < $1.key }.map { ($0.key, OrderedJSON.object([("schema", modelRef($0.value))])) }
            members.append(("requestBody", .object([("content", .object(content)), ("required", .bool(true))])))
        }
        members.append(("responses", responses(method)))
        if let security = security(method) { members.append(("security", security)) }
        if extensions.apigateway, let id = method.requestValidatorId, let name = api.requestValidators[id]?.name {
            members.append(("x-amazon-apigateway-request-validator", .string(name)))
        }
        if extensions.integrations, let integration { members.append(("x-amazon-apigateway-integration", export(integration))) }
        return .object(members)
    }

    private func modelRef(_ model: String) -> OrderedJSON {
        .object([("$ref", .string((isSwagger ? "#/definitions/" : "#/components/schemas/") + model))])
    }

    private static func parameterOrder(_ key: String) -> (Int, String) {
        let rank = key.hasPrefix("method.request.path.") ? 0 : key.hasPrefix("method.request.querystring.") ? 1 : 2
        return (rank, key)
    }

    /// `method.request.querystring.page` → (`query`, `page`).
    private static func parameterLocation(_ key: String) -> (String, String)? {
        for (prefix, location) in [("method.request.path.", "path"), ("method.request.querystring.", "query"), ("method.request.header.", "header")]
        where key.hasPrefix(prefix) {
            return (location, String(key.dropFirst(prefix.count)))
        }
        return nil
    }

    private func responses(_ method: Method) -> OrderedJSON {
        var out: [(String, OrderedJSON)] = []
        for (code, response) in (method.methodResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var fields: [(String, OrderedJSON)] = [("description", .string("\(code) response"))]
            let models = (response.responseModels ?? [:]).sorted { $0.key < $1.key }
            if isSwagger {
                if let model = models.first { fields.append(("schema", modelRef(model.value))) }
            }
            let headers = (response.responseParameters ?? [:]).keys.sorted().compactMap { key -> (String, OrderedJSON)? in
                guard key.hasPrefix("method.response.header.") else { return nil }
                let type: OrderedJSON =
                    isSwagger ? .object([("type", .string("string"))]) : .object([("schema", .object([("type", .string("string"))]))])
                return (String(key.dropFirst("method.response.header.".count)), type)
            }
            if !headers.isEmpty { fields.append(("headers", .object(headers))) }
            if !isSwagger {
                fields.append(("content", .object(models.map { ($0.key, .object([("schema", modelRef($0.value))])) })))
            }
            out.append((code, .object(fields)))
        }
        return .object(out)
    }

    private func security(_ method: Method) -> OrderedJSON? {
        var requirement: [(String, OrderedJSON)] = []
        if let id = method.authorizerId, let name = api.authorizers[id]?.name {
            requirement.append((name, .array((method.authorizationScopes ?? []).map(OrderedJSON.string))))
        } else if method.authorizationType == "AWS_IAM" {
            requirement.append(("sigv4", .array([])))
        }
        if method.apiKeyRequired == true { requirement.append(("api_key", .array([]))) }
        return requirement.isEmpty ? nil : .array(requirement.map { .object([$0]) })
    }

    private func export(_ integration: Integration) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("type", .string((integration.type?.rawValue ?? "MOCK").lowercased()))]
        if let credentials = integration.credentials { members.append(("credentials", .string(credentials))) }
        if let verb = integration.httpMethod { members.append(("httpMethod", .string(verb))) }
        if let uri = integration.uri { members.append(("uri", .string(uri))) }
        if integration.connectionType == .vpcLink {
            members.append(("connectionType", .string("VPC_LINK")))
            if let id = integration.connectionId { members.append(("connectionId", .string(id))) }
        }
        let responses = (integration.integrationResponses ?? [:]).values.sorted { ($0.statusCode ?? "") < ($1.statusCode ?? "") }
        if !responses.isEmpty {
            members.append(
                (
                    "responses",
                    .object(
                        responses.map { response in
                            var fields: [(String, OrderedJSON)] = [("statusCode", .string(response.statusCode ?? ""))]
                            if let parameters = response.responseParameters, !parameters.isEmpty {
                                fields.append(("responseParameters", Self.stringMap(parameters)))
                            }
                            if let templates = response.responseTemplates, !templates.isEmpty {
                                fields.append(("responseTemplates", Self.stringMap(templates.mapValues { $0 ?? "" })))
                            }
                            if let handling = response.contentHandling { fields.append(("contentHandling", .string(handling.rawValue))) }
                            return (response.selectionPattern ?? "default", OrderedJSON.object(fields))
                        })
                ))
        }
        if let parameters = integration.requestParameters, !parameters.isEmpty { members.append(("requestParameters", Self.stringMap(parameters))) }
        if let templates = integration.requestTemplates, !templates.isEmpty {
            members.append(("requestTemplates", Self.stringMap(templates.mapValues { $0 ?? "" })))
        }
        if let behavior = integration.passthroughBehavior { members.append(("passthroughBehavior", .string(behavior.lowercased()))) }
        if let handling = integration.contentHandling { members.append(("contentHandling", .string(handling.rawValue))) }
        if let timeout = integration.timeoutInMillis, timeout != 29_000 { members.append(("timeoutInMillis", .number(Double(timeout)))) }
        if let keys = integration.cacheKeyParameters, !keys.isEmpty { members.append(("cacheKeyParameters", .array(keys.map(OrderedJSON.string)))) }
        if let skip = integration.tlsConfig?.insecureSkipVerification {
            members.append(("tlsConfig", .object([("insecureSkipVerification", .bool(skip))])))
        }
        return .object(members)
    }
}
