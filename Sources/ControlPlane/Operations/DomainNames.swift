import APIGatewayModel
import Foundation
import PorticoCore
import Store

/// CreateDomainName, GetDomainName, GetDomainNames, UpdateDomainName, DeleteDomainName for EDGE,
/// REGIONAL and PRIVATE custom domain names, answered with the CloudFront or regional target
/// and hosted zone AWS gives (`d…cloudfront.net` in zone `Z2FDTNDATAQYW2`; `d-….execute-api.{region}.amazonaws.com`
/// in the region's zone). Private domain names carry a `domainNameId` and are addressed as
/// `{name}?domainNameId={id}`.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDomainName.html
extension ManagementAPI {
    static let domainNames = AccountCollection<DomainName>(
        kind: .domainName, items: \AccountState.domainNames, notFound: { _ in .notFound("Invalid domain name identifier specified") })

    static func registerDomainNames(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createDomainName] = { context in
            let input = try context.body(CreateDomainNameRequest.self)
            let domain = try DomainNameRules.newDomain(input, context: context)
            let key = DomainNameRules.key(domain)
            try await context.write { state throws(ManagementError) in
                if state.account.domainNames[key] != nil { throw ManagementError.conflict("The domain name you provided already exists.") }
                return ((), [domainNames.store(domain, id: key, in: &state)])
            }
            return .json(domain)
        }
        handlers[.getDomainName] = { context in
            let domain = try domainNames.find(context.domainKey, in: context.model.current)
            return .json(domain.withTags)
        }
        handlers[.getDomainNames] = { context in
            let owner = context.request.queryValue("resourceOwner")
            let all =
                owner == "OTHER_ACCOUNTS"
                ? []
                : domainNames.all(context.model.current).sorted { ($0.domainName ?? "") < ($1.domainName ?? "") }
                    .map(\.withoutTags)
            let page = try Page.of(
                all, id: { DomainNameRules.key($0) }, limit: try context.limit(),
                position: context.request.queryValue("position"))
            return .json(DomainNames(position: page.position, items: page.items))
        }
        handlers[.updateDomainName] = { context in
            let input = try context.body(UpdateDomainNameRequest.self)
            let key = context.domainKey
            let (region, ids) = (context.environment.region, context.environment.ids)
            let updated = try await context.write { state throws(ManagementError) in
                var domain = try domainNames.find(key, in: state)
                try domainNamePatch.apply(input.patchOperations ?? [], to: &domain)
                DomainNameRules.settleTargets(&domain, region: region, ids: ids)
                return (domain, [domainNames.store(domain, id: key, in: &state)])
            }
            return .json(updated.withTags)
        }
        handlers[.deleteDomainName] = { context in
            let key = context.domainKey
            try await context.write { state throws(ManagementError) in
                _ = try domainNames.find(key, in: state)
                // Its base path mappings and access associations go with it.
                var dirty = state.account.basePathMappings.keys.filter { $0.hasPrefix(key + "/") }
                    .map { basePathMappings.store(nil, id: $0, in: &state) }
                let arn = state.account.domainNames[key]?.domainNameArn
                dirty += state.account.domainNameAccessAssociations.filter { $0.value.domainNameArn == arn && arn != nil }.keys
                    .map { accessAssociations.store(nil, id: $0, in: &state) }
                dirty.append(domainNames.store(nil, id: key, in: &state))
                return ((), dirty)
            }
            return .empty
        }
    }
}

extension OperationContext {
    /// The stored key of the domain name the path names: the name, or `{name}+{domainNameId}`
    /// for a private one.
    var domainKey: String {
        let name = label("domain_name")
        guard let id = request.queryValue("domainNameId"), !id.isEmpty else { return name }
        return name + "+" + id
    }
}

/// What a custom domain name is made of, and AWS's rules for it.
enum DomainNameRules {
    /// Route 53 alias zones of regional API Gateway endpoints, by region (AWS General Reference,
    /// "Amazon API Gateway endpoints and quotas").
    static let regionalHostedZones: [String: String] = [
        "us-east-1": "Z1UJRXOUMOOFQ8", "us-east-2": "ZOJJZC49E0EPZ", "us-west-1": "Z2MUQ32089INYE",
        "us-west-2": "Z2OJLYMUO9EFXC", "ca-central-1": "Z19DQILCV0OWEC", "eu-west-1": "ZLY8HYME6SFDD",
        "eu-west-2": "ZJ5UAJN8Y3Z2Q", "eu-west-3": "Z3KY65QIEKYHQQ", "eu-central-1": "Z1U9ULNL0V5AJ3",
        "eu-north-1": "Z3UWIKFBOOGXPP", "ap-south-1": "Z3VO1THU9YC4UR", "ap-northeast-1": "Z1YSHQZHG15GKL",
        "ap-northeast-2": "Z20JF4UZKIW1U8", "ap-southeast-1": "ZL327KTPIQFUL", "ap-southeast-2": "Z2RPCDW04V8134",
        "sa-east-1": "ZCMLWB8V5SYIT",
    ]
    /// CloudFront's hosted zone, the alias target of every edge-optimized domain name.
    static let cloudFrontHostedZone = "Z2FDTNDATAQYW2"

    static func key(_ domain: DomainName) -> String {
        guard let id = domain.domainNameId else { return domain.domainName ?? "" }
        return (domain.domainName ?? "") + "+" + id
    }

