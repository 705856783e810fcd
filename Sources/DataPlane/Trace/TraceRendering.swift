import Foundation

/// The two ways a trace is read: as JSON (Portico's `GET /_portico/invocations/{requestId}`)
/// and as AWS's execution log (TestInvokeMethod's `log`).
extension InvocationTrace {
    /// `{"requestId", "apiId", "stage", "startedAt", "steps": [{"at", "step", …}]}`.
    public func json() -> [UInt8] {
        let steps: [[String: Any]] = recorded.map { at, event in
            var step = Self.fields(event)
            step["at"] = InvocationSummary.isoText(at)
            return step
        }
        let object: [String: Any] = [
            "requestId": requestId, "apiId": apiId, "stage": stage, "startedAt": InvocationSummary.isoText(startedAt),
            "steps": steps,
        ]
        return (try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))) ?? []
    }

    private static func pairs(_ list: [(String, String)]) -> [[String]] { list.map { [$0.0, $0.1] } }
    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func fields(_ event: Event) -> [String: Any] {
        switch event {
        case .started(let method, let path, _):
            return ["step": "started", "httpMethod": method, "path": path]
        case .routed(let resourcePath, let resourceId, let parameters):
            return ["step": "route", "resourcePath": resourcePath, "resourceId": resourceId, "pathParameters": pairs(parameters)]
        case .methodRequest(let path, let query, let headers, let body):
            return ["step": "methodRequest", "path": pairs(path), "querystring": pairs(query), "headers": pairs(headers), "body": text(body)]
        case .requestTemplate(let contentType, let output):
            return ["step": "requestTemplate", "contentType": contentType, "output": output]
        case .passthrough(let behavior, let contentType):
            return ["step": "passthrough", "passthroughBehavior": behavior, "contentType": contentType]
        case .integrationRequest(let headers, let query, let path, let body):
            return ["step": "integrationRequest", "headers": pairs(headers), "querystring": pairs(query), "path": pairs(path), "body": text(body)]
        case .backendRequest(let method, let url, let headers, let body):
            return ["step": "backendRequest", "httpMethod": method, "url": url, "headers": pairs(headers), "body": text(body)]
        case .backendResponse(let status, let headers, let body):
            return ["step": "integrationResult", "status": status, "headers": pairs(headers), "body": text(body)]
        case .selection(let value, let tried, let chosen):
            return [
                "step": "selection", "selectionValue": value ?? NSNull(),
                "tried": tried.map(Self.fields),
                "chosenStatusCode": chosen ?? NSNull(),
            ]
        case .responseTemplate(let contentType, let output):
            return ["step": "responseTemplate", "contentType": contentType, "output": output]
        case .methodResponse(let status, let headers, let body):
            return ["step": "methodResponse", "status": status, "headers": pairs(headers), "body": text(body)]
        case .failed(let type, let message):
            return ["step": "error", "gatewayResponseType": type, "message": message]
        case .authorizer(let step):
            return step.fields
        case .policy(let step):
            return step.fields
        case .gate(let step):
            return ["step": "gate", "gate": step.name, "detail": step.detail]
        case .cache(let hit, let key):
            return ["step": "cache", "hit": hit, "key": key.replacingOccurrences(of: "\u{0}", with: " ")]
        }
    }

    private static func fields(_ attempt: SelectionAttempt) -> [String: Any] {
        var fields: [String: Any] = ["selectionPattern": attempt.pattern, "matched": attempt.outcome == .matched]
        switch attempt.outcome {
        case .invalid(let reason): fields["error"] = "invalid selection pattern: " + reason
        case .timedOut: fields["error"] = "selection pattern ran out of its time budget"
        case .matched, .notMatched: break
        }
        return fields
    }

    /// AWS's execution-log text, one `{date} : {line}` per step. With `backend: false` (MOCK)
    /// only the lines AWS prints for a MOCK integration appear.
    func executionLog(backend: Bool) -> String {
        var lines = ["Execution log for request \(requestId)"]
        func map(_ list: [(String, String)]) -> String {
            "{" + list.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "}"
        }
        var failed = false
        var sentAt: Date?
        for (at, event) in recorded {
            let stamp = Self.javaDate(at) + " : "
            switch event {
            case .started(let method, let path, _):
                lines.append(stamp + "Starting execution for request: \(requestId)")
                lines.append(stamp + "HTTP Method: \(method), Resource Path: \(path)")
            case .routed:
                continue
            case .methodRequest(let path, let query, let headers, let body):
                lines.append(stamp + "Method request path: \(map(path))")
                lines.append(stamp + "Method request query string: \(map(query))")
                lines.append(stamp + "Method request headers: \(map(headers))")
                lines.append(stamp + "Method request body before transformations: \(Self.text(body))")
            case .requestTemplate, .passthrough, .integrationRequest:
                // The backend request line group below prints what was actually sent.
                continue
            case .backendRequest(_, let url, let headers, let body):
                sentAt = at
                lines.append(stamp + "Endpoint request URI: \(url)")
                lines.append(stamp + "Endpoint request headers: \(map(headers))")
                lines.append(stamp + "Endpoint request body after transformations: \(Self.text(body))")
                lines.append(stamp + "Sending request to \(url)")
            case .backendResponse(let status, let headers, let body):
                guard backend else { continue }
                let latency = sentAt.map { Int((at.timeIntervalSince($0) * 1000).rounded()) } ?? 0
                lines.append(stamp + "Received response. Status: \(status), Integration latency: \(latency) ms")
                lines.append(stamp + "Endpoint response headers: \(map(headers))")
                lines.append(stamp + "Endpoint response body before transformations: \(Self.text(body))")
            case .selection(let value, let tried, let chosen):
                // A pattern that cannot be used is a configuration error, reported even for MOCK.
                for attempt in tried {
                    switch attempt.outcome {
                    case .invalid(let reason):
                        lines.append(stamp + "Execution failed due to configuration error: Invalid selection pattern '\(attempt.pattern)': \(reason)")
                    case .timedOut:
                        lines.append(stamp + "Execution failed due to configuration error: Selection pattern '\(attempt.pattern)' timed out")
                    case .matched, .notMatched:
                        continue
                    }
                }
                guard backend else { continue }
                let attempts = tried.map { "\($0.pattern)=\($0.outcome == .matched)" }.joined(separator: ", ")
                lines.append(stamp + "Selection value: \(value ?? "(default)"); patterns tried: [\(attempts)]; chosen: \(chosen ?? "none")")
            case .responseTemplate, .gate:
                continue
            case .methodResponse(let status, let headers, let body):
                if !failed {
                    lines.append(stamp + "Method response body after transformations: \(Self.text(body))")
                    lines.append(stamp + "Method response headers: \(map(headers))")
                    lines.append(stamp + "Successfully completed execution")
                }
                lines.append(stamp + "Method completed with status: \(status)")
            case .failed(_, let message):
                failed = true
                lines.append(stamp + message)
            case .authorizer(let step):
                lines += step.logLines(requestId: requestId).map { stamp + $0 }
            case .policy(let step):
                lines.append(stamp + step.logLine)
            case .cache(let hit, _):
                lines.append(stamp + (hit ? "Sending cached response" : "Method response cached"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Java's `Date.toString()` in UTC: `Wed Nov 25 04:40:22 UTC 2026`.
    static func javaDate(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]) \(months[Int(parts.tm_mon)]) \(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) UTC \(parts.tm_year + 1900)"
    }
}
