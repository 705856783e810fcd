import Foundation

/// Console addresses. Each path segment taken from the model is percent-encoded, so an id or
/// name can neither leave its segment nor the console (the template then HTML-escapes the
/// whole address for its attribute).
enum Href {
    static let home = Console.prefix + "/"
    static let apiKeys = Console.prefix + "/api-keys"
    static let usagePlans = Console.prefix + "/usage-plans"
    static let domainNames = Console.prefix + "/domain-names"
    static let functions = Console.prefix + "/functions"
    static let css = Console.prefix + "/assets/console.css"
    static let js = Console.prefix + "/assets/console.js"

    static func api(_ id: String) -> String { Console.prefix + "/apis/" + segment(id) }

    /// One of an API's pages: `stages`, `authorizers`, `models`, `validators`, `gateway-responses`.
    static func api(_ id: String, _ page: String) -> String { api(id) + "/" + page }

    static func method(api id: String, resource: String, httpMethod: String) -> String {
        api(id) + "/resources/" + segment(resource) + "/methods/" + segment(httpMethod)
    }

    static func function(_ name: String) -> String { functions + "/" + segment(name) }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func segment(_ text: String) -> String {
        // Ids are plain ASCII: most segments need no encoding (and Foundation's is slow).
        let plain = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                true
            default: false
            }
        }
        return plain ? text : text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
