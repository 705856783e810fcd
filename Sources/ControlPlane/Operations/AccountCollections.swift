import APIGatewayModel
import HashTreeCollections
import Store

/// A collection of the account that the management API serves by id (API keys, usage plans,
/// domain names, client certificates, VPC links, …): the lookup, AWS's NotFound wording and
/// the document a change dirties, in one place.
struct AccountCollection<Item: Sendable>: Sendable {
    let kind: EntityKind
    let items: any WritableKeyPath<AccountState, TreeDictionary<String, Item>> & Sendable
    /// AWS's error for a missing item.
    let notFound: @Sendable (String) -> ManagementError

    func find(_ id: String, in state: ModelState) throws(ManagementError) -> Item {
        guard let item = state.account[keyPath: items][id] else { throw notFound(id) }
        return item
    }

    func all(_ state: ModelState) -> TreeDictionary<String, Item>.Values { state.account[keyPath: items].values }

    /// Removes an existing item (AWS's NotFound when there is none) and names the document.
    func remove(_ id: String, in state: inout ModelState) throws(ManagementError) -> DirtyDocument {
        _ = try find(id, in: state)
        return store(nil, id: id, in: &state)
    }

    /// Stores (or, with nil, removes) the item and names the document to persist.
    func store(_ item: Item?, id: String, in state: inout ModelState) -> DirtyDocument {
        state.account[keyPath: items][id] = item
        return DirtyDocument(kind, name: id)
    }
}
