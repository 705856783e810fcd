/// One condition of a statement's `Condition` block: an operator, optionally qualified
/// (`ForAnyValue:`/`ForAllValues:`) and `…IfExists`, applied to one context key and its values.
/// The values of one condition are OR'ed; the statement AND's its conditions.
/// Keys compare case-insensitively (kept lower-cased); a key the request lacks makes a positive
/// operator false and a negated one (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`…) true,
/// unless `IfExists` (then true) or `Null` decides.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
struct PolicyCondition: Sendable, Equatable {
    enum Qualifier: Sendable, Equatable {
        case single
        case forAnyValue
        case forAllValues
    }

    enum Comparison: Sendable, Equatable {
        case less, lessOrEqual, equal, greaterOrEqual, greater

        func holds(_ left: Double, _ right: Double) -> Bool {
            switch self {
            case .less: left < right
            case .lessOrEqual: left <= right
            case .equal: left == right
            case .greaterOrEqual: left >= right
            case .greater: left > right
            }
        }
    }

    /// The operator's positive test with its values read once.
    enum Test: Sendable, Equatable {
        case stringEquals([String])
        /// Values lower-cased.
        case stringEqualsIgnoreCase([String])
        case stringLike([[UInt8]])
        case numeric(Comparison, [Double])
        case date(Comparison, [Double])
        /// `true`/`false`, lower-cased.
        case bool([String])
        case ipAddress([IPRange])
        /// Up to six colon-separated components per value.
        case arnLike([[[UInt8]]])
        /// true: the key must be absent; false: present.
        case null(Bool)
    }

    let key: String
    let qualifier: Qualifier
    let test: Test
    /// The operator's negated form (`StringNotEquals` is `StringEquals`, negated).
    let negated: Bool
    let ifExists: Bool

    /// The condition for `request`'s values of `key`.
    func holds(_ context: PolicyContext) -> Bool {
        let values = context.values(lowercasedKey: key)
        if case .null(let absent) = test { return (values?.isEmpty ?? true) == absent }
        guard let values, !values.isEmpty else {
            if ifExists { return true }
            switch qualifier {
            case .single: return negated
            case .forAnyValue: return false
            case .forAllValues: return true
            }
        }
        switch qualifier {
        case .single:
            let found = values.contains(where: matches)
            return negated ? !found : found
        case .forAnyValue:
            return values.contains { matches($0) != negated }
        case .forAllValues:
            return values.allSatisfy { matches($0) != negated }
        }
    }

    /// Whether one request value matches any of the condition's values (the positive test).
    private func matches(_ value: String) -> Bool {
        switch test {
        case .stringEquals(let expected): return expected.contains(value)
        case .stringEqualsIgnoreCase(let expected): return expected.contains(value.lowercased())
        case .stringLike(let patterns): return patterns.contains { Wildcard.matches(pattern: $0, value: value.utf8) }
        case .numeric(let comparison, let expected):
            guard let number = Double(value), number.isFinite else { return false }
            return expected.contains { comparison.holds(number, $0) }
        case .date(let comparison, let expected):
            guard let seconds = PolicyDate.seconds(value) else { return false }
            return expected.contains { comparison.holds(seconds, $0) }
        case .bool(let expected): return expected.contains(value.lowercased())
        case .ipAddress(let ranges):
            guard let address = IPRange.address(value) else { return false }
            return ranges.contains { $0.contains(address) }
        case .arnLike(let patterns):
            let parts = Self.arnParts(value)
            return patterns.contains { pattern in
                pattern.count == parts.count && zip(pattern, parts).allSatisfy { Wildcard.matches(pattern: $0, value: $1) }
            }
        case .null: return false
        }
    }

    /// An ARN's six components (the last keeps its colons); fewer for text that is not one.
    static func arnParts(_ text: String) -> [[UInt8]] {
        text.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 5, omittingEmptySubsequences: false).map(Array.init)
    }
}

extension PolicyCondition {
    private static let comparisons: [String: (Comparison, negated: Bool)] = [
        "Equals": (.equal, false), "NotEquals": (.equal, true), "LessThan": (.less, false),
        "LessThanEquals": (.lessOrEqual, false), "GreaterThan": (.greater, false), "GreaterThanEquals": (.greaterOrEqual, false),
    ]

