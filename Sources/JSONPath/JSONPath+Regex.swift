#if canImport(JavaRegex)
    import JavaRegex
#endif

/// The `java.util.regex.Pattern` of a `=~ /re/` filter, compiled when the path is compiled
/// (a syntax error makes the path invalid, as in Jayway).
///
/// Java semantics come from the JavaRegex module. Without it (the module is not a
/// dependency of this target) a path using `=~` fails to compile rather than matching
/// with different rules.
struct CompiledRegex: Sendable {
    /// `Pattern.toString()`: the source between the slashes.
    let source: String

    #if canImport(JavaRegex)
        let pattern: JavaPattern

        init(_ source: String, caseInsensitive: Bool) throws(PathSyntaxError) {
            self.source = source
            do {
                pattern = try JavaPatternCache.shared.pattern(source, flags: caseInsensitive ? [.caseInsensitive] : [])
            } catch {
                throw PathSyntaxError(message: "PatternSyntaxException: \(error.description)")
            }
        }

        /// `pattern.matcher(s).matches()`; nil when the match ran out of its time budget.
        func matchesWhole(_ s: String) -> Bool? {
            switch pattern.matchesWhole(s) {
            case .matched(let result): return result
            case .timedOut: return nil
            }
        }
    #else
        init(_ source: String, caseInsensitive: Bool) throws(PathSyntaxError) {
            self.source = source
            throw PathSyntaxError(message: "regular-expression filters need the JavaRegex module")
        }

        func matchesWhole(_ s: String) -> Bool? { nil }
    #endif
}
