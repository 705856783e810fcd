import Crypto
import Foundation

/// AWS Signature Version 4, as a pure function of a request: the canonical request, the
/// string to sign, the signing key and the signature. Used to verify signatures (the server
/// recomputes what the client signed and compares); imports nothing of Portico's.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public enum SigV4 {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash a client may send instead of the body's (`x-amz-content-sha256`).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// What a signature covers.
    public struct Request: Sendable {
        public var method: String
        /// The path as the signer saw it (on the server: the raw path of the request line,
        /// still percent-encoded; it is encoded once more, as AWS's non-S3 services do).
        public var path: String
        /// Query parameters, decoded (the presigned form's `X-Amz-Signature` excluded).
        public var query: [(name: String, value: String)]
        public var headers: [(name: String, value: String)]
        /// Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
        public var payloadHash: String

        public init(
            method: String, path: String, query: [(name: String, value: String)], headers: [(name: String, value: String)],
            payloadHash: String
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// The credential scope: `{yyyyMMdd}/{region}/{service}/aws4_request`.
    public struct Scope: Sendable, Equatable {
        public var date: String
        public var region: String
        public var service: String

        public init(date: String, region: String, service: String) {
            self.date = date
            self.region = region
            self.service = service
        }

        public var text: String { "\(date)/\(region)/\(service)/aws4_request" }
    }

    /// The canonical request over `signedHeaders` (lower-case names, as listed by the client).
    public static func canonicalRequest(_ request: Request, signedHeaders: [String]) -> String {
        var lines: [String] = [request.method, canonicalPath(request.path), canonicalQuery(request.query)]
        for name in signedHeaders {
            let values = request.headers.filter { $0.name.lowercased() == name }.map { trimmed($0.value) }
            lines.append(name + ":" + values.joined(separator: ","))
        }
        lines.append("")
        lines.append(signedHeaders.joined(separator: ";"))
        lines.append(request.payloadHash)
        return lines.joined(separator: "\n")
    }

    public static func stringToSign(canonicalRequest: String, timestamp: String, scope: Scope) -> String {
        [algorithm, timestamp, scope.text, hex(SHA256.hash(data: Array(canonicalRequest.utf8)))].joined(separator: "\n")
    }

    /// `kSigning`: the secret, then the date, region, service and `aws4_request`, each HMAC'd in turn.
    public static func signingKey(secret: String, scope: Scope) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [scope.date, scope.region, scope.service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    public static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// The signature of `request` as a client with `secret` computes it.
    public static func sign(
        _ request: Request, signedHeaders: [String], timestamp: String, scope: Scope, secret: String
    ) -> String {
        let canonical = canonicalRequest(request, signedHeaders: signedHeaders)
        return signature(
            stringToSign: stringToSign(canonicalRequest: canonical, timestamp: timestamp, scope: scope),
            key: signingKey(secret: secret, scope: scope))
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// Compares two signatures in time independent of where they differ.
    public static func same(_ lhs: String, _ rhs: String) -> Bool {
        let (a, b) = (Array(lhs.utf8), Array(rhs.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: canonical parts

    /// The path, each byte outside the unreserved set (and `/`) percent-encoded; empty → `/`.
    static func canonicalPath(_ path: String) -> String {
        path.isEmpty ? "/" : encode(path, keepingSlash: true)
    }

    /// Parameters encoded, sorted by name then value, joined with `&`.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { pair in
            (encode(pair.name, keepingSlash: false), encode(pair.value, keepingSlash: false))
        }
        let sorted = encoded.sorted { lhs, rhs in lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// A header value with leading and trailing spaces removed and inner runs of spaces made one.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// RFC 3986 percent-encoding: `A-Z a-z 0-9 - . _ ~` kept (and `/` when asked), the rest `%XX`.
    static func encode(_ text: String, keepingSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlash:
                out.append("/")
            default:
                out += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0xF)]
            }
        }
        return out
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
