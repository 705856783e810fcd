import JavaRegex
import VTL

/// Where the engines reject a template or a selection pattern, as `line:column: message`, the
/// way the data plane would meet it: templates compiled by the project's VTL engine, patterns
/// by JavaRegex (Java's `Pattern.compile`). Compiled when a page shows them, never cached.
enum TemplateDiagnostics {
    struct Problem: Equatable {
        let line: Int
        let column: Int
        let message: String

        var text: String { "\(line):\(column): \(message)" }
    }

    /// The VTL syntax error of `source`, if any.
    static func template(_ source: String) -> Problem? {
        do {
            _ = try VTLTemplate(source)
            return nil
        } catch {
            return Problem(line: error.location.line, column: error.location.column, message: error.message)
        }
    }

    /// The `PatternSyntaxException` of `pattern`, if any, at the line and column of Java's
    /// index (a UTF-16 offset; column 1 when Java gives none).
    static func pattern(_ pattern: String) -> Problem? {
        do {
            _ = try JavaPattern(pattern)
            return nil
        } catch {
            let (line, column) = position(ofUTF16Offset: max(error.index, 0), in: pattern)
            return Problem(line: line, column: column, message: error.message)
        }
    }

    /// 1-based line and column of a UTF-16 offset (columns count characters of the line).
    static func position(ofUTF16Offset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for character in text {
            if consumed >= offset { break }
            consumed += character.utf16.count
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

/// A mapping template ready for a page: its content type, its lines of highlighted spans, and
/// the engine's error with its line marked.
enum TemplateView {
    static func make(contentType: String, source: String) -> [String: Any] {
        let problem = TemplateDiagnostics.template(source)
        let lines = VTLHighlighter.lines(source).enumerated().map { offset, spans -> [String: Any] in
            [
                "n": offset + 1, "err": offset + 1 == problem?.line,
                "spans": spans.map { ["c": $0.kind, "t": $0.text] },
            ]
        }
        return [
            "contentType": contentType, "lines": lines, "diag": problem?.text ?? "", "hasDiag": problem != nil,
            "isEmpty": source.isEmpty,
        ]
    }

    /// Every template of a `{contentType: template}` map, by content type.
    static func all(_ templates: [String: String?]?) -> [[String: Any]] {
        (templates ?? [:]).sorted { $0.key < $1.key }.map { make(contentType: $0.key, source: ($0.value ?? nil) ?? "") }
    }
}
