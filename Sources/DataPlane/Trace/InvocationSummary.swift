import APIGatewayModel
import Foundation

/// One line of the console's invocation list: what was called, where, and how it ended.
/// Built from a trace when a reader asks (the live feed, the list page), never on the
/// invocation path.
public struct InvocationSummary: Sendable {
    public let requestId: String
    public let apiId: String
    public let stage: String
    public let method: String
    /// The path below the stage, as requested (`/pets/1`).
    public let path: String
    /// The status the client got (0 while the trace has no method response yet).
    public let status: Int
    /// From the start of the invocation to its method response, in milliseconds.
    public let latencyMs: Double
    public let startedAt: Date
    /// The gateway response type the call failed with, if it did (`THROTTLED`, …).
    public let errorType: String?

    public init(
        requestId: String, apiId: String, stage: String, method: String, path: String, status: Int, latencyMs: Double,
        startedAt: Date, errorType: String?
    ) {
        self.requestId = requestId
        self.apiId = apiId
        self.stage = stage
        self.method = method
        self.path = path
        self.status = status
        self.latencyMs = latencyMs
        self.startedAt = startedAt
        self.errorType = errorType
    }

    /// `{"requestId","apiId","stage","method","path","status","latencyMs","time","errorType"?}`
    /// (time in ISO 8601 with milliseconds; `seq` first when given).
    public func json(sequence: UInt64? = nil) -> [UInt8] {
        var out = JSONOutput(capacity: 256)
        out.beginObject()
        out.member("\"seq\":", sequence.map(Int.init))
        out.member("\"requestId\":", requestId)
        out.member("\"apiId\":", apiId)
        out.member("\"stage\":", stage)
        out.member("\"method\":", method)
        out.member("\"path\":", path)
        out.member("\"status\":", status)
        out.member("\"latencyMs\":", (latencyMs * 1000).rounded() / 1000)
        out.member("\"time\":", Self.isoText(startedAt))
        out.member("\"errorType\":", errorType)
        out.endObject()
        return out.bytes
    }

    static func isoText(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension InvocationTrace {
    /// The trace as one list line.
    public var summary: InvocationSummary {
        var method = ""
        var path = ""
        var status = 0
        var finishedAt: Date?
        var errorType: String?
        for (at, event) in recorded {
            switch event {
            case .started(let verb, let fullPath):
                method = verb
                path = fullPath
            case .methodResponse(let code, _, _):
                status = code
                finishedAt = at
            case .failed(let type, _):
                errorType = type
            default:
                continue
            }
        }
        // `.started` names the path with its stage (`/prod/pets`); the list shows the stage apart.
        let stagePrefix = "/" + stage
        if !stage.isEmpty, path.hasPrefix(stagePrefix) {
            path = String(path.dropFirst(stagePrefix.count))
            if path.isEmpty { path = "/" }
        }
        let latency = finishedAt.map { $0.timeIntervalSince(startedAt) * 1000 } ?? 0
        return InvocationSummary(
            requestId: requestId, apiId: apiId, stage: stage, method: method, path: path, status: status,
            latencyMs: max(0, latency), startedAt: startedAt, errorType: errorType)
    }
}
