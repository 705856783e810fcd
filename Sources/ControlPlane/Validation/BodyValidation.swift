import APIGatewayModel

/// Walks a request body against the operation's input shape and reports what AWS's front end
/// rejects before the operation runs: enum members outside their value set, as
/// `Value 'x' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy
/// constraint: Member must satisfy enum value set: [ipv4, dualstack]`, and required members that
/// are missing or null, as `Value null at 'createRestApiInput.name' failed to satisfy constraint:
/// Member must not be null` (AWS's wording for this check in other services; the API Gateway
/// text itself is not recorded).
///
/// List members are addressed as `patchOperations.1.member.op` (1-based), as AWS prints them.
enum BodyValidation {
    static func problems(in body: JSONNode, operation: OperationSpec) -> [String] {
        guard let input = operation.input, let shape = ShapeSpec.all[input] else { return [] }
        var out: [String] = []
        let root = String(input.prefix(1)).lowercased() + input.dropFirst()
        let prefix = root.hasSuffix("Request") ? String(root.dropLast("Request".count)) + "Input" : root
        check(body, shape: shape, path: prefix, bodyOnly: true, into: &out)
        return out
    }

    private static func check(_ node: JSONNode, shape: ShapeSpec, path: String, bodyOnly: Bool, into out: inout [String]) {
        switch shape.kind {
        case .structure:
            guard case .object(let fields) = node else { return }
            for member in shape.members where !bodyOnly || member.location == .body {
                guard let value = fields[member.wireName], value != .null else {
                    if shape.required.contains(member.name) {
                        out.append("Value null at '\(path).\(member.name)' failed to satisfy constraint: Member must not be null")
                    }
                    continue
                }
                guard let memberShape = ShapeSpec.all[member.shape] else { continue }
                check(value, shape: memberShape, path: path + "." + member.name, bodyOnly: false, into: &out)
            }
        case .list(let memberName):
            guard case .array(let items) = node, let memberShape = ShapeSpec.all[memberName] else { return }
            if case .enumeration(let values) = memberShape.kind {
                let bad = items.contains { item in
                    if case .string(let text) = item { return !values.contains(text) }
                    return false
                }
                if bad {
                    out.append(
                        "Value '\(node.validationText)' at '\(path)' failed to satisfy constraint: "
                            + "Member must satisfy constraint: [Member must satisfy enum value set: \(awsOrder(values))]")
                }
                return
            }
            for (index, item) in items.enumerated() {
                check(item, shape: memberShape, path: "\(path).\(index + 1).member", bodyOnly: false, into: &out)
            }
        case .map(_, let valueName):
            guard case .object(let fields) = node, let valueShape = ShapeSpec.all[valueName] else { return }
            for key in fields.keys.sorted() {
                if let value = fields[key] {
                    check(value, shape: valueShape, path: "\(path).\(key)", bodyOnly: false, into: &out)
                }
            }
        case .enumeration(let values):
            if case .string(let text) = node, !values.contains(text) {
                out.append(
                    "Value '\(text)' at '\(path)' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: \(awsOrder(values))")
            }
        default:
            return
        }
    }

    /// AWS prints some value sets in an order of its own (recorded on AWS); others in model order.
    static func awsOrder(_ values: [String]) -> String {
        let key = Set(values)
        let ordered = recordedOrders.first { Set($0) == key } ?? values
        return "[" + ordered.joined(separator: ", ") + "]"
    }

    static let recordedOrders: [[String]] = [
        ["add", "remove", "move", "test", "replace", "copy"],
        ["PRIVATE", "EDGE", "REGIONAL"],
        ["ipv4", "dualstack"],
        ["HTTP", "MOCK", "AWS_PROXY", "HTTP_PROXY", "AWS"],
        [
            "RESPONSE_BODY", "RESPONSE", "METHOD", "MODEL", "AUTHORIZER", "RESPONSE_HEADER", "RESOURCE", "PATH_PARAMETER",
            "REQUEST_BODY", "QUERY_PARAMETER", "API", "REQUEST_HEADER",
        ],
        [
            "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "AUTHORIZER_CONFIGURATION_ERROR", "MISSING_AUTHENTICATION_TOKEN",
            "BAD_REQUEST_BODY", "INVALID_SIGNATURE", "INVALID_API_KEY", "BAD_REQUEST_PARAMETERS", "AUTHORIZER_FAILURE",
            "UNAUTHORIZED", "INTEGRATION_TIMEOUT", "ACCESS_DENIED", "DEFAULT_4XX", "DEFAULT_5XX", "WAF_FILTERED",
            "QUOTA_EXCEEDED", "THROTTLED", "API_CONFIGURATION_ERROR", "UNSUPPORTED_MEDIA_TYPE", "INTEGRATION_FAILURE",
            "EXPIRED_TOKEN",
        ],
    ]
}
