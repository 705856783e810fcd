/// A JsonPath expression compiled as Jayway JsonPath 2.0.0 compiles it (the engine behind
/// API Gateway's `$input.path`, `$input.json` and `$util.parseJson`), evaluated as Jayway
/// evaluates it with its default configuration.
///
/// Supported, with Jayway 2.0.0's exact quirks: `$` (a path without `$`/`@` gets `$.`
/// prepended), `.name`, `['name']` (single quotes only), `['a','b']` (a definite merge of
/// both members into one object), `*`/`[*]`, `..` deep scan, `[n]` (a negative index
/// finds nothing), `[a,b]`, `[a:b]`, `[:b]`, `[a:]`, `[(@.length-n)]`, and filters
/// `[?(...)]` with `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~ /re/` (`/re/i`), existence
/// `@.x` / `!@.x`, joined by `&&` / `||` (split textually, as Jayway does). `=~` uses
/// Java regex semantics from the JavaRegex module, which must be a dependency of this
/// target (without it such paths fail to compile).
///
/// Compile once, evaluate many times; a compiled path is a small immutable value.
public struct JSONPath: Sendable, Hashable {
    /// The expression as given.
    public let expression: String
    let compiled: CompiledPath

    public init(_ expression: String) throws(JSONPathError) {
        self.expression = expression
        do {
            self.compiled = try PathCompiler.compile(expression, nesting: 0)
        } catch {
            throw JSONPathError(message: error.message, offset: error.offset)
        }
    }

    /// True when every step selects at most one node (Jayway's `isDefinite`): then the
    /// result is that node; otherwise it is an array of all matches.
    public var isDefinite: Bool { compiled.isDefinite }

    /// Evaluates against a document. nil when a definite path finds nothing (Jayway's
    /// `PathNotFoundException`), and also when Jayway would fail at evaluation time (see
    /// ``read(_:)`` to tell the two apart); an indefinite path yields `.array` of matches.
    public func evaluate(_ root: JSONValue) -> JSONValue? {
        try? read(root)
    }

    /// Jayway's `JsonPath.read(document)`: the match (definite path) or array of matches;
    /// nil for `PathNotFoundException`; throws where Jayway throws any other exception
    /// (e.g. `[0]` applied to an object, a filter comparing a number with a non-numeric
    /// string, a `null` document), which a mapping template reports as an error.
    public func read(_ root: JSONValue) throws(JSONPathError) -> JSONValue? {
        if case .null = root {
            throw JSONPathError(message: "IllegalArgumentException: root can not be null", offset: 0)
        }
        let evaluator = PathEvaluator(root: root)
        do {
            return try evaluator.value(of: compiled, on: root, requireProperties: false)
        } catch {
            switch error {
            case .notFound: return nil
            case .invalid(let message): throw JSONPathError(message: message, offset: 0)
            }
        }
    }

    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool {
        lhs.expression == rhs.expression
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(expression)
    }
}

/// An expression Jayway rejects (`InvalidPathException`, including the wrapped runtime
/// exceptions its compiler hits on malformed input), with the offset (in UTF-16 units of
/// the expression) where the compiler stopped, when known.
public struct JSONPathError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "Invalid JsonPath: \(message) (at \(offset))" }
}

// MARK: - Compiled form

/// Jayway's path tokens.
enum PathToken: Sendable {
    case root
    /// One name (a normal step) or several/none (a merged, leaf-only step).
    case property([String])
    case array(ArrayOperation, [Int])
    case wildcard
    case scan
    /// `[?(...)]`; a nil entry is Jayway's placeholder `[?]` filter, which fails when used.
    case predicate([FilterNode?])

    var isTokenDefinite: Bool {
        switch self {
        case .root, .property: return true
        case .array(let op, _): return op == .singleIndex || op == .contextSize
        case .wildcard, .scan, .predicate: return false
        }
    }
}

enum ArrayOperation: Sendable {
    case contextSize, sliceTo, sliceFrom, sliceBetween, indexSequence, singleIndex
}

struct CompiledPath: Sendable {
    /// The expression as Jayway normalized it (trimmed, `$.` prepended, `@` as `$`).
    let source: String
    let tokens: [PathToken]
    /// False for paths written with `@` (relative to the filter's current item).
    let isRootPath: Bool
    let isDefinite: Bool
    /// Jayway's `isUpstreamDefinite()` per token: the token and everything from the token
    /// before it to the end of the path are definite.
    let upstreamDefinite: [Bool]

    init(source: String, tokens: [PathToken], isRootPath: Bool) {
        self.source = source
        self.tokens = tokens
        self.isRootPath = isRootPath
        var definiteFrom = [Bool](repeating: true, count: tokens.count + 1)
        for k in stride(from: tokens.count - 1, through: 0, by: -1) {
            definiteFrom[k] = tokens[k].isTokenDefinite && definiteFrom[k + 1]
        }
        self.isDefinite = definiteFrom[0]
        self.upstreamDefinite = tokens.indices.map { k in
            tokens[k].isTokenDefinite && (k == 0 || definiteFrom[k - 1])
        }
    }
}

/// Jayway's filter tree: `SingleFilter`, `AndFilter`, `OrFilter` (evaluated in the order
/// Jayway builds them, which matters for errors).
indirect enum FilterNode: Sendable {
    case criterion(Criterion)
    case and([FilterNode])
    case or(FilterNode, FilterNode)
}

struct Criterion: Sendable {
    enum Kind: Sendable {
        case exists(CompiledPath, expected: Bool)
        case compare(left: Operand, op: CompareOperator, right: Operand)
    }
    let kind: Kind
}

enum CompareOperator: String, Sendable {
    case eq = "==", gte = ">=", lte = "<=", ne = "!=", lt = "<", gt = ">", regex = "=~"
}

enum Operand: Sendable {
    case path(CompiledPath)
    case literal(String)
    case pattern(CompiledRegex)
}
