/// `java.lang.String` methods callable from templates.
enum JavaStringMethods {
    /// Calls `name(args)` on a string; `.null` when String has no such method for these
    /// argument types.
    static func call(_ s: String, _ name: String, _ args: [VTLValue], _ c: RenderContext) throws(VTLRuntimeError) -> VTLValue {
        switch (name, args.count) {
        case ("length", 0):
            return .int(Int32(s.utf16.count))
        case ("isEmpty", 0):
            return .bool(s.isEmpty)
        case ("isBlank", 0):
            return .bool(s.utf16.allSatisfy(JString.isJavaWhitespace))
        case ("toString", 0), ("intern", 0):
            return .string(s)
        case ("trim", 0):
            let u = Array(s.utf16)
            var a = 0
            var b = u.count
            while a < b && u[a] <= 0x20 { a += 1 }
            while b > a && u[b - 1] <= 0x20 { b -= 1 }
            return .string(JString.string(u[a..<b]))
        case ("strip", 0), ("stripLeading", 0), ("stripTrailing", 0):
            let u = Array(s.utf16)
            var a = 0
            var b = u.count
            if name != "stripTrailing" { while a < b && JString.isJavaWhitespace(u[a]) { a += 1 } }
            if name != "stripLeading" { while b > a && JString.isJavaWhitespace(u[b - 1]) { b -= 1 } }
            return .string(JString.string(u[a..<b]))
        case ("toLowerCase", 0):
            return .string(s.lowercased())
        case ("toUpperCase", 0):
            return .string(s.uppercased())
        case ("hashCode", 0):
            return .int(JString(s).javaHash)
        case ("charAt", 1):
            guard let i = JavaArg.int(args[0]) else { return .null }
            let u = Array(s.utf16)
            guard i >= 0, Int(i) < u.count else {
                throw VTLRuntimeError("StringIndexOutOfBoundsException", "index \(i), length \(u.count)")
            }
            return .char(u[Int(i)])
        case ("codePointAt", 1):
            guard let i = JavaArg.int(args[0]) else { return .null }
            let u = Array(s.utf16)
            guard i >= 0, Int(i) < u.count else {
                throw VTLRuntimeError("StringIndexOutOfBoundsException", "index \(i), length \(u.count)")
            }
            let hi = u[Int(i)]
            if hi >= 0xD800 && hi < 0xDC00, Int(i) + 1 < u.count, u[Int(i) + 1] >= 0xDC00 && u[Int(i) + 1] < 0xE000 {
                return .int(Int32(0x10000 + ((Int(hi) - 0xD800) << 10) + (Int(u[Int(i) + 1]) - 0xDC00)))
            }
            return .int(Int32(hi))
        case ("substring", 1):
            guard let b = JavaArg.int(args[0]) else { return .null }
            let j = JString(s)
            return .string(try j.substring(Int(b), j.u.count))
        case ("substring", 2), ("subSequence", 2):
            guard let b = JavaArg.int(args[0]), let e = JavaArg.int(args[1]) else { return .null }
            return .string(try JString(s).substring(Int(b), Int(e)))
        case ("indexOf", 1), ("indexOf", 2), ("lastIndexOf", 1), ("lastIndexOf", 2):
            return try indexOf(s, name == "lastIndexOf", args)
        case ("contains", 1):
            guard let sub = JavaArg.string(args[0]) else { return .null }
            guard let sub else { throw JavaArg.npe() }
            return .bool(JString(s).indexOf(Array(sub.utf16), from: 0) >= 0)
        case ("startsWith", 1), ("startsWith", 2):
            guard let p = JavaArg.string(args[0]) else { return .null }
            var offset: Int32 = 0
            if args.count == 2 {
                guard let o = JavaArg.int(args[1]) else { return .null }
                offset = o
            }
            guard let p else { throw JavaArg.npe() }
            let u = Array(s.utf16)
            let pu = Array(p.utf16)
            guard offset >= 0, Int(offset) + pu.count <= u.count else { return .bool(false) }
            return .bool(Array(u[Int(offset)..<(Int(offset) + pu.count)]) == pu)
        case ("endsWith", 1):
            guard let p = JavaArg.string(args[0]) else { return .null }
            guard let p else { throw JavaArg.npe() }
            let u = Array(s.utf16)
            let pu = Array(p.utf16)
            return .bool(pu.count <= u.count && Array(u[(u.count - pu.count)...]) == pu)
        case ("equals", 1):
            if case .string(let o) = args[0] { return .bool(o == s) }
            return .bool(false)
        case ("contentEquals", 1):
            guard let o = JavaArg.string(args[0]) else { return .null }
            guard let o else { throw JavaArg.npe() }
            return .bool(o == s)
        case ("equalsIgnoreCase", 1):
            guard let o = JavaArg.string(args[0]) else { return .null }
            guard let o else { return .bool(false) }
            let a = Array(s.utf16)
            let b = Array(o.utf16)
            guard a.count == b.count else { return .bool(false) }
            for i in 0..<a.count where a[i] != b[i] && JString.foldCase(a[i]) != JString.foldCase(b[i]) {
                return .bool(false)
            }
            return .bool(true)
        case ("compareTo", 1), ("compareToIgnoreCase", 1):
            guard let o = JavaArg.string(args[0]) else {
                return name == "compareTo" ? try JavaNumberMethods.classCast(args[0], .string(s)) : .null
            }
            guard let o else { throw JavaArg.npe() }
            var a = Array(s.utf16)
            var b = Array(o.utf16)
            if name == "compareToIgnoreCase" {
                a = a.map(JString.foldCase)
                b = b.map(JString.foldCase)
            }
            return .int(JString.compare(a, b))
        case ("concat", 1):
            guard let o = JavaArg.string(args[0]) else { return .null }
            guard let o else {
                throw JavaArg.npe("Cannot invoke \"String.isEmpty()\" because \"str\" is null")
            }
            return .string(s + o)
        case ("replace", 2):
            if let a = JavaArg.char(args[0]), let b = JavaArg.char(args[1]) {
                return .string(JString.string(ArraySlice(s.utf16.map { $0 == a ? b : $0 })))
            }
            guard let t = JavaArg.string(args[0]), let r = JavaArg.string(args[1]) else { return .null }
            guard let t, let r else { throw JavaArg.npe() }
            return .string(replaceLiteral(s, t, r))
        case ("repeat", 1):
            guard let n = JavaArg.int(args[0]) else { return .null }
            guard n >= 0 else { throw VTLRuntimeError("IllegalArgumentException", "count is negative: \(n)") }
            if Int(n) * s.utf8.count > c.limits.maxOutputBytes {
                throw VTLRuntimeError(
                    "OutOfMemoryError", "Repeating \(s.utf16.count) bytes String \(n) times will produce a String exceeding maximum size.")
            }
            return .string(String(repeating: s, count: Int(n)))
        case ("toCharArray", 0):
            return .list(VTLList(s.utf16.map { .char($0) }, flavor: .stringArray))
        case ("matches", 1), ("replaceAll", 2), ("replaceFirst", 2), ("split", 1), ("split", 2):
            return try JavaStringRegex.call(s, name, args, c)
        case ("valueOf", 1), ("copyValueOf", 1):
            if case .list(let l) = args[0], l.flavor == .stringArray {
                return .string(JString.string(l.items.compactMap { if case .char(let ch) = $0 { return ch } else { return nil } }[...]))
            }
            return .string(args[0].stringValueOf)
        case ("join", _) where args.count >= 2:
            return try join(args)
        case ("format", _) where !args.isEmpty:
            // The static `String.format(String, Object...)`; the receiver plays no part. A
            // String array as the only vararg is spread, as Java passes an Object[].
            guard case .string(let pattern) = args[0] else { return .null }
            var rest = Array(args.dropFirst())
            if rest.count == 1, case .list(let l) = rest[0], l.flavor == .stringArray { rest = l.items }
            return .string(try JavaStringFormat.format(pattern, rest, limit: c.limits.maxOutputBytes))
        case ("getClass", 0):
            return .object(JavaClassObject(name: "java.lang.String"))
        default:
            return .null
        }
    }

