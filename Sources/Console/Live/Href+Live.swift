/// Addresses of the live pages.
extension Href {
    static let invocations = Console.prefix + "/invocations"
    static let events = Console.prefix + "/events"
    static let liveJS = Console.prefix + "/assets/live.js"

    static func invocation(_ requestId: String) -> String { invocations + "/" + segment(requestId) }

    static func tryIt(api: String, resource: String, verb: String) -> String {
        method(api: api, resource: resource, httpMethod: verb) + "/try"
    }

    static func templateTest(api: String, resource: String, verb: String, status: String) -> String {
        method(api: api, resource: resource, httpMethod: verb) + "/responses/" + segment(status) + "/template"
    }
}
