import APIGatewayModel
import Yams

/// A JSON value whose objects keep their members in the order they were written: what
/// exports are built as, so that `swagger` comes first and paths read top-down. Written as
/// indented JSON (the layout AWS's exports have: `"key" : value`, arrays of scalars on one
/// line) or as YAML.
indirect enum OrderedJSON {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    /// A parsed value (object members in key order).
    init(_ node: JSONNode) {
        switch node {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(OrderedJSON.init))
        case .object(let fields): self = .object(fields.sorted { $0.key < $1.key }.map { ($0.key, OrderedJSON($0.value)) })
        }
    }

    // MARK: JSON

    func prettyJSON() -> [UInt8] {
        var out = ""
        write(to: &out, indent: 0)
        return Array(out.utf8)
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += Self.numberText(number)
        case .string(let text): out += JSONOutput.quoted(text)
        case .array(let items):
            if items.isEmpty {
                out += "[ ]"
                return
            }
            out += "[ "
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.write(to: &out, indent: indent)
            }
            out += " ]"
        case .object(let members):
            if members.isEmpty {
                out += "{ }"
                return
            }
            out += "{\n"
            let pad = String(repeating: " ", count: indent + 2)
            for (index, (key, value)) in members.enumerated() {
                out += pad + JSONOutput.quoted(key) + " : "
                value.write(to: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func numberText(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 9.007_199_254_740_992e15 ? String(Int64(number)) : String(number)
    }

    // MARK: YAML

    func yaml() -> [UInt8] {
        let text = (try? Yams.serialize(node: yamlNode(), indent: 2, width: -1, allowUnicode: true)) ?? ""
        return Array(text.utf8)
    }

    private func yamlNode() -> Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number): return Node(Self.numberText(number), Tag(number == number.rounded() ? .int : .float))
        case .string(let text):
            // A string that would read back as a number, boolean or null is quoted.
            let plain = Resolver.default.resolveTag(of: Node(text)) == .str
            return .scalar(Node.Scalar(text, Tag(.str), plain ? .any : .singleQuoted))
        case .array(let items): return .sequence(Node.Sequence(items.map { $0.yamlNode() }))
        case .object(let members): return .mapping(Node.Mapping(members.map { (OrderedJSON.string($0.0).yamlNode(), $0.1.yamlNode()) }))
        }
    }
}
