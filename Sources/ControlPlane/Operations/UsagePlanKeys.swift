import APIGatewayModel
import Foundation
import Store

/// CreateUsagePlanKey, GetUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey, GetUsage and
/// UpdateUsage. A usage-plan key is stored as `{usagePlanId}/{keyId}` and answers with the API
/// key's name and value (recorded on AWS).
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateUsagePlanKey.html
extension ManagementAPI {
    static let usagePlanKeys = AccountCollection<UsagePlanKey>(
        kind: .usagePlanKey, items: \AccountState.usagePlanKeys, notFound: { _ in .notFound("Invalid API Key identifier specified") })

    static func registerUsagePlanKeys(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createUsagePlanKey] = { context in
            let input = try context.body(CreateUsagePlanKeyRequest.self)
            let planId = context.label("usageplanId")
            let keyId = input.keyId ?? ""
            let member = try await context.write { state throws(ManagementError) in
                let plan = try usagePlans.find(planId, in: state)
                let key = try apiKeys.find(keyId, in: state)
                guard input.keyType == "API_KEY" else { throw ManagementError.badRequest("Invalid key type specified: \(input.keyType ?? "null")") }
                if state.account.usagePlanKeys[planId + "/" + keyId] != nil {
                    throw ManagementError.conflict("Usage Plan \(planId) cannot be added because API Key \(keyId) is already associated with it")
                }
                try UsagePlanRules.checkKeyStages(plan: planId, stages: plan.apiStages ?? [], keys: [keyId], in: state)
                let member = UsagePlanKey(id: keyId, type: "API_KEY", value: key.value, name: key.name)
                return (member, [usagePlanKeys.store(member, id: planId + "/" + keyId, in: &state)])
            }
            return .json(member)
        }
        handlers[.getUsagePlanKey] = { context in
            let state = context.model.current
            let planId = context.label("usageplanId")
            _ = try usagePlans.find(planId, in: state)
            return .json(try current(usagePlanKeys.find(planId + "/" + context.label("keyId"), in: state), state))
        }
        handlers[.getUsagePlanKeys] = { context in
            // An unknown plan lists nothing (recorded on AWS: 200 with no items, not a 404).
            let state = context.model.current
            let prefix = context.label("usageplanId") + "/"
            let name = context.request.queryValue("name")
            // Newest key first, as GetApiKeys lists them (recorded on AWS: the second key made
            // and added is listed first).
            let created = { (member: UsagePlanKey) in state.account.apiKeys[member.id ?? ""]?.createdDate ?? .distantPast }
            let members = state.account.usagePlanKeys.filter { $0.key.hasPrefix(prefix) }.values
                .map { current($0, state) }
                .filter { member in name.map { (member.name ?? "").hasPrefix($0) } ?? true }
                .sorted { (created($0), $0.id ?? "") > (created($1), $1.id ?? "") }
            let page = try Page.of(members, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(UsagePlanKeys(position: page.position, items: page.items))
        }
        handlers[.deleteUsagePlanKey] = { context in
            let id = context.label("usageplanId") + "/" + context.label("keyId")
            try await context.write { state throws(ManagementError) in
                _ = try usagePlans.find(context.label("usageplanId"), in: state)
                _ = try usagePlanKeys.find(id, in: state)
                return ((), [usagePlanKeys.store(nil, id: id, in: &state)])
            }
            return .empty
        }
        handlers[.getUsage] = getUsage
        handlers[.updateUsage] = updateUsage
    }

    /// A member as it answers now: the API key's current name and value.
    private static func current(_ member: UsagePlanKey, _ state: ModelState) -> UsagePlanKey {
        guard let key = state.account.apiKeys[member.id ?? ""] else { return member }
        return UsagePlanKey(id: member.id, type: member.type, value: key.value, name: key.name)
    }
}
