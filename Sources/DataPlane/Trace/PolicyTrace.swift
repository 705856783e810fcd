import IAMPolicy

/// One policy decision in a trace: which gate asked (the API's resource policy, the caller's
/// identity policy, or both combined with an authorizer's), about what, and what the policy
/// answered (with the deciding statement).
struct PolicyStep: Sendable {
    enum Gate: String, Sendable {
        case resource = "resourcePolicy"
        case identity = "identityPolicy"
    }

    let gate: Gate
    let action: String
    let verdict: PolicyVerdict
    let principal: String

    var fields: [String: Any] {
        var out: [String: Any] = [
            "step": gate.rawValue, "action": action, "decision": verdict.decision.rawValue, "principal": principal,
        ]
        if let index = verdict.statement { out["statement"] = index }
        if let sid = verdict.sid { out["sid"] = sid }
        return out
    }

    var logLine: String {
        let name = gate == .resource ? "Resource policy" : "Identity policy"
        let statement = verdict.statement.map { " (statement \($0)\(verdict.sid.map { " \"\($0)\"" } ?? ""))" } ?? ""
        return "\(name) decision for \(principal) on \(action): \(verdict.decision.rawValue)\(statement)"
    }
}
