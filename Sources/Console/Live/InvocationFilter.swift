import Foundation

import DataPlane

/// Which invocations a list or stream shows: by API id, stage and status (`200`, or a class
/// such as `4xx`); an empty field matches everything. The no-script list page applies it on
/// the server; the live page's script applies the same rules to arriving rows.
public struct InvocationFilter: Sendable, Equatable {
    public var api = ""
    public var stage = ""
    public var status = ""

    public init(api: String = "", stage: String = "", status: String = "") {
        self.api = api
        self.stage = stage
        self.status = status
    }

    /// From a query string's `api`, `stage` and `status` parameters.
    public init(query: String?) {
        for (name, value) in FormFields.parse(query ?? "") {
            switch name {
            case "api": api = value.trimmed
            case "stage": stage = value.trimmed
            case "status": status = value.trimmed.lowercased()
            default: continue
            }
        }
    }

    public var isEmpty: Bool { api.isEmpty && stage.isEmpty && status.isEmpty }

    public func accepts(_ summary: InvocationSummary) -> Bool {
        if !api.isEmpty, summary.apiId != api { return false }
        if !stage.isEmpty, summary.stage != stage { return false }
        if !status.isEmpty {
            let code = String(summary.status)
            if status.count == 3, status.hasSuffix("xx") {
                return code.first == status.first
            }
            return code == status
        }
        return true
    }
}

extension StringProtocol {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
