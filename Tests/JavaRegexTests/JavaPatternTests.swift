import JavaRegex
import XCTest

/// `JavaPattern`'s public behaviour, case by case. Expected values were checked against
/// OpenJDK 17 (`Pattern.matches`, `Matcher.find`, `String.replaceAll`, `String.split`).
final class JavaPatternTests: XCTestCase {
    func matches(
        _ pattern: String, _ input: String, flags: JavaPattern.Flags = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Bool {
        let outcome = try JavaPattern(pattern, flags: flags).matchesWhole(input, budget: .seconds(1))
        guard case .matched(let b) = outcome else {
            XCTFail("\(pattern) timed out on \(input)", file: file, line: line)
            return false
        }
        return b
    }

    func finds(_ pattern: String, _ input: String, flags: JavaPattern.Flags = []) throws -> Bool {
        try JavaPattern(pattern, flags: flags).containsMatch(input, budget: .seconds(1)) == .matched(true)
    }

    func testMatchesIsWholeInputFindIsAnywhere() throws {
        XCTAssertTrue(try matches("a+", "aaa"))
        XCTAssertFalse(try matches("a+", "baaa"))
        XCTAssertTrue(try finds("a+", "baaa"))
        XCTAssertFalse(try finds("c", "baaa"))
        // matches() of an alternation must use the whole input, not the first branch that fits.
        XCTAssertTrue(try matches("a|ab", "ab"))
        XCTAssertFalse(try matches("a{2,3}", "aaaa"))
        XCTAssertTrue(try finds("a{2,3}", "aaaa"))
    }

    func testPossessiveAndAtomicGroupsDoNotGiveBack() throws {
        XCTAssertFalse(try matches("a*+a", "aaaa"))
        XCTAssertFalse(try matches("(?>a*)a", "aaaa"))
        XCTAssertTrue(try matches("a*a", "aaaa"))
        XCTAssertTrue(try matches("(?>ab|a)c", "abc"))
        XCTAssertFalse(try matches("(?>a|ab)c", "abc"))
    }

    func testJavaCharacterClasses() throws {
        XCTAssertTrue(try matches("\\p{javaLowerCase}+", "abcé"))
        XCTAssertFalse(try matches("\\p{javaLowerCase}+", "abC"))
        XCTAssertTrue(try matches("\\p{javaUpperCase}+", "ÀB"))
        XCTAssertTrue(try matches("\\p{javaDigit}+", "12\u{663}"))
        // \d, \w and the POSIX classes are ASCII-only in Java unless (?U) is on.
        XCTAssertFalse(try matches("\\d+", "12\u{663}"))
        XCTAssertFalse(try matches("\\w+", "é"))
        XCTAssertFalse(try matches("\\p{Alpha}+", "é"))
        XCTAssertTrue(try matches("(?U)\\w+", "é"))
        XCTAssertTrue(try matches("\\h+", " \t"))
        XCTAssertTrue(try matches("\\R", "\r\n"))
        // Union, intersection and subtraction inside a class.
        XCTAssertTrue(try matches("[a-z&&[^aeiou]]+", "bcd"))
        XCTAssertFalse(try matches("[a-z&&[^aeiou]]+", "bad"))
        XCTAssertTrue(try matches("[a-c[x-z]]+", "axcz"))
        XCTAssertTrue(try matches("\\Qa.b\\E", "a.b"))
        XCTAssertFalse(try matches("\\Qa.b\\E", "axb"))
    }

    func testLineTerminatorsAndCaseFolding() throws {
        XCTAssertFalse(try matches(".", "\n"))
        XCTAssertTrue(try matches("(?s).", "\n"))
        XCTAssertTrue(try matches(".", "\n", flags: .dotAll))
        XCTAssertTrue(try finds("^b", "a\nb", flags: .multiline))
        XCTAssertFalse(try finds("^b", "a\nb"))
        XCTAssertTrue(try matches("(?i)abc", "ABC"))
        XCTAssertTrue(try matches("abc", "ABC", flags: .caseInsensitive))
        // (?i) folds ASCII only; (?iu) folds Unicode.
        XCTAssertFalse(try matches("(?i)é", "É"))
        XCTAssertTrue(try matches("(?iu)é", "É"))
        XCTAssertTrue(try matches("a.b", "a.b", flags: .literal))
        XCTAssertFalse(try matches("a.b", "axb", flags: .literal))
    }

    func testGroupCountAndNamedGroups() throws {
        let p = try JavaPattern("(a)(b(c))(?<x>d)(?:e)")
        XCTAssertEqual(p.groupCount, 4)
        XCTAssertEqual(p.namedGroups, ["x": 4])
    }

    func testReplaceAllWithGroupReferences() throws {
        XCTAssertEqual(try JavaPattern("(\\w+) (\\w+)").replaceAll(in: "John Smith", with: "$2, $1"), "Smith, John")
        XCTAssertEqual(try JavaPattern("\\d+").replaceAll(in: "a1b22c333", with: "<$0>"), "a<1>b<22>c<333>")
        // An empty match after the last real one is replaced too.
        XCTAssertEqual(try JavaPattern("a*").replaceAll(in: "aaa", with: "X"), "XX")
        XCTAssertEqual(try JavaPattern("\\.").replaceAll(in: "a.b.c", with: "\\$"), "a$b$c")
        XCTAssertEqual(
            try JavaPattern("(?<y>\\d{4})-(?<m>\\d\\d)-(?<d>\\d\\d)").replaceAll(in: "2024-01-15", with: "${d}/${m}/${y}"),
            "15/01/2024")
        XCTAssertEqual(try JavaPattern("b|c").replaceFirst(in: "abc", with: "[$0]"), "a[b]c")
        // An unmatched optional group inserts nothing.
        XCTAssertEqual(try JavaPattern("(x)?y").replaceAll(in: "yxy", with: "[$1]"), "[][x]")
    }

    func testSplitDropsTrailingEmptyStringsOnlyWithLimitZero() throws {
        XCTAssertEqual(try JavaPattern("o").split("boo:and:foo"), ["b", "", ":and:f"])
        XCTAssertEqual(try JavaPattern("o").split("boo:and:foo", limit: -1), ["b", "", ":and:f", "", ""])
        XCTAssertEqual(try JavaPattern("o").split("boo:and:foo", limit: 2), ["b", "o:and:foo"])
        XCTAssertEqual(try JavaPattern(":").split(":a:b::"), ["", "a", "b"])
        XCTAssertEqual(try JavaPattern(",").split(",,,"), [])
        XCTAssertEqual(try JavaPattern("\\d").split("a1b2c3"), ["a", "b", "c"])
        XCTAssertEqual(try JavaPattern("\\s+").split(" a  b "), ["", "a", "b"])
        XCTAssertEqual(try JavaPattern("").split("abc"), ["a", "b", "c"])
        XCTAssertEqual(try JavaPattern(",").split(""), [""])
    }

    func testSyntaxErrorsCarryJavasDescriptionAndIndex() {
        let cases: [(String, String, Int)] = [
            ("(?<n>a)(?<n>b)", "Named capturing group <n> is already defined", 11),
            ("a**", "Dangling meta character '*'", 2),
            ("\\p{javaFoo}", "Unknown character property name {javaFoo}", 10),
            ("[a-", "Illegal character range", 3),
        ]
        for (pattern, message, index) in cases {
            XCTAssertThrowsError(try JavaPattern(pattern), pattern) { error in
                let e = error as? JavaRegexError
                XCTAssertEqual(e?.kind, .syntax, pattern)
                XCTAssertEqual(e?.message, message, pattern)
                XCTAssertEqual(e?.index, index, pattern)
                XCTAssertEqual(e?.description, "\(message) near index \(index)", pattern)
            }
        }
    }

    /// `(a+)+b` against a long run of `a`s with no `b` backtracks exponentially on ICU: every
    /// entry point must give up within its budget (an error or `.timedOut`), not hang.
    func testPathologicalPatternStopsAtItsBudget() throws {
        let pattern = try JavaPattern("(a+)+b")
        let input = String(repeating: "a", count: 40)
        let clock = ContinuousClock()
        let budget = Duration.milliseconds(50)

        var start = clock.now
        XCTAssertEqual(pattern.matchesWhole(input, budget: budget), .timedOut)
        XCTAssertLessThan(clock.now - start, .seconds(2))

        start = clock.now
        XCTAssertEqual(pattern.containsMatch(input, budget: budget), .timedOut)
        XCTAssertLessThan(clock.now - start, .seconds(2))

        start = clock.now
        XCTAssertThrowsError(try pattern.replaceAll(in: input, with: "x", budget: budget)) { error in
            XCTAssertEqual((error as? JavaRegexError)?.kind, .timedOut)
        }
        XCTAssertThrowsError(try pattern.split(input, budget: budget)) { error in
            XCTAssertEqual((error as? JavaRegexError)?.kind, .timedOut)
            XCTAssertEqual((error as? JavaRegexError)?.index, -1)
        }
        XCTAssertLessThan(clock.now - start, .seconds(4))

        // The default budget (100 ms) applies when none is given.
        start = clock.now
        XCTAssertEqual(pattern.matchesWhole(input), .timedOut)
        XCTAssertLessThan(clock.now - start, .seconds(2))
        // The same pattern on an input it can settle quickly still answers.
        XCTAssertEqual(pattern.matchesWhole("aaab", budget: budget), .matched(true))
    }
}
