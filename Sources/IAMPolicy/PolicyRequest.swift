/// Why a document is not a policy: a parse error value, never a crash.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}

/// Who calls: anonymous (no verified signature) or an IAM identity of an account.
public enum PolicyPrincipal: Sendable, Equatable {
    case anonymous
    /// `arn` names the user or role (`arn:aws:iam::123456789012:user/alice`).
    case iam(account: String, arn: String)
}

/// The request context's condition keys (`aws:SourceIp`, `aws:CurrentTime`…), matched
/// case-insensitively; a key may hold several values (multivalued keys).
public struct PolicyContext: Sendable, Equatable {
    private var entries: [String: [String]] = [:]

    public init() {}

    public init(_ values: [String: String]) {
        for (key, value) in values { self[key] = [value] }
    }

    public subscript(key: String) -> [String]? {
        get { entries[key.lowercased()] }
        set { entries[key.lowercased()] = newValue }
    }

    func values(lowercasedKey: String) -> [String]? { entries[lowercasedKey] }
}

/// One authorisation question: may `principal` perform `action` on `resource` in `context`?
/// A nil principal skips `Principal`/`NotPrincipal` (identity-based policies have none).
public struct PolicyRequest: Sendable {
    public let action: [UInt8]
    public let resource: [UInt8]
    public let principal: PolicyPrincipal?
    public var context: PolicyContext

    public init(action: String, resource: String, principal: PolicyPrincipal? = nil, context: PolicyContext = PolicyContext()) {
        self.action = Array(action.lowercased().utf8)
        self.resource = Array(resource.utf8)
        self.principal = principal
        self.context = context
    }
}

/// IAM's three outcomes, so callers can word AWS's messages ("with an explicit deny" /
/// "because no … policy allows").
public enum PolicyDecision: String, Sendable, Equatable {
    case allowed
    case explicitDeny
    case implicitDeny
}

/// The decision and the statement that made it (nil for an implicit deny).
public struct PolicyVerdict: Sendable, Equatable {
    public let decision: PolicyDecision
    /// The deciding statement's index in the document.
    public let statement: Int?
    public let sid: String?

    public init(decision: PolicyDecision, statement: Int?, sid: String?) {
        self.decision = decision
        self.statement = statement
        self.sid = sid
    }
}
