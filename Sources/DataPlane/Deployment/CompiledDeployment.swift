import APIGatewayModel
import JavaRegex
import PorticoCore
import Routing
import Store

/// A deployment snapshot compiled once for serving: the resource trie, parsed templates,
/// compiled selection patterns and parsed mapping expressions. Immutable and shared by every
/// request to every stage that points at the deployment.
final class CompiledDeployment: Sendable {
    let restApi: RestApi
    let routes: RouteTrie<CompiledResource>
    /// The response in effect for each gateway-response type.
    let gatewayResponses: [GatewayResponseType: CompiledGatewayResponse]
    /// The deployment's authorizers by id.
    let authorizers: [String: CompiledAuthorizer]
    /// The API's resource policy as deployed (nil: none, and nothing is evaluated).
    let resourcePolicy: CompiledResourcePolicy?
    /// A PRIVATE API's associated VPC endpoints as deployed (maybe none); nil for other
    /// endpoint types, whose calls carry no VPC keys.
    let privateEndpoints: [String]?

    init(snapshot: DeploymentSnapshot, compiler: any TemplateCompiler) {
        restApi = snapshot.restApi
        resourcePolicy = CompiledResourcePolicy(stored: snapshot.restApi.policy)
        privateEndpoints = PrivateNetwork.associatedEndpoints(of: snapshot.restApi)
        authorizers = snapshot.authorizers.mapValues { CompiledAuthorizer(id: $0.id ?? "", authorizer: $0) }
        var routes = RouteTrie<CompiledResource>()
        let catalog = ModelCatalog(snapshot: snapshot)
        for (resourceId, resource) in snapshot.resources {
            let compiled = CompiledResource(id: resourceId, resource: resource, compiler: compiler, catalog: catalog)
            routes.insert(RouteTrie<CompiledResource>.segments(of: resource.path ?? "/"), value: compiled)
        }
        self.routes = routes
        var gateway: [GatewayResponseType: CompiledGatewayResponse] = [:]
        for type in GatewayResponseType.allCases {
            let response = GatewayResponseDefaults.effective(type, customised: snapshot.gatewayResponses)
            gateway[type] = CompiledGatewayResponse(response: response, compiler: compiler)
        }
        gatewayResponses = gateway
    }
}

/// A template that compiled, or the reason it did not (answered as a 500 when used).
enum TemplateSlot: Sendable {
    case compiled(any CompiledTemplate)
    /// A `null` template: renders nothing.
    case empty
    case failed(String)

    init(_ source: String?, compiler: any TemplateCompiler) {
        guard let source, !source.isEmpty else {
            self = .empty
            return
        }
        do {
            self = .compiled(try compiler.compile(source))
        } catch {
            self = .failed("\(error)")
        }
    }
}

/// One resource with its methods.
struct CompiledResource: Sendable {
    let id: String
    /// The resource path template (`/pets/{petId}`).
    let path: String
    let methods: [String: CompiledMethod]

    init(id: String, resource: Resource, compiler: any TemplateCompiler, catalog: ModelCatalog? = nil) {
        self.id = id
        path = resource.path ?? "/"
        var methods: [String: CompiledMethod] = [:]
        for (verb, method) in resource.resourceMethods ?? [:] {
            methods[verb] = CompiledMethod(method: method, compiler: compiler, catalog: catalog)
        }
        self.methods = methods
    }

    /// The method for `verb`, falling back to ANY.
    func method(for verb: String) -> CompiledMethod? {
        methods[verb] ?? methods["ANY"]
    }
}

/// A method, its integration and its responses.
struct CompiledMethod: Sendable {
    let method: Method
    let integration: CompiledIntegration?
    /// The method's request validator (nil: none, or one that checks nothing).
    let validator: CompiledValidator?

    init(method: Method, compiler: any TemplateCompiler, catalog: ModelCatalog? = nil) {
        self.method = method
        integration = method.methodIntegration.map { CompiledIntegration($0, compiler: compiler) }
        validator = catalog.flatMap { CompiledValidator(method: method, catalog: $0) }
    }
}

