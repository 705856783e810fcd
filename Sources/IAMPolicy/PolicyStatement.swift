/// One statement of a policy, its elements read once: patterns kept as bytes (actions
/// lower-cased), principals sorted into "anyone", accounts and ARNs.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
struct PolicyStatement: Sendable, Equatable {
    /// `Action`/`Resource` (`negated` false) or `NotAction`/`NotResource` (true).
    struct Patterns: Sendable, Equatable {
        let patterns: [[UInt8]]
        let negated: Bool

        func covers(_ value: [UInt8]) -> Bool {
            let found = patterns.contains { Wildcard.matches(pattern: $0, value: value) }
            return found != negated
        }
    }

    /// `Principal` / `NotPrincipal`.
    struct Principals: Sendable, Equatable {
        var anyone = false
        var accounts: Set<String> = []
        var arns: Set<String> = []
        var negated = false

        func covers(_ principal: PolicyPrincipal) -> Bool {
            let found: Bool
            switch principal {
            case .anonymous: found = anyone
            case .iam(let account, let arn): found = anyone || accounts.contains(account) || arns.contains(arn)
            }
            return found != negated
        }
    }

    let sid: String?
    let allows: Bool
    let actions: Patterns
    let resources: Patterns
    let principals: Principals?
    let conditions: [PolicyCondition]

    private static let elements: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    init(_ node: PolicyJSON, kind: IAMPolicy.Kind, limits: IAMPolicy.Limits, budget: inout Int) throws(PolicyError) {
        guard case .object(let fields) = node else { throw PolicyError("A statement must be a JSON object") }
        for key in fields.keys where !Self.elements.contains(key) { throw PolicyError("Unknown statement element \(key)") }
        switch fields["Sid"] {
        case nil: sid = nil
        case .string(let text)?: sid = text
        default: throw PolicyError("Sid must be a string")
        }
        switch fields["Effect"] {
        case .string("Allow")?: allows = true
        case .string("Deny")?: allows = false
        default: throw PolicyError("Effect must be Allow or Deny")
        }
        actions = try Self.patterns(fields, "Action", lowercased: true, limits: limits, budget: &budget)
        resources = try Self.patterns(fields, "Resource", lowercased: false, limits: limits, budget: &budget)
        switch (fields["Principal"], fields["NotPrincipal"]) {
        case (nil, nil):
            guard kind == .identity else { throw PolicyError("A resource-based policy statement must name a Principal") }
            principals = nil
        case (let given?, nil): principals = try Self.principals(given, negated: false, budget: &budget, limits: limits)
        case (nil, let given?): principals = try Self.principals(given, negated: true, budget: &budget, limits: limits)
        default: throw PolicyError("A statement has both Principal and NotPrincipal")
        }
        var conditions: [PolicyCondition] = []
        switch fields["Condition"] {
        case nil: break
        case .object(let operators)?:
            for (name, body) in operators.sorted(by: { $0.key < $1.key }) {
                conditions += try PolicyCondition.parse(operatorName: name, body: body, limits: limits, budget: &budget)
            }
        default: throw PolicyError("Condition must be a JSON object")
        }
        self.conditions = conditions
    }

    func applies(to request: PolicyRequest) -> Bool {
        guard actions.covers(request.action), resources.covers(request.resource) else { return false }
        if let principals, let principal = request.principal, !principals.covers(principal) { return false }
        return conditions.allSatisfy { $0.holds(request.context) }
    }

    /// `Name` or `NotName` (exactly one), a string or a non-empty list of strings.
    private static func patterns(
        _ fields: [String: PolicyJSON], _ name: String, lowercased: Bool, limits: IAMPolicy.Limits, budget: inout Int
    ) throws(PolicyError) -> Patterns {
        let negated: Bool
        let node: PolicyJSON
        switch (fields[name], fields["Not" + name]) {
        case (let given?, nil): (node, negated) = (given, false)
        case (nil, let given?): (node, negated) = (given, true)
        case (nil, nil): throw PolicyError("A statement needs \(name) or Not\(name)")
        default: throw PolicyError("A statement has both \(name) and Not\(name)")
        }
        let texts = try strings(node, name)
        budget -= texts.count
        guard budget >= 0 else { throw PolicyError("The policy has more than \(limits.maxValues) values") }
        var patterns: [[UInt8]] = []
        for text in texts {
            guard text.utf8.count <= limits.maxPatternLength else {
                throw PolicyError("\(name) is longer than \(limits.maxPatternLength) bytes")
            }
            patterns.append(Array((lowercased ? text.lowercased() : text).utf8))
        }
        return Patterns(patterns: patterns, negated: negated)
    }

    private static func strings(_ node: PolicyJSON, _ name: String) throws(PolicyError) -> [String] {
        switch node {
        case .string(let text): return [text]
        case .array(let items) where !items.isEmpty:
            var out: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw PolicyError("\(name) must be a string or a list of strings") }
                out.append(text)
            }
            return out
        default: throw PolicyError("\(name) must be a string or a list of strings")
        }
    }

    /// `"*"`, or `{"AWS": "*" | account id | ARN | list}`; other principal types (`Service`,
    /// `Federated`, `CanonicalUser`) are read and match no caller Portico has.
    private static func principals(_ node: PolicyJSON, negated: Bool, budget: inout Int, limits: IAMPolicy.Limits) throws(PolicyError)
        -> Principals
    {
        var out = Principals(negated: negated)
        if case .string("*") = node {
            out.anyone = true
            return out
        }
        guard case .object(let types) = node, !types.isEmpty else { throw PolicyError("Invalid principal") }
        for (type, value) in types {
            guard ["AWS", "Service", "Federated", "CanonicalUser"].contains(type) else { throw PolicyError("Invalid principal type \(type)") }
            let names = try strings(value, "Principal")
            budget -= names.count
            guard budget >= 0 else { throw PolicyError("The policy has more than \(limits.maxValues) values") }
            guard type == "AWS" else { continue }
            for name in names {
                if name == "*" {
                    out.anyone = true
                } else if name.utf8.count == 12, name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    out.accounts.insert(name)
                } else if name.hasPrefix("arn:"), name.utf8.count <= limits.maxPatternLength {
                    let parts = name.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                    if parts.count == 6, parts[2] == "iam", parts[5] == "root" {
                        out.accounts.insert(String(parts[4]))
                    } else if parts.count == 6, parts[2] == "iam" || parts[2] == "sts" {
                        out.arns.insert(name)
                    } else {
                        throw PolicyError("Invalid principal \(name)")
                    }
                } else {
                    throw PolicyError("Invalid principal \(name)")
                }
            }
        }
        return out
    }
}
