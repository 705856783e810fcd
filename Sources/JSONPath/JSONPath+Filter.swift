/// Jayway 2.0.0's `Filter.parse` and `Criteria.parse`: a filter is split textually at
/// every `&&`/`||` (even inside quotes), each piece is one comparison or existence check.
enum FilterParser {
    static func parse(_ text: ArraySlice<UInt16>, nesting: Int) throws(PathSyntaxError) -> FilterNode {
        var f = JavaChars.trim(text)
        guard JavaChars.hasPrefix(f, "["), JavaChars.hasSuffix(f, "]"), f.count >= 2 else {
            throw PathSyntaxError(message: "Filter must start with '[' and end with ']'. \(JavaChars.string(f))")
        }
        f = JavaChars.trim(f.dropFirst().dropLast())
        guard JavaChars.hasPrefix(f, "?") else {
            throw PathSyntaxError(message: "Filter must start with '[?' and end with ']'. \(JavaChars.string(f))")
        }
        f = JavaChars.trim(f.dropFirst())
        guard JavaChars.hasPrefix(f, "("), JavaChars.hasSuffix(f, ")"), f.count >= 2 else {
            throw PathSyntaxError(message: "Filter must start with '[?(' and end with ')]'. \(JavaChars.string(f))")
        }
        f = JavaChars.trim(f.dropFirst().dropLast())

        var operators: [Bool] = []  // true for &&
        var criteria: [FilterNode] = []
        for piece in splitOperators(f) {
            let exp = JavaChars.trim(piece)
            let s = JavaChars.string(exp)
            if s == "&&" || s == "||" {
                operators.append(s == "&&")
            } else {
                criteria.append(.criterion(try CriterionParser.parse(try cleanCriteria(exp), nesting: nesting)))
            }
        }
        guard let last = criteria.popLast() else { throw PathSyntaxError(message: "EmptyStackException") }
        var root: FilterNode = last
        while let isAnd = operators.popLast() {
            guard let next = criteria.popLast() else {
                throw PathSyntaxError(message: isAnd ? "EmptyStackException" : "Invalid operators \(JavaChars.string(f))")
            }
            root = isAnd ? and(root, next) : .or(root, next)
        }
        if !criteria.isEmpty { throw PathSyntaxError(message: "Invalid operators \(JavaChars.string(f))") }
        return root
    }

    /// `Filter.and`: an `AndFilter` grows, an `OrFilter` and-s its right side.
    static func and(_ filter: FilterNode, _ other: FilterNode) -> FilterNode {
        switch filter {
        case .and(let items): return .and(items + [other])
        case .or(let left, let right): return .or(left, .and([right, other]))
        case .criterion: return .and([filter, other])
        }
    }

    /// Java's `split` with `((?<=&&|\|\|)|(?=&&|\|\|))`: zero-width cuts before and after
    /// every `&&`/`||`; no leading empty piece, trailing empty pieces dropped.
    static func splitOperators(_ s: ArraySlice<UInt16>) -> [ArraySlice<UInt16>] {
        let a = Array(s)
        let n = a.count
        func isOp(_ j: Int) -> Bool {
            j >= 0 && j + 1 < n && a[j] == a[j + 1] && (a[j] == JavaChars.unit("&") || a[j] == JavaChars.unit("|"))
        }
        var pieces: [ArraySlice<UInt16>] = []
        var last = 0
        if n > 0 {
            for p in 1..<max(n, 1) where isOp(p) || isOp(p - 2) {
                pieces.append(a[last..<p])
                last = p
            }
        }
        pieces.append(a[last..<n])
        while pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces
    }

    /// Jayway's `cleanCriteria`: strips leading `[`, `?`, `(`, spaces and trailing `)`,
    /// spaces (failing, like Jayway, when nothing is left to look at).
    static func cleanCriteria(_ s: ArraySlice<UInt16>) throws(PathSyntaxError) -> ArraySlice<UInt16> {
        let a = Array(s)
        func at(_ j: Int) throws(PathSyntaxError) -> UInt16 {
            guard j >= 0 && j < a.count else { throw PathSyntaxError(message: "StringIndexOutOfBoundsException") }
            return a[j]
        }
        var begin = 0
        var end = a.count - 1
        var c = try at(begin)
        while c == JavaChars.unit("[") || c == JavaChars.unit("?") || c == JavaChars.unit("(") || c == JavaChars.space {
            begin += 1
            c = try at(begin)
        }
        c = try at(end)
        while c == JavaChars.unit(")") || c == JavaChars.space {
            end -= 1
            c = try at(end)
        }
        guard begin <= end + 1 else { throw PathSyntaxError(message: "StringIndexOutOfBoundsException") }
        return a[begin..<(end + 1)]
    }
}

