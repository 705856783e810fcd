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
        if range.count > 18 {
            let text = string(range)
            guard let parts = DecimalText(javaLiteral: text), let canonical = parts.bigDecimalString else {
                throw fail("NumberFormatException: For input string: \"\(text)\"", at: range.lowerBound)
            }
            return .decimal(canonical)
        }
        guard let value = Self.fastDouble(buf, range) else {
            let text = string(range)
            guard let parts = DecimalText(javaLiteral: text) else {
                throw fail("NumberFormatException: For input string: \"\(text)\"", at: range.lowerBound)
            }
            return .double(Double(text) ?? parts.doubleValue)
        }
        return .double(value)
    }

    static let exactPowersOfTen: [Double] = (0...22).map { e in
        var v = 1.0
        for _ in 0..<e { v *= 10 }
        return v
    }

    /// `[-]digits[.digits][(e|E)[+-]digits]` with at most 15 significant digits and a
    /// decimal exponent within 10^22, converted exactly (both operands are exact doubles, so
    /// one multiplication or division rounds correctly). Nil for anything else, including
    /// malformed text, which the slow path then reports.
    static func fastDouble(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let end = range.upperBound
        var negative = false
        if i < end && buf[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var sawDigit = false
        var exponent = 0
        while i < end, isDigit(buf[i]) {
            sawDigit = true
            let d = UInt64(buf[i] &- UInt8(ascii: "0"))
            if mantissa != 0 || d != 0 {
                mantissa = mantissa &* 10 &+ d
                significant += 1
            }
            i += 1
        }
        if i < end && buf[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, isDigit(buf[i]) {
                sawDigit = true
                let d = UInt64(buf[i] &- UInt8(ascii: "0"))
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ d
                    significant += 1
                }
                exponent -= 1
                i += 1
            }
        }
        guard sawDigit, significant <= 15 else { return nil }
        if i < end && (buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < end && (buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-")) {
                expNegative = buf[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < end else { return nil }
            var e = 0
            while i < end, isDigit(buf[i]) {
                e = e * 10 + Int(buf[i] &- UInt8(ascii: "0"))
                if e > 1000 { return nil }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard exponent >= -22 && exponent <= 22 else { return nil }
            value = exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
        }
        return negative ? -value : value
    }
}
