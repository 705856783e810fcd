/// A filter operand as a Java object: a JSON node (`.null` is Java `null`), a literal
/// string from the filter text (also a `.string`), or a compiled `Pattern`. A node read
/// through a path carries the path, so that Java's object-identity test can be modelled.
enum JavaObject {
    case json(JSONValue, origin: Origin? = nil)
    case pattern(CompiledRegex)

    /// Where a node came from: the normalized path and whether it was read from the root.
    struct Origin: Equatable {
        let source: String
        let isRootPath: Bool
    }

    /// Java's `left == right` in `safeCompare`: the same object. Nodes are the same when
    /// read through the same path in the same filter evaluation, or when they are the same
    /// non-empty array/object storage (Swift shares it between copies of one node, while
    /// separately parsed nodes never share it).
    static func isSameObject(_ a: JavaObject, _ b: JavaObject) -> Bool {
        guard case .json(let x, let ox) = a, case .json(let y, let oy) = b else { return false }
        if let ox, let oy, ox == oy { return true }
        switch (x, y) {
        case (.array(let p), .array(let q)):
            guard !p.isEmpty, p.count == q.count else { return false }
            return p.withUnsafeBufferPointer { pb in q.withUnsafeBufferPointer { qb in pb.baseAddress == qb.baseAddress } }
        case (.object(let p), .object(let q)):
            guard !p.isEmpty, p.count == q.count else { return false }
            return p.values.elements.withUnsafeBufferPointer { pb in
                q.values.elements.withUnsafeBufferPointer { qb in pb.baseAddress == qb.baseAddress }
            }
        default:
            return false
        }
    }

    var isNull: Bool {
        if case .json(.null, _) = self { return true }
        return false
    }

    /// Jayway's `isNullish`: `null` or the string `"null"`.
    var isNullish: Bool {
        switch self {
        case .json(.null, _), .json(.string("null"), _): return true
        default: return false
        }
    }
}

extension PathEvaluator {
    /// `PredicatePathToken.accept`: every filter of the token must hold for `item`.
    func accept(_ filters: [FilterNode?], _ item: JSONValue) throws(EvalFailure) -> Bool {
        for filter in filters {
            guard let filter else { throw .invalid("NullPointerException: predicate is null") }
            if try !apply(filter, item) { return false }
        }
        return true
    }

    func apply(_ node: FilterNode, _ item: JSONValue) throws(EvalFailure) -> Bool {
        switch node {
        case .criterion(let criterion):
            return try apply(criterion, item)
        case .and(let nodes):
            for n in nodes where try !apply(n, item) { return false }
            return true
        case .or(let left, let right):
            if try apply(left, item) { return true }
            return try apply(right, item)
        }
    }

    func apply(_ criterion: Criterion, _ item: JSONValue) throws(EvalFailure) -> Bool {
        switch criterion.kind {
        case .exists(let path, let expected):
            // Evaluated on the current item (even for a `$` path), with REQUIRE_PROPERTIES;
            // a JSON null counts as absent.
            do {
                let value = try value(of: path, on: item, requireProperties: true)
                if case .null = value { return !expected }
                return expected
            } catch .notFound {
                return !expected
            }
        case .compare(let left, let op, let right):
            let leftValue: JavaObject
            let rightValue: JavaObject
            do {
                leftValue = try resolve(left, item)
                rightValue = try resolve(right, item)
            } catch .notFound {
                return false
            }
            return try Self.compare(op, expected: rightValue, model: leftValue)
        }
    }

    func resolve(_ operand: Operand, _ item: JSONValue) throws(EvalFailure) -> JavaObject {
        switch operand {
        case .path(let path):
            let value = try value(of: path, on: path.isRootPath ? root : item, requireProperties: false)
            return .json(value, origin: JavaObject.Origin(source: path.source, isRootPath: path.isRootPath))
        case .literal(let s):
            return .json(.string(s))
        case .pattern(let regex):
            return .pattern(regex)
        }
    }

