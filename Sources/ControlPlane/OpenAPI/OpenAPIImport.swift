import APIGatewayModel
import Foundation
import PorticoCore

/// What an OpenAPI definition asks for, read before anything touches the model: the API's
/// settings, its paths and methods, models, authorizers, request validators, gateway
/// responses, documentation, and AWS's warnings for what it ignores. `ImportPlan.apply`
/// then builds it into an API in one store write.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
struct ImportPlan {
    /// `info.title`, `info.description`, `info.version` and the API-level extensions.
    var name: String?
    var description: String?
    var version: String?
    var binaryMediaTypes: [String]?
    var minimumCompressionSize: Int?
    var apiKeySource: ApiKeySourceType?
    var policy: String?
    var disableExecuteApiEndpoint: Bool?
    var vpcEndpointIds: [String]?
    var tags: [String: String]?
    /// Methods by full resource path, then by HTTP method.
    var paths: [String: [String: ImportedMethod]] = [:]
    /// Model schemas by model name (local `$ref`s rewritten when applied).
    var models: [String: ImportedModel] = [:]
    /// Authorizers by name (ids given when applied).
    var authorizers: [String: Authorizer] = [:]
    /// Request validators by name.
    var validators: [String: RequestValidator] = [:]
    var gatewayResponses: [String: GatewayResponse] = [:]
    /// The parts of `x-amazon-apigateway-documentation` (nil without the extension or with
    /// `ignore=documentation`).
    var documentation: [DocumentationPart]?
    var warnings: [String] = []
}

/// A method with the names (not yet ids) of the authorizer and request validator it uses.
struct ImportedMethod {
    var method: Method
    var authorizer: String?
    var validator: String?
}

struct ImportedModel {
    var schema: JSONNode
    var description: String?
}

/// The query parameters of ImportRestApi and PutRestApi.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/import-export-api-endpoints.html
struct ImportOptions {
    enum BasePath: String { case ignore, prepend, split }
    var basePath: BasePath = .ignore
    var ignoreDocumentation = false
    var failOnWarnings = false

    init(query: [(name: String, value: String)]) throws(ManagementError) {
        for (name, value) in query {
            switch name.lowercased() {
            case "basepath":
                guard let mode = BasePath(rawValue: value.lowercased()) else {
                    throw .badRequest("Invalid basepath value specified: \(value). Valid options are ignore,prepend,split")
                }
                basePath = mode
            case "ignore": ignoreDocumentation = value.lowercased() == "documentation"
            case "failonwarnings": failOnWarnings = value.lowercased() == "true"
            default: break
            }
        }
    }
}

/// Reads a definition into an `ImportPlan`.
enum OpenAPIImport {
    static let operationKeys: [(key: String, verb: String)] = [
        ("get", "GET"), ("put", "PUT"), ("post", "POST"), ("delete", "DELETE"), ("options", "OPTIONS"),
        ("head", "HEAD"), ("patch", "PATCH"), ("x-amazon-apigateway-any-method", "ANY"),
    ]
    /// Extensions of HTTP APIs that REST APIs do not have: ignored with a warning
    /// (`x-amazon-apigateway-importexport-version` is ignored silently).
    static let httpAPIExtensions = ["x-amazon-apigateway-cors", "x-amazon-apigateway-integrations"]

