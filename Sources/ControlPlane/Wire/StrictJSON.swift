/// A strict RFC 8259 syntax check of a request body, run before Foundation's decoder.
///
/// Foundation's JSON parser is lenient (it accepts, for example, a trailing comma in an object),
/// while AWS's deserializer rejects anything that is not JSON with a SerializationException.
/// The check is one pass over the bytes with an explicit stack, so hostile nesting cannot
/// exhaust the call stack; it also rejects malformed UTF-8 (overlong forms, surrogates).
/// https://www.rfc-editor.org/rfc/rfc8259
enum StrictJSON {
    /// Deeper nesting is refused (Jackson, which AWS's front end is built on, stops at 1000).
    static let maxDepth = 1000

    static func isValid(_ bytes: [UInt8]) -> Bool {
        var scanner = Scanner(bytes: bytes)
        return scanner.document()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A UTF-8 byte order mark is skipped, as Jackson does.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        }

        private enum Container { case object, array }

        /// What may come next inside the innermost container.
        private enum Expect { case value, valueOrClose, key, keyOrClose, colon, commaOrClose }

        mutating func document() -> Bool {
            var stack: [Container] = []
            var expect = Expect.value
            while true {
                skipWhitespace()
                guard index < bytes.count else { return false }
                let byte = bytes[index]
                switch expect {
                case .value, .valueOrClose:
                    if expect == .valueOrClose, byte == UInt8(ascii: "]") {
                        index += 1
                        stack.removeLast()
                    } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        guard stack.count < StrictJSON.maxDepth else { return false }
                        index += 1
                        let isObject = byte == UInt8(ascii: "{")
                        stack.append(isObject ? .object : .array)
                        expect = isObject ? .keyOrClose : .valueOrClose
                        continue
                    } else {
                        guard scalar() else { return false }
                    }
                case .key, .keyOrClose:
                    if expect == .keyOrClose, byte == UInt8(ascii: "}") {
                        index += 1
                        stack.removeLast()
                    } else {
                        guard byte == UInt8(ascii: "\""), string() else { return false }
                        expect = .colon
                        continue
                    }
                case .colon:
                    guard byte == UInt8(ascii: ":") else { return false }
                    index += 1
                    expect = .value
                    continue
                case .commaOrClose:
                    guard let top = stack.last else { return false }
                    if byte == UInt8(ascii: ",") {
                        index += 1
                        expect = top == .object ? .key : .value
                        continue
                    }
                    guard byte == UInt8(ascii: top == .object ? "}" : "]") else { return false }
                    index += 1
                    stack.removeLast()
                }
                // A value (scalar or closed container) is complete.
                if stack.isEmpty {
                    skipWhitespace()
                    return index == bytes.count
                }
                expect = .commaOrClose
            }
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        private mutating func scalar() -> Bool {
            switch bytes[index] {
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }

        private mutating func number() -> Bool {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return false
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }

        /// A string starting at the opening quote: escapes checked, control characters and
        /// malformed UTF-8 refused.
        private mutating func string() -> Bool {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return true
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { return false }
                    let escaped = bytes[index + 1]
                    if escaped == UInt8(ascii: "u") {
                        guard index + 6 <= bytes.count,
                              bytes[(index + 2)..<(index + 6)].allSatisfy(isHexDigit) else { return false }
                        index += 6
                    } else {
                        guard Array("\"\\/bfnrt".utf8).contains(escaped) else { return false }
                        index += 2
                    }
                case 0x00..<0x20:
                    return false
                case 0x20..<0x80:
                    index += 1
                default:
                    guard utf8Sequence() else { return false }
                }
            }
            return false
        }

        private func isHexDigit(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
        }

        /// One multi-byte UTF-8 sequence (RFC 3629 table 3-7 ranges).
        private mutating func utf8Sequence() -> Bool {
            let lead = bytes[index]
            let count: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: count = 2
            case 0xE0: count = 3; second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: count = 3
            case 0xED: count = 3; second = 0x80...0x9F
            case 0xF0: count = 4; second = 0x90...0xBF
            case 0xF1...0xF3: count = 4
            case 0xF4: count = 4; second = 0x80...0x8F
            default: return false
            }
            guard index + count <= bytes.count, second.contains(bytes[index + 1]) else { return false }
            for offset in 2..<count where !(0x80...0xBF).contains(bytes[index + offset]) { return false }
            index += count
            return true
        }
    }
}
