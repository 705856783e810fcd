import APIGatewayModel
import Foundation

/// A stage's `accessLogSettings.format`, split once into literal text and `$context`
/// variables, and rendered per invocation the way API Gateway writes access logs: each
/// variable replaced by its value as text, `-` for a variable with no value (unknown names
/// included), everything else copied as written (CLF, JSON, XML and CSV formats are all just
/// text around variables). A line holds no line break: each one becomes a space.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
struct AccessLogFormat: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        /// A variable's name after `$context.` (`identity.sourceIp`).
        case variable(String)
    }

    let parts: [Part]

    init(_ format: String) {
        var parts: [Part] = []
        var text = ""
        let scalars = Array(format.unicodeScalars)
        var index = 0
        let prefix = Array("$context.".unicodeScalars)
        while index < scalars.count {
            if scalars[index] == "$", scalars[index...].starts(with: prefix) {
                var end = index + prefix.count
                while end < scalars.count, Self.isNameScalar(scalars[end]) { end += 1 }
                // A name does not end with a dot (`$context.requestId.` ends a sentence).
                while end > index + prefix.count, scalars[end - 1] == "." { end -= 1 }
                if end > index + prefix.count {
                    if !text.isEmpty { parts.append(.text(text)) }
                    text = ""
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: scalars[(index + prefix.count)..<end])
                    parts.append(.variable(String(name)))
                    index = end
                    continue
                }
            }
            text.unicodeScalars.append(scalars[index] == "\n" || scalars[index] == "\r" ? " " : scalars[index])
            index += 1
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": true
        default: false
        }
    }

    /// The line for one invocation (no line break at the end).
    func render(_ value: (String) -> String?) -> String {
        var line = ""
        for part in parts {
            switch part {
            case .text(let text): line += text
            case .variable(let name):
                let text = value(name) ?? ""
                line += text.isEmpty ? "-" : Self.oneLine(text)
            }
        }
        return line
    }

    private static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}

/// What the access log needs from one invocation, captured at its end; rendered later, off the
/// request path, by the writer.
struct AccessLogRecord: Sendable {
    let destinationArn: String
    let format: String
    let context: InvocationContext
    let status: Int
    let responseLength: Int
    let error: GatewayError?

    init(settings: AccessLogSettings, context: InvocationContext, response: InvocationResponse, error: GatewayError?) {
        destinationArn = settings.destinationArn ?? ""
        format = settings.format ?? ""
        self.context = context
        status = response.status
        responseLength = response.body.count
        self.error = error
    }

    /// The facts the trace holds: route, backend exchange, when the answer was complete.
    private struct Timeline {
        var resource: (id: String, path: String)?
        var backendSent: Date?
        var backendAnswered: (at: Date, status: Int)?
        var answeredAt: Date?
        /// When the authorizer started and completed, and its function's status.
        var authorizerStarted: Date?
        var authorizerCompleted: Date?
        var authorizerFunctionStatus: Int?
        /// When the first failure was recorded.
        var failedAt: Date?

        init(_ trace: InvocationTrace) {
            for (at, event) in trace.recorded {
                switch event {
                case .authorizer(.started): authorizerStarted = authorizerStarted ?? at
                case .authorizer(.result(let status, _, _)): authorizerFunctionStatus = status
                case .authorizer(.completed): authorizerCompleted = at
                case .failed: failedAt = failedAt ?? at
                case .routed(let path, let id, _): resource = (id, path)
                case .backendRequest: backendSent = backendSent ?? at
                case .backendResponse(let status, _, _): if backendSent != nil, backendAnswered == nil { backendAnswered = (at, status) }
                case .methodResponse: answeredAt = at
                default: break
                }
            }
        }
    }

    /// The text of `$context.{name}` for this invocation; nil when it has none.
    func value(of name: String) -> String? {
        value(of: name, timeline: Timeline(context.trace)) { .object(context.fixedValue(resource: nil)) }
    }

    /// `fixed` gives the `$context` map (built once per line, and only when a variable needs it).
    private func value(of name: String, timeline: Timeline, fixed: () -> ContextValue) -> String? {
        switch name {
        // The common ones straight from the context.
        case "requestId": return context.requestId
        case "extendedRequestId": return context.extendedRequestId
        case "httpMethod": return context.httpMethod
        case "identity.sourceIp": return context.sourceIp
        case "identity.userAgent": return context.userAgent
        case "protocol": return "HTTP/1.1"
        case "stage": return context.stage
        case "path": return context.path
        case "status": return String(status)
        case "responseLength": return String(responseLength)
        case "responseLatency":
            return timeline.answeredAt.map { Self.milliseconds(from: context.trace.startedAt, to: $0) }
        case "integrationLatency", "integration.latency":
            guard let sent = timeline.backendSent, let answered = timeline.backendAnswered else { return nil }
            return Self.milliseconds(from: sent, to: answered.at)
        case "integrationStatus", "integration.status", "integration.integrationStatus":
            return timeline.backendAnswered.map { String($0.status) }
        case "resourceId": return timeline.resource?.id
        case "resourcePath": return timeline.resource?.path
        case "error.message": return error?.message
        case "error.messageString": return error.map { $0.message.map(JSONOutput.quoted) ?? "null" }
        case "error.responseType": return error?.type.rawValue
        case "authorizer.latency":
            guard let started = timeline.authorizerStarted, let ended = timeline.authorizerCompleted ?? timeline.failedAt else {
                return nil
            }
            return Self.milliseconds(from: started, to: ended)
        case "authorizer.status":
            guard timeline.authorizerStarted != nil else { return nil }
            if timeline.authorizerCompleted != nil { return "200" }
            switch error?.type {
            case .unauthorized?: return "401"
            case .accessDenied?: return "403"
            case nil: return nil
            default: return "500"
            }
        case "authorizer.integrationStatus": return timeline.authorizerFunctionStatus.map(String.init)
        case "customDomain.basePathMatched": return context.customDomain.map { $0.basePath.isEmpty ? "(none)" : $0.basePath }
        case "xrayTraceId":
            return context.traceId.map { $0.hasPrefix("Root=") ? String($0.dropFirst(5)) : $0 }
        case "requestTime": return context.requestTime
        case "requestTimeEpoch": return String(context.requestTimeEpoch)
        default:
            return fixed().lookup(Substring(name))?.text
        }
    }

    /// The line this record writes.
    func line(_ format: AccessLogFormat) -> String {
        let timeline = Timeline(context.trace)
        var fixed: ContextValue?
        return format.render { name in
            value(of: name, timeline: timeline) {
                if let fixed { return fixed }
                let built = ContextValue.object(context.fixedValue(resource: nil))
                fixed = built
                return built
            }
        }
    }

    private static func milliseconds(from start: Date, to end: Date) -> String {
        String(max(0, Int((end.timeIntervalSince(start) * 1000).rounded())))
    }
}
