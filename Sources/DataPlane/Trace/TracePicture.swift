import Foundation

/// A trace as the pipeline picture shows it: API Gateway's stages in order, each with what it
/// received and produced, the selection patterns tried, and the error of the stage that
/// failed. Built when someone looks (the console's invocation page), from the recorded steps.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-data-transformations.html
public struct TracePicture: Sendable {
    /// The stages API Gateway's console names, in the order a call passes them.
    public enum Kind: String, Sendable, CaseIterable {
        case methodRequest = "Method request"
        case authorizer = "Authorizer"
        case gates = "Gates (signature, API key, throttle, validation)"
        case integrationRequest = "Integration request"
        case integration = "Integration"
        case integrationResponse = "Integration response"
        case methodResponse = "Method response"
    }

    /// One labelled value: text, or name/value pairs (headers, parameters).
    public struct Entry: Sendable {
        public let label: String
        public let text: String?
        public let pairs: [(String, String)]?
    }

    /// One selectionPattern tried: the value it was matched against and the result
    /// (`matched`, `no match`, or why it could not be used).
    public struct Attempt: Sendable {
        public let pattern: String
        public let value: String
        public let result: String
        public let matched: Bool
    }

    public struct Stage: Sendable {
        public let kind: Kind
        public internal(set) var entries: [Entry] = []
        /// Present when integration responses were selected: the value (nil: the default was
        /// taken without matching), the patterns tried, the chosen status code.
        public internal(set) var selectionValue: String?
        public internal(set) var attempts: [Attempt] = []
        public internal(set) var chosen: String?
        public internal(set) var selected = false
        /// The gateway response type and message, when the call failed here.
        public internal(set) var error: (type: String, message: String)?
        /// Whether the call got this far (a stage it never reached is shown as skipped).
        public internal(set) var reached = false
    }

    public let requestId: String
    public let summary: InvocationSummary
    public let stages: [Stage]
    /// The resource the call was routed to (nil when it matched none).
    public let resource: (id: String, path: String)?
}

