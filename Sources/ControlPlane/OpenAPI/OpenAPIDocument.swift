import APIGatewayModel
import Foundation

/// An uploaded Swagger 2.0 or OpenAPI 3.0 definition, parsed and bounded, with the lookups the
/// importer needs (local `$ref`s, the two versions' different places for the same things).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api.html
struct OpenAPIDocument {
    enum Version { case swagger2, openAPI3 }

    /// AWS's answer to a body that is not a definition it can read (recorded on AWS for
    /// malformed JSON and YAML, on ImportRestApi and PutRestApi alike).
    static let invalid = ManagementError.badRequest("Invalid OpenAPI input.")
    /// At most this many paths (AWS's quota of resources per API is 300 by default; a larger
    /// definition is refused rather than built).
    static let maxPaths = 5_000
    /// `$ref` chains longer than this are treated as circular.
    static let maxRefHops = 32

    let root: [String: JSONNode]
    let version: Version

    init(bytes: [UInt8]) throws(ManagementError) {
        guard let node = Documents.parse(bytes), case .object(let root) = node else { throw Self.invalid }
        if case .string(let swagger)? = root["swagger"], swagger == "2.0" {
            version = .swagger2
        } else if case .string(let openapi)? = root["openapi"], openapi == "3.0" || openapi.hasPrefix("3.0.") {
            version = .openAPI3
        } else {
            throw Self.invalid
        }
        if case .object(let paths)? = root["paths"], paths.count > Self.maxPaths {
            throw .badRequest("Too many paths in the definition: \(paths.count) (at most \(Self.maxPaths))")
        }
        self.root = root
    }

    subscript(key: String) -> JSONNode? { root[key] }

    /// A local `$ref` (`#/a/b`) resolved, following chains; nil for a missing target, an
    /// external reference or a cycle.
    func resolve(_ node: JSONNode) -> JSONNode? {
        var current = node
        for _ in 0..<Self.maxRefHops {
            guard case .string(let ref)? = current["$ref"] else { return current }
            guard ref.hasPrefix("#/") else { return nil }
            var target: JSONNode = .object(root)
            for raw in ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
                let key = String(raw).replacing("~1", with: "/").replacing("~0", with: "~")
                guard let next = target[key] else { return nil }
                target = next
            }
            current = target
        }
        return nil
    }

    /// The schemas that become models: `definitions` (2.0) or `components.schemas` (3.0).
    var schemas: [String: JSONNode] {
        switch version {
        case .swagger2: root["definitions"]?.objectValue ?? [:]
        case .openAPI3: root["components"]?["schemas"]?.objectValue ?? [:]
        }
    }

    /// `securityDefinitions` (2.0) or `components.securitySchemes` (3.0).
    var securitySchemes: [String: JSONNode] {
        switch version {
        case .swagger2: root["securityDefinitions"]?.objectValue ?? [:]
        case .openAPI3: root["components"]?["securitySchemes"]?.objectValue ?? [:]
        }
    }

    /// The model a schema names by `$ref` (`#/definitions/Pet`, `#/components/schemas/Pet`).
    static func modelName(_ schema: JSONNode?) -> String? {
        guard case .string(let ref)? = schema?["$ref"] else { return nil }
        for prefix in ["#/definitions/", "#/components/schemas/"] where ref.hasPrefix(prefix) {
            return String(ref.dropFirst(prefix.count))
        }
        return nil
    }
}

extension JSONNode {
    var objectValue: [String: JSONNode]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    var arrayValue: [JSONNode]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A string, or a number or boolean written as one (YAML `statusCode: 200`).
    var textValue: String? {
        switch self {
        case .string(let text): text
        case .number, .bool: validationText
        default: nil
        }
    }

    var boolValue: Bool? {
        switch self {
        case .bool(let flag): flag
        case .string(let text): text.lowercased() == "true" ? true : text.lowercased() == "false" ? false : nil
        default: nil
        }
    }

    var intValue: Int? {
        switch self {
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: Int(number)
        case .string(let text): Int(text)
        default: nil
        }
    }

    /// A map of strings (`requestParameters`, `responseTemplates`); members that are not
    /// strings are dropped, as AWS drops them (recorded: `integration.request.header.x: true`).
    var stringMap: [String: String]? {
        guard case .object(let fields) = self else { return nil }
        return fields.compactMapValues(\.stringValue)
    }

    /// A string that is not empty (AWS reads `""` as absent: recorded for an authorizer's
    /// `identitySource` and `authorizerCredentials`).
    var nonEmptyText: String? {
        guard let text = textValue, !text.isEmpty else { return nil }
        return text
    }

    var stringList: [String]? {
        guard case .array(let items) = self else { return nil }
        return items.compactMap(\.textValue)
    }
}
