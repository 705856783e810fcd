/// A gate that let a call through, as the trace records it: the values only, so a recorded
/// invocation pays no string building; `name` and `detail` are made when the trace is read.
enum GateStep: Sendable {
    /// An AWS_IAM method's Signature Version 4 verified.
    case signature
    /// The API key and the usage plan that admitted it.
    case apiKey(keyId: String?, planId: String?)
    /// The method's request validator and what it checked.
    case validator(checks: String)

    var name: String {
        switch self {
        case .signature: "signature"
        case .apiKey: "apiKey"
        case .validator: "validator"
        }
    }

    var detail: String {
        switch self {
        case .signature: "AWS_IAM: Signature Version 4 verified"
        case .apiKey(let keyId, let planId): "API key \(keyId ?? "") of usage plan \(planId ?? "")"
        case .validator(let checks): checks
        }
    }
}
