import APIGatewayModel

/// Constraint checks that AWS runs on an operation's input before it looks anything up.
///
/// AWS validates URI and query members against the model's constraints first: a `statusCode`
/// of `wrong` is a 400 ValidationException even when the API does not exist. All violations
/// are reported together (`2 validation errors detected: …; …`).
enum InputValidation {
    /// Returns the parsed JSON body (nil when the operation takes none).
    @discardableResult
    static func validate(_ context: OperationContext) throws(ManagementError) -> JSONNode? {
        guard let shape = context.operation.inputShape else { return nil }
        // Deserialization comes first: malformed JSON and wrongly typed members.
        var body: JSONNode?
        if operation(context.operation, takesBody: true) {
            let node = try BodyDecoder.node(from: context.request.body)
            if let problem = BodyTypeCheck.firstProblem(in: node, operation: context.operation) { throw problem }
            body = node
        }
        // Body clauses come first, then URI and query ones (recorded on AWS: `patchOperations.1.member.op`
        // before `statusCode`).
        var problems: [String] = []
        if let body {
            problems += BodyValidation.problems(in: body, operation: context.operation)
        }
        for member in shape.members where member.location == .uri || member.location == .querystring {
            let value: String?
            switch member.location {
            case .uri: value = context.labels[member.wireName]
            default: value = context.request.queryValue(member.wireName)
            }
            guard let value, let spec = ShapeSpec.all[member.shape] else { continue }
            if case .enumeration(let values) = spec.kind, !values.contains(value) {
                problems.append(
                    "Value '\(value)' at '\(member.name)' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: \(BodyValidation.awsOrder(values))")
            }
            if let pattern = spec.pattern, !PatternCheck.matches(pattern, value) {
                problems.append(
                    "Value '\(value)' at '\(member.name)' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: \(pattern)")
            }
        }
        if !problems.isEmpty { throw .validation(problems) }
        return body
    }

    /// Whether the operation has JSON body members (and no blob payload).
    private static func operation(_ operation: OperationSpec, takesBody: Bool) -> Bool {
        guard let shape = operation.inputShape, shape.payload == nil else { return false }
        return shape.members.contains { $0.location == .body }
    }
}

/// The few regular-expression constraints of the model, checked without a regex engine.
enum PatternCheck {
    static func matches(_ pattern: String, _ value: String) -> Bool {
        switch pattern {
        case #"[1-5]\d\d"#:
            return isStatusCode(value)
        case #"^([1-5]\d\d|\*|\s*)$"#:
            return isStatusCode(value) || value == "*" || value.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        default:
            return true
        }
    }

    /// Three ASCII digits, the first 1–5.
    static func isStatusCode(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 3 else { return false }
        return (0x31...0x35).contains(bytes[0]) && (0x30...0x39).contains(bytes[1]) && (0x30...0x39).contains(bytes[2])
    }
}