    static func newDomain(_ input: CreateDomainNameRequest, context: OperationContext) throws(ManagementError) -> DomainName {
        guard let name = input.domainName, !name.isEmpty else { throw .badRequest("No Domain Name specified") }
        let env = context.environment
        var endpoint = input.endpointConfiguration ?? EndpointConfiguration(types: [.edge])
        let types = endpoint.types ?? [.edge]
        guard types.count == 1, let type = types.first else { throw .badRequest("Cannot create a domain name with multiple Endpoint Types.") }
        endpoint.types = types
        if endpoint.ipAddressType == nil { endpoint.ipAddressType = type == .`private` ? .dualstack : .ipv4 }
        let now = env.timestamp()
        var domain = DomainName(
            domainName: name, endpointConfiguration: endpoint, domainNameStatus: .available,
            securityPolicy: input.securityPolicy ?? .tls12,
            tags: (input.tags?.isEmpty ?? true) ? nil : input.tags)
        switch type {
        case .edge:
            guard input.certificateArn != nil || input.certificateBody != nil else {
                throw .badRequest("A certificate (certificateArn, or certificateBody and certificatePrivateKey) is required for an EDGE domain name")
            }
            domain.certificateArn = input.certificateArn
            domain.certificateName = input.certificateName
            domain.certificateUploadDate = now
        case .regional:
            guard input.regionalCertificateArn != nil else {
                throw .badRequest("A regionalCertificateArn is required for a REGIONAL domain name")
            }
            domain.regionalCertificateArn = input.regionalCertificateArn
            domain.regionalCertificateName = input.regionalCertificateName
        case .`private`:
            let id = env.ids.next(.domainNameId)
            domain.domainNameId = id
            domain.domainNameArn = "arn:aws:apigateway:\(env.region):\(env.accountId):/domainnames/\(name)+\(id)"
            domain.certificateArn = input.certificateArn
            domain.policy = input.policy
            domain.endpointAccessMode = input.endpointAccessMode
        }
        if let mtls = input.mutualTlsAuthentication, type != .`private` {
            domain.mutualTlsAuthentication = MutualTlsAuthentication(
                truststoreUri: mtls.truststoreUri,
                truststoreVersion: mtls.truststoreVersion, truststoreWarnings: nil)
        }
        domain.ownershipVerificationCertificateArn = input.ownershipVerificationCertificateArn
        domain.routingMode = input.routingMode ?? .basePathMappingOnly
        settleTargets(&domain, region: env.region, ids: env.ids)
        return domain
    }

    /// The CloudFront or regional target for the domain's endpoint type (kept when already there).
    static func settleTargets(_ domain: inout DomainName, region: String, ids: any IdentifierGenerator) {
        switch domain.endpointConfiguration?.types?.first {
        case .edge?:
            if domain.distributionDomainName == nil {
                domain.distributionDomainName = "d\(ids.next(.distribution)).cloudfront.net"
            }
            domain.distributionHostedZoneId = cloudFrontHostedZone
        case .regional?:
            if domain.regionalDomainName == nil {
                domain.regionalDomainName = "d-\(ids.next(.regionalDomain)).execute-api.\(region).amazonaws.com"
            }
            domain.regionalHostedZoneId = regionalHostedZones[region] ?? regionalHostedZones["us-east-1"]
        default:
            break
        }
    }
}

/// UpdateDomainName's paths.
let domainNamePatch = PatchTable<DomainName>(
    .bare,
    [
        PatchRule("/certificateName", ["replace"]) { domain, request throws(ManagementError) in domain.certificateName = request.value },
        PatchRule("/certificateArn", ["replace"]) { domain, request throws(ManagementError) in domain.certificateArn = request.value },
        PatchRule("/regionalCertificateName", ["replace"]) { domain, request throws(ManagementError) in
            domain.regionalCertificateName = request.value
        },
        PatchRule("/regionalCertificateArn", ["replace"]) { domain, request throws(ManagementError) in
            domain.regionalCertificateArn = request.value
        },
        PatchRule("/securityPolicy", ["replace"]) { domain, request throws(ManagementError) in
            guard let policy = request.value.flatMap(SecurityPolicy.init(rawValue:)) else {
                throw .badRequest("Invalid security policy specified: \(request.value ?? "null")")
            }
            domain.securityPolicy = policy
        },
        PatchRule("/endpointConfiguration/types/{key}", ["replace"]) { domain, request throws(ManagementError) in
            guard let type = request.value.flatMap(EndpointType.init(rawValue:)), type != .`private` else {
                throw .badRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE")
            }
            domain.endpointConfiguration?.types = [type]
        },
        PatchRule("/mutualTlsAuthentication/truststoreUri", ["replace"]) { domain, request throws(ManagementError) in
            var mtls = domain.mutualTlsAuthentication ?? MutualTlsAuthentication()
            mtls.truststoreUri = request.value
            domain.mutualTlsAuthentication = mtls
        },
        PatchRule("/mutualTlsAuthentication/truststoreVersion", ["replace"]) { domain, request throws(ManagementError) in
            var mtls = domain.mutualTlsAuthentication ?? MutualTlsAuthentication()
            mtls.truststoreVersion = request.value
            domain.mutualTlsAuthentication = mtls
        },
        PatchRule("/ownershipVerificationCertificateArn", ["replace"]) { domain, request throws(ManagementError) in
            domain.ownershipVerificationCertificateArn = request.value
        },
        PatchRule("/policy", ["replace"]) { domain, request throws(ManagementError) in domain.policy = request.value },
        PatchRule("/routingMode", ["replace"]) { domain, request throws(ManagementError) in
            guard let mode = request.value.flatMap(RoutingMode.init(rawValue:)) else {
                throw .badRequest("Invalid routing mode specified: \(request.value ?? "null")")
            }
            domain.routingMode = mode
        },
    ])
