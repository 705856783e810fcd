import APIGatewayModel
import Foundation
import Store

/// Building a plan into an API: the same checks as the single-entity operations (PutMethod,
/// PutIntegration, CreateAuthorizer, …) run on each part, all problems are reported together
/// as AWS does (`Errors found during import:`), and the caller stores the result in one write.
extension ImportPlan {
    enum Mode { case merge, overwrite }

    /// Builds the plan into `api` (`overwrite` replaces its definition, keeping the ids of the
    /// root, of resources whose path survives and of same-named authorizers, validators and
    /// models; `merge` adds and updates, deleting nothing).
    func apply(
        to api: inout APIState, mode: Mode, state: ModelState, environment env: ControlPlaneEnvironment
    ) throws(ManagementError) {
        // Recorded on AWS (as a whole message, not one of the listed errors).
        for (path, methods) in paths.sorted(by: { $0.key < $1.key })
        where methods.values.contains(where: { $0.method.methodIntegration.map { $0.type == nil } ?? false }) {
            throw .badRequest("Unable to parse API definition because of a malformed integration at path \(path).")
        }
        if let policy { try ResourcePolicy.validate(policy) }
        var errors: [String] = []
        applySettings(to: &api.restApi, mode: mode, env: env)
        applyModels(to: &api, mode: mode, env: env, errors: &errors)
        applyValidators(to: &api, mode: mode, env: env)
        applyAuthorizers(to: &api, mode: mode, env: env, errors: &errors)
        if mode == .overwrite { api.gatewayResponses = [:] }
        for (type, response) in gatewayResponses { api.gatewayResponses[type] = response }
        let resourceIds = buildResources(in: &api, mode: mode, env: env, errors: &errors)
        for (path, methods) in paths.sorted(by: { $0.key < $1.key }) {
            guard let resourceId = resourceIds[path], var resource = api.resources[resourceId] else { continue }
            for (verb, imported) in methods.sorted(by: { $0.key < $1.key }) {
                if let method = build(imported, path: path, resourceId: resourceId, api: api, state: state, account: env.accountId, errors: &errors) {
                    resource.setMethod(verb, method)
                }
            }
            api.resources[resourceId] = resource
        }
        if let parts = documentation {
            if mode == .overwrite { api.documentationParts = [:] }
            for (id, existing) in api.documentationParts where parts.contains(where: { $0.location == existing.location }) {
                api.documentationParts[id] = nil
            }
            for part in parts { api.documentationParts[part.id ?? ""] = part }
        }
        if !errors.isEmpty {
            throw .badRequest("Errors found during import:\n\t" + errors.joined(separator: "\n\t"))
        }
    }

    private func applySettings(to api: inout RestApi, mode: Mode, env: ControlPlaneEnvironment) {
        if let name { api.name = name }
        if mode == .overwrite || description != nil { api.description = description }
        if mode == .overwrite || version != nil { api.version = version }
        if let binaryMediaTypes {
            let merged =
                mode == .merge
                ? (api.binaryMediaTypes ?? []) + binaryMediaTypes.filter { !(api.binaryMediaTypes ?? []).contains($0) } : binaryMediaTypes
            api.binaryMediaTypes = merged.isEmpty ? nil : merged
        } else if mode == .overwrite {
            api.binaryMediaTypes = nil
        }
        if mode == .overwrite || minimumCompressionSize != nil { api.minimumCompressionSize = minimumCompressionSize }
        if let apiKeySource { api.apiKeySource = apiKeySource } else if mode == .overwrite { api.apiKeySource = .header }
        if let policy, let id = api.id {
            api.policy = ResourcePolicy.normalized(policy, apiId: id, region: env.region, account: env.accountId)
        } else if mode == .overwrite {
            api.policy = nil
        }
        if let disableExecuteApiEndpoint { api.disableExecuteApiEndpoint = disableExecuteApiEndpoint }
        if let vpcEndpointIds { api.endpointConfiguration?.vpcEndpointIds = vpcEndpointIds }
        if let tags { api.tags = (api.tags ?? [:]).merging(tags) { $1 } }
    }

    /// Model schemas with their local `$ref`s rewritten to AWS's model URLs
    /// (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`).
    private func applyModels(to api: inout APIState, mode: Mode, env: ControlPlaneEnvironment, errors: inout [String]) {
        let base = "https://apigateway.amazonaws.com/restapis/\(api.id)/models/"
        var models = mode == .overwrite ? [:] : api.models
        for (name, imported) in self.models.sorted(by: { $0.key < $1.key }) {
            let schema = String(decoding: Self.rewritingRefs(imported.schema, base: base).jsonBytes(), as: UTF8.self)
            do throws(ManagementError) {
                try ModelSchemas.validate(schema, apiId: api.id)
            } catch {
                errors.append("Unable to create model '\(name)': \(error.message)")
                continue
            }
            models[name] = Model(
                id: api.models[name]?.id ?? env.ids.next(.model), name: name, description: imported.description,
                schema: schema, contentType: "application/json")
        }
        api.models = models
    }

