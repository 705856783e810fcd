/// One validation of an instance against compiled nodes: keywords of a subschema in the Java
/// validator's (alphabetical) order, then the instance's children (members in name order) while
/// no error has been found; messages worded as the
/// Java draft 4 validator (java-json-tools/json-schema-validator) words them, which API
/// Gateway prints in `$context.error.validationErrorString`. Bounded by `JSONSchema.Limits`.
struct ValidationRun {
    let nodes: [SchemaNode]
    let limits: JSONSchema.Limits
    let deadline: ContinuousClock.Instant
    var steps = 0
    var exhausted: String?

    init(nodes: [SchemaNode], limits: JSONSchema.Limits) {
        self.nodes = nodes
        self.limits = limits
        deadline = ContinuousClock.now.advanced(by: limits.timeBudget)
    }

    mutating func validate(_ instance: SchemaValue, node index: Int, depth: Int, hops: Int, errors: inout [String]) {
        guard exhausted == nil else { return }
        steps += 1
        if steps > limits.maxSteps { return exhaust("validation took more than \(limits.maxSteps) steps") }
        if steps & 1023 == 0, ContinuousClock.now > deadline { return exhaust("validation ran out of time") }
        guard depth <= limits.maxDepth else { return exhaust("schema or instance nested deeper than \(limits.maxDepth)") }
        let node = nodes[index]
        if let ref = node.ref {
            guard hops < limits.maxRefHops else { return exhaust("$ref followed more than \(limits.maxRefHops) times (a loop)") }
            return validate(instance, node: ref, depth: depth + 1, hops: hops + 1, errors: &errors)
        }
        if let unresolved = node.unresolvedRef {
            errors.append("unable to dereference JSON reference \"\(unresolved)\"")
            return
        }
        keywords(instance, node, depth: depth, hops: hops, errors: &errors)
        // As the Java validator: once its report holds an error, it validates no deeper
        // (sibling members still have their own keywords checked).
        if errors.isEmpty { children(instance, node, depth: depth, errors: &errors) }
    }

    mutating func exhaust(_ reason: String) {
        if exhausted == nil { exhausted = reason }
    }

    /// Whether `instance` matches `index`, with no messages kept.
    mutating func matches(_ instance: SchemaValue, _ index: Int, depth: Int, hops: Int) -> Bool {
        var scratch: [String] = []
        validate(instance, node: index, depth: depth + 1, hops: hops, errors: &scratch)
        return scratch.isEmpty
    }

