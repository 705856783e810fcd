import APIGatewayModel
import Foundation
import Store

/// GetExport (`GET /restapis/{id}/stages/{stage}/exports/{swagger|oas30}`): the stage's
/// deployed API as a definition, JSON unless `Accept: application/yaml`. Recorded on AWS: the
/// body is sent as `application/octet-stream` with `Content-Disposition: attachment;
/// filename="{type}_{version}.json"` (the API's version, or the deployment's date).
/// https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html
extension ManagementAPI {
    static func registerExports(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.getExport] = { context in
            let env = context.environment
            let api = try context.model.current.restApi(context.restApiId, account: env.accountId)
            let stage = try api.stage(context.label("stage_name"))
            let type = context.label("export_type")
            guard let format = OpenAPIExport.Format(rawValue: type) else {
                throw ManagementError.badRequest("Unsupported export type: \(type). Valid options are oas30,swagger")
            }
            guard let record = api.deployments[stage.deploymentId ?? ""] else {
                throw ManagementError.notFound("Invalid deployment identifier specified")
            }
            let snapshot = record.snapshot
            let date = (record.deployment.createdDate ?? env.timestamp()).formatted(Date.ISO8601FormatStyle())
            let version = snapshot.restApi.version ?? date
            let export = OpenAPIExport(
                format: format, extensions: OpenAPIExport.Extensions(context.request.queryValue("extensions")),
                restApi: snapshot.restApi, resources: Array(snapshot.resources.values),
                gatewayResponses: snapshot.gatewayResponses, api: api, stage: stage.stageName ?? "",
                region: env.region, versionText: version)
            let yaml = context.request.accept.map { $0.contains("yaml") } ?? false
            let document = export.document()
            return Reply(
                status: 200, body: yaml ? document.yaml() : document.prettyJSON(),
                headers: [
                    ("Content-Type", "application/octet-stream"),
                    ("Content-Disposition", "attachment; filename=\"\(type)_\(version).\(yaml ? "yaml" : "json")\""),
                ])
        }
    }
}
