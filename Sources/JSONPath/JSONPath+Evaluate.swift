import Collections

/// Why an evaluation stopped: Jayway's `PathNotFoundException` (the whole read finds
/// nothing) or any other exception (the read fails).
enum EvalFailure: Error {
    case notFound
    case invalid(String)
}

/// Evaluates compiled paths as Jayway 2.0.0's path tokens do with the default
/// configuration (no options), including where a missing member or a wrong type aborts the
/// whole read rather than skipping one candidate.
struct PathEvaluator {
    let root: JSONValue

    init(root: JSONValue) {
        self.root = root
    }

    /// Per-evaluation state: Jayway's `EvaluationContextImpl`.
    struct Context {
        let path: CompiledPath
        /// `Option.REQUIRE_PROPERTIES`, which Jayway sets for existence filters.
        let requireProperties: Bool
        var results: [JSONValue] = []

        func isLeaf(_ k: Int) -> Bool { k == path.tokens.count - 1 }
    }

    /// `path.evaluate(document).getValue()`: the single match of a definite path (not
    /// found when there is none) or the array of all matches.
    func value(of path: CompiledPath, on document: JSONValue, requireProperties: Bool) throws(EvalFailure) -> JSONValue {
        var ctx = Context(path: path, requireProperties: requireProperties)
        try evaluate(0, document, &ctx)
        if path.isDefinite {
            guard let first = ctx.results.first else { throw .notFound }
            return first
        }
        return .array(ctx.results)
    }

    func evaluate(_ k: Int, _ model: JSONValue, _ ctx: inout Context) throws(EvalFailure) {
        switch ctx.path.tokens[k] {
        case .root:
            try deliver(k, model, &ctx)
        case .property(let properties):
            guard case .object(let object) = model else { throw .notFound }
            try handleProperties(k, object, properties, &ctx)
        case .array(let operation, let numbers):
            try evaluateArray(k, model, operation, numbers, &ctx)
        case .wildcard:
            switch model {
            case .object(let object):
                for value in object.values {
                    try deliver(k, value, &ctx)
                }
            case .array(let items):
                for index in items.indices {
                    do {
                        try handleIndex(k, index, items, &ctx)
                    } catch .notFound {
                        if ctx.requireProperties { throw .notFound }
                    }
                }
            default:
                break
            }
        case .scan:
            guard !ctx.isLeaf(k) else { throw .invalid("IllegalStateException: Current path token is a leaf") }
            try walk(k + 1, model, &ctx)
        case .predicate(let filters):
            switch model {
            case .object:
                if try accept(filters, model) {
                    try deliver(k, model, &ctx)
                }
            case .array(let items):
                for (index, item) in items.enumerated() where try accept(filters, item) {
                    try handleIndex(k, index, items, &ctx)
                }
            default:
                throw .invalid("InvalidPathException: Filter can not be applied to primitives. Current context is: \(JSONWriter.javaString(model))")
            }
        }
    }

    /// A token matched `value`: it is a result when the token is the last one, else the
    /// rest of the path continues from it.
    @inline(__always)
    func deliver(_ k: Int, _ value: JSONValue, _ ctx: inout Context) throws(EvalFailure) {
        if ctx.isLeaf(k) {
            ctx.results.append(value)
        } else {
            try evaluate(k + 1, value, &ctx)
        }
    }

    func handleProperties(
        _ k: Int, _ object: OrderedDictionary<String, JSONValue>, _ properties: [String],
        _ ctx: inout Context
    ) throws(EvalFailure) {
        if properties.count == 1 {
            guard let value = object[properties[0]] else {
                if ctx.isLeaf(k) { throw .notFound }
                // A missing member in the middle of an indefinite path skips this branch;
                // in a definite one the whole read finds nothing.
                if !ctx.path.upstreamDefinite[k] && !ctx.requireProperties { return }
                throw .notFound
            }
            try deliver(k, value, &ctx)
            return
        }
        guard ctx.isLeaf(k) else {
            throw .invalid("InvalidPathException: Multi properties can only be used as path leafs")
        }
        var merged = OrderedDictionary<String, JSONValue>()
        for property in properties {
            if let value = object[property] {
                merged[property] = value
            } else if ctx.requireProperties {
                throw .notFound
            }
        }
        ctx.results.append(.object(merged))
    }

    func handleIndex(_ k: Int, _ index: Int, _ items: [JSONValue], _ ctx: inout Context) throws(EvalFailure) {
        guard index >= 0 && index < items.count else { throw .notFound }
        try deliver(k, items[index], &ctx)
    }

    func evaluateArray(
        _ k: Int, _ model: JSONValue, _ operation: ArrayOperation, _ numbers: [Int],
        _ ctx: inout Context
    ) throws(EvalFailure) {
        if case .null = model { throw .notFound }
        guard case .array(let items) = model else {
            throw .invalid("InvalidPathException: Filter can only be applied to arrays. Current context is: \(JSONWriter.javaString(model))")
        }
        let length = items.count
        switch operation {
        case .singleIndex:
            try handleIndex(k, numbers[0], items, &ctx)
        case .indexSequence:
            for index in numbers {
                try handleIndex(k, index, items, &ctx)
            }
        case .contextSize:
            try handleIndex(k, length + numbers[0], items, &ctx)
        case .sliceFrom:
            var from = numbers[0]
            if from < 0 { from += length }
            from = max(0, from)
            if length == 0 || from >= length { return }
            for index in from..<length {
                try handleIndex(k, index, items, &ctx)
            }
        case .sliceTo:
            var to = numbers[0]
            if to < 0 { to += length }
            to = min(length, to)
            if length == 0 || to <= 0 { return }
            for index in 0..<to {
                try handleIndex(k, index, items, &ctx)
            }
        case .sliceBetween:
            let from = numbers[0]
            let to = min(length, numbers[1])
            if from >= to || length == 0 { return }
            for index in from..<to {
                try handleIndex(k, index, items, &ctx)
            }
        }
    }

    // MARK: Deep scan

    /// Jayway's `ScanPathToken.walk`: visits every object and array depth-first; where the
    /// token after `..` can apply, the rest of the path is evaluated there. On an array,
    /// a non-final token after `..` is skipped and the path continues on each element.
    func walk(_ pt: Int, _ model: JSONValue, _ ctx: inout Context) throws(EvalFailure) {
        switch model {
        case .object(let object):
            if try scanMatches(ctx.path.tokens[pt], model) {
                try evaluate(pt, model, &ctx)
            }
            for value in object.values {
                try walk(pt, value, &ctx)
            }
        case .array(let items):
            if try scanMatches(ctx.path.tokens[pt], model) {
                if ctx.isLeaf(pt) {
                    try evaluate(pt, model, &ctx)
                } else {
                    for item in items {
                        try evaluate(pt + 1, item, &ctx)
                    }
                }
            }
            for item in items {
                try walk(pt, item, &ctx)
            }
        default:
            break
        }
    }

    /// Whether the token after `..` applies to `model` (Jayway's scan predicates).
    func scanMatches(_ token: PathToken, _ model: JSONValue) throws(EvalFailure) -> Bool {
        switch token {
        case .property(let properties):
            guard case .object(let object) = model else { return false }
            return properties.allSatisfy { object[$0] != nil }
        case .array:
            if case .array = model { return true }
            return false
        case .wildcard:
            return true
        case .predicate(let filters):
            return try accept(filters, model)
        case .root, .scan:
            return false
        }
    }
}
