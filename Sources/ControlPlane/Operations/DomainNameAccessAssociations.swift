import APIGatewayModel
import Store

/// CreateDomainNameAccessAssociation, GetDomainNameAccessAssociations,
/// DeleteDomainNameAccessAssociation, RejectDomainNameAccessAssociation: which VPC endpoints may
/// reach a private custom domain name. Stored by the association's ARN.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-custom-domains.html
extension ManagementAPI {
    static let accessAssociations = AccountCollection<DomainNameAccessAssociation>(
        kind: .domainNameAccessAssociation, items: \AccountState.domainNameAccessAssociations,
        notFound: { _ in .notFound("Invalid domain name access association identifier specified") })

    static func registerDomainNameAccessAssociations(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.createDomainNameAccessAssociation] = { context in
            let input = try context.body(CreateDomainNameAccessAssociationRequest.self)
            let env = context.environment
            guard let source = input.accessAssociationSource, source.hasPrefix("vpce-") else {
                throw ManagementError.badRequest("Invalid VPC endpoint identifier specified: \(input.accessAssociationSource ?? "null")")
            }
            let association = try await context.write { state throws(ManagementError) in
                guard let domainArn = input.domainNameArn,
                    let domain = state.account.domainNames.values.first(where: { $0.domainNameArn == domainArn })
                else {
                    throw ManagementError.notFound("Invalid domain name identifier specified")
                }
                let arn =
                    "arn:aws:apigateway:\(env.region):\(env.accountId):/domainnameaccessassociations/domainname/"
                    + "\(DomainNameRules.key(domain))/vpcesource/\(source)"
                if state.account.domainNameAccessAssociations[arn] != nil {
                    throw ManagementError.conflict("The domain name access association already exists.")
                }
                let association = DomainNameAccessAssociation(
                    domainNameAccessAssociationArn: arn, domainNameArn: domainArn,
                    accessAssociationSourceType: input.accessAssociationSourceType ?? .vpce, accessAssociationSource: source,
                    tags: (input.tags?.isEmpty ?? true) ? nil : input.tags)
                return (association, [accessAssociations.store(association, id: arn, in: &state)])
            }
            return .json(association)
        }
        handlers[.getDomainNameAccessAssociations] = { context in
            let all =
                context.request.queryValue("resourceOwner") == "OTHER_ACCOUNTS"
                ? []
                : accessAssociations.all(context.model.current).sorted {
                    ($0.domainNameAccessAssociationArn ?? "") < ($1.domainNameAccessAssociationArn ?? "")
                }
            let page = try Page.of(
                all, id: { $0.domainNameAccessAssociationArn ?? "" }, limit: try context.limit(),
                position: context.request.queryValue("position"))
            return .json(DomainNameAccessAssociations(position: page.position, items: page.items))
        }
        handlers[.deleteDomainNameAccessAssociation] = { context in
            let arn = context.label("domain_name_access_association_arn")
            try await context.write { state throws(ManagementError) in
                _ = try accessAssociations.find(arn, in: state)
                return ((), [accessAssociations.store(nil, id: arn, in: &state)])
            }
            return .empty
        }
        handlers[.rejectDomainNameAccessAssociation] = { context in
            let arn = context.request.queryValue("domainNameAccessAssociationArn") ?? ""
            let domainArn = context.request.queryValue("domainNameArn")
            try await context.write { state throws(ManagementError) in
                let association = try accessAssociations.find(arn, in: state)
                guard association.domainNameArn == domainArn else { throw ManagementError.notFound("Invalid domain name identifier specified") }
                return ((), [accessAssociations.store(nil, id: arn, in: &state)])
            }
            return .empty
        }
    }
}
