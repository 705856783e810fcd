import APIGatewayModel

/// The network a call to a PRIVATE API comes from, as AWS's IAM sees a call through an
/// interface VPC endpoint: `aws:SourceVpce` (the endpoint) and `aws:SourceVpc` (its VPC).
/// Portico has no VPCs, so it approximates:
/// - a host name `{apiId}-{vpceId}.execute-api…` names the endpoint: that id;
/// - the `x-apigw-api-id` header: the API's one associated endpoint (`vpcEndpointIds`), none
///   when it has several or none;
/// - any other URL: the API's first associated endpoint (every local caller is treated as
///   inside the VPC of that endpoint), none when it has none;
/// - `aws:SourceVpc` is `--vpc-id` for every such call (none by default).
/// Calls to other endpoint types have neither key, as on AWS for public callers.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-create.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce
struct PrivateNetwork: Sendable, Equatable {
    let sourceVpce: String?
    let sourceVpc: String?

    init(route: InvocationTarget.VPCEndpointRoute?, associated: [String], vpcId: String?) {
        switch route {
        case .host(let vpceId): sourceVpce = vpceId
        case .apiIdHeader: sourceVpce = associated.count == 1 ? associated[0] : nil
        case nil: sourceVpce = associated.first
        }
        sourceVpc = vpcId
    }

    /// The API's associated VPC endpoints when it is PRIVATE (maybe none); nil for other types.
    static func associatedEndpoints(of api: RestApi) -> [String]? {
        guard let configuration = api.endpointConfiguration, configuration.types?.contains(.private) == true else { return nil }
        return configuration.vpcEndpointIds ?? []
    }
}
