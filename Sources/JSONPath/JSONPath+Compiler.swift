/// A compile-time failure (Jayway's `InvalidPathException`, which also wraps the index and
/// number-format exceptions its hand-written scanner runs into on malformed input).
struct PathSyntaxError: Error {
    let message: String
    var offset: Int = 0
}

/// Java `char` helpers over UTF-16 code units, as Jayway's compiler sees the expression.
enum JavaChars {
    static let space: UInt16 = 0x20
    static func unit(_ c: Character) -> UInt16 { c.utf16.first ?? 0 }

    /// `String.trim()`: drops units <= U+0020 at both ends.
    static func trim(_ s: ArraySlice<UInt16>) -> ArraySlice<UInt16> {
        var a = s.startIndex
        var b = s.endIndex
        while a < b && s[a] <= space { a += 1 }
        while b > a && s[b - 1] <= space { b -= 1 }
        return s[a..<b]
    }

    static func string(_ s: ArraySlice<UInt16>) -> String {
        String(decoding: s, as: UTF16.self)
    }

    static func hasPrefix(_ s: ArraySlice<UInt16>, _ c: Character) -> Bool {
        s.first == unit(c)
    }

    static func hasSuffix(_ s: ArraySlice<UInt16>, _ c: Character) -> Bool {
        s.last == unit(c)
    }

    /// `Character.isDigit(char)`: general category Nd (surrogates are not digits).
    static func isDigit(_ u: UInt16) -> Bool {
        if u >= 0x30 && u <= 0x39 { return true }
        if u < 0x80 { return false }
        guard let scalar = Unicode.Scalar(u) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    /// `Integer.parseInt(s)`: optional sign, decimal digits (any Nd digit), 32-bit range.
    static func parseInt(_ s: [UInt16]) throws(PathSyntaxError) -> Int {
        var i = 0
        var negative = false
        if let first = s.first, first == unit("-") || first == unit("+") {
            negative = first == unit("-")
            i = 1
        }
        guard i < s.count else { throw PathSyntaxError(message: "NumberFormatException: For input string: \"\(string(s[...]))\"") }
        var value = 0
        while i < s.count {
            guard isDigit(s[i]), let scalar = Unicode.Scalar(s[i]),
                let digit = scalar.properties.numericValue, digit >= 0, digit <= 9
            else {
                throw PathSyntaxError(message: "NumberFormatException: For input string: \"\(string(s[...]))\"")
            }
            value = value * 10 + Int(digit)
            if value > Int(Int32.max) + 1 {
                throw PathSyntaxError(message: "NumberFormatException: For input string: \"\(string(s[...]))\"")
            }
            i += 1
        }
        value = negative ? -value : value
        guard value >= Int(Int32.min), value <= Int(Int32.max) else {
            throw PathSyntaxError(message: "NumberFormatException: For input string: \"\(string(s[...]))\"")
        }
        return value
    }
}

/// Jayway 2.0.0's `PathCompiler`: splits the expression into fragments (`$`, `..`,
/// `[...]` up to the matching bracket, `['name']` for a dot step) and analyzes each.
enum PathCompiler {
    /// Nested filter paths deeper than this are rejected (Jayway would overflow its stack).
    static let maxNesting = 32