/// Jayway 2.0.0's `Criteria.parse`/`Criteria.create`.
enum CriterionParser {
    /// Searched in this order; the first one found anywhere in the text wins.
    static let operators: [CompareOperator] = [.eq, .gte, .lte, .ne, .lt, .gt, .regex]

    static func parse(_ text: ArraySlice<UInt16>, nesting: Int) throws(PathSyntaxError) -> Criterion {
        let a = Array(text)
        for op in operators {
            let opUnits = Array(op.rawValue.utf16)
            if let index = indexOf(opUnits, in: a) {
                let left = JavaChars.trim(a[..<index])
                let right = JavaChars.trim(a[(index + opUnits.count)...])
                return try create(left: left, op: op, right: right, nesting: nesting)
            }
        }
        return try create(left: JavaChars.trim(a[...]), op: nil, right: [], nesting: nesting)
    }

    static func indexOf(_ needle: [UInt16], in hay: [UInt16]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        for j in 0...(hay.count - needle.count) where hay[j] == needle[0] {
            if needle.count == 1 || hay[j + 1] == needle[1] { return j }
        }
        return nil
    }

    static func isPath(_ s: ArraySlice<UInt16>) -> Bool {
        guard let f = s.first else { return false }
        if f == JavaChars.unit("$") || f == JavaChars.unit("@") { return true }
        return f == JavaChars.unit("!") && s.count > 1 && s[s.startIndex + 1] == JavaChars.unit("@")
    }

    static func isString(_ s: ArraySlice<UInt16>) -> Bool {
        !s.isEmpty && s.first == JavaChars.unit("'") && s.last == JavaChars.unit("'")
    }

    static func isPattern(_ s: ArraySlice<UInt16>) -> Bool {
        guard s.first == JavaChars.unit("/") else { return false }
        if s.last == JavaChars.unit("/") { return true }
        return s.count >= 2 && s[s.endIndex - 2] == JavaChars.unit("/") && s.last == JavaChars.unit("i")
    }

    static func operand(_ s: ArraySlice<UInt16>, nesting: Int, isLeft: Bool) throws(PathSyntaxError) -> (Operand, Bool) {
        if isPath(s) {
            var p = s
            var exists = true
            if p.first == JavaChars.unit("!") {
                guard isLeft else {
                    throw PathSyntaxError(message: "Invalid negation! Can only be used for existence check e.g [?(!@.foo)]")
                }
                exists = false
                p = p.dropFirst()
            }
            let path = try PathCompiler.compile(JavaChars.string(p), nesting: nesting + 1)
            guard path.isDefinite else {
                throw PathSyntaxError(message: "the predicate path: \(JavaChars.string(p)) is not definite")
            }
            return (.path(path), exists)
        }
        if isString(s) {
            guard s.count >= 2 else { throw PathSyntaxError(message: "StringIndexOutOfBoundsException") }
            return (.literal(JavaChars.string(s.dropFirst().dropLast())), true)
        }
        if isPattern(s) {
            let a = Array(s)
            guard let lastSlash = a.lastIndex(of: JavaChars.unit("/")), lastSlash >= 1 else {
                throw PathSyntaxError(message: "StringIndexOutOfBoundsException")
            }
            let ignoreCase = a.last == JavaChars.unit("i")
            let source = JavaChars.string(a[1..<lastSlash])
            return (.pattern(try CompiledRegex(source, caseInsensitive: ignoreCase)), true)
        }
        return (.literal(JavaChars.string(s)), true)
    }

    static func create(
        left: ArraySlice<UInt16>, op: CompareOperator?, right: ArraySlice<UInt16>,
        nesting: Int
    ) throws(PathSyntaxError) -> Criterion {
        let (leftOperand, exists) = try operand(left, nesting: nesting, isLeft: true)
        let (rightOperand, _) = try operand(right, nesting: nesting, isLeft: false)
        if case .path(let path) = leftOperand, op == nil {
            return Criterion(kind: .exists(path, expected: exists))
        }
        guard let op else {
            throw PathSyntaxError(message: "UnsupportedOperationException: CriteriaType  can not be parsed")
        }
        return Criterion(kind: .compare(left: leftOperand, op: op, right: rightOperand))
    }
}
