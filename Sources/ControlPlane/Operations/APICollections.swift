import APIGatewayModel
import Store

/// A collection of one REST API that the management API serves by name or id (authorizers,
/// models, request validators, documentation parts and versions): one place for the lookup,
/// AWS's NotFound wording and the document a change dirties.
struct APICollection<Item: Sendable>: Sendable {
    let kind: EntityKind
    let items: any WritableKeyPath<APIState, [String: Item]> & Sendable
    /// AWS's error for a missing item, given its name or id.
    let notFound: @Sendable (String) -> ManagementError

    func find(_ id: String, in api: APIState) throws(ManagementError) -> Item {
        guard let item = api[keyPath: items][id] else { throw notFound(id) }
        return item
    }

    /// Stores (or, with nil, removes) the item and names the document to persist.
    func store(_ item: Item?, id: String, api: String, in state: inout ModelState) -> DirtyDocument {
        state.apis[api]?[keyPath: items][id] = item
        return DirtyDocument(kind, api: api, name: id)
    }

    /// One page of the items in `order`, as AWS pages list operations.
    func page(
        _ api: APIState, _ context: OperationContext, order: (Item, Item) -> Bool,
        id: (Item) -> String
    ) throws(ManagementError) -> Page<Item> {
        try Page.of(
            api[keyPath: items].values.sorted(by: order), id: id, limit: try context.limit(),
            position: context.request.queryValue("position"))
    }
}

extension ModelState {
    /// The API a call below it names, or `missing` (AWS words a missing API differently per
    /// operation: a 400 for CreateRequestValidator, a 409 for CreateAuthorizer, …).
    func api(_ id: String, or missing: ManagementError) throws(ManagementError) -> APIState {
        guard let api = apis[id] else { throw missing }
        return api
    }
}

/// AWS's recorded answers for a missing REST API below operations that create things.
enum MissingAPI {
    static func notFound(_ context: OperationContext) -> ManagementError {
        .notFound("Invalid API identifier specified \(context.environment.accountId):\(context.restApiId)")
    }

    /// CreateRequestValidator (recorded on AWS).
    static let badRequest = ManagementError.badRequest("Invalid REST API identifier specified")

    /// CreateAuthorizer (recorded on AWS: a missing API is a concurrent-modification conflict).
    static let conflict = ManagementError.conflict("Unable to complete operation due to concurrent modification. Please try again later.")
}
