import APIGatewayModel
import PorticoCore
import Store

/// GetAccount and UpdateAccount. Until changed, the account answers AWS's defaults: account
/// throttling of 10,000 requests per second with bursts of 5,000, the `UsagePlans` feature,
/// API key version 4.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_GetAccount.html
extension ManagementAPI {
    static let defaultAccount = Account(
        throttleSettings: ThrottleSettings(burstLimit: 5000, rateLimit: 10000),
        features: ["UsagePlans"], apiKeyVersion: "4")

    static func registerAccount(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.getAccount] = { context in .json(context.model.current.account.settings ?? defaultAccount) }
        handlers[.updateAccount] = { context in
            let input = try context.body(UpdateAccountRequest.self)
            return .json(
                try await context.write { state throws(ManagementError) in
                    var account = state.account.settings ?? defaultAccount
                    try accountPatch.apply(input.patchOperations ?? [], to: &account)
                    state.account.settings = account
                    return (account, [DirtyDocument(.accountSettings, name: "settings")])
                })
        }
    }
}

/// UpdateAccount's paths: the CloudWatch role (Terraform's `replace /cloudwatchRoleArn`) and features.
let accountPatch = PatchTable<Account>(
    .bare,
    [
        PatchRule("/cloudwatchRoleArn", ["replace"]) { account, request throws(ManagementError) in
            guard let arn = request.value, !arn.isEmpty else {
                account.cloudwatchRoleArn = nil
                return
            }
            guard let parsed = ARN(arn), parsed.service == "iam", parsed.resource.hasPrefix("role/") else {
                throw .badRequest("The role ARN is not well formed")
            }
            account.cloudwatchRoleArn = arn
        },
        PatchRule("/features", ["add", "remove"]) { account, request throws(ManagementError) in
            guard let feature = request.value, !feature.isEmpty else { throw .badRequest("Invalid feature specified: null") }
            if request.op == "remove", feature == "UsagePlans" {
                throw .badRequest("Usage Plans cannot be disabled once enabled")
            }
            PatchValues.updateList(&account.features, request, element: feature)
            if account.features == nil { account.features = [] }
        },
    ])
