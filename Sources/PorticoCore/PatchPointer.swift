/// The path of a patch operation: a JSON pointer whose segments are unescaped (`~1` is `/`,
/// `~0` is `~`). Terraform and the SDKs escape slashes in map keys (`/requestTemplates/application~1json`);
/// some tools send unescaped slashes where AWS tolerates them (method settings), so rules
/// match on the decoded segments.
/// https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
public struct PatchPointer: Sendable, Hashable {
    /// The path as sent.
    public let text: String
    /// Its segments after the leading `/`, unescaped; empty segments are kept.
    public let segments: [String]

    /// Parses a pointer; nil when it does not start with `/`.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        self.text = text
        segments = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(Self.unescape)
    }

    /// `~1` → `/`, `~0` → `~` (in that order, as RFC 6901 requires).
    public static func unescape(_ segment: Substring) -> String {
        guard segment.contains("~") else { return String(segment) }
        return String(segment).replacing("~1", with: "/").replacing("~0", with: "~")
    }

    /// `/` → `~1`, `~` → `~0`: a key written as one segment.
    public static func escape(_ key: String) -> String {
        guard key.contains("~") || key.contains("/") else { return key }
        return key.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
