import APIGatewayModel
import PorticoCore
import Store

/// CreateVpcLink, GetVpcLink, GetVpcLinks, UpdateVpcLink, DeleteVpcLink. Recorded on AWS:
/// Create answers 202 with `PENDING`; the link is `AVAILABLE` ("Your vpc link is ready for use")
/// from then on, as nothing needs provisioning locally; Get and Update show `tags`.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateVpcLink.html
extension ManagementAPI {
    static let vpcLinks = AccountCollection<VpcLink>(
        kind: .vpcLink, items: \AccountState.vpcLinks, notFound: { _ in .notFound("Invalid Vpc Link identifier specified") })

    static func registerVpcLinks(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createVpcLink] = { context in
            let input = try context.body(CreateVpcLinkRequest.self)
            guard let name = input.name, !name.isEmpty else { throw ManagementError.badRequest("Name cannot be empty") }
            let arns = input.targetArns ?? []
            for arn in arns where !VpcLinkRules.isLoadBalancerARN(arn) {
                throw ManagementError.badRequest("Invalid ARN. ARN is not well formed \(arn)")
            }
            let id = context.environment.ids.next(.vpcLink)
            let link = VpcLink(
                id: id, name: name, description: input.description?.isEmpty == false ? input.description : nil,
                targetArns: arns, status: .available, statusMessage: "Your vpc link is ready for use",
                tags: (input.tags?.isEmpty ?? true) ? nil : input.tags)
            try await context.write { state throws(ManagementError) in ((), [vpcLinks.store(link, id: id, in: &state)]) }
            var answer = link
            answer.status = .pending
            answer.statusMessage = nil
            return .json(answer)
        }
        handlers[.getVpcLink] = { context in
            let link = try vpcLinks.find(context.label("vpclink_id"), in: context.model.current)
            return .json(link.withTags)
        }
        handlers[.getVpcLinks] = { context in
            let links = vpcLinks.all(context.model.current).sorted { ($0.name ?? "", $0.id ?? "") < ($1.name ?? "", $1.id ?? "") }
                .map(\.withoutTags)
            let page = try Page.of(links, id: { $0.id ?? "" }, limit: try context.limit(), position: context.request.queryValue("position"))
            return .json(VpcLinks(position: page.position, items: page.items))
        }
        handlers[.updateVpcLink] = { context in
            let input = try context.body(UpdateVpcLinkRequest.self)
            let id = context.label("vpclink_id")
            let updated = try await context.write { state throws(ManagementError) in
                var link = try vpcLinks.find(id, in: state)
                try vpcLinkPatch.apply(input.patchOperations ?? [], to: &link)
                return (link, [vpcLinks.store(link, id: id, in: &state)])
            }
            return .json(updated.withTags)
        }
        handlers[.deleteVpcLink] = { context in
            let id = context.label("vpclink_id")
            try await context.write { state throws(ManagementError) in
                _ = try vpcLinks.find(id, in: state)
                return ((), [vpcLinks.store(nil, id: id, in: &state)])
            }
            return .empty
        }
    }
}

enum VpcLinkRules {
    /// `arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/…`.
    static func isLoadBalancerARN(_ arn: String) -> Bool {
        guard let parsed = ARN(arn) else { return false }
        return !parsed.partition.isEmpty && parsed.service == "elasticloadbalancing" && parsed.resource.hasPrefix("loadbalancer/")
    }
}

/// UpdateVpcLink's paths.
let vpcLinkPatch = PatchTable<VpcLink>(
    .bare,
    [
        PatchRule("/name", ["replace"]) { link, request throws(ManagementError) in
            guard let value = request.value, !value.isEmpty else { throw .badRequest("Name cannot be empty") }
            link.name = value
        },
        PatchRule("/description", ["replace"]) { link, request throws(ManagementError) in
            link.description = request.value?.isEmpty == false ? request.value : nil
        },
    ])
