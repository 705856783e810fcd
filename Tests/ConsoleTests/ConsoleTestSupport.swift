import APIGatewayModel
import Foundation
import Store
import XCTest

@testable import Console

/// A console over an in-memory store seeded by `seed`, and a helper to fetch its pages.
struct ConsoleHarness {
    let store: ModelStore
    let console: Console

    init(_ seed: @escaping @Sendable (inout ModelState) -> Void = { _ in }) async throws {
        store = try ModelStore(path: nil)
        try await store.write { (model: inout ModelState) throws(Never) -> ((), [DirtyDocument]) in
            seed(&model)
            return ((), [])
        }
        console = Console(model: store)
    }

    func get(_ path: String, method: String = "GET") async -> (status: Int, headers: [String: String], html: String) {
        let response = await console.respond(ConsoleRequest(method: method, path: Console.prefix + path, host: "127.0.0.1:4566"))
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name] = value }
        return (response.status, headers, String(decoding: response.body, as: UTF8.self))
    }
}

extension APIState {
    /// An API with a root resource `/`.
    static func seeded(id: String, name: String) -> APIState {
        var api = APIState(restApi: RestApi(id: id, name: name, createdDate: Date(timeIntervalSince1970: 1_700_000_000), rootResourceId: "root"))
        api.resources["root"] = Resource(id: "root", path: "/")
        return api
    }
}
