import APIGatewayModel
import Foundation

/// How model values print on the pages.
enum Format {
    /// ISO 8601 in UTC, to the second (`2026-12-03T07:40:00Z`); "" when absent.
    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(.iso8601)
    }

    /// `REGIONAL`, `EDGE`, `PRIVATE` (AWS's default, EDGE, when none is set).
    static func endpointTypes(_ configuration: EndpointConfiguration?) -> String {
        guard let types = configuration?.types, !types.isEmpty else { return "EDGE" }
        return types.map(\.rawValue).joined(separator: ", ")
    }

    static func bool(_ value: Bool?) -> String {
        switch value {
        case true?: "true"
        case false?: "false"
        case nil: ""
        }
    }

    /// The `pairs` partial's values: two headings and the rows.
    static func table(_ nameHead: String, _ valueHead: String, _ rows: [[String: Any]]) -> [String: Any] {
        ["nameHead": nameHead, "valueHead": valueHead, "rows": rows]
    }

    /// A dictionary as sorted `{name, value}` rows for a table.
    static func pairs<V>(_ dictionary: [String: V]?, _ text: (V) -> String) -> [[String: Any]] {
        (dictionary ?? [:]).sorted { $0.key < $1.key }.map { ["name": $0.key, "value": text($0.value)] }
    }
}