    mutating func keywords(_ instance: SchemaValue, _ node: SchemaNode, depth: Int, hops: Int, errors: inout [String]) {
        switch instance {
        case .array(let items):
            if case .tuple(let tuple) = node.items, case .forbidden = node.additionalItems, items.count > tuple.count {
                errors.append("schema only allows \(tuple.count) elements in array but instance has \(items.count) elements")
            }
        case .object(let object):
            if case .forbidden = node.additionalProperties {
                let extra = object.keys.filter { key in
                    node.properties[key] == nil && !node.patternProperties.contains { matchesPattern($0.0, key) }
                }
                if !extra.isEmpty {
                    errors.append("object instance has properties which are not allowed by the schema: \(SchemaValue.stringArray(extra.sorted()))")
                }
            }
        default: break
        }
        if !node.allOf.isEmpty {
            let matched = node.allOf.filter { matches(instance, $0, depth: depth, hops: hops) }.count
            if matched < node.allOf.count {
                errors.append("instance failed to match all required schemas (matched only \(matched) out of \(node.allOf.count))")
            }
        }
        if !node.anyOf.isEmpty, !node.anyOf.contains(where: { matches(instance, $0, depth: depth, hops: hops) }) {
            errors.append("instance failed to match at least one required schema among \(node.anyOf.count)")
        }
        if case .object(let object) = instance {
            for (name, dependency) in node.dependencies where object[name] != nil {
                switch dependency {
                case .properties(let required):
                    let missing = required.filter { object[$0] == nil }
                    if !missing.isEmpty {
                        errors.append(
                            "property \"\(name)\" of object has missing property dependencies (schema requires \(SchemaValue.stringArray(required)); missing: \(SchemaValue.stringArray(missing)))"
                        )
                    }
                case .schema(let index):
                    validate(instance, node: index, depth: depth + 1, hops: hops, errors: &errors)
                }
            }
        }
        if let values = node.enumValues, case .array(let allowed) = values, !allowed.contains(instance) {
            errors.append("instance value (\(instance.compactText)) not found in enum (possible values: \(values.compactText))")
        }
        switch instance {
        case .array(let items):
            if let max = node.maxItems, items.count > max {
                errors.append("array is too long: must have at most \(max) elements but instance has \(items.count) elements")
            }
        case .string(let s):
            if let max = node.maxLength {
                let length = s.unicodeScalars.count
                if length > max { errors.append("string \"\(s)\" is too long (length: \(length), maximum allowed: \(max))") }
            }
        case .object(let object):
            if let max = node.maxProperties, object.keys.count > max {
                errors.append("object has too many properties (found \(object.keys.count) but schema requires at most \(max))")
            }
        case .number(let n):
            if let max = node.maximum {
                if node.exclusiveMaximum, n.value >= max.value {
                    errors.append("numeric instance is not strictly lower than the required maximum \(max.text)")
                } else if n.value > max.value {
                    errors.append("numeric instance is greater than the required maximum (maximum: \(max.text), found: \(n.text))")
                }
            }
        default: break
        }
        switch instance {
        case .array(let items):
            if let min = node.minItems, items.count < min {
                errors.append("array is too short: must have at least \(min) elements but instance has \(items.count) elements")
            }
        case .string(let s):
            if let min = node.minLength {
                let length = s.unicodeScalars.count
                if length < min { errors.append("string \"\(s)\" is too short (length: \(length), required minimum: \(min))") }
            }
        case .object(let object):
            if let min = node.minProperties, object.keys.count < min {
                errors.append("object has too few properties (found \(object.keys.count) but schema requires at least \(min))")
            }
        case .number(let n):
            if let min = node.minimum {
                if node.exclusiveMinimum, n.value <= min.value {
                    errors.append("numeric instance is not strictly greater than the required minimum \(min.text)")
                } else if n.value < min.value {
                    errors.append("numeric instance is lower than the required minimum (minimum: \(min.text), found: \(n.text))")
                }
            }
            if let divisor = node.multipleOf, !Self.isMultiple(n, of: divisor) {
                errors.append("remainder of division is not zero (\(n.text) / \(divisor.text))")
            }
        default: break
        }
        if let not = node.not, matches(instance, not, depth: depth, hops: hops) {
            errors.append("instance matched a schema which it should not have")
        }
        if !node.oneOf.isEmpty {
            let matched = node.oneOf.filter { matches(instance, $0, depth: depth, hops: hops) }.count
            if matched != 1 {
                errors.append("instance failed to match exactly one schema (matched \(matched) out of \(node.oneOf.count))")
            }
        }
        if case .string(let s) = instance, let pattern = node.pattern, !matchesPattern(pattern, s) {
            errors.append("ECMA 262 regex \"\(pattern.source)\" does not match input string \"\(s)\"")
        }
        if case .object(let object) = instance, !node.required.isEmpty {
            let missing = node.required.filter { object[$0] == nil }
            if !missing.isEmpty { errors.append("object has missing required properties (\(SchemaValue.stringArray(missing)))") }
        }
        if let types = node.types {
            let type = TypeSet.of(instance)
            let allowed = types.contains(type) || (type == .integer && types.contains(.number))
            if !allowed {
                errors.append(
                    "instance type (\(instance.typeName)) does not match any allowed primitive type (allowed: \(SchemaValue.stringArray(types.names)))"
                )
            }
        }
        if node.uniqueItems, case .array(let items) = instance, !Self.allUnique(items) {
            errors.append("array must not contain duplicate elements")
        }
    }

