import Foundation

/// `application/x-www-form-urlencoded` fields, as browsers send forms and query strings
/// (`+` is a space, `%XX` escapes; https://url.spec.whatwg.org/#urlencoded-parsing).
enum FormFields {
    static func parse(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// A posted form's fields by name. Browsers send a textarea's line breaks as CRLF (HTML's
    /// form submission normalises them): they become LF again, as the user typed them.
    static func parse(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in parse(String(decoding: body, as: UTF8.self)) {
            fields[name] = value.contains("\r\n") ? value.replacingOccurrences(of: "\r\n", with: "\n") : value
        }
        return fields
    }

    static func decode(_ text: Substring) -> String {
        let plain = text.replacingOccurrences(of: "+", with: " ")
        return plain.removingPercentEncoding ?? plain
    }
}
