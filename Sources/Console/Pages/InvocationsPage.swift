import DataPlane
import Foundation

/// `/_portico/console/invocations`: the recent invocations the data plane's trace ring holds,
/// newest first, filtered by the `api`, `stage` and `status` query parameters (the page works
/// without script). With script (`live.js`), rows arrive from `…/events` as calls are made and
/// the filter applies to them in the browser.
enum InvocationsPage {
    /// Rows shown at most (the ring holds more; the filter narrows them first).
    static let maxRows = 300

    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let traces = try Self.traces(context)
        let filter = InvocationFilter(query: context.request.query)
        let batch = traces.traces(after: traces.lastSequence.subtractingClamped(UInt64(traces.capacity)), limit: traces.capacity)
        var rows: [[String: Any]] = []
        for (sequence, trace) in batch.traces.reversed() {
            let summary = trace.summary
            guard filter.accepts(summary) else { continue }
            rows.append(row(summary, sequence: sequence))
            if rows.count == maxRows { break }
        }
        return ConsolePage(
            template: "invocations", title: "Invocations", crumbs: [("Console", Href.home)],
            view: [
                "rows": rows, "hasRows": !rows.isEmpty, "after": String(batch.newest),
                "filterApi": filter.api, "filterStage": filter.stage, "filterStatus": filter.status,
                "filtered": !filter.isEmpty, "capacity": traces.capacity, "events": Href.events,
            ])
    }

    static func row(_ summary: InvocationSummary, sequence: UInt64) -> [String: Any] {
        [
            "seq": String(sequence), "requestId": summary.requestId, "href": Href.invocation(summary.requestId),
            "method": summary.method, "path": summary.path, "status": summary.status, "statusClass": statusClass(summary.status),
            "latency": latencyText(summary.latencyMs), "apiId": summary.apiId, "apiHref": Href.api(summary.apiId),
            "stage": summary.stage, "time": summary.time, "errorType": summary.errorType ?? "",
        ]
    }

    static func statusClass(_ status: Int) -> String {
        switch status {
        case 200..<400: "ok"
        case 400..<500: "warn"
        default: "bad"
        }
    }

    static func latencyText(_ milliseconds: Double) -> String {
        String(format: "%.1f ms", milliseconds)
    }

    static func traces(_ context: PageContext) throws(ConsoleFailure) -> TraceRing {
        guard let dataPlane = context.console.dataPlane else { throw noDataPlane }
        return dataPlane.traces
    }

    static let noDataPlane = ConsoleFailure(
        status: 503, title: "No data plane", message: "This console runs without a data plane: no invocations to show or make.")
}

extension UInt64 {
    func subtractingClamped(_ other: UInt64) -> UInt64 { self > other ? self - other : 0 }
}
