import APIGatewayModel

/// The type check AWS's deserializer runs on a JSON body: a member of the wrong JSON type is a
/// 400 SerializationException named after the Java classes involved, e.g.
/// `class java.lang.Boolean can not be converted to an String` (recorded on AWS).
enum BodyTypeCheck {
    static func firstProblem(in body: JSONNode, operation: OperationSpec) -> ManagementError? {
        guard let input = operation.input, let shape = ShapeSpec.all[input] else { return nil }
        guard case .object = body else {
            return .serialization("class \(javaClass(body)) can not be converted to an \(targetName(shape))")
        }
        return check(body, shape: shape, bodyOnly: true)
    }

    private static func check(_ node: JSONNode, shape: ShapeSpec, bodyOnly: Bool) -> ManagementError? {
        if case .null = node { return nil }
        let fits: Bool
        switch (shape.kind, node) {
        case (.structure, .object(let fields)):
            for member in shape.members where !bodyOnly || member.location == .body {
                guard let value = fields[member.wireName], let memberShape = ShapeSpec.all[member.shape] else { continue }
                if let problem = check(value, shape: memberShape, bodyOnly: false) { return problem }
            }
            return nil
        case (.list(let memberName), .array(let items)):
            guard let memberShape = ShapeSpec.all[memberName] else { return nil }
            for item in items {
                if let problem = check(item, shape: memberShape, bodyOnly: false) { return problem }
            }
            return nil
        case (.map(_, let valueName), .object(let fields)):
            guard let valueShape = ShapeSpec.all[valueName] else { return nil }
            for key in fields.keys.sorted() {
                if let value = fields[key], let problem = check(value, shape: valueShape, bodyOnly: false) { return problem }
            }
            return nil
        case (.string, .string), (.enumeration, .string), (.blob, .string), (.timestamp, .string), (.timestamp, .number):
            fits = true
        case (.boolean, .bool):
            fits = true
        case (.integer, .number(let value)), (.long, .number(let value)):
            fits = value == value.rounded() && abs(value) < 9.2e18
        case (.double, .number):
            fits = true
        default:
            fits = false
        }
        return fits ? nil : .serialization("class \(javaClass(node)) can not be converted to an \(targetName(shape))")
    }

    private static func javaClass(_ node: JSONNode) -> String {
        switch node {
        case .null: "null"
        case .bool: "java.lang.Boolean"
        case .number: "com.amazon.coral.value.json.numbers.TruncatingBigNumber"
        case .string: "java.lang.String"
        case .array: "java.util.ArrayList"
        case .object: "java.util.LinkedHashMap"
        }
    }

    private static func targetName(_ shape: ShapeSpec) -> String {
        switch shape.kind {
        case .string, .enumeration: "String"
        case .boolean: "Boolean"
        case .integer: "Integer"
        case .long: "Long"
        case .double: "Double"
        case .timestamp: "Date"
        case .blob: "ByteBuffer"
        case .list: "List"
        case .map: "Map"
        case .structure: shape.name
        }
    }
}
