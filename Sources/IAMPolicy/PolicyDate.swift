/// The dates the `Date*` condition operators compare: ISO 8601 (`2026-01-31`,
/// `2026-01-31T12:00:00Z`, with fractional seconds or a `±hh:mm` offset) or seconds since the
/// epoch (`aws:EpochTime`), read as seconds since the epoch.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
enum PolicyDate {
    static func seconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || (bytes.first == UInt8(ascii: "-") && bytes.count > 1) {
            return bytes.count <= 15 ? Double(text) : nil
        }
        var at = 0
        func digits(_ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[at..<at + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            at += count
            return value
        }
        func expect(_ char: Character) -> Bool {
            guard at < bytes.count, bytes[at] == char.asciiValue else { return false }
            at += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard at < bytes.count else { return seconds }
        guard expect("T"), let hour = digits(2), expect(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if at < bytes.count, bytes[at] == UInt8(ascii: ":") {
            at += 1
            guard let second = digits(2), second < 61 else { return nil }
            seconds += Double(second)
            if expect(".") {
                let start = at
                var fraction = 0.0
                var scale = 0.1
                while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
                    fraction += Double(bytes[at] - 0x30) * scale
                    scale /= 10
                    at += 1
                }
                guard at > start else { return nil }
                seconds += fraction
            }
        }
        if expect("Z") { return at == bytes.count ? seconds : nil }
        guard at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") else {
            return at == bytes.count ? seconds : nil
        }
        let sign: Double = bytes[at] == UInt8(ascii: "+") ? 1 : -1
        at += 1
        guard let offsetHours = digits(2) else { return nil }
        _ = expect(":")
        guard let offsetMinutes = digits(2), at == bytes.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