extension InvocationTrace {
    /// The recorded steps sorted into API Gateway's stages.
    public var picture: TracePicture {
        var stages = TracePicture.Kind.allCases.map { TracePicture.Stage(kind: $0) }
        func at(_ kind: TracePicture.Kind) -> Int { TracePicture.Kind.allCases.firstIndex(of: kind)! }
        var current = TracePicture.Kind.methodRequest
        var sent = false
        // What each template read as `$input.body`: the method request's body, then the backend's.
        var requestBody: [UInt8] = []
        var received: [(name: String, value: String)] = []
        var readParameters = false
        var resource: (id: String, path: String)?
        var responseBody: [UInt8] = []
        func add(_ kind: TracePicture.Kind, _ label: String, text: String? = nil, pairs: [(String, String)]? = nil) {
            stages[at(kind)].entries.append(TracePicture.Entry(label: label, text: text, pairs: pairs))
            stages[at(kind)].reached = true
            current = kind
        }
        func body(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        for (_, event) in recorded {
            switch event {
            case .started(let method, let path, let headers):
                add(.methodRequest, "Request", text: "\(method) \(path)")
                received = headers
            case .routed(let resourcePath, let resourceId, let parameters):
                resource = (resourceId, resourcePath)
                add(.methodRequest, "Resource", text: "\(resourcePath) (\(resourceId))")
                if !parameters.isEmpty { add(.methodRequest, "Path parameters (raw)", pairs: parameters) }
            case .authorizer(let step):
                for line in step.logLines(requestId: requestId) { add(.authorizer, step.label, text: line) }
            case .gate(let step):
                add(.gates, step.name, text: step.detail)
            case .policy(let step):
                // Resource and identity policies decide with the authorizer (ACCESS_DENIED is shown there).
                add(.authorizer, step.gate == .resource ? "Resource policy" : "Identity policy", text: step.logLine)
            case .methodRequest(let path, let query, let headers, let payload):
                readParameters = true
                // Recorded once the gates let the call through; throttling is always one of them.
                add(.gates, "throttle", text: "admitted within the usage plan's, stage's and account's limits")
                add(.methodRequest, "Path", pairs: path)
                add(.methodRequest, "Query string", pairs: query)
                add(.methodRequest, "Headers", pairs: headers)
                add(.methodRequest, "Body", text: body(payload))
                requestBody = payload
            case .cache(let hit, let key):
                add(
                    .integrationRequest, "Response cache",
                    text: (hit ? "hit: answered from the cache, key " : "miss: answer stored, key ")
                        + key.replacingOccurrences(of: "\u{0}", with: " "))
            case .requestTemplate(let contentType, let output):
                add(.integrationRequest, "Request template (\(contentType)) input: $input.body", text: body(requestBody))
                add(.integrationRequest, "Request template (\(contentType)) output", text: output)
            case .passthrough(let behavior, let contentType):
                add(.integrationRequest, "Passthrough", text: "\(behavior) for \(contentType): body passed through")
            case .integrationRequest(let headers, let query, let path, let payload):
                add(.integrationRequest, "Headers", pairs: headers)
                add(.integrationRequest, "Query string", pairs: query)
                add(.integrationRequest, "Path", pairs: path)
                add(.integrationRequest, "Body", text: body(payload))
            case .backendRequest(let method, let url, let headers, let payload):
                sent = true
                add(.integration, "Sent", text: "\(method) \(url)")
                add(.integration, "Request headers", pairs: headers)
                add(.integration, "Request body", text: body(payload))
            case .backendResponse(let status, let headers, let payload):
                add(.integration, sent ? "Answered" : "Answered without a backend (MOCK)", text: "status \(status)")
                add(.integration, "Response headers", pairs: headers)
                add(.integration, "Response body", text: body(payload))
                responseBody = payload
            case .selection(let value, let tried, let chosen):
                let index = at(.integrationResponse)
                stages[index].reached = true
                stages[index].selected = true
                stages[index].selectionValue = value
                stages[index].chosen = chosen
                stages[index].attempts = tried.map { attempt in
                    TracePicture.Attempt(
                        pattern: attempt.pattern, value: value ?? "", result: attempt.outcome.text,
                        matched: attempt.outcome == .matched)
                }
                current = .integrationResponse
            case .responseTemplate(let contentType, let output):
                add(.integrationResponse, "Response template (\(contentType)) input: $input.body", text: body(responseBody))
                add(.integrationResponse, "Response template (\(contentType)) output", text: output)
            case .methodResponse(let status, let headers, let payload):
                add(.methodResponse, "Status", text: String(status))
                add(.methodResponse, "Headers", pairs: headers)
                add(.methodResponse, "Body", text: body(payload))
            case .failed(let type, let message):
                let kind = Self.stage(ofFailure: type) ?? current
                stages[at(kind)].error = (type, message)
                stages[at(kind)].reached = true
            }
        }
        // A call refused before its parameters were read (route, authorizer, gates): the headers
        // it came with still explain it (a missing key, a wrong token).
        if !readParameters, !received.isEmpty {
            stages[at(.methodRequest)].entries.append(
                TracePicture.Entry(label: "Headers as received", text: nil, pairs: received.map { ($0.name, $0.value) }))
        }
        return TracePicture(requestId: requestId, summary: summary, stages: stages, resource: resource)
    }

    /// The stage a gateway response type belongs to, when the type alone tells.
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
    static func stage(ofFailure type: String) -> TracePicture.Kind? {
        switch type {
        case "UNAUTHORIZED", "ACCESS_DENIED", "AUTHORIZER_FAILURE", "AUTHORIZER_CONFIGURATION_ERROR": .authorizer
        case "INVALID_API_KEY", "THROTTLED", "QUOTA_EXCEEDED", "INVALID_SIGNATURE", "EXPIRED_TOKEN", "BAD_REQUEST_PARAMETERS",
            "BAD_REQUEST_BODY", "WAF_FILTERED":
            .gates
        case "MISSING_AUTHENTICATION_TOKEN", "RESOURCE_NOT_FOUND", "REQUEST_TOO_LARGE": .methodRequest
        case "UNSUPPORTED_MEDIA_TYPE": .integrationRequest
        case "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT": .integration
        default: nil
        }
    }
}

extension SelectionAttempt.Outcome {
    var text: String {
        switch self {
        case .matched: "matched"
        case .notMatched: "no match"
        case .invalid(let reason): "invalid pattern: " + reason
        case .timedOut: "ran out of its time budget"
        }
    }
}

extension AuthorizerStep {
    /// The label of the step on the pipeline picture.
    var label: String {
        switch self {
        case .started: "Started"
        case .identity: "Identity"
        case .cached: "Cache"
        case .result: "Result"
        case .claims: "Claims"
        case .decision: "Policy"
        case .completed: "Completed"
        }
    }
}