/// An integration with its request templates, request parameter mappings and responses.
struct CompiledIntegration: Sendable {
    let integration: Integration
    let type: IntegrationType
    let passthroughBehavior: String
    /// Request templates by lower-cased content type.
    let requestTemplates: [String: TemplateSlot]
    let requestParameters: [(target: MappingTarget, source: ParameterExpression)]
    /// Responses with a selection pattern, in status-code order.
    let patterned: [CompiledIntegrationResponse]
    /// The response with no (or an empty) selection pattern.
    let fallback: CompiledIntegrationResponse?

    init(_ integration: Integration, compiler: any TemplateCompiler) {
        self.integration = integration
        type = integration.type ?? .mock
        passthroughBehavior = integration.passthroughBehavior ?? "WHEN_NO_MATCH"
        var templates: [String: TemplateSlot] = [:]
        for (contentType, source) in integration.requestTemplates ?? [:] {
            templates[contentType.lowercased()] = TemplateSlot(source ?? nil, compiler: compiler)
        }
        requestTemplates = templates
        requestParameters = (integration.requestParameters ?? [:]).sorted { $0.key < $1.key }.compactMap { key, value in
            MappingTarget(key, side: .integrationRequest).map { ($0, ParameterExpression(value)) }
        }
        var patterned: [CompiledIntegrationResponse] = []
        var fallback: CompiledIntegrationResponse?
        for (_, response) in (integration.integrationResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            let compiled = CompiledIntegrationResponse(response, compiler: compiler)
            if compiled.pattern == nil {
                fallback = fallback ?? compiled
            } else {
                patterned.append(compiled)
            }
        }
        self.patterned = patterned
        self.fallback = fallback
    }
}

/// An integration response: its compiled selection pattern, templates and header mappings.
struct CompiledIntegrationResponse: Sendable {
    let statusCode: String
    /// The selection pattern as configured ("" for the default response).
    let selectionPattern: String
    /// nil for the default response (no or an empty selection pattern).
    let pattern: SelectionPattern?
    let templates: [(contentType: String, slot: TemplateSlot)]
    let hasTemplates: Bool
    let parameters: [(header: String, source: ParameterExpression)]
    let contentHandling: ContentHandlingStrategy?

    init(_ response: IntegrationResponse, compiler: any TemplateCompiler) {
        statusCode = response.statusCode ?? "200"
        selectionPattern = response.selectionPattern ?? ""
        if selectionPattern.isEmpty {
            pattern = nil
        } else {
            do {
                pattern = .compiled(try JavaPattern(selectionPattern))
            } catch {
                pattern = .invalid(selectionPattern, reason: error.description)
            }
        }
        templates = (response.responseTemplates ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            (key.lowercased(), TemplateSlot(value ?? nil, compiler: compiler))
        }
        hasTemplates = response.responseTemplates != nil
        parameters = (response.responseParameters ?? [:]).sorted { $0.key < $1.key }.compactMap { key, value in
            MappingTarget(key, side: .methodResponse, allowed: MappingLocation.headerOnly).map { ($0.name, ParameterExpression(value)) }
        }
        contentHandling = response.contentHandling
    }
}

/// A selection pattern compiled once per deployment, or why it did not compile (reported
/// each time it is tried, never dropped silently).
enum SelectionPattern: Sendable {
    case compiled(JavaPattern)
    case invalid(String, reason: String)
}

/// A gateway response with its template compiled.
struct CompiledGatewayResponse: Sendable {
    let response: GatewayResponse
    /// nil for DEFAULT_4XX / DEFAULT_5XX left at their defaults: the error's own status applies.
    let status: Int?
    let templates: [(contentType: String, slot: TemplateSlot)]
    let parameters: [(header: String, source: ParameterExpression)]

    init(response: GatewayResponse, compiler: any TemplateCompiler) {
        self.response = response
        status = response.statusCode.flatMap { Int($0) }
        templates = (response.responseTemplates ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            (key.lowercased(), TemplateSlot(value, compiler: compiler))
        }
        parameters = (response.responseParameters ?? [:]).sorted { $0.key < $1.key }.compactMap { key, value in
            MappingTarget(key, side: .gatewayResponse).map { ($0.name, ParameterExpression(value)) }
        }
    }
}
