/// A compiled trie of URI templates, matched segment by segment.
///
/// Both planes route with it: the management API's 124 operation templates
/// (`/restapis/{restapi_id}/resources/{resource_id}`) and each deployment's resource tree
/// (`/pets/{petId}`, `/{proxy+}`). At every segment a literal child beats a `{label}` child,
/// which beats a `{greedy+}` child, and the matcher backtracks when a more specific branch
/// dead-ends, as API Gateway does:
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html
public struct RouteTrie<Value: Sendable>: Sendable {
    final class Node: @unchecked Sendable {
        /// Literal children; looked up by comparing bytes, which beats hashing for the handful
        /// of children a node has (a dictionary takes over past `linearLimit`).
        var literalList: [(key: String, node: Node)] = []
        var literals: [Substring: Node] = [:]
        var label: (name: String, node: Node)?
        var greedy: (name: String, value: Value)?
        var value: Value?

        static var linearLimit: Int { 12 }

        func literal(_ segment: Substring) -> Node? {
            if literalList.count > Self.linearLimit { return literals[segment] }
            let count = segment.utf8.count
            for child in literalList where child.key.utf8.count == count && child.key.utf8.elementsEqual(segment.utf8) {
                return child.node
            }
            return nil
        }

        func addLiteral(_ key: String, _ node: Node) {
            literalList.append((key, node))
            literals[Substring(key)] = node
        }
    }

    private let root = Node()

    public init() {}

    /// One segment of a parsed template.
    public enum Segment: Hashable, Sendable {
        case literal(String)
        case label(String)
        case greedy(String)

        /// Parses `{name}` / `{name+}` / literal. Byte-wise: the braces and `+` are ASCII, and
        /// Character comparisons (grapheme breaking) made building the management API's route
        /// table a noticeable part of start-up.
        public init(_ text: Substring) {
            let bytes = text.utf8
            if bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") {
                let inner = bytes.dropFirst().dropLast()
                if inner.last == UInt8(ascii: "+") {
                    self = .greedy(String(Substring(inner.dropLast())))
                } else {
                    self = .label(String(Substring(inner)))
                }
            } else {
                self = .literal(String(text))
            }
        }
    }

    /// Splits a template such as `/a/{b}/{c+}` into segments (empty segments dropped).
    public static func segments(of template: String) -> [Segment] {
        template.utf8.split(separator: UInt8(ascii: "/")).map { Segment(Substring($0)) }
    }

    /// Adds a template. Returns false (and changes nothing) if the same template is already present.
    @discardableResult
    public mutating func insert(_ template: [Segment], value: Value) -> Bool {
        var node = root
        for (index, segment) in template.enumerated() {
            switch segment {
            case .literal(let text):
                if let next = node.literals[Substring(text)] {
                    node = next
                } else {
                    let next = Node()
                    node.addLiteral(text, next)
                    node = next
                }
            case .label(let name):
                if let existing = node.label {
                    node = existing.node
                } else {
                    let next = Node()
                    node.label = (name, next)
                    node = next
                }
            case .greedy(let name):
                // A greedy segment must be last.
                guard index == template.count - 1, node.greedy == nil else { return false }
                node.greedy = (name, value)
                return true
            }
        }
        guard node.value == nil else { return false }
        node.value = value
        return true
    }

    /// A successful match: the value and the captured parameters (raw, not percent-decoded).
    public struct Match: Sendable {
        public let value: Value
        public let parameters: [(name: String, value: Substring)]

        public func parameter(_ name: String) -> Substring? {
            parameters.first { $0.name == name }?.value
        }
    }

    /// Matches `path` segment by segment (empty segments skipped), scanning its bytes in place.
    public func match(path: Substring) -> Match? {
        match(path: path, accepting: { _ in true })
    }

    /// Matches `path` as `match(path:)` does, but a template whose value `accept` refuses is a
    /// dead end: the matcher backtracks to the next less specific one. API Gateway routes a
    /// request whose method the matched resource lacks (and has no ANY for) to a `{proxy+}`
    /// resource that has it, so the data plane accepts only resources with a method for the
    /// request.
    public func match(path: Substring, accepting accept: (Value) -> Bool) -> Match? {
        var captured: [(name: String, value: Substring)] = []
        captured.reserveCapacity(4)
        guard let value = Self.match(root, path, from: path.startIndex, &captured, accept) else { return nil }
        return Match(value: value, parameters: captured)
    }

    /// The next non-empty segment of `path` at or after `from`.
    private static func segment(_ path: Substring, from: Substring.Index) -> Range<Substring.Index>? {
        let utf8 = path.utf8
        var start = from
        while start < utf8.endIndex, utf8[start] == UInt8(ascii: "/") { start = utf8.index(after: start) }
        guard start < utf8.endIndex else { return nil }
        var end = start
        while end < utf8.endIndex, utf8[end] != UInt8(ascii: "/") { end = utf8.index(after: end) }
        return start..<end
    }

    private static func match(
        _ node: Node, _ path: Substring, from: Substring.Index,
        _ captured: inout [(name: String, value: Substring)], _ accept: (Value) -> Bool
    ) -> Value? {
        guard let range = segment(path, from: from) else { return node.value.flatMap { accept($0) ? $0 : nil } }
        let head = path[range]
        if let next = node.literal(head), let value = match(next, path, from: range.upperBound, &captured, accept) {
            return value
        }
        if let (name, next) = node.label {
            captured.append((name, head))
            if let value = match(next, path, from: range.upperBound, &captured, accept) { return value }
            captured.removeLast()
        }
        if let (name, value) = node.greedy, accept(value) {
            // The greedy parameter spans the rest of the path up to its last non-empty segment.
            var end = path.endIndex
            while end > range.upperBound, path.utf8[path.utf8.index(before: end)] == UInt8(ascii: "/") {
                end = path.utf8.index(before: end)
            }
            captured.append((name, path[range.lowerBound..<end]))
            return value
        }
        return nil
    }
}
