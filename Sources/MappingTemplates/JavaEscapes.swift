/// The Java library functions behind `$util`: Commons Lang's `escapeJavaScript`,
/// `java.net.URLEncoder`/`URLDecoder` (UTF-8) and `java.util.Base64`.
enum JavaEscapes {
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Commons Lang 2.6 `StringEscapeUtils.escapeJavaScript`: `'` `"` `\` `/` escaped with a
    /// backslash, control characters as `\b \t \n \f \r` or `\u00XX`, every character above
    /// U+007F as `\uXXXX` (upper-case hex, one escape per UTF-16 unit).
    static func escapeJavaScript(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.utf16 {
            if u > 0x7F {
                out.append(contentsOf: [0x5C, 0x75])
                out.append(hexDigits[Int(u >> 12) & 15])
                out.append(hexDigits[Int(u >> 8) & 15])
                out.append(hexDigits[Int(u >> 4) & 15])
                out.append(hexDigits[Int(u) & 15])
                continue
            }
            let c = UInt8(u)
            switch c {
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x27: out.append(contentsOf: [0x5C, 0x27])
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x2F: out.append(contentsOf: [0x5C, 0x2F])
            default:
                if c < 0x20 {
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                    out.append(hexDigits[Int(c >> 4)])
                    out.append(hexDigits[Int(c & 15)])
                } else {
                    out.append(c)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `URLEncoder.encode(s, "UTF-8")`: letters, digits and `.-*_` kept, space as `+`,
    /// everything else as `%XX` per UTF-8 byte (unpaired surrogates as `?`).
    static func urlEncode(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in Self.javaUTF8(s) {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x2D, 0x2A, 0x5F:
                out.append(b)
            case 0x20:
                out.append(0x2B)
            default:
                out.append(0x25)
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// UTF-8 bytes as Java's encoder produces them (an unpaired surrogate becomes `?`).
    static func javaUTF8(_ s: String) -> [UInt8] {
        Array(s.utf8)
    }

    struct DecodeError: Error {
        let message: String
    }

    /// `URLDecoder.decode(s, "UTF-8")`: `+` is a space, runs of `%XX` are decoded as UTF-8.
    static func urlDecode(_ s: String) throws(DecodeError) -> String {
        let u = Array(s.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            let c = u[i]
            if c == 0x2B {
                out.append(0x20)
                i += 1
            } else if c == 0x25 {
                var bytes: [UInt8] = []
                while i + 2 < u.count + 0 && u[i] == 0x25 {
                    guard let hi = hexValue(u[i + 1]), let lo = hexValue(u[i + 2]) else {
                        throw DecodeError(message: "URLDecoder: Illegal hex characters in escape (%) pattern")
                    }
                    bytes.append(UInt8(hi * 16 + lo))
                    i += 3
                }
                if i < u.count && u[i] == 0x25 {
                    throw DecodeError(message: "URLDecoder: Incomplete trailing escape (%) pattern")
                }
                out.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf16)
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    private static func hexValue(_ c: UInt16) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c) - 0x30
        case 0x41...0x46: return Int(c) - 0x37
        case 0x61...0x66: return Int(c) - 0x57
        default: return nil
        }
    }

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard Base64 with padding of the UTF-8 bytes.
    static func base64Encode(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            out.append(alphabet[(n >> 18) & 63])
            out.append(alphabet[(n >> 12) & 63])
            out.append(alphabet[(n >> 6) & 63])
            out.append(alphabet[n & 63])
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = Int(bytes[i]) << 16
            out.append(alphabet[(n >> 18) & 63])
            out.append(alphabet[(n >> 12) & 63])
            out.append(contentsOf: [0x3D, 0x3D])
        } else if rest == 2 {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8
            out.append(alphabet[(n >> 18) & 63])
            out.append(alphabet[(n >> 12) & 63])
            out.append(alphabet[(n >> 6) & 63])
            out.append(0x3D)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Base64.getDecoder().decode(s)` then UTF-8: the strict standard alphabet, padding
    /// optional but checked, no other characters.
    static func base64Decode(_ s: String) throws(DecodeError) -> String {
        var bytes: [UInt8] = []
        var bits = 0
        var shift = 18
        var padded = false
        let u = Array(s.utf16)
        var i = 0
        while i < u.count {
            let c = u[i]
            i += 1
            if c == 0x3D {
                if shift == 0 || (shift == 6 && i < u.count && u[i] == 0x3D) {
                    if shift == 6 { i += 1 }
                    padded = true
                    break
                }
                throw DecodeError(message: "Input byte array has wrong 4-byte ending unit")
            }
            guard let v = base64Value(c) else {
                throw DecodeError(message: "Illegal base64 character " + String(c, radix: 16))
            }
            bits |= v << shift
            shift -= 6
            if shift < 0 {
                bytes.append(UInt8((bits >> 16) & 0xFF))
                bytes.append(UInt8((bits >> 8) & 0xFF))
                bytes.append(UInt8(bits & 0xFF))
                bits = 0
                shift = 18
            }
        }
        if padded && i < u.count {
            throw DecodeError(message: "Input byte array has incorrect ending byte at \(i)")
        }
        switch shift {
        case 6:
            bytes.append(UInt8((bits >> 16) & 0xFF))
        case 0:
            bytes.append(UInt8((bits >> 16) & 0xFF))
            bytes.append(UInt8((bits >> 8) & 0xFF))
        case 12:
            throw DecodeError(message: "Last unit does not have enough valid bits")
        default:
            break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func base64Value(_ c: UInt16) -> Int? {
        switch c {
        case 0x41...0x5A: return Int(c) - 0x41
        case 0x61...0x7A: return Int(c) - 0x61 + 26
        case 0x30...0x39: return Int(c) - 0x30 + 52
        case 0x2B: return 62
        case 0x2F: return 63
        default: return nil
        }
    }
}
