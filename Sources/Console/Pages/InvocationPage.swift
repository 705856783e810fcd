import DataPlane

/// `/_portico/console/invocations/{requestId}`: the pipeline picture of one invocation: API
/// Gateway's stages in order, each with what it received and produced; the selection patterns
/// tried with the value each was matched against; the chosen integration response; the
/// templates' output; the answer; a failure shown in the stage it happened in, with the
/// gateway response type used.
enum InvocationPage {
    static func render(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let id = context.parameter("requestId")
        guard let trace = try InvocationsPage.traces(context).trace(id) else {
            throw .notFound("No recent invocation has the request id \(id) (the console keeps the most recent ones).")
        }
        let picture = trace.picture
        let summary = picture.summary
        let stages: [[String: Any]] = picture.stages.map(stage)
        return ConsolePage(
            template: "invocation", title: "Invocation \(id)",
            crumbs: [("Console", Href.home), ("Invocations", Href.invocations)],
            view: [
                "requestId": id, "apiId": summary.apiId, "apiHref": Href.api(summary.apiId), "stage": summary.stage,
                "method": summary.method, "path": summary.path, "status": summary.status,
                "statusClass": InvocationsPage.statusClass(summary.status),
                "latency": InvocationsPage.latencyText(summary.latencyMs), "time": summary.time,
                "errorType": summary.errorType ?? "", "failed": summary.errorType != nil, "stages": stages,
                "traceJSON": "/_portico/invocations/" + Href.segment(id),
            ])
    }

    private static func stage(_ stage: TracePicture.Stage) -> [String: Any] {
        let entries: [[String: Any]] = stage.entries.map { entry in
            let rows: [[String: Any]] = (entry.pairs ?? []).map { ["name": $0.0, "value": $0.1] }
            return [
                "label": entry.label, "text": entry.text ?? "", "hasText": entry.text != nil, "isPairs": entry.pairs != nil,
                "table": Format.table("Name", "Value", rows),
            ]
        }
        let attempts: [[String: Any]] = stage.attempts.map {
            ["pattern": $0.pattern, "value": $0.value, "result": $0.result, "matched": $0.matched]
        }
        var view: [String: Any] = [
            "key": String(describing: stage.kind), "name": stage.kind.rawValue, "reached": stage.reached,
            "state": stage.error != nil ? "failed" : stage.reached ? "reached" : "skipped", "entries": entries,
            "selected": stage.selected, "selectionValue": stage.selectionValue ?? "(none: the default response applies)",
            "attempts": attempts, "hasAttempts": !attempts.isEmpty, "chosen": stage.chosen ?? "none",
            "failedHere": stage.error != nil,
        ]
        if let error = stage.error {
            view["responseType"] = error.type
            view["errorMessage"] = error.message
        }
        return view
    }
}
