import APIGatewayModel
import PorticoCore
import Store

/// ImportDocumentationParts: the `x-amazon-apigateway-documentation` extension of an OpenAPI
/// document (JSON or YAML). `mode=overwrite` replaces every part; `merge` (the default) replaces
/// the parts at the same locations and keeps the rest.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-documenting-api-quick-start-import-export.html
extension ManagementAPI {
    static let importDocumentationParts: OperationHandler = { context in
        let apiId = context.restApiId
        let missing = MissingAPI.notFound(context)
        let overwrite = context.request.queryValue("mode") == "overwrite"
        let failOnWarnings = context.request.queryValue("failonwarnings")?.lowercased() == "true"
        guard let document = Documents.parse(context.request.body), case .object = document,
            case .object(let extensionFields) = document["x-amazon-apigateway-documentation"] ?? .object([:])
        else {
            throw ManagementError.badRequest("Unable to build importer with provided input.")
        }
        let (parts, warnings) = readDocumentationParts(from: .object(extensionFields), ids: context.environment.ids)
        if failOnWarnings, !warnings.isEmpty { throw ManagementError.badRequest(warnings.joined(separator: "\n")) }
        let imported = parts
        let ids = try await context.write { state throws(ManagementError) -> ([String], [DirtyDocument]) in
            let api = try state.api(apiId, or: missing)
            var dirty: [DirtyDocument] = []
            for (id, existing) in api.documentationParts
            where overwrite || imported.contains(where: { $0.location == existing.location }) {
                dirty.append(documentationParts.store(nil, id: id, api: apiId, in: &state))
            }
            for part in imported {
                dirty.append(documentationParts.store(part, id: part.id ?? "", api: apiId, in: &state))
            }
            return (imported.compactMap(\.id), dirty)
        }
        return .json(DocumentationPartIds(ids: ids, warnings: warnings.isEmpty ? nil : warnings))
    }

    /// The parts of an `x-amazon-apigateway-documentation` extension, with a warning for each
    /// part that cannot be imported (ImportRestApi and PutRestApi read the same extension).
    static func readDocumentationParts(from extensionNode: JSONNode, ids: any IdentifierGenerator) -> ([DocumentationPart], [String]) {
        var parts: [DocumentationPart] = []
        var warnings: [String] = []
        for (index, entry) in (extensionNode["documentationParts"]?.arrayValue ?? []).enumerated() {
            do throws(ManagementError) {
                let location = try DocumentationRules.location(
                    try BodyDecoder.read(DocumentationPartLocation.self, from: entry["location"] ?? .null))
                let properties = (entry["properties"] ?? .object([:])).jsonBytes()
                parts.append(
                    DocumentationPart(
                        id: ids.next(.documentationPart), location: location,
                        properties: String(decoding: properties, as: UTF8.self)))
            } catch {
                warnings.append("Documentation part \(index + 1) was skipped: \(error.message)")
            }
        }
        return (parts, warnings)
    }
}