    static func compile(_ expression: String, nesting: Int) throws(PathSyntaxError) -> CompiledPath {
        guard nesting <= maxNesting else { throw PathSyntaxError(message: "Filters nested too deeply") }
        guard !expression.isEmpty else { throw PathSyntaxError(message: "Path may not be null empty") }
        var path = Array(JavaChars.trim(Array(expression.utf16)[...]))
        if path.count >= 2 && path[path.count - 1] == JavaChars.unit(".") && path[path.count - 2] == JavaChars.unit(".") {
            throw PathSyntaxError(message: "A path can not end with a scan.")
        }
        guard let first = path.first else {
            throw PathSyntaxError(message: "StringIndexOutOfBoundsException: index 0, length 0")
        }
        if first != JavaChars.unit("$") && first != JavaChars.unit("@") {
            path = Array("$.".utf16) + path
        }
        let isRootPath = path[0] == JavaChars.unit("$")
        if path[0] == JavaChars.unit("@") { path[0] = JavaChars.unit("$") }
        if path.count > 1 && path[1] != JavaChars.unit(".") && path[1] != JavaChars.unit("[") {
            throw PathSyntaxError(message: "Invalid path \(JavaChars.string(path[...]))")
        }

        var tokens: [PathToken] = []
        var i = 0
        repeat {
            let current = path[i]
            var fragment: [UInt16]
            switch current {
            case JavaChars.space:
                throw PathSyntaxError(message: "Space not allowed in path", offset: i)
            case JavaChars.unit("$"):
                fragment = [JavaChars.unit("$")]
                i += 1
            case JavaChars.unit("["):
                let positions = fastForwardUntilClosed(path, i)
                fragment = Array(path[i..<(i + positions)])
                i += positions
            case JavaChars.unit("."):
                i += 1
                guard i < path.count else {
                    throw PathSyntaxError(message: "StringIndexOutOfBoundsException: index \(i)", offset: i)
                }
                if path[i] == JavaChars.unit(".") {
                    fragment = Array("..".utf16)
                    i += 1
                } else {
                    let positions = fastForward(path, i)
                    if positions == 0 { continue }
                    if positions == 1 && path[i] == JavaChars.unit("*") {
                        fragment = Array("[*]".utf16)
                    } else {
                        fragment = Array("['".utf16) + path[i..<(i + positions)] + Array("']".utf16)
                    }
                    i += positions
                }
            case JavaChars.unit("*"):
                fragment = Array("[*]".utf16)
                i += 1
            default:
                let positions = fastForward(path, i)
                fragment = Array("['".utf16) + path[i..<(i + positions)] + Array("']".utf16)
                i += positions
            }
            let token: PathToken
            do {
                var analyzer = FragmentAnalyzer(fragment, nesting: nesting)
                token = try analyzer.analyze()
            } catch {
                throw PathSyntaxError(message: error.message, offset: i)
            }
            if tokens.isEmpty, case .root = token {
            } else if tokens.isEmpty {
                throw PathSyntaxError(message: "ClassCastException: path must start with the root", offset: i)
            }
            tokens.append(token)
        } while i < path.count
        return CompiledPath(source: JavaChars.string(path[...]), tokens: tokens, isRootPath: isRootPath)
    }

    /// Length of a dot-notation name: up to `.`, `[` or a space.
    static func fastForward(_ s: [UInt16], _ index: Int) -> Int {
        var j = index
        while j < s.count {
            let c = s[j]
            if c == JavaChars.unit(".") || c == JavaChars.unit("[") || c == JavaChars.space { break }
            j += 1
        }
        return j - index
    }

    /// Length of a bracket fragment up to its matching `]` (quotes are not considered),
    /// or to the end of the expression.
    static func fastForwardUntilClosed(_ s: [UInt16], _ index: Int) -> Int {
        var skip = 1
        var j = index + 1
        var nested = 0
        while j < s.count {
            let c = s[j]
            j += 1
            skip += 1
            if c == JavaChars.unit("]") && nested == 0 { break }
            if c == JavaChars.unit("[") { nested += 1 }
            if c == JavaChars.unit("]") { nested -= 1 }
        }
        return skip
    }
}

/// Jayway's `PathComponentAnalyzer` for one fragment.
struct FragmentAnalyzer {
    let fragment: [UInt16]
    let nesting: Int
    var i = 0

    init(_ fragment: [UInt16], nesting: Int) {
        self.fragment = fragment
        self.nesting = nesting
    }

    func char(_ index: Int) throws(PathSyntaxError) -> UInt16 {
        guard index >= 0 && index < fragment.count else {
            throw PathSyntaxError(message: "StringIndexOutOfBoundsException: index \(index), length \(fragment.count)")
        }
        return fragment[index]
    }

