/// A constant value (number, boolean, non-interpolated string). `true` is the only literal
/// that evaluates as true in `#if`; every other literal evaluates as false (Velocity).
final class LiteralNode: Node, @unchecked Sendable {
    let constant: VTLValue

    init(_ constant: VTLValue, type: ParseNodeType, literal: String) {
        self.constant = constant
        super.init(type: type, literal: literal)
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue { constant }

    override func evaluate(_ c: RenderContext) throws(RenderSignal) -> Bool {
        type == .trueNode
    }
}

/// A double-quoted string containing `$` or `#`: rendered as a small template each time.
final class InterpolatedStringNode: Node, @unchecked Sendable {
    let body: Node
    /// Velocity appends a space before parsing (unless the text has `##`) and drops the
    /// last character of the result.
    let dropLast: Bool

    init(body: Node, dropLast: Bool, literal: String) {
        self.body = body
        self.dropLast = dropLast
        super.init(type: .stringLiteral, literal: literal)
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        let saved = c.out
        c.out = []
        defer { c.out = saved }
        try body.render(c)
        var s = c.outputString
        if dropLast && !s.isEmpty {
            // Java drops the last UTF-16 unit (almost always the space Velocity appended).
            let u = s.utf8
            if let last = u.last, last < 0x80, !(last == 0x0A && u.dropLast().last == 0x0D) {
                s.removeLast()
            } else {
                s = JString.string(Array(s.utf16.dropLast())[...])
            }
        }
        return .string(s)
    }
}

/// `[a, b, c]`
final class ListNode: Node, @unchecked Sendable {
    let elements: [Node]

    init(_ elements: [Node], literal: String) {
        self.elements = elements
        super.init(type: .objectArray, literal: literal)
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        var items: [VTLValue] = []
        items.reserveCapacity(elements.count)
        for e in elements { items.append(try e.value(c)) }
        return .list(VTLList(items))
    }
}

/// `{k: v, ...}`
final class MapNode: Node, @unchecked Sendable {
    let pairs: [(Node, Node)]

    init(_ pairs: [(Node, Node)], literal: String) {
        self.pairs = pairs
        super.init(type: .map, literal: literal)
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        let m = VTLMap()
        for (k, v) in pairs {
            let key = try k.value(c)
            m.put(key, try v.value(c))
        }
        return .map(m)
    }
}

/// `[n..m]`: a list of Integers from n to m (either direction).
final class RangeNode: Node, @unchecked Sendable {
    let from: Node
    let to: Node

    init(from: Node, to: Node, literal: String) {
        self.from = from
        self.to = to
        super.init(type: .integerRange, literal: literal)
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        let l = try from.value(c)
        let r = try to.value(c)
        guard l.isNumber, r.isNumber else { return .null }
        let a = Arithmetic.intValue(l)
        let b = Arithmetic.intValue(r)
        let n = abs(Int(b) - Int(a)) + 1
        if n > c.limits.maxRangeSize {
            throw .error(VTLRuntimeError("OutOfMemoryError", "range [\(a)..\(b)] has \(n) elements"))
        }
        var items: [VTLValue] = []
        items.reserveCapacity(n)
        let step: Int32 = a >= b ? -1 : 1
        var v = a
        for _ in 0..<n {
            items.append(.int(v))
            v &+= step
        }
        return .list(VTLList(items))
    }
}

/// `!x`, `x && y`, `x || y`: evaluate operands as conditions; the value is a Boolean.
final class LogicNode: Node, @unchecked Sendable {
    enum Op { case not, and, or }
    let op: Op
    let left: Node
    let right: Node?

    init(_ op: Op, _ left: Node, _ right: Node?, type: ParseNodeType, literal: String) {
        self.op = op
        self.left = left
        self.right = right
        super.init(type: type, literal: literal)
    }

