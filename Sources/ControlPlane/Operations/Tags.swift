import APIGatewayModel
import PorticoCore
import Store

/// TagResource, UntagResource and GetTags. Tags live on the resources themselves (REST APIs,
/// stages, API keys, usage plans, domain names, client certificates, VPC links), so GetRestApi
/// and the others show what TagResource set. ARNs name them as AWS does:
/// `arn:aws:apigateway:{region}::/restapis/{id}[/stages/{name}]`, `…::/apikeys/{id}`, ….
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging-supported-resources.html
extension ManagementAPI {
    static func registerTags(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.getTags] = { context in
            let target = try TaggedResource(arn: context.label("resource_arn"))
            return .json(Tags(tags: try target.tags(in: context.model.current) ?? [:]))
        }
        handlers[.tagResource] = { context in
            let input = try context.body(TagResourceRequest.self)
            let target = try TaggedResource(arn: context.label("resource_arn"))
            let added = input.tags ?? [:]
            try TaggedResource.check(added)
            try await context.write { state throws(ManagementError) in
                var tags = try target.tags(in: state) ?? [:]
                tags.merge(added) { _, new in new }
                guard tags.count <= 50 else { throw ManagementError.badRequest("Too many tags: a resource can have at most 50 tags") }
                return ((), [try target.setTags(tags.isEmpty ? nil : tags, in: &state)])
            }
            return Reply(status: 204, body: [])
        }
        handlers[.untagResource] = { context in
            let target = try TaggedResource(arn: context.label("resource_arn"))
            let keys = Set(context.request.query.filter { $0.name == "tagKeys" }.map(\.value))
            try await context.write { state throws(ManagementError) in
                var tags = try target.tags(in: state) ?? [:]
                for key in keys { tags[key] = nil }
                return ((), [try target.setTags(tags.isEmpty ? nil : tags, in: &state)])
            }
            return Reply(status: 204, body: [])
        }
    }
}

/// A taggable resource named by its ARN.
enum TaggedResource {
    case restApi(String)
    case stage(api: String, name: String)
    case apiKey(String)
    case usagePlan(String)
    case domainName(String)
    case clientCertificate(String)
    case vpcLink(String)

    static let notFound = ManagementError.notFound("Invalid resource identifier specified")

    init(arn: String) throws(ManagementError) {
        guard let parsed = ARN(arn), parsed.service == "apigateway", parsed.resource.hasPrefix("/") else {
            throw .badRequest("Invalid resource ARN specified: \(arn)")
        }
        let path = parsed.resource.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (path.first, path.count) {
        case ("restapis", 2): self = .restApi(path[1])
        case ("restapis", 4) where path[2] == "stages": self = .stage(api: path[1], name: path[3])
        case ("apikeys", 2): self = .apiKey(path[1])
        case ("usageplans", 2): self = .usagePlan(path[1])
        case ("domainnames", 2): self = .domainName(path[1])
        case ("clientcertificates", 2): self = .clientCertificate(path[1])
        case ("vpclinks", 2): self = .vpcLink(path[1])
        default: throw Self.notFound
        }
    }

    /// AWS's tag limits: keys of 1–128 characters not starting with `aws:`, values up to 256.
    static func check(_ tags: [String: String]) throws(ManagementError) {
        for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
            guard (1...128).contains(key.count) else { throw .badRequest("Invalid tag key specified: \(key)") }
            guard !key.lowercased().hasPrefix("aws:") else { throw .badRequest("Tag keys starting with 'aws:' are reserved: \(key)") }
            guard value.count <= 256 else { throw .badRequest("Invalid tag value specified for key \(key)") }
        }
    }

    func tags(in state: ModelState) throws(ManagementError) -> [String: String]? {
        switch self {
        case .restApi(let id): return try found(state.apis[id]?.restApi).tags
        case .stage(let api, let name): return try found(state.apis[api]?.stages[name]).tags
        case .apiKey(let id): return try found(state.account.apiKeys[id]).tags
        case .usagePlan(let id): return try found(state.account.usagePlans[id]).tags
        case .domainName(let name): return try found(state.account.domainNames[name]).tags
        case .clientCertificate(let id): return try found(state.account.clientCertificates[id]).tags
        case .vpcLink(let id): return try found(state.account.vpcLinks[id]).tags
        }
    }

    /// Replaces the resource's tags and names the document to persist.
    func setTags(_ tags: [String: String]?, in state: inout ModelState) throws(ManagementError) -> DirtyDocument {
        _ = try self.tags(in: state)
        switch self {
        case .restApi(let id):
            state.apis[id]?.restApi.tags = tags
            return .api(id)
        case .stage(let api, let name):
            state.apis[api]?.stages[name]?.tags = tags
            return .stage(api: api, name: name)
        case .apiKey(let id):
            state.account.apiKeys[id]?.tags = tags
            return DirtyDocument(.apiKey, name: id)
        case .usagePlan(let id):
            state.account.usagePlans[id]?.tags = tags
            return DirtyDocument(.usagePlan, name: id)
        case .domainName(let name):
            state.account.domainNames[name]?.tags = tags
            return DirtyDocument(.domainName, name: name)
        case .clientCertificate(let id):
            state.account.clientCertificates[id]?.tags = tags
            return DirtyDocument(.clientCertificate, name: id)
        case .vpcLink(let id):
            state.account.vpcLinks[id]?.tags = tags
            return DirtyDocument(.vpcLink, name: id)
        }
    }

    private func found<T>(_ value: T?) throws(ManagementError) -> T {
        guard let value else { throw Self.notFound }
        return value
    }
}

/// A resource that carries tags. AWS shows them differently per answer (recorded): Get and
/// Update answer `"tags": {}` when there are none, list items leave them out.
protocol Tagged {
    var tags: [String: String]? { get set }
}

extension Tagged {
    /// As Get and Update answer it.
    var withTags: Self {
        var copy = self
        if copy.tags == nil { copy.tags = [:] }
        return copy
    }

    /// As a list item.
    var withoutTags: Self {
        var copy = self
        copy.tags = nil
        return copy
    }
}

extension RestApi: Tagged {}
extension ApiKey: Tagged {}
extension UsagePlan: Tagged {}
extension VpcLink: Tagged {}
extension ClientCertificate: Tagged {}
extension DomainName: Tagged {}
