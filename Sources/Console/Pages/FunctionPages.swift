import APIGatewayModel
import Foundation
import Store

/// The Lambda functions Portico hosts, read from their stored documents (the store keeps each
/// as JSON owned by the LambdaService target; the console only reads it).
enum FunctionPages {
    static func list(_ context: PageContext) -> ConsolePage {
        let functions: [[String: Any]] = context.model.account.lambdaFunctions.keys.sorted().compactMap { name in
            context.model.account.lambdaFunctions[name].map { summary(name: name, $0) }
        }
        return ConsolePage(
            template: "functions", title: "Lambda functions", crumbs: [("Console", Href.home)], view: ["functionList": functions])
    }

    static func detail(_ context: PageContext) throws(ConsoleFailure) -> ConsolePage {
        let name = context.parameter("function")
        guard let document = context.model.account.lambdaFunctions[name] else {
            throw .notFound("No Lambda function is named \(name).")
        }
        var view = summary(name: name, document)
        view["functionDescription"] = text(document["description"])
        view["role"] = text(document["role"])
        view["architectures"] = strings(document["architectures"]).joined(separator: ", ")
        view["codeDirectory"] = text(document["codeDirectory"])
        view["hotReload"] = document["hotReload"] == .bool(true)
        view["codeSize"] = text(document["codeSize"])
        view["codeSha256"] = text(document["codeSha256"])
        view["reservedConcurrency"] = document["reservedConcurrency"].map { text($0) } ?? "unreserved"
        if case .array(let versions)? = document["versions"] {
            view["versions"] = versions.map { text($0["version"]) }.joined(separator: ", ")
        } else {
            view["versions"] = "none"
        }
        var aliases: [[String: Any]] = []
        if case .object(let fields)? = document["aliases"] {
            aliases = fields.keys.sorted().map { ["name": $0, "value": "version " + text(fields[$0]?["functionVersion"])] }
        }
        view["aliases"] = aliases
        var environment: [[String: Any]] = []
        if case .object(let fields)? = document["environment"] {
            environment = fields.keys.sorted().map { ["name": $0, "value": text(fields[$0])] }
        }
        view["environment"] = Format.table("Name", "Value", environment)
        let log = context.console.lambdaLogDirectory.map { recentLog($0 + "/" + name + ".log") }
        view["hasLogDirectory"] = log != nil
        view["logLines"] = log ?? []
        return ConsolePage(
            template: "function", title: name, crumbs: [("Console", Href.home), ("Lambda functions", Href.functions)], view: view)
    }

    private static func summary(name: String, _ document: JSONNode) -> [String: Any] {
        [
            "functionName": name, "functionHref": Href.function(name), "runtime": text(document["runtime"]),
            "handler": text(document["handler"]), "memory": text(document["memorySize"]), "functionTimeout": text(document["timeout"]),
            "lastModified": text(document["lastModified"]),
        ]
    }

    /// The last lines of a function's log file (at most the last 64 KiB, 200 lines): read when
    /// the page is shown, never kept.
    static func recentLog(_ path: String, maxBytes: UInt64 = 64 * 1024, maxLines: Int = 200) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return [] }
        let start = size > maxBytes ? size - maxBytes : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // a partial first line
        return lines.suffix(maxLines).map(String.init)
    }

    private static func text(_ node: JSONNode?) -> String {
        guard let node else { return "" }
        return node.validationText
    }

    private static func strings(_ node: JSONNode?) -> [String] {
        guard case .array(let items)? = node else { return [] }
        return items.map(\.validationText)
    }
}