    mutating func analyze() throws(PathSyntaxError) -> PathToken {
        let text = JavaChars.string(fragment[...])
        switch text {
        case "$": return .root
        case "..": return .scan
        case "[*]", ".*": return .wildcard
        case "[?]": return .predicate([nil])
        default: break
        }
        if Self.isPlaceholderFilter(fragment) {
            let count = fragment.filter { $0 == JavaChars.unit("?") }.count
            return .predicate([FilterNode?](repeating: nil, count: count))
        }
        i = 0
        repeat {
            let current = try char(i)
            switch current {
            case JavaChars.unit("?"):
                return try analyzeCriteria()
            case JavaChars.unit("'"):
                return try analyzeProperty()
            default:
                if JavaChars.isDigit(current) || current == JavaChars.unit(":") || current == JavaChars.unit("-")
                    || current == JavaChars.unit("@")
                {
                    return try analyzeArraySequence()
                }
                i += 1
            }
        } while i < fragment.count
        throw PathSyntaxError(message: "Could not analyze path component: \(text)")
    }

    /// Jayway's `^\[\s*\?\s*[,\s*\?]*?\s*]$`: `[?]`, `[?,?]`, ... (placeholders for filters
    /// passed as Java objects, which templates never pass).
    static func isPlaceholderFilter(_ f: [UInt16]) -> Bool {
        func isSpace(_ u: UInt16) -> Bool {
            u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0B || u == 0x0C || u == 0x0D
        }
        guard f.count >= 3, f.first == JavaChars.unit("["), f.last == JavaChars.unit("]") else { return false }
        var j = 1
        while j < f.count - 1 && isSpace(f[j]) { j += 1 }
        guard j < f.count - 1, f[j] == JavaChars.unit("?") else { return false }
        j += 1
        while j < f.count - 1 {
            let u = f[j]
            guard isSpace(u) || u == JavaChars.unit(",") || u == JavaChars.unit("*") || u == JavaChars.unit("?") else {
                return false
            }
            j += 1
        }
        return true
    }

    /// `['a']`, `['a','b']`: names between single quotes up to the first `]` (no escapes).
    mutating func analyzeProperty() throws(PathSyntaxError) -> PathToken {
        var properties: [String] = []
        var buffer: [UInt16] = []
        var open = false
        var current = try char(i)
        while current != JavaChars.unit("]") {
            if current == JavaChars.unit("'") {
                if open {
                    properties.append(JavaChars.string(buffer[...]))
                    buffer.removeAll()
                    open = false
                } else {
                    open = true
                }
            } else if open {
                buffer.append(current)
            }
            i += 1
            current = try char(i)
        }
        return .property(properties)
    }

    mutating func next() throws(PathSyntaxError) -> UInt16 {
        i += 1
        return try char(i)
    }