    /// Jayway's `CriteriaType.eval(expected, model)`; uncomparable types are false, while a
    /// failing number conversion or a non-pattern operand of `=~` is an error.
    static func compare(_ op: CompareOperator, expected: JavaObject, model: JavaObject) throws(EvalFailure) -> Bool {
        switch op {
        case .eq:
            guard let r = try safeCompare(expected, model) else { return false }
            return r == 0
        case .ne:
            guard let r = try safeCompare(expected, model) else { return false }
            return r != 0
        case .gt, .gte, .lt, .lte:
            if expected.isNull != model.isNull { return false }
            guard let r = try safeCompare(expected, model) else { return false }
            switch op {
            case .gt: return r < 0
            case .gte: return r <= 0
            case .lt: return r > 0
            default: return r >= 0
            }
        case .regex:
            let pattern: CompiledRegex?
            let target: JavaObject
            if case .pattern(let p) = model {
                pattern = p
                target = expected
            } else {
                switch expected {
                case .pattern(let p): pattern = p
                case .json(.null, _): pattern = nil
                case .json: throw .invalid("ClassCastException: not a java.util.regex.Pattern")
                }
                target = model
            }
            if target.isNull { return false }
            guard let pattern else { throw .invalid("NullPointerException: pattern is null") }
            let text: String
            switch target {
            case .pattern(let p): text = p.source
            case .json(let value, _): text = JSONWriter.javaString(value)
            }
            guard let matched = pattern.matchesWhole(text) else {
                throw .invalid("regular expression exceeded its time budget")
            }
            return matched
        }
    }

    /// Jayway's `safeCompare(left, right)`; nil is its `ValueCompareException`.
    static func safeCompare(_ left: JavaObject, _ right: JavaObject) throws(EvalFailure) -> Int? {
        if left.isNull && right.isNull { return 0 }
        if JavaObject.isSameObject(left, right) { return 0 }
        let leftNullish = left.isNullish
        let rightNullish = right.isNullish
        if leftNullish && !rightNullish { return -1 }
        if !leftNullish && rightNullish { return 1 }
        if leftNullish && rightNullish { return 0 }
        guard case .json(let l, _) = left, case .json(let r, _) = right else { return nil }
        switch (l, r) {
        case (.string(let a), .string(let b)):
            let expected = a.contains("'") ? replaceEscapedQuotes(a) : a
            return compareUTF16(expected, b)
        case (.string(let a), _) where r.isNumber:
            return try compareDecimal(a, r.javaNumberText ?? "")
        case (_, _) where l.isNumber && r.isNumber:
            return try compareDecimal(l.javaNumberText ?? "", r.javaNumberText ?? "")
        case (.string(let a), .bool(let b)):
            return compareBool(isTrueIgnoringCase(a), b)
        case (.bool(let a), .bool(let b)):
            return compareBool(a, b)
        default:
            return nil
        }
    }

    /// `new BigDecimal(a).compareTo(new BigDecimal(b))`.
    static func compareDecimal(_ a: String, _ b: String) throws(EvalFailure) -> Int {
        guard let x = DecimalText(javaLiteral: a) else {
            throw .invalid("NumberFormatException: Character array is missing \"exponent\" mark or is not a number: \(a)")
        }
        guard let y = DecimalText(javaLiteral: b) else {
            throw .invalid("NumberFormatException: not a number: \(b)")
        }
        return DecimalText.compare(x, y)
    }

    /// `String.compareTo`: lexicographic by UTF-16 code unit.
    static func compareUTF16(_ a: String, _ b: String) -> Int {
        var ia = a.utf16.makeIterator()
        var ib = b.utf16.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    static func compareBool(_ a: Bool, _ b: Bool) -> Int {
        a == b ? 0 : (a ? 1 : -1)
    }

    /// `Boolean.valueOf(s)`: true exactly for "true" in any letter case.
    static func isTrueIgnoringCase(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 4 else { return false }
        return zip(u, "true".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    /// `s.replace("\\'", "'")`.
    static func replaceEscapedQuotes(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingBackslash = false
        for scalar in s.unicodeScalars {
            if pendingBackslash {
                if scalar != "'" { out.append("\\") }
                pendingBackslash = false
            }
            if scalar == "\\" {
                pendingBackslash = true
            } else {
                out.append(scalar)
            }
        }
        if pendingBackslash { out.append("\\") }
        return String(out)
    }
}
