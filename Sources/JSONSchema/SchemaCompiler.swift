/// Turns schema documents into `SchemaNode`s, once per (document, JSON pointer), so a `$ref`
/// to a subschema already compiled, or to itself, reuses its node. Keywords of the wrong
/// JSON type are ignored here (schemas are checked against the draft 4 meta-schema where
/// they are accepted, `JSONSchema.check`).
struct SchemaCompiler {
    let documents: [String: SchemaValue]
    var nodes: [SchemaNode] = []
    var compiled: [String: Int] = [:]
    /// Roots of the documents reached so far, by URI ("" is the schema being compiled).
    var roots: [String: SchemaValue] = [:]

    init(documents: [String: SchemaValue]) {
        self.documents = documents
    }

    mutating func compile(_ value: SchemaValue, document: String, pointer: String) -> Int {
        if pointer.isEmpty, roots[document] == nil { roots[document] = value }
        let key = document + "#" + pointer
        if let index = compiled[key] { return index }
        let index = nodes.count
        nodes.append(SchemaNode())
        compiled[key] = index
        guard case .object(let schema) = value else { return index }
        var node = SchemaNode()
        if case .string(let ref)? = schema["$ref"] {
            if let (target, targetDocument, targetPointer) = resolve(ref, from: document) {
                node.ref = compile(target, document: targetDocument, pointer: targetPointer)
            } else {
                node.unresolvedRef = ref
            }
            nodes[index] = node
            return index
        }
        func sub(_ value: SchemaValue, _ path: String) -> Int { compile(value, document: document, pointer: pointer + "/" + path) }
        func list(_ keyword: String) -> [Int] {
            guard case .array(let items)? = schema[keyword] else { return [] }
            return items.enumerated().map { sub($0.element, keyword + "/" + String($0.offset)) }
        }
        func count(_ keyword: String) -> Int? {
            guard case .number(let n)? = schema[keyword], n.value >= 0, n.value < 1e15 else { return nil }
            return Int(n.value)
        }
        func additional(_ keyword: String) -> Additional {
            switch schema[keyword] {
            case .bool(false)?: return .forbidden
            case .object?: return .schema(sub(schema[keyword]!, keyword))
            default: return .allowed
            }
        }
        switch schema["type"] {
        case .string(let name)?: node.types = TypeSet(name: name) ?? []
        case .array(let names)?:
            var set: TypeSet = []
            for case .string(let name) in names { set.formUnion(TypeSet(name: name) ?? []) }
            node.types = set
        default: break
        }
        if case .array? = schema["enum"] { node.enumValues = schema["enum"] }
        node.allOf = list("allOf")
        node.anyOf = list("anyOf")
        node.oneOf = list("oneOf")
        if let not = schema["not"], case .object = not { node.not = sub(not, "not") }
        if case .number(let n)? = schema["minimum"] { node.minimum = n }
        if case .number(let n)? = schema["maximum"] { node.maximum = n }
        if case .bool(let b)? = schema["exclusiveMinimum"] { node.exclusiveMinimum = b }
        if case .bool(let b)? = schema["exclusiveMaximum"] { node.exclusiveMaximum = b }
        if case .number(let n)? = schema["multipleOf"], n.value > 0 { node.multipleOf = n }
        node.minLength = count("minLength")
        node.maxLength = count("maxLength")
        if case .string(let p)? = schema["pattern"] { node.pattern = CompiledPattern(p) }
        switch schema["items"] {
        case .object?: node.items = .all(sub(schema["items"]!, "items"))
        case .array?: node.items = .tuple(list("items"))
        default: break
        }
        node.additionalItems = additional("additionalItems")
        node.minItems = count("minItems")
        node.maxItems = count("maxItems")
        if case .bool(true)? = schema["uniqueItems"] { node.uniqueItems = true }
        if case .object(let properties)? = schema["properties"] {
            for name in properties.keys {
                node.properties[name] = sub(properties[name]!, "properties/" + Self.escape(name))
            }
        }
        if case .object(let patterns)? = schema["patternProperties"] {
            for source in patterns.keys {
                node.patternProperties.append((CompiledPattern(source), sub(patterns[source]!, "patternProperties/" + Self.escape(source))))
            }
        }
        node.additionalProperties = additional("additionalProperties")
        if case .array(let names)? = schema["required"] {
            for case .string(let name) in names where !node.required.contains(name) { node.required.append(name) }
        }
        node.minProperties = count("minProperties")
        node.maxProperties = count("maxProperties")
        if case .object(let dependencies)? = schema["dependencies"] {
            for name in dependencies.keys {
                switch dependencies[name]! {
                case .array(let names):
                    node.dependencies.append((name, .properties(names.compactMap { if case .string(let s) = $0 { s } else { nil } })))
                case .object:
                    node.dependencies.append((name, .schema(sub(dependencies[name]!, "dependencies/" + Self.escape(name)))))
                default: break
                }
            }
        }
        nodes[index] = node
        return index
    }

    /// The value a `$ref` names: a fragment of this document, or of another by absolute URI.
    mutating func resolve(_ ref: String, from document: String) -> (SchemaValue, String, String)? {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        let targetDocument = base.isEmpty ? document : base
        let root: SchemaValue
        if let known = roots[targetDocument] {
            root = known
        } else if let other = documents[targetDocument] {
            roots[targetDocument] = other
            root = other
        } else {
            return nil
        }
        guard let decoded = fragment.removingPercentEncodingIfPossible() else { return nil }
        guard decoded.isEmpty || decoded.hasPrefix("/") else { return nil }
        var value = root
        var pointer = ""
        for raw in decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = raw.replacingOccurrences("~1", with: "/").replacingOccurrences("~0", with: "~")
            switch value {
            case .object(let object):
                guard let next = object[token] else { return nil }
                value = next
            case .array(let items):
                guard let i = Int(token), i >= 0, i < items.count else { return nil }
                value = items[i]
            default:
                return nil
            }
            pointer += "/" + Self.escape(token)
        }
        return (value, targetDocument, pointer)
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences("~", with: "~0").replacingOccurrences("/", with: "~1")
    }
}

extension StringProtocol {
    /// Plain substring replacement (the engine does not import Foundation).
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, self.contains(target) else { return String(self) }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[rest.startIndex..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// `%XX` escapes decoded as UTF-8; nil when an escape is malformed.
    func removingPercentEncodingIfPossible() -> String? {
        guard self.contains("%") else { return String(self) }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