    /// `[1]`, `[1,2]`, `[1:2]`, `[:2]`, `[-2:]`, `[(@.length-1)]`, scanned as Jayway does.
    mutating func analyzeArraySequence() throws(PathSyntaxError) -> PathToken {
        var buffer: [UInt16] = []
        var numbers: [Int] = []
        var current = try char(i)
        let contextSize = current == JavaChars.unit("@")
        var sliceTo = false, sliceFrom = false, sliceBetween = false, indexSequence = false

        func isSliceChar(_ c: UInt16) -> Bool {
            JavaChars.isDigit(c) || c == JavaChars.space || c == JavaChars.unit("-")
        }

        if contextSize {
            current = try next()
            current = try next()
            while current != JavaChars.unit("-") {
                if current == JavaChars.space || current == JavaChars.unit("(") || current == JavaChars.unit(")") {
                    current = try next()
                    continue
                }
                buffer.append(current)
                current = try next()
            }
            let function = JavaChars.string(buffer[...])
            buffer.removeAll()
            if function != "size" && function != "length" {
                throw PathSyntaxError(message: "Invalid function: @.\(function). Supported functions are: [(@.length - n)] and [(@.size() - n)]")
            }
            while current != JavaChars.unit(")") {
                if current == JavaChars.space {
                    current = try next()
                    continue
                }
                buffer.append(current)
                current = try next()
            }
        } else {
            while JavaChars.isDigit(current) || current == JavaChars.unit(",") || current == JavaChars.space
                || current == JavaChars.unit(":") || current == JavaChars.unit("-")
            {
                switch current {
                case JavaChars.space:
                    break
                case JavaChars.unit(":"):
                    if buffer.isEmpty {
                        sliceTo = true
                        current = try next()
                        while isSliceChar(current) {
                            if current != JavaChars.space { buffer.append(current) }
                            current = try next()
                        }
                        numbers.append(try JavaChars.parseInt(buffer))
                        buffer.removeAll()
                    } else {
                        numbers.append(try JavaChars.parseInt(buffer))
                        buffer.removeAll()
                        current = try next()
                        while isSliceChar(current) {
                            if current != JavaChars.space { buffer.append(current) }
                            current = try next()
                        }
                        if buffer.isEmpty {
                            sliceFrom = true
                        } else {
                            sliceBetween = true
                            numbers.append(try JavaChars.parseInt(buffer))
                            buffer.removeAll()
                        }
                    }
                case JavaChars.unit(","):
                    numbers.append(try JavaChars.parseInt(buffer))
                    buffer.removeAll()
                    indexSequence = true
                default:
                    buffer.append(current)
                }
                if current == JavaChars.unit("]") { break }
                current = try next()
            }
        }
        if !buffer.isEmpty { numbers.append(try JavaChars.parseInt(buffer)) }
        let singleIndex = numbers.count == 1 && !sliceTo && !sliceFrom && !contextSize
        let operation: ArrayOperation
        if singleIndex {
            operation = .singleIndex
        } else if indexSequence {
            operation = .indexSequence
        } else if sliceFrom {
            operation = .sliceFrom
        } else if sliceTo {
            operation = .sliceTo
        } else if sliceBetween {
            operation = .sliceBetween
        } else if contextSize {
            operation = .contextSize
        } else {
            throw PathSyntaxError(message: "Could not analyze array index")
        }
        if numbers.isEmpty { throw PathSyntaxError(message: "IndexOutOfBoundsException: no index") }
        if operation == .sliceBetween && numbers.count < 2 { throw PathSyntaxError(message: "IndexOutOfBoundsException") }
        return .array(operation, numbers)
    }

    /// `[?( ... )]`: finds the filter's closing bracket (tracking parentheses and quoted
    /// text) and parses the filter.
    mutating func analyzeCriteria() throws(PathSyntaxError) -> PathToken {
        var start = i
        while try char(start) != JavaChars.unit("[") { start -= 1 }
        var end = 0
        var mem = JavaChars.space
        var curr = start
        var inProp = false
        var openSquare = 0
        var openParen = 0
        while end == 0 {
            let c = try char(curr)
            switch c {
            case JavaChars.unit("("): if !inProp { openParen += 1 }
            case JavaChars.unit(")"): if !inProp { openParen -= 1 }
            case JavaChars.unit("["): if !inProp { openSquare += 1 }
            case JavaChars.unit("]"):
                if !inProp {
                    openSquare -= 1
                    if openParen == 0 { end = curr + 1 }
                }
            case JavaChars.unit("'"):
                if mem != JavaChars.unit("\\") { inProp.toggle() }
            default: break
            }
            mem = c
            curr += 1
        }
        if openParen != 0 || openSquare != 0 {
            throw PathSyntaxError(message: "Filter brackets are not balanced")
        }
        i = end
        let filter = try FilterParser.parse(fragment[start..<end], nesting: nesting)
        return .predicate([filter])
    }
}