    /// The operator IAM names `name` (without qualifier and `IfExists`) with its values read:
    /// nil for an unknown operator, a nil test for values the operator cannot take.
    private static func test(_ name: Substring, _ values: [String]) -> (test: Test?, negated: Bool)? {
        switch name {
        case "StringEquals", "BinaryEquals": return (.stringEquals(values), false)
        case "StringNotEquals": return (.stringEquals(values), true)
        case "StringEqualsIgnoreCase": return (.stringEqualsIgnoreCase(values.map { $0.lowercased() }), false)
        case "StringNotEqualsIgnoreCase": return (.stringEqualsIgnoreCase(values.map { $0.lowercased() }), true)
        case "StringLike": return (.stringLike(values.map { Array($0.utf8) }), false)
        case "StringNotLike": return (.stringLike(values.map { Array($0.utf8) }), true)
        case "Bool":
            let flags = values.map { $0.lowercased() }
            return (flags.allSatisfy { $0 == "true" || $0 == "false" } ? .bool(flags) : nil, false)
        case "IpAddress": return (ipRanges(values).map(Test.ipAddress), false)
        case "NotIpAddress": return (ipRanges(values).map(Test.ipAddress), true)
        case "ArnEquals", "ArnLike": return (.arnLike(values.map(arnParts)), false)
        case "ArnNotEquals", "ArnNotLike": return (.arnLike(values.map(arnParts)), true)
        default: break
        }
        if name.hasPrefix("Numeric"), let (comparison, negated) = comparisons[String(name.dropFirst("Numeric".count))] {
            let numbers = values.compactMap { Double($0) }.filter(\.isFinite)
            return (numbers.count == values.count ? .numeric(comparison, numbers) : nil, negated)
        }
        if name.hasPrefix("Date"), let (comparison, negated) = comparisons[String(name.dropFirst("Date".count))] {
            let dates = values.compactMap(PolicyDate.seconds)
            return (dates.count == values.count ? .date(comparison, dates) : nil, negated)
        }
        return nil
    }

    private static func ipRanges(_ values: [String]) -> [IPRange]? {
        let ranges = values.compactMap(IPRange.init)
        return ranges.count == values.count ? ranges : nil
    }

    /// Reads `"Operator": {"key": value-or-values, …}` into one condition per key.
    static func parse(operatorName: String, body: PolicyJSON, limits: IAMPolicy.Limits, budget: inout Int) throws(PolicyError)
        -> [PolicyCondition]
    {
        var name = Substring(operatorName)
        var qualifier = Qualifier.single
        if name.hasPrefix("ForAnyValue:") {
            qualifier = .forAnyValue
            name = name.dropFirst("ForAnyValue:".count)
        } else if name.hasPrefix("ForAllValues:") {
            qualifier = .forAllValues
            name = name.dropFirst("ForAllValues:".count)
        }
        var ifExists = false
        if name.hasSuffix("IfExists"), name != "IfExists" {
            ifExists = true
            name = name.dropLast("IfExists".count)
        }
        guard case .object(let keys) = body, !keys.isEmpty else {
            throw PolicyError("Condition operator \(operatorName) must map condition keys to values")
        }
        var out: [PolicyCondition] = []
        for (key, node) in keys.sorted(by: { $0.key < $1.key }) {
            let values: [String]
            switch node {
            case .array(let items):
                values = try items.map { item throws(PolicyError) in
                    guard let text = item.scalarText else { throw PolicyError("Condition values of \(key) must be strings, numbers or booleans") }
                    return text
                }
            default:
                guard let text = node.scalarText else { throw PolicyError("Condition values of \(key) must be strings, numbers or booleans") }
                values = [text]
            }
            guard !values.isEmpty else { throw PolicyError("Condition key \(key) has no values") }
            budget -= values.count
            guard budget >= 0 else { throw PolicyError("The policy has more than \(limits.maxValues) values") }
            for value in values where value.utf8.count > limits.maxPatternLength {
                throw PolicyError("A condition value is longer than \(limits.maxPatternLength) bytes")
            }
            if name == "Null" {
                guard !ifExists, values.count == 1, let flag = ["true": true, "false": false][values[0].lowercased()] else {
                    throw PolicyError("Null takes true or false")
                }
                out.append(PolicyCondition(key: key.lowercased(), qualifier: qualifier, test: .null(flag), negated: false, ifExists: false))
                continue
            }
            guard let entry = Self.test(name, values) else { throw PolicyError("Unknown condition operator \(operatorName)") }
            guard let built = entry.test else { throw PolicyError("Invalid value for \(operatorName) on \(key)") }
            out.append(PolicyCondition(key: key.lowercased(), qualifier: qualifier, test: built, negated: entry.negated, ifExists: ifExists))
        }
        return out
    }
}
