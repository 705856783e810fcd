import APIGatewayModel
import PorticoCore
import Store

/// CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer, DeleteAuthorizer for
/// TOKEN, REQUEST and COGNITO_USER_POOLS authorizers. Recorded on AWS: `authType` is filled in
/// (`custom`, `cognito_user_pools`) when not given, `authorizerResultTtlInSeconds` is answered
/// only when given, and a missing API is a 409 after the URI was checked.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
extension ManagementAPI {
    static let authorizers = APICollection<Authorizer>(
        kind: .authorizer, items: \APIState.authorizers, notFound: { _ in .notFound("Invalid Authorizer identifier specified") })

    static func registerAuthorizers(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createAuthorizer] = { context in
            let input = try context.body(CreateAuthorizerRequest.self)
            let apiId = context.restApiId
            var authorizer = Authorizer(
                id: context.environment.ids.next(.authorizer), name: input.name, type: input.type, providerARNs: input.providerARNs,
                authType: input.authType, authorizerUri: input.authorizerUri, authorizerCredentials: input.authorizerCredentials,
                identitySource: input.identitySource, identityValidationExpression: input.identityValidationExpression,
                authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds)
            try AuthorizerRules.validate(&authorizer)
            let created = authorizer
            try await context.write { state throws(ManagementError) in
                _ = try state.api(apiId, or: MissingAPI.conflict)
                return ((), [authorizers.store(created, id: created.id ?? "", api: apiId, in: &state)])
            }
            return .json(created)
        }
        handlers[.getAuthorizer] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            return .json(try authorizers.find(context.label("authorizer_id"), in: api))
        }
        handlers[.getAuthorizers] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let page = try authorizers.page(
                api, context, order: { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") },
                id: { $0.id ?? "" })
            return .json(Authorizers(position: page.position, items: page.items))
        }
        handlers[.updateAuthorizer] = { context in
            let input = try context.body(UpdateAuthorizerRequest.self)
            let (apiId, id, account) = (context.restApiId, context.label("authorizer_id"), context.environment.accountId)
            return .json(
                try await context.write { state throws(ManagementError) in
                    var authorizer = try authorizers.find(id, in: try state.restApi(apiId, account: account))
                    try authorizerPatch.apply(input.patchOperations ?? [], to: &authorizer)
                    try AuthorizerRules.validate(&authorizer)
                    return (authorizer, [authorizers.store(authorizer, id: id, api: apiId, in: &state)])
                })
        }
        handlers[.deleteAuthorizer] = { context in
            let (apiId, id, account) = (context.restApiId, context.label("authorizer_id"), context.environment.accountId)
            try await context.write { state throws(ManagementError) in
                let api = try state.restApi(apiId, account: account)
                let authorizer = try authorizers.find(id, in: api)
                if let user = AuthorizerRules.firstMethodUsing(id, in: api) {
                    throw ManagementError.conflict("Cannot delete authorizer '\(authorizer.name ?? id)', is referenced in method: \(user)")
                }
                return ((), [authorizers.store(nil, id: id, api: apiId, in: &state)])
            }
            return .empty
        }
    }
}

/// What AWS checks on an authorizer, in its order.
enum AuthorizerRules {
    static func validate(_ authorizer: inout Authorizer) throws(ManagementError) {
        guard let name = authorizer.name, !name.isEmpty else { throw .badRequest("Invalid authorizer name specified") }
        if let ttl = authorizer.authorizerResultTtlInSeconds, !(0...3600).contains(ttl) {
            throw .badRequest("Invalid Authorizer TTL specified. Value must be between 0 and 3600.")
        }
        switch authorizer.type {
        case .token, .request:
            try checkLambdaURI(authorizer.authorizerUri)
            authorizer.providerARNs = nil
            if authorizer.authType == nil { authorizer.authType = "custom" }
            try checkIdentitySource(
                authorizer.identitySource, type: authorizer.type ?? .token,
                caching: authorizer.authorizerResultTtlInSeconds.map { $0 > 0 } ?? true)
        case .cognitoUserPools:
            let arns = authorizer.providerARNs ?? []
            guard !arns.isEmpty else { throw .badRequest("ProviderARNs need to be specified for COGNITO_USER_POOLS authorizer type.") }
            for arn in arns where !isUserPoolARN(arn) {
                throw .badRequest("Invalid provider ARN specified: \(arn)")
            }
            if authorizer.authType == nil { authorizer.authType = "cognito_user_pools" }
            try checkIdentitySource(authorizer.identitySource, type: .token, caching: true)
        case nil:
            throw .badRequest("Invalid authorizer type specified. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS")
        }
    }

