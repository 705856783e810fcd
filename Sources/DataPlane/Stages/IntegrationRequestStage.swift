import APIGatewayModel

/// Stage 3 result: what goes to the integration.
struct IntegrationRequest: Sendable {
    let methodRequest: MethodRequest
    let integration: CompiledIntegration
    /// The transformed (or passed-through) payload.
    let body: [UInt8]
    /// Mapped integration request parameters, after the template's requestOverride.
    let headers: [(String, String)]
    let querystring: [(String, String)]
    let path: [(String, String)]
    /// `$context.responseOverride.*` the request template set (honoured for MOCK, as on AWS).
    let statusOverride: Int?
    let headerOverrides: [(String, String)]
    let requestOverrides: RequestOverrides
    /// The request template's whole `$context.responseOverride` map (nil: no template set it),
    /// which the response template sees.
    var responseOverride: ContextValue? = nil
    let context: InvocationContext
}

/// Stage 3: parameter mapping, the request template chosen by Content-Type, and the
/// passthrough behaviour.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
enum IntegrationRequestStage {
    static func run(_ request: MethodRequest) throws(GatewayError) -> IntegrationRequest {
        let routed = request.routed
        guard let integration = routed.method.integration else {
            throw GatewayError.configuration("No integration defined for method")
        }
        let context = routed.context
        let binaryTypes = routed.deployment.restApi.binaryMediaTypes ?? []
        let isBinary = ContentHandling.isBinary(routed.request.header("Content-Type"), binaryMediaTypes: binaryTypes)
        let handling = integration.integration.contentHandling
        let body = ContentHandling.request(routed.request.body, isBinary: isBinary, handling: handling)
        // A binary payload kept binary goes through untransformed: no template applies to it;
        // nor to HTTP_PROXY, which sends the client's request as it came (recorded: with a
        // request template set, a GET still reaches the backend with an empty body).
        let templatable = integration.type != .httpProxy && (!isBinary || handling == .convertToText)
        let contentType = mediaType(routed.request.header("Content-Type")) ?? "application/json"
        let slot = templatable ? integration.requestTemplates[contentType] : nil
        // `$context` is built only when a mapping or a template can read it (hot path).
        let contextValue = integration.requestParameters.isEmpty && slot == nil ? ContextValue.null : routed.contextValue()

        // Parameter mapping.
        let resolver = ParameterResolver(request: request.parameters, context: contextValue, stageVariables: context.stageVariables, body: body)
        var headers: [(String, String)] = []
        var query: [(String, String)] = []
        var path: [(String, String)] = []
        for (target, source) in integration.requestParameters {
            let values = resolver.resolveAll(source)
            guard let last = values.last else { continue }
            switch target.location {
            case .header, .multivalueheader: headers.append((target.name, values.joined(separator: ",")))
            case .querystring, .multivaluequerystring: query += values.map { (target.name, $0) }
            case .path: path.append((target.name, last))
            }
        }

        // Template selection and passthrough.
        var payload = body
        var statusOverride: Int?
        var headerOverrides: [(String, String)] = []
        var overrides = RequestOverrides()
        var responseOverride: ContextValue?
        if let slot {
            let output = try renderRequest(
                slot,
                TemplateInput(
                    body: body, path: request.path, querystring: request.querystring,
                    header: request.header, stageVariables: context.stageVariables,
                    context: contextValue))
            payload = Array(output.body.utf8)
            context.trace.record(.requestTemplate(contentType: contentType, output: output.body))
            statusOverride = output.statusOverride
            headerOverrides = output.headerOverrides
            overrides = output.requestOverrides
            responseOverride = output.responseOverride
        } else if templatable {
            context.trace.record(.passthrough(behavior: integration.passthroughBehavior, contentType: contentType))
            switch integration.passthroughBehavior {
            case "NEVER":
                throw GatewayError.unsupportedMediaType
            case "WHEN_NO_TEMPLATES" where !integration.requestTemplates.isEmpty:
                throw GatewayError.unsupportedMediaType
            default:
                break
            }
        }
        merge(&headers, overrides.header)
        merge(&query, overrides.querystring)
        merge(&path, overrides.path)
        context.trace.record(.integrationRequest(headers: headers, querystring: query, path: path, body: payload))
        return IntegrationRequest(
            methodRequest: request, integration: integration, body: payload, headers: headers,
            querystring: query, path: path, statusOverride: statusOverride,
            headerOverrides: headerOverrides, requestOverrides: overrides, responseOverride: responseOverride,
            context: context)
    }

    /// Renders a request template: as `render`, but a payload `$input` cannot parse as JSON is
    /// the client's fault (400 through BAD_REQUEST_BODY, in AWS's words).
    static func renderRequest(_ slot: TemplateSlot, _ input: TemplateInput) throws(GatewayError) -> TemplateOutput {
        guard case .compiled(let template) = slot else { return try render(slot, input) }
        do {
            return try template.render(input)
        } catch let error as UnparsablePayload {
            throw GatewayError.unparsableBody(error.detail)
        } catch {
            throw GatewayError.configuration("\(error)")
        }
    }

    /// Renders a slot; a template that failed to compile or to render is a configuration error.
    static func render(_ slot: TemplateSlot, _ input: TemplateInput) throws(GatewayError) -> TemplateOutput {
        switch slot {
        case .empty:
            return TemplateOutput(body: "", statusOverride: nil, headerOverrides: [], requestOverrides: RequestOverrides())
        case .failed(let reason):
            throw GatewayError.configuration(reason)
        case .compiled(let template):
            do {
                return try template.render(input)
            } catch {
                throw GatewayError.configuration("\(error)")
            }
        }
    }

    /// `application/json; charset=utf-8` → `application/json`.
    static func mediaType(_ header: String?) -> String? {
        guard let header else { return nil }
        let base = header.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return base.isEmpty ? nil : base.lowercased()
    }

    static func merge(_ pairs: inout [(String, String)], _ overrides: [(String, String)]) {
        for (name, value) in overrides {
            if let index = pairs.firstIndex(where: { $0.0 == name }) {
                pairs[index].1 = value
            } else {
                pairs.append((name, value))
            }
        }
    }
}

import Foundation