    override func evaluate(_ c: RenderContext) throws(RenderSignal) -> Bool {
        switch op {
        case .not: return try !left.evaluate(c)
        case .and:
            guard let right else { return false }
            if try !left.evaluate(c) { return false }
            return try right.evaluate(c)
        case .or:
            if try left.evaluate(c) { return true }
            guard let right else { return false }
            return try right.evaluate(c)
        }
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue { .bool(try evaluate(c)) }
}

/// `==`, `!=`, `<`, `>`, `<=`, `>=`.
final class CompareNode: Node, @unchecked Sendable {
    enum Op { case eq, ne, lt, gt, le, ge }
    let op: Op
    let left: Node
    let right: Node

    init(_ op: Op, _ left: Node, _ right: Node, type: ParseNodeType, literal: String) {
        self.op = op
        self.left = left
        self.right = right
        super.init(type: type, literal: literal)
    }

    override func evaluate(_ c: RenderContext) throws(RenderSignal) -> Bool {
        let l = try left.value(c)
        let r = try right.value(c)
        if case .int(let a) = l, case .int(let b) = r {
            switch op {
            case .eq: return a == b
            case .ne: return a != b
            case .lt: return a < b
            case .gt: return a > b
            case .le: return a <= b
            case .ge: return a >= b
            }
        }
        switch op {
        case .eq: return Arithmetic.looselyEqual(l, r)
        case .ne: return !Arithmetic.looselyEqual(l, r)
        default:
            guard l.isNumber, r.isNumber else { return false }
            let cmp = Arithmetic.compare(l, r)
            switch op {
            case .lt: return cmp == -1
            case .gt: return cmp == 1
            case .le: return cmp <= 0
            default: return cmp >= 0
            }
        }
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue { .bool(try evaluate(c)) }
}

/// `+ - * / %`. `+` with a String operand concatenates (a null operand then contributes its
/// source text); math on non-numbers and division by zero give null.
final class MathNode: Node, @unchecked Sendable {
    let op: Arithmetic.Op
    let left: Node
    let right: Node

    init(_ op: Arithmetic.Op, _ left: Node, _ right: Node, type: ParseNodeType, literal: String) {
        self.op = op
        self.left = left
        self.right = right
        super.init(type: type, literal: literal)
    }

    override func value(_ c: RenderContext) throws(RenderSignal) -> VTLValue {
        let l = try left.value(c)
        let r = try right.value(c)
        if case .int(let a) = l, case .int(let b) = r { return Self.intMath(op, a, b) }
        if op == .add {
            var lString = false
            var rString = false
            if case .string = l { lString = true }
            if case .string = r { rString = true }
            if lString || rString {
                let ls = l.isNull ? left.literal : try stringOf(l, c)
                let rs = r.isNull ? right.literal : try stringOf(r, c)
                return .string(ls + rs)
            }
        }
        guard l.isNumber, r.isNumber else { return .null }
        let result: VTLValue?
        do {
            result = try Arithmetic.perform(op, l, r)
        } catch {
            throw .error(error)
        }
        return result ?? .null
    }

    /// Integer ⊕ Integer, computed in 64 bits and kept an Integer when it fits (Velocity's
    /// MathUtils for two Integers).
    @inline(__always)
    static func intMath(_ op: Arithmetic.Op, _ a: Int32, _ b: Int32) -> VTLValue {
        let x = Int64(a)
        let y = Int64(b)
        let r: Int64
        switch op {
        case .add: r = x + y
        case .subtract: r = x - y
        case .multiply: r = x * y
        case .divide:
            if b == 0 { return .null }
            r = x / y
        case .modulo:
            if b == 0 { return .null }
            r = x % y
        }
        if let small = Int32(exactly: r) { return .int(small) }
        return .long(r)
    }

    private func stringOf(_ v: VTLValue, _ c: RenderContext) throws(RenderSignal) -> String {
        if case .object(let o) = v, let block = o as? DefineBlock {
            guard let s = try block.toJavaString(c) else {
                throw .error(VTLRuntimeError("NullPointerException", "toString() returned null"))
            }
            return s
        }
        try ValueGuard.checkDepth(v)
        return v.javaString() ?? "null"
    }
}
