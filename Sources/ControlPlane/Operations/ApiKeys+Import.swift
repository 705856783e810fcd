import APIGatewayModel
import Foundation
import Store

/// ImportApiKeys: API keys from a CSV file whose header names its columns (case-insensitive):
/// `Key` (the value, required), `Name`, `Description`, `Enabled`, `CustomerId` and
/// `UsagePlanIds` (usage plans to add the key to). Rows that cannot be imported are reported as
/// warnings; with `failonwarnings=true` any warning refuses the whole file and nothing changes.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-file-format.html
extension ManagementAPI {
    static let importApiKeys: OperationHandler = { context in
        let failOnWarnings = context.request.queryValue("failonwarnings")?.lowercased() == "true"
        guard let text = String(validating: context.request.body, as: UTF8.self) else {
            throw ManagementError.badRequest("Invalid API key file: the file is not UTF-8 text")
        }
        let rows = CSV.rows(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }), header.contains("key") else {
            throw ManagementError.badRequest("Invalid API key file: the header must name a Key column")
        }
        let env = context.environment
        let now = env.timestamp()
        let ids = (1..<max(rows.count, 1)).map { _ in env.ids.next(.apiKey) }
        let result = try await context.write { state throws(ManagementError) -> (ApiKeyIds, [DirtyDocument]) in
            var created: [String] = []
            var warnings: [String] = []
            var dirty: [DirtyDocument] = []
            for (index, row) in rows.enumerated().dropFirst() where !(row.count == 1 && row[0].isEmpty) {
                let line = index + 1
                var fields: [String: String] = [:]
                for (column, value) in zip(header, row) { fields[column] = value }
                let value = fields["key"] ?? ""
                if let problem = ApiKeyRules.valueProblem(value) {
                    warnings.append("Invalid API key value at line \(line): \(problem)")
                    continue
                }
                if state.account.apiKeys.values.contains(where: { $0.value == value }) {
                    warnings.append("API key at line \(line) already exists")
                    continue
                }
                let id = ids[index - 1]
                let key = ApiKey(
                    id: id, value: value, name: fields["name"].flatMap { $0.isEmpty ? nil : $0 },
                    customerId: fields["customerid"].flatMap { $0.isEmpty ? nil : $0 },
                    description: fields["description"].flatMap { $0.isEmpty ? nil : $0 },
                    enabled: fields["enabled"]?.lowercased() == "true", createdDate: now, lastUpdatedDate: now,
                    stageKeys: [])
                dirty.append(apiKeys.store(key, id: id, in: &state))
                for plan in (fields["usageplanids"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
                where !plan.isEmpty {
                    guard let usagePlan = state.account.usagePlans[plan] else {
                        warnings.append("Invalid usage plan \(plan) at line \(line)")
                        continue
                    }
                    // A plan sharing an API stage with one the key already joined: as CreateUsagePlanKey refuses it.
                    do throws(ManagementError) {
                        try UsagePlanRules.checkKeyStages(plan: plan, stages: usagePlan.apiStages ?? [], keys: [id], in: state)
                    } catch {
                        warnings.append("\(error.message) at line \(line)")
                        continue
                    }
                    let member = UsagePlanKey(id: id, type: "API_KEY", value: value, name: key.name)
                    dirty.append(usagePlanKeys.store(member, id: plan + "/" + id, in: &state))
                }
                created.append(id)
            }
            if failOnWarnings, !warnings.isEmpty {
                throw ManagementError.badRequest("Warnings found during import:\n" + warnings.joined(separator: "\n"))
            }
            return (ApiKeyIds(ids: created, warnings: warnings.isEmpty ? nil : warnings), dirty)
        }
        return .json(result)
    }
}

/// RFC 4180 CSV: fields separated by commas, optionally double-quoted (`""` inside quotes is a
/// quote), records separated by CRLF or LF.
enum CSV {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
