import JavaRegex

/// The regex methods of `java.lang.String` (`matches`, `replaceAll`, `replaceFirst`,
/// `split`), on the Java-compatible `JavaRegex` engine, under the render's regex budget.
enum JavaStringRegex {
    static func call(_ s: String, _ name: String, _ args: [VTLValue], _ c: RenderContext) throws(VTLRuntimeError) -> VTLValue {
        guard let regexArg = JavaArg.string(args[0]) else { return .null }
        guard let regex = regexArg else { throw JavaArg.npe() }
        let pattern = try compile(regex)
        let budget = Duration.milliseconds(Int64(c.limits.regexMillis))
        switch name {
        case "matches":
            switch pattern.matchesWhole(s, budget: budget) {
            case .matched(let b): return .bool(b)
            case .timedOut: throw timeout()
            }
        case "replaceAll", "replaceFirst":
            guard let replArg = JavaArg.string(args[1]) else { return .null }
            guard let repl = replArg else { throw JavaArg.npe("replacement") }
            let result: String
            do {
                if name == "replaceAll" {
                    result = try pattern.replaceAll(in: s, with: repl, budget: budget)
                } else {
                    result = try pattern.replaceFirst(in: s, with: repl, budget: budget)
                }
            } catch {
                throw convert(error)
            }
            return .string(result)
        default:
            var limit: Int32 = 0
            if args.count == 2 {
                guard let l = JavaArg.int(args[1]) else { return .null }
                limit = l
            }
            let parts: [String]
            do {
                parts = try pattern.split(s, limit: Int(limit), budget: budget)
            } catch {
                throw convert(error)
            }
            return .list(VTLList(parts.map { .string($0) }, flavor: .stringArray))
        }
    }

    private static func compile(_ regex: String) throws(VTLRuntimeError) -> JavaPattern {
        do {
            return try JavaPatternCache.shared.pattern(regex)
        } catch {
            throw convert(error)
        }
    }

    private static func timeout() -> VTLRuntimeError {
        VTLRuntimeError("LimitExceeded", "regular expression took too long")
    }

    private static func convert(_ error: JavaRegexError) -> VTLRuntimeError {
        switch error.kind {
        case .syntax: return VTLRuntimeError("PatternSyntaxException", error.description)
        case .replacement: return VTLRuntimeError("IllegalArgumentException", error.description)
        case .timedOut: return timeout()
        }
    }
}
