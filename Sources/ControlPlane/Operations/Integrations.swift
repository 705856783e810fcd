import APIGatewayModel
import PorticoCore
import Store

/// PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html
extension ManagementAPI {
    static let passthroughBehaviors = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]

    static func registerIntegrations(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.putIntegration] = putIntegration
        handlers[.getIntegration] = { context in
            .json(try context.model.current.integration(api: context.restApiId, resource: context.resourceId, httpMethod: context.httpMethod))
        }
        handlers[.updateIntegration] = { context in
            let input = try context.body(UpdateIntegrationRequest.self)
            let (apiId, resourceId, verb) = (context.restApiId, context.resourceId, context.httpMethod)
            let account = context.environment.accountId
            let updated = try await context.write { state throws(ManagementError) in
                var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                guard var integration = method.methodIntegration else {
                    throw ManagementError.notFound("Invalid Integration identifier specified")
                }
                try integrationPatch.apply(input.patchOperations ?? [], to: &integration)
                try validate(&integration, method: method)
                try checkReferences(integration, in: state, account: account)
                method.methodIntegration = integration
                state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
                return (integration, [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .json(updated)
        }
        handlers[.deleteIntegration] = { context in
            let (apiId, resourceId, verb) = (context.restApiId, context.resourceId, context.httpMethod)
            try await context.write { state throws(ManagementError) in
                var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
                guard method.methodIntegration != nil else { throw ManagementError.notFound("Invalid Integration identifier specified") }
                method.methodIntegration = nil
                state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
                return ((), [.method(api: apiId, resource: resourceId, httpMethod: verb)])
            }
            return .empty
        }
    }

    private static let putIntegration: OperationHandler = { context in
        let input = try context.body(PutIntegrationRequest.self)
        let (apiId, resourceId, verb) = (context.restApiId, context.resourceId, context.httpMethod)
        let account = context.environment.accountId
        let created = try await context.write { state throws(ManagementError) in
            var method = try state.method(api: apiId, resource: resourceId, httpMethod: verb)
            var integration = Integration(
                type: input.type, httpMethod: input.integrationHttpMethod, uri: input.uri,
                connectionType: input.connectionType, connectionId: input.connectionId,
                credentials: input.credentials, requestParameters: input.requestParameters,
                requestTemplates: input.requestTemplates.map(normalizedTemplates),
                passthroughBehavior: input.passthroughBehavior ?? "WHEN_NO_MATCH",
                contentHandling: input.contentHandling, timeoutInMillis: input.timeoutInMillis ?? 29_000,
                cacheNamespace: input.cacheNamespace ?? resourceId, cacheKeyParameters: input.cacheKeyParameters ?? [],
                tlsConfig: input.tlsConfig, responseTransferMode: input.responseTransferMode,
                integrationTarget: input.integrationTarget)
            try validate(&integration, method: method)
            try checkReferences(integration, in: state, account: account)
            // A second put replaces the integration; its integration responses stay.
            integration.integrationResponses = method.methodIntegration?.integrationResponses
            method.methodIntegration = integration
            state.apis[apiId]?.resources[resourceId]?.setMethod(verb, method)
            var echoed = integration
            echoed.integrationResponses = nil
            return (echoed, [.method(api: apiId, resource: resourceId, httpMethod: verb)])
        }
        return .json(created)
    }

    /// A template given as `""` is stored as null, as AWS does.
    static func normalizedTemplates(_ templates: [String: String?]) -> [String: String?] {
        templates.mapValues { value in value?.isEmpty == true ? nil : value }
    }

    /// AWS's semantic checks of an integration, and the type-dependent shape it stores
    /// (MOCK drops `uri` and `httpMethod`; only HTTP types carry `connectionType`).
    static func validate(_ integration: inout Integration, method: Method) throws(ManagementError) {
        guard let type = integration.type else {
            throw ManagementError.badRequest("Invalid integration type specified")
        }
        switch type {
        case .mock:
            integration.uri = nil
            integration.httpMethod = nil
            integration.connectionType = nil
        case .http, .httpProxy:
            try requireHTTPMethod(integration)
            guard let uri = integration.uri, uri.hasPrefix("http://") || uri.hasPrefix("https://"), uri.count > 8 else {
                throw ManagementError.badRequest("Invalid HTTP endpoint specified for URI")
            }
            if integration.connectionType == nil { integration.connectionType = .internet }
        case .aws, .awsProxy:
            try requireHTTPMethod(integration)
            integration.connectionType = nil
            guard let uri = integration.uri, uri.hasPrefix("arn:") else {
                throw ManagementError.badRequest("Invalid ARN specified in the request")
            }
            // API Gateway URIs put the target service where an ARN has the account.
            guard let arn = ARN(uri), arn.service == "apigateway", arn.resource.hasPrefix("path/") || arn.resource.hasPrefix("action/")
            else {
                throw ManagementError.badRequest("AWS ARN for integration must contain path or action")
            }
            if type == .awsProxy, arn.account != "lambda", arn.account != "firehose" {
                throw ManagementError.badRequest(
                    "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.")
            }
        }
        if let behavior = integration.passthroughBehavior, !passthroughBehaviors.contains(behavior) {
            throw ManagementError.badRequest(
                "Invalid passthrough behavior specified: \(behavior). Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER")
        }
        if let timeout = integration.timeoutInMillis, !(50...29_000).contains(timeout) {
            throw ManagementError.badRequest("Timeout should be between 50 ms and 29000 ms")
        }
        try MappingExpressions.validateContentTypes(integration.requestTemplates)
        try MappingExpressions.validateIntegrationRequest(integration.requestParameters, declared: method.requestParameters)
    }

    /// What an integration names must exist or be allowed: the VPC link of a `VPC_LINK`
    /// connection (unless a stage variable names it), and the role of an AWS integration (one
    /// of this account; required for AWS services other than Lambda).
    static func checkReferences(_ integration: Integration, in state: ModelState, account: String) throws(ManagementError) {
        if integration.connectionType == .vpcLink {
            guard let id = integration.connectionId, !id.isEmpty else {
                throw ManagementError.badRequest("Invalid VPC link identifier specified: connectionId is required for VPC_LINK connections")
            }
            if !id.contains("${stageVariables."), state.account.vpcLinks[id] == nil {
                throw ManagementError.badRequest("Invalid Vpc Link identifier specified")
            }
        }
        guard integration.type == .aws || integration.type == .awsProxy else { return }
        if let role = integration.credentials.flatMap(ARN.init), role.service == "iam", !role.account.isEmpty, role.account != account {
            throw ManagementError(type: "AccessDeniedException", status: 403, message: "Cross-account pass role is not allowed.")
        }
        if integration.type == .aws, let uri = integration.uri.flatMap(ARN.init), uri.account != "lambda", integration.credentials == nil {
            throw ManagementError.badRequest("Role ARN must be specified for AWS integrations")
        }
    }

    private static func requireHTTPMethod(_ integration: Integration) throws(ManagementError) {
        guard let verb = integration.httpMethod, !verb.isEmpty else {
            throw ManagementError.badRequest("Enumeration value for HttpMethod must be non-empty")
        }
        guard httpMethods.contains(verb) else {
            throw ManagementError.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
        }
    }
}

/// UpdateIntegration's paths.
let integrationPatch = PatchTable<Integration>(
    .bare,
    [
        PatchRule("/uri", ["replace"]) { integration, request throws(ManagementError) in
            integration.uri = request.value
        },
        PatchRule("/httpMethod", ["replace"]) { integration, request throws(ManagementError) in
            integration.httpMethod = request.value
        },
        PatchRule("/type", ["replace"]) { integration, request throws(ManagementError) in
            guard let type = request.value.flatMap(IntegrationType.init(rawValue:)) else {
                throw ManagementError.badRequest("Invalid integration type specified")
            }
            integration.type = type
        },
        PatchRule("/credentials", ["replace", "remove"]) { integration, request throws(ManagementError) in
            integration.credentials = request.op == "remove" ? nil : request.value
        },
        PatchRule("/connectionType", ["replace"]) { integration, request throws(ManagementError) in
            guard let value = request.value.flatMap(ConnectionType.init(rawValue:)) else {
                throw ManagementError.badRequest("Invalid connection type specified. Valid options are INTERNET,VPC_LINK")
            }
            integration.connectionType = value
        },
        PatchRule("/connectionId", ["replace", "remove"]) { integration, request throws(ManagementError) in
            integration.connectionId = request.op == "remove" ? nil : request.value
        },
        PatchRule("/passthroughBehavior", ["replace"]) { integration, request throws(ManagementError) in
            integration.passthroughBehavior = request.value
        },
        PatchRule("/timeoutInMillis", ["replace"]) { integration, request throws(ManagementError) in
            guard let value = request.value.flatMap({ Int($0) }) else {
                throw ManagementError.badRequest("Invalid timeout value specified: \(request.value ?? "null")")
            }
            integration.timeoutInMillis = value
        },
        PatchRule("/cacheNamespace", ["replace"]) { integration, request throws(ManagementError) in
            integration.cacheNamespace = request.value
        },
        PatchRule("/contentHandling", ["replace", "remove"]) { integration, request throws(ManagementError) in
            try setContentHandling(&integration.contentHandling, request)
        },
        PatchRule("/cacheKeyParameters/{key}", ["add", "remove"]) { integration, request throws(ManagementError) in
            PatchValues.updateList(&integration.cacheKeyParameters, request, element: request.keyValue)
            if integration.cacheKeyParameters == nil { integration.cacheKeyParameters = [] }
        },
        PatchRule("/requestParameters/{key}", ["add", "replace", "remove"]) { integration, request throws(ManagementError) in
            try PatchValues.updateMap(&integration.requestParameters, request, value: request.value ?? "")
        },
        PatchRule("/requestTemplates/{key}", ["add", "replace", "remove"]) { integration, request throws(ManagementError) in
            let template: String? = request.value?.isEmpty == false ? request.value : nil
            try PatchValues.updateMap(&integration.requestTemplates, request, value: .some(template))
        },
        PatchRule("/tlsConfig/insecureSkipVerification", ["replace"]) { integration, request throws(ManagementError) in
            var config = integration.tlsConfig ?? TlsConfig()
            config.insecureSkipVerification = PatchValues.bool(request)
            integration.tlsConfig = config
        },
    ])

/// `/contentHandling`: CONVERT_TO_TEXT or CONVERT_TO_BINARY; remove (or an empty value) clears it.
func setContentHandling(_ field: inout ContentHandlingStrategy?, _ request: PatchRequest) throws(ManagementError) {
    if request.op == "remove" || request.value == nil || request.value == "" {
        field = nil
        return
    }
    guard let value = request.value.flatMap(ContentHandlingStrategy.init(rawValue:)) else {
        throw ManagementError.badRequest(
            "Invalid content handling specified: \(request.value ?? ""). Valid options are CONVERT_TO_TEXT,CONVERT_TO_BINARY")
    }
    field = value
}
