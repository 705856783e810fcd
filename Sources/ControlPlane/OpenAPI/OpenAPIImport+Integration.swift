import APIGatewayModel

/// `x-amazon-apigateway-integration`: every field PutIntegration takes, with `responses`
/// (keyed by selection pattern, `default` for none) → integration responses. Enumerations are
/// accepted in any case (`when_no_match`, `aws_proxy`), as AWS does.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
extension OpenAPIImport {
    static func readIntegration(_ node: JSONNode, site: OperationSite, plan: inout ImportPlan) -> Integration? {
        guard let fields = node.objectValue else {
            plan.warnings.append("Parse issues: \(site.attribute).x-amazon-apigateway-integration is not an object; it was ignored")
            return nil
        }
        var integration = Integration()
        integration.type = fields["type"]?.textValue.flatMap { IntegrationType(rawValue: $0.uppercased()) }
        integration.httpMethod = fields["httpMethod"]?.textValue?.uppercased()
        integration.uri = fields["uri"]?.textValue
        integration.credentials = fields["credentials"]?.textValue
        integration.connectionType = fields["connectionType"]?.textValue.flatMap { ConnectionType(rawValue: $0.uppercased()) }
        integration.connectionId = fields["connectionId"]?.textValue
        integration.requestParameters = fields["requestParameters"]?.stringMap
        // A value that is not a string is left out with AWS's warning (recorded: `true`).
        for (key, value) in (fields["requestParameters"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where value.stringValue == nil {
            plan.warnings.append(
                "Invalid format for 'requestParameters'. Expected type string for property '\(key)' of resource '\(site.path)' and method '\(site.verb)' but got '\(value.validationText)'"
            )
        }
        integration.requestTemplates = fields["requestTemplates"]?.stringMap.map { ManagementAPI.normalizedTemplates($0) }
        integration.passthroughBehavior = (fields["passthroughBehavior"]?.textValue ?? "WHEN_NO_MATCH").uppercased()
        integration.contentHandling = fields["contentHandling"]?.textValue.flatMap(ContentHandlingStrategy.init(rawValue:))
        integration.timeoutInMillis = fields["timeoutInMillis"]?.intValue ?? 29_000
        integration.cacheNamespace = fields["cacheNamespace"]?.textValue
        integration.cacheKeyParameters = fields["cacheKeyParameters"]?.stringList ?? []
        if let skip = fields["tlsConfig"]?["insecureSkipVerification"]?.boolValue {
            integration.tlsConfig = TlsConfig(insecureSkipVerification: skip)
        }
        var responses: [String: IntegrationResponse] = [:]
        for (pattern, raw) in (fields["responses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let response = raw.objectValue, let code = response["statusCode"]?.textValue else {
                plan.warnings.append("Parse issues: integration response '\(pattern)' of \(site.attribute) has no statusCode; it was ignored")
                continue
            }
            responses[code] = IntegrationResponse(
                statusCode: code, selectionPattern: pattern == "default" ? nil : pattern,
                responseParameters: response["responseParameters"]?.stringMap,
                responseTemplates: response["responseTemplates"]?.stringMap.map { ManagementAPI.normalizedTemplates($0) },
                contentHandling: response["contentHandling"]?.textValue.flatMap(ContentHandlingStrategy.init(rawValue:)))
        }
        integration.integrationResponses = responses.isEmpty ? nil : responses
        return integration
    }
}
