/// Which of a response's templates renders, by the client's `Accept` header: the first listed
/// media type that has a template, else `application/json`, else the first template. Used by
/// integration responses and gateway responses alike.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html#transforming-request-response-body
enum TemplateChoice {
    static func byAccept(_ templates: [(contentType: String, slot: TemplateSlot)], accept: String?) -> (String, TemplateSlot)? {
        guard !templates.isEmpty else { return nil }
        if let accept {
            for part in accept.split(separator: ",") {
                if let type = IntegrationRequestStage.mediaType(String(part)),
                    let hit = templates.first(where: { $0.contentType == type })
                {
                    return (hit.contentType, hit.slot)
                }
            }
        }
        if let json = templates.first(where: { $0.contentType == "application/json" }) {
            return (json.contentType, json.slot)
        }
        return templates.first.map { ($0.contentType, $0.slot) }
    }
}
