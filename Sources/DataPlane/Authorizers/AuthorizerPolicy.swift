import APIGatewayModel

/// The IAM policy a Lambda authorizer returns (`policyDocument`), read once and evaluated
/// against each method ARN it is used for (a cached policy serves other methods too).
/// Statements with `Effect` Allow or Deny, `Action` and `Resource` as a string or a list;
/// actions and resources compare with IAM's `*` and `?` wildcards; only statements whose
/// action covers `execute-api:Invoke` count. An explicit Deny wins over any Allow; no
/// matching Allow is an implicit deny.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
struct AuthorizerPolicy: Sendable, Equatable {
    struct Statement: Sendable, Equatable {
        let allows: Bool
        let actions: [String]
        let resources: [String]
    }

    enum Decision: Sendable, Equatable {
        case allow
        case explicitDeny
        case implicitDeny
    }

    let statements: [Statement]

    /// Reads `policyDocument`; nil when it is not a policy (no `Statement`, an `Effect` other
    /// than Allow or Deny, an action or resource that is not a string or list of strings).
    init?(_ document: JSONNode) {
        guard case .object(let fields) = document, let statementNode = fields["Statement"] else { return nil }
        let nodes: [JSONNode]
        switch statementNode {
        case .array(let items): nodes = items
        case .object: nodes = [statementNode]
        default: return nil
        }
        var statements: [Statement] = []
        for node in nodes {
            guard case .object(let statement) = node, case .string(let effect)? = statement["Effect"],
                effect == "Allow" || effect == "Deny",
                let actions = Self.strings(statement["Action"]), let resources = Self.strings(statement["Resource"])
            else { return nil }
            statements.append(Statement(allows: effect == "Allow", actions: actions, resources: resources))
        }
        self.statements = statements
    }

    /// A string or a list of strings.
    private static func strings(_ node: JSONNode?) -> [String]? {
        switch node {
        case .string(let value)?: return [value]
        case .array(let items)?:
            var out: [String] = []
            for item in items {
                guard case .string(let value) = item else { return nil }
                out.append(value)
            }
            return out
        default: return nil
        }
    }

    /// The decision for invoking `methodArn`.
    func evaluate(methodArn: String) -> Decision {
        var allowed = false
        for statement in statements {
            guard statement.actions.contains(where: { Self.matches(pattern: $0, value: "execute-api:Invoke", caseInsensitive: true) }),
                statement.resources.contains(where: { Self.matches(pattern: $0, value: methodArn, caseInsensitive: false) })
            else { continue }
            if !statement.allows { return .explicitDeny }
            allowed = true
        }
        return allowed ? .allow : .implicitDeny
    }

    /// IAM's wildcard match: `*` any run of characters (also none), `?` any one character,
    /// everything else literally (action names ignore case, resources do not).
    static func matches(pattern: String, value: String, caseInsensitive: Bool) -> Bool {
        let pattern = Array(caseInsensitive ? pattern.lowercased().utf8 : pattern.utf8)
        let value = Array(caseInsensitive ? value.lowercased().utf8 : value.utf8)
        // Iterative glob with one backtrack point (linear in practice, never exponential).
        var (p, v) = (0, 0)
        var star: Int?
        var resume = 0
        while v < value.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == value[v] {
                p += 1
                v += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                resume = v
                p += 1
            } else if let at = star {
                p = at + 1
                resume += 1
                v = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
