extension SmartParser {
    /// json-smart's `readNumber`: a token starting with a digit or `-`. When anything other
    /// than a stop character follows the numeric part, the whole token up to the next stop
    /// character is an unquoted string instead (`12 34`, `1.5.3`, `-a`); a character >= 126
    /// (e.g. any non-ASCII byte) ends the number without being consumed.
    mutating func readNumber(_ stop: StopSet) throws(JSONError) -> JSONValue {
        let start = pos
        read()
        skipDigits()
        if c != UInt8(ascii: ".") && c != UInt8(ascii: "E") && c != UInt8(ascii: "e") {
            skipSpace()
            if c < 126 && !stop.contains(c) {
                skipUnquoted(stop)
                return .string(string(trimmed(start, pos)))
            }
            return integerValue(trimmed(start, pos))
        }
        if c == UInt8(ascii: ".") {
            read()
            skipDigits()
        }
        if c != UInt8(ascii: "E") && c != UInt8(ascii: "e") {
            skipSpace()
            if c < 126 && !stop.contains(c) {
                skipUnquoted(stop)
                return .string(string(trimmed(start, pos)))
            }
            return try floatValue(trimmed(start, pos))
        }
        read()
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || Self.isDigit(c) {
            read()
            skipDigits()
            skipSpace()
            if c < 126 && !stop.contains(c) {
                skipUnquoted(stop)
                return .string(string(trimmed(start, pos)))
            }
            return try floatValue(trimmed(start, pos))
        }
        skipUnquoted(stop)
        return .string(string(trimmed(start, pos)))
    }

    /// `[-]digits` (or a lone `-`, which json-smart reads as 0): `Integer`/`Long` when it
    /// fits in 64 bits, else `BigInteger`.
    func integerValue(_ range: Range<Int>) -> JSONValue {
        var i = range.lowerBound
        let negative = i < range.upperBound && buf[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0  // accumulated negatively, like Long.MIN_VALUE-safe parsing
        var overflow = false
        var j = i
        while j < range.upperBound {
            let digit = Int64(buf[j] &- UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(digit)
            if o1 || o2 { overflow = true; break }
            value = s
            j += 1
        }
        if !overflow {
            if negative { return .int(value) }
            if value != Int64.min { return .int(-value) }
        }
        var k = i
        while k < range.upperBound - 1 && buf[k] == UInt8(ascii: "0") { k += 1 }
        let digits = string(k..<range.upperBound)
        return .bigInt(negative ? "-" + digits : digits)
    }

    /// json-smart's `extractFloat` in high-precision mode: up to 18 characters a `Double`
    /// (`Double.parseDouble`), longer a `BigDecimal`. Java rejects a mantissa without digits
    /// or an exponent without digits (`1e+`), which fails the whole payload.
    func floatValue(_ range: Range<Int>) throws(JSONError) -> JSONValue {
        let text = string(range)
        guard let parts = DecimalText(javaLiteral: text) else {
            throw fail("NumberFormatException: For input string: \"\(text)\"", at: range.lowerBound)
        }
        if range.count > 18 {
            guard let canonical = parts.bigDecimalString else {
                throw fail("NumberFormatException: exponent out of range", at: range.lowerBound)
            }
            return .decimal(canonical)
        }
        return .double(Double(text) ?? parts.doubleValue)
    }
}
