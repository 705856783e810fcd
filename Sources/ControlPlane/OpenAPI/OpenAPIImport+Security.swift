import APIGatewayModel

/// Security schemes → authorizers, and each operation's `security` (or the document's) →
/// the method's authorization: a scheme with `x-amazon-apigateway-authorizer` is a Lambda
/// (CUSTOM) or Cognito authorizer, `x-amazon-apigateway-authtype: awsSigv4` is AWS_IAM, and an
/// `apiKey` scheme without an authorizer requires an API key.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
extension OpenAPIImport {
    static func readAuthorizers(_ document: OpenAPIDocument, into plan: inout ImportPlan) {
        for (name, scheme) in document.securitySchemes {
            guard let fields = scheme["x-amazon-apigateway-authorizer"]?.objectValue else { continue }
            let type = fields["type"]?.textValue.flatMap { AuthorizerType(rawValue: $0.uppercased()) }
            var identitySource = fields["identitySource"]?.nonEmptyText
            if identitySource == nil, type != .request, scheme["in"]?.textValue == "header", let header = scheme["name"]?.textValue {
                identitySource = "method.request.header.\(header)"
            }
            plan.authorizers[name] = Authorizer(
                name: name, type: type, providerARNs: fields["providerARNs"]?.stringList,
                authType: scheme["x-amazon-apigateway-authtype"]?.textValue,
                authorizerUri: fields["authorizerUri"]?.nonEmptyText,
                authorizerCredentials: fields["authorizerCredentials"]?.nonEmptyText,
                identitySource: identitySource,
                identityValidationExpression: fields["identityValidationExpression"]?.nonEmptyText,
                authorizerResultTtlInSeconds: fields["authorizerResultTtlInSeconds"]?.intValue)
        }
    }

    static func readSecurity(
        _ operation: [String: JSONNode], site: OperationSite, document: OpenAPIDocument,
        into imported: inout ImportedMethod, plan: inout ImportPlan
    ) {
        if let auth = operation["x-amazon-apigateway-auth"]?["type"]?.textValue?.uppercased() {
            imported.method.authorizationType = auth
        }
        let requirements = (operation["security"] ?? document["security"])?.arrayValue ?? []
        let schemes = document.securitySchemes
        for requirement in requirements {
            for (name, scopes) in requirement.objectValue ?? [:] {
                guard let scheme = schemes[name] else {
                    plan.warnings.append("Parse issues: \(site.attribute).security names an undefined scheme '\(name)'; it was ignored")
                    continue
                }
                if let authorizer = plan.authorizers[name] {
                    imported.authorizer = name
                    imported.method.authorizationType = authorizer.type == .cognitoUserPools ? "COGNITO_USER_POOLS" : "CUSTOM"
                    if authorizer.type == .cognitoUserPools, let list = scopes.stringList, !list.isEmpty {
                        imported.method.authorizationScopes = list
                    }
                } else if scheme["x-amazon-apigateway-authtype"]?.textValue?.lowercased() == "awssigv4" {
                    imported.method.authorizationType = "AWS_IAM"
                } else if scheme["type"]?.textValue == "apiKey" {
                    imported.method.apiKeyRequired = true
                } else {
                    plan.warnings.append(
                        "Parse issues: security scheme '\(name)' of type '\(scheme["type"]?.textValue ?? "")' is not supported; it was ignored")
                }
            }
        }
    }
}