    static func read(_ document: OpenAPIDocument, options: ImportOptions, ids: any IdentifierGenerator) -> ImportPlan {
        var plan = ImportPlan()
        let info = document["info"]?.objectValue ?? [:]
        plan.name = info["title"]?.textValue
        plan.description = info["description"]?.textValue.flatMap { $0.isEmpty ? nil : $0 }
        plan.version = info["version"]?.textValue
        readAPIExtensions(document, into: &plan)
        readSchemas(document, into: &plan)
        readAuthorizers(document, into: &plan)
        readValidators(document, into: &plan)
        readGatewayResponses(document, into: &plan)
        if !options.ignoreDocumentation, let documentation = document["x-amazon-apigateway-documentation"] {
            let (parts, warnings) = ManagementAPI.readDocumentationParts(from: documentation, ids: ids)
            plan.documentation = parts
            plan.warnings += warnings
        }
        let prefix = basePathPrefix(document, mode: options.basePath)
        for (path, item) in (document["paths"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard path.hasPrefix("/"), let item = document.resolve(item)?.objectValue else {
                plan.warnings.append("Parse issues: attribute paths.'\(path)' is not a valid path item and was ignored")
                continue
            }
            let fullPath = ResourcePathParts.join(prefix, path)
            for (key, verb) in operationKeys {
                guard let operation = item[key] else { continue }
                let context = OperationSite(path: fullPath, sourcePath: path, key: key, verb: verb)
                guard let operation = operation.objectValue else {
                    plan.warnings.append("Parse issues: attribute paths.'\(path)'(\(key)) is not an object and was ignored")
                    continue
                }
                let imported = readOperation(operation, pathItem: item, site: context, document: document, plan: &plan)
                plan.paths[fullPath, default: [:]][verb] = imported
            }
            if item["trace"] != nil {
                plan.warnings.append("Parse issues: attribute paths.'\(path)'(trace) is not supported by API Gateway and was ignored")
            }
            if plan.paths[fullPath] == nil { plan.paths[fullPath] = [:] }
        }
        return plan
    }

    private static func readAPIExtensions(_ document: OpenAPIDocument, into plan: inout ImportPlan) {
        plan.binaryMediaTypes = document["x-amazon-apigateway-binary-media-types"]?.stringList
        if let size = document["x-amazon-apigateway-minimum-compression-size"] {
            if let value = size.intValue {
                plan.minimumCompressionSize = value
            } else {
                plan.warnings.append("Invalid x-amazon-apigateway-minimum-compression-size value; it was ignored")
            }
        }
        if let source = document["x-amazon-apigateway-api-key-source"]?.stringValue {
            if let value = ApiKeySourceType(rawValue: source.uppercased()) {
                plan.apiKeySource = value
            } else {
                plan.warnings.append("Invalid x-amazon-apigateway-api-key-source value '\(source)'; it was ignored")
            }
        }
        switch document["x-amazon-apigateway-policy"] {
        case .object(let policy)?: plan.policy = String(decoding: JSONNode.object(policy).jsonBytes(), as: UTF8.self)
        case .string(let text)?: plan.policy = text
        default: break
        }
        if let endpoint = document["x-amazon-apigateway-endpoint-configuration"]?.objectValue {
            plan.disableExecuteApiEndpoint = endpoint["disableExecuteApiEndpoint"]?.boolValue
            plan.vpcEndpointIds = endpoint["vpcEndpointIds"]?.stringList
        }
        // OpenAPI `tags` with a value become the API's tags.
        for tag in document["tags"]?.arrayValue ?? [] {
            guard let name = tag["name"]?.textValue, let value = tag["x-amazon-apigateway-tag-value"]?.textValue else { continue }
            plan.tags = (plan.tags ?? [:]).merging([name: value]) { $1 }
        }
        for key in httpAPIExtensions where document[key] != nil {
            plan.warnings.append("The \(key) extension applies to HTTP APIs only; it was ignored")
        }
    }

    private static func readSchemas(_ document: OpenAPIDocument, into plan: inout ImportPlan) {
        for (name, schema) in document.schemas {
            plan.models[name] = ImportedModel(schema: schema, description: schema["description"]?.textValue)
        }
    }

    private static func readValidators(_ document: OpenAPIDocument, into plan: inout ImportPlan) {
        for (name, fields) in document["x-amazon-apigateway-request-validators"]?.objectValue ?? [:] {
            plan.validators[name] = RequestValidator(
                name: name, validateRequestBody: fields["validateRequestBody"]?.boolValue ?? false,
                validateRequestParameters: fields["validateRequestParameters"]?.boolValue ?? false)
        }
    }

    private static func readGatewayResponses(_ document: OpenAPIDocument, into plan: inout ImportPlan) {
        for (name, fields) in document["x-amazon-apigateway-gateway-responses"]?.objectValue ?? [:] {
            guard let type = GatewayResponseType(rawValue: name) else {
                plan.warnings.append("Invalid gateway response type '\(name)'; it was ignored")
                continue
            }
            plan.gatewayResponses[name] = GatewayResponseDefaults.customised(
                type, statusCode: fields["statusCode"]?.textValue,
                parameters: fields["responseParameters"]?.stringMap, templates: fields["responseTemplates"]?.stringMap)
        }
    }

    /// The path the definition's base path adds in front of each path: nothing (`ignore`), all
    /// of it (`prepend`) or all but its first segment (`split`). The base path is Swagger's
    /// `basePath` or the path of OpenAPI's first server URL (variables at their defaults).
    static func basePathPrefix(_ document: OpenAPIDocument, mode: ImportOptions.BasePath) -> String {
        guard mode != .ignore else { return "" }
        var base = ""
        switch document.version {
        case .swagger2:
            base = document["basePath"]?.textValue ?? ""
        case .openAPI3:
            guard let server = document["servers"]?.arrayValue?.first, var url = server["url"]?.textValue else { return "" }
            let variables = server["variables"]?.objectValue ?? [:]
            // A lone `basePath` variable is the base path even when the URL does not use it
            // (AWS's import documentation; recorded: `/base-var` prepended).
            let loneBasePath = variables.count == 1 && !url.contains("{basePath}") ? variables["basePath"]?["default"]?.textValue : nil
            for (name, variable) in variables {
                url = url.replacing("{\(name)}", with: variable["default"]?.textValue ?? "")
            }
            if let scheme = url.range(of: "://") {
                let afterHost = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
                url = String(url[afterHost...])
            }
            base = loneBasePath ?? url
        }
        var segments = base.split(separator: "/").map(String.init)
        if mode == .split, !segments.isEmpty { segments.removeFirst() }
        return segments.isEmpty ? "" : "/" + segments.joined(separator: "/")
    }
}

/// Where an operation sits, for messages.
struct OperationSite {
    var path: String
    var sourcePath: String
    var key: String
    var verb: String

    var attribute: String { "paths.'\(sourcePath)'(\(key))" }
}

enum ResourcePathParts {
    static func join(_ prefix: String, _ path: String) -> String {
        let parts = (prefix + "/" + path).split(separator: "/")
        return "/" + parts.joined(separator: "/")
    }

    /// `{name}` and `{name+}` parts of a path, as `method.request.path.name`.
    static func variables(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { part in
            guard part.hasPrefix("{"), part.hasSuffix("}") else { return nil }
            var name = part.dropFirst().dropLast()
            if name.hasSuffix("+") { name = name.dropLast() }
            return String(name)
        }
    }
}