    static func rewritingRefs(_ node: JSONNode, base: String) -> JSONNode {
        switch node {
        case .object(let fields):
            var out: [String: JSONNode] = [:]
            for (key, value) in fields {
                if key == "$ref", let name = OpenAPIDocument.modelName(node) {
                    out[key] = .string(base + name)
                } else {
                    out[key] = rewritingRefs(value, base: base)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { rewritingRefs($0, base: base) })
        default:
            return node
        }
    }

    private func applyValidators(to api: inout APIState, mode: Mode, env: ControlPlaneEnvironment) {
        let existing = Dictionary(api.requestValidators.values.map { ($0.name ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        if mode == .overwrite { api.requestValidators = [:] }
        for (name, validator) in validators {
            var stored = validator
            stored.id = existing[name]?.id ?? env.ids.next(.requestValidator)
            api.requestValidators[stored.id ?? ""] = stored
        }
    }

    private func applyAuthorizers(to api: inout APIState, mode: Mode, env: ControlPlaneEnvironment, errors: inout [String]) {
        let existing = Dictionary(api.authorizers.values.map { ($0.name ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        if mode == .overwrite { api.authorizers = [:] }
        for (name, authorizer) in authorizers.sorted(by: { $0.key < $1.key }) {
            var stored = authorizer
            stored.id = existing[name]?.id ?? env.ids.next(.authorizer)
            do throws(ManagementError) {
                try AuthorizerRules.validate(&stored)
            } catch {
                errors.append("Unable to create authorizer '\(name)': \(error.message)")
                continue
            }
            api.authorizers[stored.id ?? ""] = stored
        }
    }

    /// The resource of every path (and of every path above one), created where missing;
    /// with `overwrite`, resources on no path of the definition go.
    private func buildResources(
        in api: inout APIState, mode: Mode, env: ControlPlaneEnvironment, errors: inout [String]
    ) -> [String: String] {
        let rootId = api.restApi.rootResourceId ?? ""
        var byPath: [String: String] = [:]
        for (id, resource) in api.resources { byPath[resource.path ?? ""] = id }
        var wanted: Set<String> = ["/"]
        for path in paths.keys {
            var prefix = ""
            for part in path.split(separator: "/") {
                prefix += "/" + part
                wanted.insert(prefix)
            }
        }
        if mode == .overwrite {
            for (path, id) in byPath where !wanted.contains(path) && id != rootId {
                api.resources[id] = nil
                byPath[path] = nil
            }
            for id in api.resources.keys { api.resources[id]?.resourceMethods = nil }
        }
        var children: [String: [String]] = [:]
        for resource in api.resources.values {
            if let parent = resource.parentId { children[parent, default: []].append(resource.pathPart ?? "") }
        }
        // Parents before children: shorter paths first.
        for path in wanted.sorted(by: { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }) where byPath[path] == nil {
            let parts = path.split(separator: "/")
            let part = String(parts.last ?? "")
            let parentPath = parts.count == 1 ? "/" : "/" + parts.dropLast().joined(separator: "/")
            guard let parentId = byPath[parentPath], let parent = api.resources[parentId] else { continue }
            do throws(ManagementError) {
                try ResourcePath.validate(part)
                try APIState.checkPlacement(of: part, parentPart: parent.pathPart, siblings: children[parentId] ?? [])
            } catch {
                errors.append("Unable to create resource at path '\(path)': \(error.message)")
                continue
            }
            let id = env.ids.next(.resource)
            api.resources[id] = Resource(id: id, parentId: parentId, pathPart: part, path: path)
            children[parentId, default: []].append(part)
            byPath[path] = id
        }
        return byPath
    }

    /// One method checked as PutMethod, PutMethodResponse, PutIntegration and
    /// PutIntegrationResponse check it; nil (with the problem in `errors`) when AWS would refuse it.
    private func build(
        _ imported: ImportedMethod, path: String, resourceId: String, api: APIState, state: ModelState, account: String,
        errors: inout [String]
    ) -> Method? {
        var method = imported.method
        let verb = method.httpMethod ?? ""
        if let name = imported.authorizer { method.authorizerId = api.authorizers.values.first { $0.name == name }?.id }
        if let name = imported.validator {
            guard let id = api.requestValidators.values.first(where: { $0.name == name })?.id else {
                errors.append("Unable to put method '\(verb)' on resource at path '\(path)': Invalid Request Validator identifier specified")
                return nil
            }
            method.requestValidatorId = id
        }
        do throws(ManagementError) {
            try ManagementAPI.validate(&method, in: api)
            for response in (method.methodResponses ?? [:]).values {
                try MappingExpressions.validateMethodResponse(response.responseParameters)
                try ManagementAPI.validateModels(response.responseModels, in: api)
            }
        } catch {
            errors.append("Unable to put method '\(verb)' on resource at path '\(path)': \(error.message)")
            return nil
        }
        guard var integration = method.methodIntegration else { return method }
        do throws(ManagementError) {
            if integration.cacheNamespace == nil { integration.cacheNamespace = resourceId }
            try ManagementAPI.validate(&integration, method: method)
            try ManagementAPI.checkReferences(integration, in: state, account: account)
            for response in (integration.integrationResponses ?? [:]).values {
                try ManagementAPI.validate(response, method: method)
            }
        } catch {
            errors.append("Unable to put integration on '\(verb)' for resource at path '\(path)': \(error.message)")
            return nil
        }
        method.methodIntegration = integration
        return method
    }
}
