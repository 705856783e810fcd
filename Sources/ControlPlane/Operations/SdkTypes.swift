import APIGatewayModel
import Store

/// GetSdkTypes, GetSdkType and GetSdk, and the stage caches (FlushStageCache,
/// FlushStageAuthorizersCache). Portico lists AWS's SDK types but does not generate client SDKs:
/// GetSdk validates as AWS does and then says so (docs/compatibility.md).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-generate-sdk.html
extension ManagementAPI {
    /// AWS's SDK types and their configuration properties.
    static let sdkTypes: [SdkType] = [
        SdkType(
            id: "android", friendlyName: "Android SDK", description: "Android SDK for API Gateway",
            configurationProperties: [
                property("groupId", "GroupId", "Group ID for the generated SDK", required: true),
                property("invokerPackage", "Invoker package", "Java package for the generated SDK", required: true),
                property("artifactId", "ArtifactId", "Artifact ID for the generated SDK", required: true),
                property("artifactVersion", "ArtifactVersion", "Version for the generated SDK", required: true),
            ]),
        SdkType(
            id: "java", friendlyName: "Java SDK", description: "Java SDK for API Gateway",
            configurationProperties: [
                property("service.name", "Service Name", "Service name to use in the generated SDK", required: true),
                property("java.package-name", "Java Package Name", "Package name to use in the generated SDK", required: true),
                property(
                    "java.build-system", "Java Build System", "Build system to use in the generated SDK (maven or gradle)",
                    required: false, defaultValue: "maven"),
                property("java.group-id", "Java Group ID", "Group ID to use in the generated SDK", required: false),
                property("java.artifact-id", "Java Artifact ID", "Artifact ID to use in the generated SDK", required: false),
                property("java.artifact-version", "Java Artifact Version", "Artifact version to use in the generated SDK", required: false),
                property("java.license-text", "Java License Text", "License text to include in the generated SDK", required: false),
            ]),
        SdkType(id: "javascript", friendlyName: "JavaScript", description: "JavaScript SDK for API Gateway", configurationProperties: []),
        SdkType(
            id: "objectivec", friendlyName: "iOS (Objective-C)", description: "iOS SDK for API Gateway (Objective-C)",
            configurationProperties: [property("classPrefix", "Prefix", "Prefix for the generated classes", required: false)]),
        SdkType(
            id: "ruby", friendlyName: "Ruby", description: "Ruby SDK for API Gateway",
            configurationProperties: [
                property("service.name", "Service Name", "Service name to use in the generated SDK", required: true),
                property("ruby.gem-name", "Ruby Gem Name", "Gem name to use in the generated SDK", required: false),
                property("ruby.gem-version", "Ruby Gem Version", "Gem version to use in the generated SDK", required: false),
            ]),
        SdkType(
            id: "swift", friendlyName: "iOS (Swift)", description: "iOS SDK for API Gateway (Swift)",
            configurationProperties: [property("classPrefix", "Prefix", "Prefix for the generated classes", required: false)]),
    ]

    private static func property(
        _ name: String, _ friendly: String, _ description: String, required: Bool,
        defaultValue: String? = nil
    ) -> SdkConfigurationProperty {
        SdkConfigurationProperty(name: name, friendlyName: friendly, description: description, required: required, defaultValue: defaultValue)
    }

    static func registerSdkTypes(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.getSdkTypes] = { context in
            let page = try Page.of(sdkTypes, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(SdkTypes(position: page.position, items: page.items))
        }
        handlers[.getSdkType] = { context in
            let id = context.label("sdktype_id")
            guard let type = sdkTypes.first(where: { $0.id == id }) else { throw ManagementError.notFound("Invalid SDK type specified: \(id)") }
            return .json(type)
        }
        handlers[.getSdk] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            _ = try api.stage(context.label("stage_name"))
            let type = context.label("sdk_type")
            guard sdkTypes.contains(where: { $0.id == type }) else {
                throw ManagementError.badRequest("Invalid SDK type specified: \(type)")
            }
            throw ManagementError(
                type: "NotImplementedException", status: 501,
                message: "Portico does not generate client SDKs; GetSdk is validated but produces no \(type) SDK")
        }
        // The stage's response cache and authorizer cache; both answer 202 for an existing
        // stage, as on AWS.
        handlers[.flushStageCache] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let stage = context.label("stage_name")
            _ = try api.stage(stage)
            context.environment.stageCacheFlusher?.flushStageCache(apiId: context.restApiId, stage: stage)
            return Reply(status: 202, body: [])
        }
        handlers[.flushStageAuthorizersCache] = { context in
            let api = try context.model.current.restApi(context.restApiId, account: context.environment.accountId)
            let stage = context.label("stage_name")
            _ = try api.stage(stage)
            context.environment.authorizerRunner?.flushAuthorizerCache(apiId: context.restApiId, stage: stage)
            return Reply(status: 202, body: [])
        }
    }
}

/// The data plane's response cache, as FlushStageCache reaches it.
public protocol StageCacheFlusher: Sendable {
    func flushStageCache(apiId: String, stage: String)
}
