import JavaRegex

/// A JSON Schema (draft 4) compiled once for validating many instances: every subschema a
/// node in one table, `$ref`s (within the document, and to other documents by absolute URI,
/// as API Gateway's models refer to each other by their model URL) resolved to node indices
/// at compile time, patterns compiled once. Cycles through `$ref` are allowed in the table
/// and bounded when validating (`JSONSchema.Limits`).
/// https://datatracker.ietf.org/doc/html/draft-fge-json-schema-validation-00
public final class JSONSchema: Sendable {
    let nodes: [SchemaNode]
    let root: Int

    /// Compiles `document`; `documents` holds the other documents `$ref`s may name, by URI
    /// (without fragment).
    public init(_ document: SchemaValue, documents: [String: SchemaValue] = [:]) {
        var compiler = SchemaCompiler(documents: documents)
        root = compiler.compile(document, document: "", pointer: "")
        nodes = compiler.nodes
    }

    /// What validating costs at most: nesting depth, `$ref` hops without descending into the
    /// instance (a cycle), keyword evaluations, and wall time (patterns run under the rest of it).
    public struct Limits: Sendable {
        public var maxDepth: Int
        public var maxRefHops: Int
        public var maxSteps: Int
        public var timeBudget: Duration

        public init(maxDepth: Int = 256, maxRefHops: Int = 64, maxSteps: Int = 2_000_000, timeBudget: Duration = .seconds(1)) {
            self.maxDepth = maxDepth
            self.maxRefHops = maxRefHops
            self.maxSteps = maxSteps
            self.timeBudget = timeBudget
        }
    }

    /// The outcome of validating one instance.
    public enum Result: Sendable, Equatable {
        case valid
        /// The messages, in the Java draft 4 validator's words (`object has missing required
        /// properties (["name"])`).
        case invalid([String])
        /// A limit was reached before an answer (a `$ref` cycle, pathological pattern, …).
        case exhausted(String)

        public var isValid: Bool { self == .valid }
    }

    public func validate(_ instance: SchemaValue, limits: Limits = Limits()) -> Result {
        var run = ValidationRun(nodes: nodes, limits: limits)
        var errors: [String] = []
        run.validate(instance, node: root, depth: 0, hops: 0, errors: &errors)
        if let reason = run.exhausted { return .exhausted(reason) }
        return errors.isEmpty ? .valid : .invalid(errors)
    }
}

/// Which of the types a `type` keyword allows (draft 4's seven primitive types).
struct TypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let array = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let integer = TypeSet(rawValue: 4)
    static let null = TypeSet(rawValue: 8)
    static let number = TypeSet(rawValue: 16)
    static let object = TypeSet(rawValue: 32)
    static let string = TypeSet(rawValue: 64)

    static let named: [(String, TypeSet)] = [
        ("array", .array), ("boolean", .boolean), ("integer", .integer), ("null", .null), ("number", .number),
        ("object", .object), ("string", .string),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let found = Self.named.first(where: { $0.0 == name }) else { return nil }
        self = found.1
    }

    static func of(_ value: SchemaValue) -> TypeSet {
        switch value {
        case .null: return .null
        case .bool: return .boolean
        case .number(let n): return n.isInteger ? .integer : .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    /// The allowed names as the Java validator prints them: `number` implies `integer`, in
    /// its type order.
    var names: [String] {
        let effective = contains(.number) ? union(.integer) : self
        return Self.named.filter { effective.contains($0.1) }.map(\.0)
    }
}

/// A compiled pattern (nil when it is not a valid regular expression: it then matches nothing).
struct CompiledPattern: Sendable {
    let source: String
    let pattern: JavaPattern?

    init(_ source: String) {
        self.source = source
        pattern = try? JavaPattern(source)
    }
}

/// How array items or extra members are constrained.
enum Additional: Sendable {
    case allowed
    case forbidden
    case schema(Int)
}

enum Items: Sendable {
    case none
    case all(Int)
    case tuple([Int])
}

enum Dependency: Sendable {
    case properties([String])
    case schema(Int)
}

/// One compiled subschema. A `$ref` replaces every other keyword (draft 4).
struct SchemaNode: Sendable {
    var ref: Int?
    var unresolvedRef: String?
    var types: TypeSet?
    var enumValues: SchemaValue?
    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var not: Int?
    var minimum: SchemaNumber?
    var exclusiveMinimum = false
    var maximum: SchemaNumber?
    var exclusiveMaximum = false
    var multipleOf: SchemaNumber?
    var minLength: Int?
    var maxLength: Int?
    var pattern: CompiledPattern?
    var items: Items = .none
    var additionalItems: Additional = .allowed
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var properties: [String: Int] = [:]
    var patternProperties: [(CompiledPattern, Int)] = []
    var additionalProperties: Additional = .allowed
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    var dependencies: [(String, Dependency)] = []

    /// Whether the instance's children need visiting at all.
    var hasObjectChildren: Bool {
        !properties.isEmpty || !patternProperties.isEmpty || { if case .schema = additionalProperties { return true } else { return false } }()
    }
}
