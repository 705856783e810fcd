import APIGatewayModel
import Foundation
import Store

/// The management API (`apigateway` 2015-07-09, REST-JSON): routes a request to its operation,
/// runs the handler against the model, and renders the answer or the error.
///
/// Every operation of the service model is routed; one that Portico does not implement yet
/// answers 501 naming it, never an HTML 404.
public final class ManagementAPI: Sendable {
    let model: ModelStore
    let environment: ControlPlaneEnvironment
    private let router: ManagementRouter
    private let handlers: [OperationName: OperationHandler]

    public init(model: ModelStore, environment: ControlPlaneEnvironment = ControlPlaneEnvironment()) {
        self.model = model
        self.environment = environment
        self.router = ManagementRouter()
        var handlers: [OperationName: OperationHandler] = [:]
        Self.registerRestApis(&handlers)
        Self.registerImports(&handlers)
        Self.registerExports(&handlers)
        Self.registerResources(&handlers)
        Self.registerMethods(&handlers)
        Self.registerMethodResponses(&handlers)
        Self.registerIntegrations(&handlers)
        Self.registerIntegrationResponses(&handlers)
        Self.registerDeployments(&handlers)
        Self.registerStages(&handlers)
        Self.registerGatewayResponses(&handlers)
        Self.registerTestInvoke(&handlers)
        Self.registerRequestValidators(&handlers)
        Self.registerModels(&handlers)
        Self.registerAuthorizers(&handlers)
        Self.registerApiKeys(&handlers)
        Self.registerClientCertificates(&handlers)
        Self.registerVpcLinks(&handlers)
        Self.registerAccount(&handlers)
        Self.registerTags(&handlers)
        Self.registerDomainNames(&handlers)
        Self.registerBasePathMappings(&handlers)
        Self.registerDomainNameAccessAssociations(&handlers)
        Self.registerDocumentation(&handlers)
        Self.registerSdkTypes(&handlers)
        Self.registerModelTemplate(&handlers)
        Self.registerUsagePlans(&handlers)
        Self.registerUsagePlanKeys(&handlers)
        self.handlers = handlers
    }

    /// Operations that have a handler.
    public var implementedOperations: Set<OperationName> { Set(handlers.keys) }

    /// Handles one management request; never throws: errors render as AWS errors.
    public func handle(_ request: ManagementRequest) async -> ManagementResponse {
        let route: ManagementRouter.Route
        switch router.route(method: request.method, path: request.path, query: request.query) {
        case .success(let found):
            route = found
        case .failure(.badEncoding):
            return ManagementResponse(error: .badRequest("Invalid URI: the path is not valid percent-encoded UTF-8"))
        case .failure(.noRoute):
            return ManagementResponse(
                error: ManagementError(
                    type: "UnknownOperationException", status: 404, message: "No operation matches \(request.method) \(request.path)"))
        }
        guard let handler = handlers[route.operation.name] else {
            return ManagementResponse(error: .notImplemented(route.operation.name.rawValue))
        }
        var context = OperationContext(
            operation: route.operation, labels: route.labels, request: request,
            model: model, environment: environment)
        do {
            context.bodyNode = try InputValidation.validate(context)
            let reply = try await handler(context)
            var headers = reply.headers
            if !reply.body.isEmpty, headers.isEmpty { headers.append(("Content-Type", "application/json")) }
            return ManagementResponse(status: reply.status ?? route.operation.successStatus, headers: headers, body: reply.body)
        } catch let error as ManagementError {
            return ManagementResponse(error: error)
        } catch is StorageUnavailableError {
            return ManagementResponse(error: .storageUnavailable)
        } catch {
            return ManagementResponse(error: ManagementError(type: "InternalFailure", status: 500, message: "\(error)"))
        }
    }

    /// Wipes every API (moto's and LocalStack's reset endpoints).
    public func reset() async throws {
        try await model.write { (state: inout ModelState) throws(ManagementError) -> ((), [DirtyDocument]) in
            state = ModelState()
            return ((), [.everything])
        }
    }
}

extension ManagementError {
    /// A write the database could not take (`StorageUnavailableError`): nothing changed. The
    /// reason, which names the database's host, goes to the server's log, not to the client.
    static let storageUnavailable = ManagementError(
        type: "ServiceUnavailableException", status: 503,
        message: "The service is unavailable: its database cannot be reached. Nothing was changed; retry later.")
}
