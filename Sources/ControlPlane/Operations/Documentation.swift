import APIGatewayModel
import Store

/// Documentation parts (Create, Get, GetDocumentationParts, Update, Delete, Import) and
/// documentation versions. Messages as recorded on AWS; a part's `location` holds only the
/// fields its type takes, `properties` is JSON text.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-documenting-api.html
extension ManagementAPI {
    static let documentationParts = APICollection<DocumentationPart>(
        kind: .documentationPart, items: \APIState.documentationParts,
        notFound: { _ in .notFound("Invalid Documentation part identifier specified") })
    static let documentationVersions = APICollection<DocumentationVersion>(
        kind: .documentationVersion, items: \APIState.documentationVersions,
        notFound: { _ in .notFound("Invalid Documentation version identifier specified") })

    static func registerDocumentation(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createDocumentationPart] = { context in
            let input = try context.body(CreateDocumentationPartRequest.self)
            let apiId = context.restApiId
            let missing = MissingAPI.notFound(context)
            let location = try DocumentationRules.location(input.location)
            let properties = try DocumentationRules.properties(input.properties)
            let part = DocumentationPart(id: context.environment.ids.next(.documentationPart), location: location, properties: properties)
            try await context.write { state throws(ManagementError) in
                let api = try state.api(apiId, or: missing)
                if api.documentationParts.values.contains(where: { $0.location == location }) {
                    throw ManagementError.conflict("Documentation part already exists for the specified location")
                }
                return ((), [documentationParts.store(part, id: part.id ?? "", api: apiId, in: &state)])
            }
            return .json(part)
        }
        handlers[.getDocumentationPart] = { context in
            let id = context.label("part_id")
            guard let api = context.model.current.apis[context.restApiId] else { throw documentationParts.notFound(id) }
            return .json(try documentationParts.find(id, in: api))
        }
        handlers[.getDocumentationParts] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let type = context.request.queryValue("type")
            let name = context.request.queryValue("name")
            let path = context.request.queryValue("path")
            let undocumentedOnly = context.request.queryValue("locationStatus") == "UNDOCUMENTED"
            let parts =
                undocumentedOnly
                ? []
                : api.documentationParts.values
                    .filter { part in
                        (type.map { part.location?.type?.rawValue == $0 } ?? true)
                            && (name.map { (part.location?.name ?? "").hasPrefix($0) } ?? true)
                            && (path.map { part.location?.path == $0 } ?? true)
                    }
                    .sorted(by: listOrder)
            let page = try Page.of(parts, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(DocumentationParts(position: page.position, items: page.items))
        }
        handlers[.updateDocumentationPart] = { context in
            let input = try context.body(UpdateDocumentationPartRequest.self)
            let (apiId, id) = (context.restApiId, context.label("part_id"))
            return .json(
                try await context.write { state throws(ManagementError) in
                    var part = try documentationParts.find(id, in: try state.api(apiId, or: documentationParts.notFound(id)))
                    try documentationPartPatch.apply(input.patchOperations ?? [], to: &part)
                    return (part, [documentationParts.store(part, id: id, api: apiId, in: &state)])
                })
        }
        handlers[.deleteDocumentationPart] = { context in
            let (apiId, id) = (context.restApiId, context.label("part_id"))
            let missing = MissingAPI.notFound(context)
            try await context.write { state throws(ManagementError) in
                _ = try documentationParts.find(id, in: try state.api(apiId, or: missing))
                return ((), [documentationParts.store(nil, id: id, api: apiId, in: &state)])
            }
            return .empty
        }
        handlers[.importDocumentationParts] = importDocumentationParts
        registerDocumentationVersions(&handlers)
    }
}

/// Where a documentation part may point, by type (AWS's developer guide): which location
/// fields each type takes.
enum DocumentationRules {
    private static let pathTypes: Set<DocumentationPartType> = [
        .resource, .method, .pathParameter, .queryParameter, .requestHeader, .requestBody, .response, .responseHeader, .responseBody,
    ]
    private static let methodTypes: Set<DocumentationPartType> = pathTypes.subtracting([.resource])
    private static let statusTypes: Set<DocumentationPartType> = [.response, .responseHeader, .responseBody]
    private static let nameTypes: Set<DocumentationPartType> = [
        .model, .authorizer, .pathParameter, .queryParameter, .requestHeader, .responseHeader,
    ]

    static func location(_ given: DocumentationPartLocation?) throws(ManagementError) -> DocumentationPartLocation {
        guard let given, let type = given.type else { throw .badRequest("Invalid documentation part location: a type is required") }
        func check(_ value: String?, _ field: String, allowed: Set<DocumentationPartType>) throws(ManagementError) {
            if value != nil, !allowed.contains(type) {
                throw .badRequest("Invalid documentation part location: '\(field)' is not valid for type \(type.rawValue)")
            }
        }
        try check(given.path, "path", allowed: pathTypes)
        try check(given.method, "method", allowed: methodTypes)
        try check(given.statusCode, "statusCode", allowed: statusTypes)
        try check(given.name, "name", allowed: nameTypes)
        if nameTypes.contains(type), given.name?.isEmpty != false {
            throw .badRequest("Invalid documentation part location: a name is required for type \(type.rawValue)")
        }
        // `path` defaults to the root resource for the types that have one (recorded on AWS for
        // parts imported with an API).
        var location = given
        if location.path == nil, pathTypes.contains(type) { location.path = "/" }
        return location
    }

    /// `properties` must be a JSON object.
    static func properties(_ text: String?) throws(ManagementError) -> String {
        guard let text, case .object? = StrictJSON.parse(Array(text.utf8)) else {
            throw .badRequest("Invalid documentation part properties: a JSON object is required")
        }
        return text
    }
}

/// UpdateDocumentationPart's paths (recorded on AWS: replace `[/properties]`).
let documentationPartPatch = PatchTable<DocumentationPart>(
    .quoted,
    [
        PatchRule("/properties", ["replace"]) { part, request throws(ManagementError) in
            part.properties = try DocumentationRules.properties(request.value)
        }
    ])

/// GetDocumentationParts' order: by location (type, path, method, status code, name), then id.
/// AWS lists an imported API's parts API, METHOD, MODEL, RESPONSE (recorded), which is also
/// the order of their types' names; ids are random, so they cannot be AWS's key.
private func listOrder(_ a: DocumentationPart, _ b: DocumentationPart) -> Bool {
    func key(_ part: DocumentationPart) -> [String] {
        let location = part.location
        return [
            location?.type?.rawValue ?? "", location?.path ?? "", location?.method ?? "", location?.statusCode ?? "",
            location?.name ?? "", part.id ?? "",
        ]
    }
    return key(a).lexicographicallyPrecedes(key(b))
}