    /// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`.
    static func checkLambdaURI(_ uri: String?) throws(ManagementError) {
        guard let uri, !uri.isEmpty else { throw .badRequest("Authorizer URI must be specified for TOKEN and REQUEST authorizers") }
        // API Gateway URIs put the target service where an ARN has the account.
        guard let arn = ARN(uri), arn.service == "apigateway", arn.account == "lambda",
            arn.resource.hasPrefix("path/"), arn.resource.contains("/functions/"), arn.resource.hasSuffix("/invocations")
        else {
            throw .badRequest("Invalid Authorizer URI specified: \(uri)")
        }
    }

    /// TOKEN: one `method.request.header.{name}`. REQUEST: a comma-separated list of
    /// `method.request.{header|querystring}.{name}`, `stageVariables.{name}`, `context.{name}`
    /// (required when results are cached).
    static func checkIdentitySource(_ source: String?, type: AuthorizerType, caching: Bool) throws(ManagementError) {
        let text = source?.trimmingCharacters(in: .whitespaces) ?? ""
        if text.isEmpty {
            if type == .request, !caching { return }
            throw .badRequest("Identity source must be specified")
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if type == .token {
            guard parts.count == 1, parts[0].hasPrefix("method.request.header."), parts[0].count > "method.request.header.".count else {
                throw .badRequest("Invalid identity source specified: \(text). The identity source must be of the form method.request.header.{name}")
            }
            return
        }
        for part in parts {
            let prefixes = ["method.request.header.", "method.request.querystring.", "stageVariables.", "context."]
            guard prefixes.contains(where: { part.hasPrefix($0) && part.count > $0.count }) else {
                throw .badRequest("Invalid identity source specified: \(part)")
            }
        }
    }

    static func isUserPoolARN(_ arn: String) -> Bool {
        guard let parsed = ARN(arn) else { return false }
        return parsed.service == "cognito-idp" && parsed.resource.hasPrefix("userpool/")
    }

    /// The first method (`{resourcePath}/{METHOD}`) using the authorizer.
    static func firstMethodUsing(_ id: String, in api: APIState) -> String? {
        for resource in api.resources.values.sorted(by: { ($0.path ?? "") < ($1.path ?? "") }) {
            for (verb, method) in (resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key }) where method.authorizerId == id {
                return (resource.path ?? "/") + "/" + verb
            }
        }
        return nil
    }
}

/// UpdateAuthorizer's paths.
let authorizerPatch = PatchTable<Authorizer>(
    .quoted,
    [
        PatchRule("/name", ["replace"]) { authorizer, request throws(ManagementError) in authorizer.name = request.value },
        PatchRule("/type", ["replace"]) { authorizer, request throws(ManagementError) in
            authorizer.type = request.value.flatMap(AuthorizerType.init(rawValue:))
        },
        PatchRule("/authType", ["replace"]) { authorizer, request throws(ManagementError) in authorizer.authType = request.value },
        PatchRule("/authorizerUri", ["replace"]) { authorizer, request throws(ManagementError) in authorizer.authorizerUri = request.value },
        PatchRule("/authorizerCredentials", ["replace"]) { authorizer, request throws(ManagementError) in
            authorizer.authorizerCredentials = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/identitySource", ["replace"]) { authorizer, request throws(ManagementError) in authorizer.identitySource = request.value },
        PatchRule("/identityValidationExpression", ["replace"]) { authorizer, request throws(ManagementError) in
            authorizer.identityValidationExpression = request.value?.isEmpty == false ? request.value : nil
        },
        PatchRule("/authorizerResultTtlInSeconds", ["replace"]) { authorizer, request throws(ManagementError) in
            guard let value = request.value, let ttl = Int(value) else {
                throw .badRequest("Invalid Authorizer TTL specified. Value must be between 0 and 3600.")
            }
            authorizer.authorizerResultTtlInSeconds = ttl
        },
        PatchRule("/providerARNs", ["add", "remove"]) { authorizer, request throws(ManagementError) in
            guard let arn = request.value else { throw .badRequest("Invalid provider ARN specified: null") }
            PatchValues.updateList(&authorizer.providerARNs, request, element: arn)
        },
    ])
