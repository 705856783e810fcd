import Foundation

/// An IAM policy document, read once and evaluated against many requests as AWS does:
/// `Version`, `Id`, `Statement` (an object or a list) of `Sid`, `Effect` (Allow/Deny),
/// `Principal`/`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource` (a string or a
/// list; `*` and `?` wildcards; actions ignore case, resources do not) and `Condition`.
/// An explicit Deny wins, then an Allow; nothing matching is an implicit deny.
/// Hostile documents are bounded (size, statements, values, pattern length) and refused with
/// a `PolicyError`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
public struct IAMPolicy: Sendable, Equatable {
    /// Who the document is attached to: a resource-based policy names principals.
    public enum Kind: Sendable {
        case identity
        case resource
    }

    public struct Limits: Sendable {
        public var maxBytes = 65_536
        public var maxStatements = 256
        /// All `Action`, `Resource`, `Principal` and condition values together.
        public var maxValues = 4_096
        public var maxPatternLength = 2_048

        public init() {}
    }

    let statements: [PolicyStatement]
    /// The condition keys the document reads (lower-cased): callers put only these in a
    /// request's context, so a policy without conditions costs no context at all.
    public let conditionKeys: Set<String>

    /// Reads a document from JSON text.
    public init(parsing bytes: some Collection<UInt8>, kind: Kind = .identity, limits: Limits = Limits()) throws(PolicyError) {
        guard bytes.count <= limits.maxBytes else { throw PolicyError("The policy is larger than \(limits.maxBytes) bytes") }
        let json: PolicyJSON
        do {
            json = try JSONDecoder().decode(PolicyJSON.self, from: Data(bytes))
        } catch {
            throw PolicyError("The policy is not JSON")
        }
        try self.init(json: json, kind: kind, limits: limits)
    }

    /// Reads a document already parsed (a Lambda authorizer's `policyDocument`).
    public init(json: PolicyJSON, kind: Kind = .identity, limits: Limits = Limits()) throws(PolicyError) {
        guard case .object(let fields) = json else { throw PolicyError("The policy is not a JSON object") }
        for key in fields.keys where !["Version", "Id", "Statement"].contains(key) {
            throw PolicyError("Unknown policy element \(key)")
        }
        if let version = fields["Version"] {
            guard case .string(let text) = version, text == "2012-10-17" || text == "2008-10-17" else {
                throw PolicyError("Version must be 2012-10-17 or 2008-10-17")
            }
        }
        let nodes: [PolicyJSON]
        switch fields["Statement"] {
        case .array(let items)?: nodes = items
        case .object(let item)?: nodes = [.object(item)]
        default: throw PolicyError("Statement must be an object or a list of objects")
        }
        guard nodes.count <= limits.maxStatements else { throw PolicyError("The policy has more than \(limits.maxStatements) statements") }
        var budget = limits.maxValues
        var statements: [PolicyStatement] = []
        statements.reserveCapacity(nodes.count)
        for node in nodes {
            statements.append(try PolicyStatement(node, kind: kind, limits: limits, budget: &budget))
        }
        self.statements = statements
        conditionKeys = Set(statements.flatMap { $0.conditions.map(\.key) })
    }

    /// The decision for `request` and the statement that made it.
    public func evaluate(_ request: PolicyRequest) -> PolicyVerdict {
        var allowed: Int?
        for (index, statement) in statements.enumerated() where statement.applies(to: request) {
            if !statement.allows { return PolicyVerdict(decision: .explicitDeny, statement: index, sid: statement.sid) }
            if allowed == nil { allowed = index }
        }
        guard let allowed else { return PolicyVerdict(decision: .implicitDeny, statement: nil, sid: nil) }
        return PolicyVerdict(decision: .allowed, statement: allowed, sid: statements[allowed].sid)
    }
}
