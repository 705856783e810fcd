import IAMPolicy

/// One policy decision in a trace: which gate asked (the API's resource policy, the caller's
/// identity policy, or both combined with an authorizer's), about what, and what the policy
/// answered (with the deciding statement). A call to a PRIVATE API also records the VPC
/// endpoint and VPC it was taken to come from (`aws:SourceVpce`, `aws:SourceVpc`).
struct PolicyStep: Sendable {
    enum Gate: String, Sendable {
        case resource = "resourcePolicy"
        case identity = "identityPolicy"
    }

    let gate: Gate
    let action: String
    let verdict: PolicyVerdict
    let principal: String
    /// The VPC keys supplied (nil: not a PRIVATE API's call).
    var network: PrivateNetwork? = nil

    var fields: [String: Any] {
        var out: [String: Any] = [
            "step": gate.rawValue, "action": action, "decision": verdict.decision.rawValue, "principal": principal,
        ]
        if let index = verdict.statement { out["statement"] = index }
        if let sid = verdict.sid { out["sid"] = sid }
        if let network {
            out["privateApi"] = true
            if let vpce = network.sourceVpce { out["sourceVpce"] = vpce }
            if let vpc = network.sourceVpc { out["sourceVpc"] = vpc }
        }
        return out
    }

    var logLine: String {
        let name = gate == .resource ? "Resource policy" : "Identity policy"
        let statement = verdict.statement.map { " (statement \($0)\(verdict.sid.map { " \"\($0)\"" } ?? ""))" } ?? ""
        let vpc = network.map { " [aws:SourceVpce \($0.sourceVpce ?? "absent"), aws:SourceVpc \($0.sourceVpc ?? "absent")]" } ?? ""
        return "\(name) decision for \(principal) on \(action): \(verdict.decision.rawValue)\(statement)\(vpc)"
    }
}
