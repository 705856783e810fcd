/// Splits a Velocity (VTL) mapping template into classed spans for display: directives (`d`),
/// references (`r`), string literals (`s`), numbers (`n`), comments (`c`) and plain text (`""`).
///
/// A display aid, not a parser: it never fails, whatever the text, and unbalanced input simply
/// ends in the mode it was in. Errors come from the real engine (`TemplateDiagnostics`).
enum VTLHighlighter {
    struct Span: Equatable {
        var kind: String
        var text: String
    }

    /// The spans of each line of `source` (a span never crosses a line break).
    static func lines(_ source: String) -> [[Span]] {
        var scanner = Scanner(Array(source))
        scanner.run()
        var lines: [[Span]] = [[]]
        for span in scanner.spans {
            var parts = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = parts.removeFirst()
            if !first.isEmpty { lines[lines.count - 1].append(Span(kind: span.kind, text: String(first))) }
            for part in parts {
                lines.append(part.isEmpty ? [] : [Span(kind: span.kind, text: String(part))])
            }
        }
        return lines
    }

    private struct Scanner {
        let chars: [Character]
        var index = 0
        var spans: [Span] = []
        /// Open parentheses of directive arguments and method calls (expression mode when > 0).
        var depth = 0

        init(_ chars: [Character]) { self.chars = chars }

        func peek(_ offset: Int = 0) -> Character? {
            index + offset < chars.count ? chars[index + offset] : nil
        }

        mutating func emit(_ kind: String, from start: Int) {
            guard index > start else { return }
            let text = String(chars[start..<index])
            if let last = spans.last, last.kind == kind {
                spans[spans.count - 1].text += text
            } else {
                spans.append(Span(kind: kind, text: text))
            }
        }

        static func isIdentifierStart(_ c: Character?) -> Bool {
            guard let c else { return false }
            return c.isASCII && (c.isLetter || c == "_")
        }

        static func isIdentifier(_ c: Character?) -> Bool {
            guard let c else { return false }
            return c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
        }

        mutating func run() {
            while index < chars.count {
                let start = index
                let c = chars[index]
                if c == "#", peek(1) == "#" {
                    while index < chars.count, chars[index] != "\n" { index += 1 }
                    emit("c", from: start)
                } else if c == "#", peek(1) == "*" {
                    index += 2
                    while index < chars.count, !(chars[index] == "*" && peek(1) == "#") { index += 1 }
                    index = min(index + 2, chars.count)
                    emit("c", from: start)
                } else if c == "#", peek(1) == "[", peek(2) == "[" {
                    index += 3
                    while index < chars.count, !(chars[index] == "]" && peek(1) == "]" && peek(2) == "#") { index += 1 }
                    index = min(index + 3, chars.count)
                    emit("", from: start)
                } else if c == "#", Self.isIdentifierStart(peek(1)) || (peek(1) == "{" && Self.isIdentifierStart(peek(2))) {
                    index += peek(1) == "{" ? 2 : 1
                    while Self.isIdentifier(peek()) && peek() != "-" { index += 1 }
                    if peek() == "}" { index += 1 }
                    emit("d", from: start)
                    // `#if (…)`, `#set(…)`, `#foreach(…)`: the arguments are an expression.
                    var open = index
                    while open < chars.count, chars[open] == " " || chars[open] == "\t" { open += 1 }
                    if open < chars.count, chars[open] == "(" {
                        let plain = index
                        index = open + 1
                        depth += 1
                        emit("", from: plain)
                    }
                } else if c == "$", Self.isReferenceStart(at: index + 1, in: chars) {
                    reference()
                } else if depth > 0 {
                    expression()
                } else {
                    index += 1
                    emit("", from: start)
                }
            }
        }

        /// `$name`, `$!name`, `${name}`, `$!{name}` and the `.member` chain after it; a call's
        /// arguments are scanned as an expression.
        static func isReferenceStart(at position: Int, in chars: [Character]) -> Bool {
            var position = position
            if position < chars.count, chars[position] == "!" { position += 1 }
            if position < chars.count, chars[position] == "{" { position += 1 }
            return position < chars.count && isIdentifierStart(chars[position])
        }

        mutating func reference() {
            let start = index
            index += 1
            if peek() == "!" { index += 1 }
            let braced = peek() == "{"
            if braced { index += 1 }
            while Self.isIdentifier(peek()) && peek() != "-" { index += 1 }
            while peek() == ".", Self.isIdentifierStart(peek(1)) {
                index += 1
                while Self.isIdentifier(peek()) && peek() != "-" { index += 1 }
            }
            if braced, peek() == "}" { index += 1 }
            emit("r", from: start)
            if peek() == "(" {
                let open = index
                index += 1
                depth += 1
                emit("", from: open)
            }
        }

        /// Inside `( … )`: strings, numbers and parentheses; everything else plain.
        mutating func expression() {
            let start = index
            let c = chars[index]
            if c == "'" || c == "\"" {
                index += 1
                while index < chars.count, chars[index] != c, chars[index] != "\n" { index += 1 }
                if index < chars.count, chars[index] == c { index += 1 }
                emit("s", from: start)
            } else if c.isASCII, c.isNumber {
                while let next = peek(), next.isASCII, next.isNumber || next == "." { index += 1 }
                emit("n", from: start)
            } else {
                if c == "(" { depth += 1 }
                if c == ")" { depth -= 1 }
                index += 1
                emit("", from: start)
            }
        }
    }
}
