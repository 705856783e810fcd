import Foundation
import APIGatewayModel
import Store

/// Finding things in the model with AWS's NotFound messages.
///
/// AWS words a missing API differently per operation family: RestApi operations say
/// `Invalid API identifier specified {account}:{id}`, while operations below an API report a
/// missing API as a missing resource (`Invalid Resource identifier specified`).
extension ModelState {
    func restApi(_ id: String, account: String) throws(ManagementError) -> APIState {
        guard let api = apis[id] else {
            throw ManagementError.notFound("Invalid API identifier specified \(account):\(id)")
        }
        return api
    }

    func resource(api: String, id: String) throws(ManagementError) -> Resource {
        guard let resource = apis[api]?.resources[id] else {
            throw ManagementError.notFound("Invalid Resource identifier specified")
        }
        return resource
    }

    func method(api: String, resource: String, httpMethod: String) throws(ManagementError) -> Method {
        guard let method = try self.resource(api: api, id: resource).resourceMethods?[httpMethod] else {
            throw ManagementError.notFound("Invalid Method identifier specified")
        }
        return method
    }

    func integration(api: String, resource: String, httpMethod: String) throws(ManagementError) -> Integration {
        guard let integration = try method(api: api, resource: resource, httpMethod: httpMethod).methodIntegration else {
            throw ManagementError.notFound("Invalid Integration identifier specified")
        }
        return integration
    }
}

/// Paging as AWS does it for list operations: `limit` (default 25, at most 500) and an opaque
/// `position` that names where the next page starts.
struct Page<Item> {
    let items: [Item]
    let position: String?

    static func of(_ all: [Item], id: (Item) -> String, limit: Int?, position: String?) throws(ManagementError) -> Page {
        // AWS does not reject an out-of-range limit (recorded: GetApiKeys with limit=-1 is a 200);
        // Portico reads one below 1 as the default and caps it at the documented maximum.
        let requested = limit ?? 25
        let size = requested < 1 ? 25 : min(requested, 500)
        var start = 0
        if let position, !position.isEmpty {
            guard let wanted = token(decoding: position), let index = all.firstIndex(where: { id($0) == wanted }) else {
                throw ManagementError.badRequest("Invalid position parameter")
            }
            start = index
        }
        let end = min(all.count, start + size)
        let next = end < all.count ? token(encoding: id(all[end])) : nil
        return Page(items: Array(all[start..<end]), position: next)
    }

    /// The token for the page starting at an id: the id in unpadded base64url, so that, as on
    /// AWS, a position is an opaque string of its own and never one of the listed ids.
    static func token(encoding id: String) -> String {
        Data(id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The id a token names, or nil for text that is not one of ours.
    static func token(decoding token: String) -> String? {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        return Data(base64Encoded: text).flatMap { String(data: $0, encoding: .utf8) }
    }
}

extension OperationContext {
    /// The `limit` query parameter as an integer, if given.
    func limit() throws(ManagementError) -> Int? {
        guard let text = request.queryValue("limit") else { return nil }
        guard let value = Int(text) else {
            throw ManagementError.badRequest("Invalid limit value specified: \(text)")
        }
        return value
    }
}
