import APIGatewayModel
import JavaRegex

/// Stage 5 result: the integration response that was chosen and what it produced.
struct IntegrationResponseOutcome: Sendable {
    let result: IntegrationResult
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]
    let contentType: String
}

/// Stage 5: choose the integration response by selectionPattern (Java regex against the
/// whole selection value; the response without a pattern is the default), map its header
/// parameters, render its template, and apply `$context.responseOverride`.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html
enum IntegrationResponseStage {
    static func run(_ result: IntegrationResult) throws(GatewayError) -> IntegrationResponseOutcome {
        let request = result.request
        let integration = request.integration
        let trace = request.context.trace
        if !result.backendResponseTraced {
            trace.record(.backendResponse(status: result.status, headers: result.headers, body: result.body))
        }
        if integration.type != .mock && integration.type != .httpProxy {
            trace.markBackendAnswered()
        }
        if result.isProxy {
            let contentType = result.headers.last { $0.0.equalsIgnoringASCIICase("Content-Type") }?.1 ?? "application/json"
            return IntegrationResponseOutcome(
                result: result, status: result.status,
                headers: result.headers.filter { $0.0.equalsIgnoringASCIICase("Content-Type") == false },
                body: result.body, contentType: contentType)
        }
        guard let chosen = select(integration, value: result.selectionValue, trace: trace) else {
            throw GatewayError.configuration(
                "No match for output mapping and no default output mapping configured. Endpoint Response Status Code: \(result.status)")
        }
        let methodRequest = request.methodRequest
        let context = request.context
        var status = Int(chosen.statusCode) ?? result.status
        var statusOverride = request.statusOverride
        var headerOverrides = request.headerOverrides
        // `$context` is built only when a mapping or a template can read it (hot path).
        let contextValue =
            chosen.parameters.isEmpty && !chosen.hasTemplates
            ? ContextValue.null
            : methodRequest.routed.contextValue(
                requestOverride: request.requestOverrides, statusOverride: statusOverride,
                headerOverrides: headerOverrides, responseOverride: request.responseOverride)

        // Response parameters (method.response.header.* ← integration response, context, …).
        var resolver = ParameterResolver(
            request: methodRequest.parameters, context: contextValue,
            stageVariables: context.stageVariables, body: result.body)
        resolver.responseHeaders = result.headers
        var headers: [(String, String)] = []
        for (name, source) in chosen.parameters {
            if let value = resolver.resolve(source) { headers.append((name, value)) }
        }

        // Payload encoding (binaryMediaTypes, contentHandling), then the response template,
        // chosen by Accept (else application/json, else the first). A binary payload kept
        // binary is not templated.
        let binaryTypes = methodRequest.routed.deployment.restApi.binaryMediaTypes ?? []
        let accept = methodRequest.routed.request.header("Accept")
        let backendType = result.headers.last { $0.0.equalsIgnoringASCIICase("Content-Type") }?.1
        let isBinary = ContentHandling.isBinary(backendType, binaryMediaTypes: binaryTypes)
        let acceptsBinary = ContentHandling.acceptsBinary(accept, binaryMediaTypes: binaryTypes)
        var body = ContentHandling.response(
            result.body, isBinary: isBinary, acceptsBinary: acceptsBinary,
            handling: chosen.contentHandling)
        let keptBinary = body == result.body && isBinary
        var contentType = keptBinary ? (backendType ?? "application/json") : "application/json"
        if !keptBinary, let (type, slot) = TemplateChoice.byAccept(chosen.templates, accept: accept) {
            let input = TemplateInput(
                body: body, path: methodRequest.path, querystring: methodRequest.querystring,
                header: methodRequest.header, stageVariables: context.stageVariables,
                context: contextValue)
            let output = try IntegrationRequestStage.render(slot, input)
            body = Array(output.body.utf8)
            contentType = type
            context.trace.record(.responseTemplate(contentType: type, output: output.body))
            if let value = output.statusOverride { statusOverride = value }
            IntegrationRequestStage.merge(&headerOverrides, output.headerOverrides)
        }
        if let statusOverride { status = statusOverride }
        IntegrationRequestStage.merge(&headers, headerOverrides)
        return IntegrationResponseOutcome(result: result, status: status, headers: headers, body: body, contentType: contentType)
    }

    /// The first patterned response whose pattern matches the whole value, else the default.
    /// A pattern that did not compile, or ran out of its time budget, matches nothing and is
    /// reported in the trace and the execution log.
    static func select(_ integration: CompiledIntegration, value: String?, trace: InvocationTrace) -> CompiledIntegrationResponse? {
        guard let value else {
            trace.record(.selection(value: nil, tried: [], chosen: integration.fallback?.statusCode))
            return integration.fallback
        }
        var tried: [SelectionAttempt] = []
        for response in integration.patterned {
            guard let pattern = response.pattern else { continue }
            let outcome: SelectionAttempt.Outcome
            switch pattern {
            case .compiled(let pattern):
                switch pattern.matchesWhole(value, budget: .milliseconds(50)) {
                case .matched(true): outcome = .matched
                case .matched(false): outcome = .notMatched
                case .timedOut: outcome = .timedOut
                }
            case .invalid(let text, let reason):
                tried.append(SelectionAttempt(pattern: text, outcome: .invalid(reason)))
                continue
            }
            tried.append(SelectionAttempt(pattern: response.selectionPattern, outcome: outcome))
            if outcome == .matched {
                trace.record(.selection(value: value, tried: tried, chosen: response.statusCode))
                return response
            }
        }
        trace.record(.selection(value: value, tried: tried, chosen: integration.fallback?.statusCode))
        return integration.fallback
    }
}

/// One selection pattern tried against the selection value.
struct SelectionAttempt: Sendable {
    enum Outcome: Sendable, Equatable {
        case matched
        case notMatched
        /// The pattern is not a valid Java regular expression.
        case invalid(String)
        /// Matching ran out of its time budget (pathological backtracking).
        case timedOut
    }

    let pattern: String
    let outcome: Outcome
}
