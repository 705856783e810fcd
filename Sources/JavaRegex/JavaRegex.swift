import Foundation

/// A pattern Java's `Pattern.compile` rejects (`PatternSyntaxException`: description and
/// index), a replacement string Java's `Matcher` rejects, or a match that ran out of its
/// time budget.
public struct JavaRegexError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `PatternSyntaxException`.
        case syntax
        /// `IllegalArgumentException` / `IndexOutOfBoundsException` from a replacement
        /// string (`$` without a group, `$9` with fewer groups, trailing `\`).
        case replacement
        /// The match did not finish within its budget (Java would have kept going).
        case timedOut
    }

    public let message: String
    /// The pattern index Java reports (UTF-16 units, -1 when Java has none).
    public let index: Int
    public let kind: Kind

    public init(message: String, index: Int, kind: Kind = .syntax) {
        self.message = message
        self.index = index
        self.kind = kind
    }

    public var description: String {
        kind == .syntax && index >= 0 ? "\(message) near index \(index)" : message
    }
}

/// The outcome of a bounded match: Java's answer, or `.timedOut` when the budget ran out.
public enum JavaRegexOutcome: Sendable, Equatable {
    case matched(Bool)
    case timedOut
}

/// A compiled `java.util.regex.Pattern`, evaluated with Java's semantics on ICU
/// (`NSRegularExpression`): the pattern is parsed with Java's grammar (so Java's syntax
/// errors are reported) and translated to an equivalent ICU pattern — ASCII-only `\d \w \s`
/// and POSIX classes, Java's line terminators for `. ^ $`, ASCII-only case folding for
/// `(?i)`, Java's character-class union/intersection/negation, `(?U)`, and so on. Every
/// match runs under a time budget, because a pattern harmless on Java's engine can
/// backtrack catastrophically on ICU.
///
/// Immutable and safe to share across threads; compile once.
public final class JavaPattern: Sendable {
    /// Java's `Pattern` flag bits.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let unixLines = Flags(rawValue: 0x01)
        public static let caseInsensitive = Flags(rawValue: 0x02)
        public static let comments = Flags(rawValue: 0x04)
        public static let multiline = Flags(rawValue: 0x08)
        public static let literal = Flags(rawValue: 0x10)
        public static let dotAll = Flags(rawValue: 0x20)
        public static let unicodeCase = Flags(rawValue: 0x40)
        public static let canonEq = Flags(rawValue: 0x80)
        public static let unicodeCharacterClass = Flags(rawValue: 0x100)
    }

    public let pattern: String
    public let flags: Flags
    /// Number of capturing groups (`Matcher.groupCount()`).
    public let groupCount: Int
    /// Named groups and their numbers.
    public let namedGroups: [String: Int]
    /// The translated ICU pattern (for diagnostics).
    public let icuPattern: String

    let findRegex: NSRegularExpression
    let wholeRegex: NSRegularExpression

    public init(_ pattern: String, flags: Flags = []) throws(JavaRegexError) {
        self.pattern = pattern
        self.flags = flags
        let translation = try PatternTranslator.translate(pattern, flags: flags)
        self.groupCount = translation.groupCount
        self.namedGroups = translation.namedGroups
        // ICU rejects an empty pattern; an empty group matches the same.
        let icu = translation.icu.isEmpty ? "(?:)" : translation.icu
        self.icuPattern = icu
        do {
            findRegex = try ICURegexCache.regex(icu)
            wholeRegex = try ICURegexCache.regex("\\A(?:" + icu + ")\\z")
        } catch {
            throw JavaRegexError(message: "Pattern not supported by the ICU engine: \(icu)", index: -1)
        }
    }

    /// Java `Pattern.matches` / `Matcher.matches()`: the whole input must match.
    public func matchesWhole(_ input: String, budget: Duration = .milliseconds(100)) -> JavaRegexOutcome {
        switch BudgetedSearch.first(wholeRegex, in: input, budget: budget) {
        case .found: return .matched(true)
        case .none: return .matched(false)
        case .timedOut: return .timedOut
        }
    }

    /// Java `Matcher.find()` from the start: some part of the input matches.
    public func containsMatch(_ input: String, budget: Duration = .milliseconds(100)) -> JavaRegexOutcome {
        switch BudgetedSearch.first(findRegex, in: input, budget: budget) {
        case .found: return .matched(true)
        case .none: return .matched(false)
        case .timedOut: return .timedOut
        }
    }
}