    mutating func children(_ instance: SchemaValue, _ node: SchemaNode, depth: Int, errors: inout [String]) {
        switch instance {
        case .object(let object) where node.hasObjectChildren:
            for key in object.keys.sorted() {
                guard let value = object[key] else { continue }
                var matched = false
                if let index = node.properties[key] {
                    matched = true
                    validate(value, node: index, depth: depth + 1, hops: 0, errors: &errors)
                }
                for (pattern, index) in node.patternProperties where matchesPattern(pattern, key) {
                    matched = true
                    validate(value, node: index, depth: depth + 1, hops: 0, errors: &errors)
                }
                if !matched, case .schema(let index) = node.additionalProperties {
                    validate(value, node: index, depth: depth + 1, hops: 0, errors: &errors)
                }
            }
        case .array(let items):
            switch node.items {
            case .none: break
            case .all(let index):
                for item in items { validate(item, node: index, depth: depth + 1, hops: 0, errors: &errors) }
            case .tuple(let tuple):
                for (i, item) in items.enumerated() {
                    if i < tuple.count {
                        validate(item, node: tuple[i], depth: depth + 1, hops: 0, errors: &errors)
                    } else if case .schema(let index) = node.additionalItems {
                        validate(item, node: index, depth: depth + 1, hops: 0, errors: &errors)
                    }
                }
            }
        default: break
        }
    }

    /// Java's `find`: somewhere in `input`, under what is left of the time budget.
    mutating func matchesPattern(_ pattern: CompiledPattern, _ input: String) -> Bool {
        guard let compiled = pattern.pattern else { return false }
        let left = deadline - ContinuousClock.now
        guard left > .zero else {
            exhaust("validation ran out of time")
            return false
        }
        switch compiled.containsMatch(input, budget: min(left, .milliseconds(100))) {
        case .matched(let found): return found
        case .timedOut:
            exhaust("pattern \"\(pattern.source)\" ran out of time")
            return false
        }
    }

    /// Exact for decimal texts (as the Java validator's BigDecimal arithmetic): `0.3` is a
    /// multiple of `0.1`. Falls back to binary floating point beyond 18 digits.
    static func isMultiple(_ n: SchemaNumber, of divisor: SchemaNumber) -> Bool {
        if let a = Decimalish(n.text), let b = Decimalish(divisor.text), b.mantissa != 0 {
            let exponent = min(a.exponent, b.exponent)
            if let x = a.scaled(to: exponent), let y = b.scaled(to: exponent) { return x % y == 0 }
        }
        let quotient = n.value / divisor.value
        return quotient.isFinite && quotient.rounded(.towardZero) == quotient
    }

    /// Whether no two items are equal (JSON Schema equality), by canonical text.
    static func allUnique(_ items: [SchemaValue]) -> Bool {
        var seen = Set<String>()
        for item in items where !seen.insert(canonical(item)).inserted { return false }
        return true
    }

    static func canonical(_ value: SchemaValue) -> String {
        switch value {
        case .number(let n): return "n" + String(n.value)
        case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .object(let object):
            return "{"
                + object.keys.sorted().map { key in SchemaValue.string(key).compactText + ":" + canonical(object[key]!) }.joined(separator: ",") + "}"
        default: return value.compactText
        }
    }
}

/// A decimal number as `mantissa × 10^exponent`, when it fits in 64 bits.
struct Decimalish {
    let mantissa: Int64
    let exponent: Int

    init?(_ text: String) {
        var digits = ""
        var exponent = 0
        var negative = false
        var seenDot = false
        var chars = text[...]
        if chars.first == "-" {
            negative = true
            chars = chars.dropFirst()
        }
        while let c = chars.first, c != "e", c != "E" {
            chars = chars.dropFirst()
            if c == "." {
                seenDot = true
            } else {
                digits.append(c)
                if seenDot { exponent -= 1 }
            }
        }
        if !chars.isEmpty {
            guard let e = Int(chars.dropFirst()) else { return nil }
            exponent += e
        }
        let trimmed = digits.drop { $0 == "0" }
        guard trimmed.count <= 18, exponent > -400, exponent < 400 else { return nil }
        guard let m = Int64(trimmed.isEmpty ? "0" : String(trimmed)) else { return nil }
        mantissa = negative ? -m : m
        self.exponent = exponent
    }

    func scaled(to target: Int) -> Int64? {
        var value = mantissa
        for _ in 0..<(exponent - target) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = product
        }
        return value
    }
}