    private static func indexOf(_ s: String, _ last: Bool, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        let j = JString(s)
        var from: Int
        if args.count == 2 {
            guard let f = JavaArg.int(args[1]) else { return .null }
            from = Int(f)
        } else {
            from = last ? j.u.count : 0
        }
        let needle: [UInt16]
        if let ch = JavaArg.int(args[0]) {
            guard let units = JString.units(ofCodePoint: ch) else { return .int(-1) }
            needle = units
        } else if let str = JavaArg.string(args[0]) {
            guard let str else { throw JavaArg.npe() }
            needle = Array(str.utf16)
        } else {
            return .null
        }
        if last {
            if from < 0 { return .int(-1) }
            return .int(Int32(j.lastIndexOf(needle, from: from)))
        }
        if from >= j.u.count { return .int(needle.isEmpty ? Int32(j.u.count) : -1) }
        return .int(Int32(j.indexOf(needle, from: from)))
    }

    /// `String.replace(CharSequence, CharSequence)`: every occurrence, left to right; an empty
    /// target inserts the replacement between all characters.
    static func replaceLiteral(_ s: String, _ target: String, _ repl: String) -> String {
        let u = Array(s.utf16)
        let t = Array(target.utf16)
        let r = Array(repl.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(u.count)
        if t.isEmpty {
            out.append(contentsOf: r)
            for ch in u {
                out.append(ch)
                out.append(contentsOf: r)
            }
            return JString.string(out[...])
        }
        let j = JString(units: u)
        var i = 0
        while true {
            let k = j.indexOf(t, from: i)
            if k < 0 { break }
            out.append(contentsOf: u[i..<k])
            out.append(contentsOf: r)
            i = k + t.count
        }
        out.append(contentsOf: u[i...])
        return JString.string(out[...])
    }

    /// `String.join(delimiter, elements...)` or `String.join(delimiter, iterable)`.
    private static func join(_ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        guard case .string(let delim) = args[0] else {
            if case .null = args[0] { throw JavaArg.npe() }
            return .null
        }
        var parts: [String] = []
        if args.count == 2, case .list(let l) = args[1] {
            for v in l.items {
                parts.append(v.stringValueOf)
            }
            return .string(parts.joined(separator: delim))
        }
        for v in args.dropFirst() {
            switch v {
            case .string(let s): parts.append(s)
            case .null: parts.append("null")
            default: return .null
            }
        }
        return .string(parts.joined(separator: delim))
    }
}

/// `java.lang.Class` as far as templates can use it (Velocity's secure introspector only
/// allows `getName`).
final class JavaClassObject: VTLObject {
    let name: String

    init(name: String) { self.name = name }

    var javaClassName: String { "java.lang.Class" }
    func javaString() -> String? { "class " + name }

    func property(_ p: String) throws(VTLRuntimeError) -> VTLValue {
        p == "name" || p == "Name" ? .string(name) : .null
    }

    func call(_ method: String, _ args: [VTLValue]) throws(VTLRuntimeError) -> VTLValue {
        method == "getName" && args.isEmpty ? .string(name) : .null
    }

    func javaEquals(_ other: any VTLObject) -> Bool {
        (other as? JavaClassObject)?.name == name
    }
}
