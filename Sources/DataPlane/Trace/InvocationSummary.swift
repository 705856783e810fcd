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
        out.member("\"time\":", time)
        out.member("\"errorType\":", errorType)
        out.endObject()
        return out.bytes
    }

    /// When the call started: `2026-12-03T07:41:05.485Z`.
    public var time: String { Self.isoText(startedAt) }

    /// `2026-12-03T07:41:05.485Z` (ISO 8601, UTC, milliseconds), formatted by hand: Foundation's
    /// formatter costs more than the rest of a summary, and the live feed formats one per call.
    static func isoText(_ date: Date) -> String {
        let millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millisecondsSinceEpoch >= 0 ? millisecondsSinceEpoch / 1000 : (millisecondsSinceEpoch - 999) / 1000)
        let millis = Int(millisecondsSinceEpoch - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2) + "T"
            + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2) + "."
            + pad(millis, 3) + "Z"
    }
}

extension InvocationTrace {
    /// The summary and its JSON (`json(sequence:)`) for the live feed, made by the first reader
    /// and shared by the others (`sequence` is the trace's number in the ring, the same for all).
    public func feedEntry(sequence: UInt64) -> (summary: InvocationSummary, json: [UInt8]) {
        if let entry = feedCache.withLock({ $0 }) { return entry }
        let summary = self.summary
        let entry = (summary, summary.json(sequence: sequence))
        feedCache.withLock { $0 = entry }
        return entry
    }

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
