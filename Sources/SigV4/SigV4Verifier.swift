import Foundation

/// Verifies a request's Signature Version 4 — the `Authorization` header form or the presigned
/// query form — against known credentials, as AWS's front end does: the parts present, the
/// timestamp within 15 minutes of now (presigned: not past `X-Amz-Expires`), the access key
/// known, the session token (when the credentials have one) the same, and the signature the
/// one recomputed with the key's secret.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-authentication-methods.html
public struct SigV4Verifier: Sendable {
    /// One access key's secret and, for temporary credentials, its session token; from a
    /// credentials file also the profile it came from, its account and identity policy (text,
    /// or a file's path, as written there: Portico's own keys).
    public struct Credential: Sendable, Equatable {
        public var secretAccessKey: String
        public var sessionToken: String?
        public var profile: String?
        public var accountId: String?
        public var policy: String?
        public var policyFile: String?

        public init(secretAccessKey: String, sessionToken: String? = nil) {
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    /// Who signed: the access key and the scope it signed for.
    public struct Identity: Sendable, Equatable {
        public let accessKeyId: String
        public let scope: SigV4.Scope
    }

    /// Why a signature was refused, in the classes AWS answers with.
    public enum Failure: Error, Equatable, Sendable {
        /// No signature at all.
        case missing
        /// `IncompleteSignatureException`: parts missing or malformed.
        case incomplete(String)
        /// `InvalidSignatureException`: the signature does not match, or has expired.
        case invalid(String)
        /// `UnrecognizedClientException`: the access key or session token is unknown.
        case unrecognized

        public static let mismatch = Failure.invalid(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        )
        public static let unrecognizedMessage = "The security token included in the request is invalid."
    }

    public let credentials: [String: Credential]
    /// How far the signed time may be from now (AWS: 15 minutes).
    public let allowedSkew: TimeInterval

    public init(credentials: [String: Credential], allowedSkew: TimeInterval = 15 * 60) {
        self.credentials = credentials
        self.allowedSkew = allowedSkew
    }

    /// Verifies `request` (query decoded, headers as received, path raw) whose body hashes to
    /// `bodyHash` (hex SHA-256).
    public func verify(
        method: String, path: String, query: [(name: String, value: String)], headers: [(name: String, value: String)],
        bodyHash: @autoclosure () -> String, now: Date
    ) -> Result<Identity, Failure> {
        func header(_ name: String) -> String? { headers.last { $0.name.lowercased() == name }?.value }
        func parameter(_ name: String) -> String? { query.last { $0.name == name }?.value }
        let parts: SignedParts
        var signedQuery = query
        // The payload hashes the signer may have used: the declared one, else the body's; a
        // presigned URL may also carry `UNSIGNED-PAYLOAD` (S3-style presigning).
        let payloadHashes: [String]
        if let authorization = header("authorization") {
            switch SignedParts.fromHeader(authorization, date: header("x-amz-date") ?? header("date")) {
            case .success(let found): parts = found
            case .failure(let failure): return .failure(failure)
            }
            payloadHashes = [header("x-amz-content-sha256") ?? bodyHash()]
            if let token = header("x-amz-security-token"), let check = checkToken(token, parts.accessKeyId) { return .failure(check) }
        } else if let algorithm = parameter("X-Amz-Algorithm") {
            switch SignedParts.fromQuery(algorithm: algorithm, parameter) {
            case .success(let found): parts = found
            case .failure(let failure): return .failure(failure)
            }
            signedQuery.removeAll { $0.name == "X-Amz-Signature" }
            payloadHashes = [header("x-amz-content-sha256") ?? bodyHash(), SigV4.unsignedPayload]
            if let token = parameter("X-Amz-Security-Token"), let check = checkToken(token, parts.accessKeyId) { return .failure(check) }
            if let expires = parts.expires, let signedAt = Self.parseTimestamp(parts.timestamp),
                now.timeIntervalSince(signedAt) > TimeInterval(expires)
            {
                return .failure(
                    .invalid(
                        "Signature expired: \(parts.timestamp) is now earlier than \(Self.format(now.addingTimeInterval(-TimeInterval(expires))))"))
            }
        } else {
            return .failure(.missing)
        }
        guard let signedAt = Self.parseTimestamp(parts.timestamp) else {
            return .failure(
                .incomplete("Date must be in ISO-8601 'basic format'. Got '\(parts.timestamp)'. See http://en.wikipedia.org/wiki/ISO_8601"))
        }
        if parts.expires == nil, abs(now.timeIntervalSince(signedAt)) > allowedSkew {
            let earlier = signedAt < now
            let bound = now.addingTimeInterval(earlier ? -allowedSkew : allowedSkew)
            return .failure(
                .invalid(
                    "Signature \(earlier ? "expired" : "not yet current"): \(parts.timestamp) is now \(earlier ? "earlier" : "later") than \(Self.format(bound)) (\(Self.format(now)) \(earlier ? "-" : "+") 15 min.)"
                ))
        }
        guard let credential = credentials[parts.accessKeyId] else { return .failure(.unrecognized) }
        if credential.sessionToken != nil, header("x-amz-security-token") == nil,
            parameter("X-Amz-Security-Token") == nil
        {
            return .failure(.unrecognized)
        }
        for payloadHash in payloadHashes {
            let request = SigV4.Request(method: method, path: path, query: signedQuery, headers: headers, payloadHash: payloadHash)
            let expected = SigV4.sign(
                request, signedHeaders: parts.signedHeaders, timestamp: parts.timestamp, scope: parts.scope,
                secret: credential.secretAccessKey)
            if SigV4.same(expected, parts.signature) { return .success(Identity(accessKeyId: parts.accessKeyId, scope: parts.scope)) }
        }
        return .failure(.mismatch)
    }

    private func checkToken(_ token: String, _ accessKeyId: String) -> Failure? {
        guard let credential = credentials[accessKeyId] else { return nil }
        return credential.sessionToken == token ? nil : .unrecognized
    }

    // MARK: timestamps (`yyyyMMdd'T'HHmmss'Z'`, UTC)

    static func parseTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? { Int32(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
            let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        var fields = tm()
        (fields.tm_year, fields.tm_mon, fields.tm_mday) = (year - 1900, month - 1, day)
        (fields.tm_hour, fields.tm_min, fields.tm_sec) = (hour, minute, second)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&fields)))
    }

    /// `date` as a signature timestamp (`20150830T123600Z`).
    public static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(fields.tm_year + 1900)\(two(fields.tm_mon + 1))\(two(fields.tm_mday))T\(two(fields.tm_hour))\(two(fields.tm_min))\(two(fields.tm_sec))Z"
    }
}

/// The parts of a signature, from either form.
struct SignedParts {
    var accessKeyId: String
    var scope: SigV4.Scope
    var signedHeaders: [String]
    var signature: String
    var timestamp: String
    /// Presigned form: seconds the signature stays valid.
    var expires: Int?

    /// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
    static func fromHeader(_ authorization: String, date: String?) -> Result<SignedParts, SigV4Verifier.Failure> {
        guard authorization.hasPrefix(SigV4.algorithm + " ") else {
            return .failure(
                .incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=\(authorization)"))
        }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst(SigV4.algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { fields[$0] == nil }
        guard missing.isEmpty else {
            let text = missing.map { "Authorization header requires '\($0)' parameter." }.joined(separator: " ")
            return .failure(.incomplete(text + " Authorization=\(authorization)"))
        }
        guard let date else {
            return .failure(
                .incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=\(authorization)"))
        }
        return build(
            credential: fields["Credential"]!, signedHeaders: fields["SignedHeaders"]!, signature: fields["Signature"]!, timestamp: date, expires: nil
        )
    }

    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`.
    static func fromQuery(algorithm: String, _ parameter: (String) -> String?) -> Result<SignedParts, SigV4Verifier.Failure> {
        guard algorithm == SigV4.algorithm else {
            return .failure(.incomplete("Unsupported AWS 'algorithm': '\(algorithm)'"))
        }
        let names = ["X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"]
        let missing = names.filter { parameter($0) == nil }
        guard missing.isEmpty else {
            return .failure(
                .incomplete(
                    missing.map { "AWS query-string parameters must include '\($0)'." }.joined(separator: " ")
                        + " Re-examine the query-string parameters."))
        }
        return build(
            credential: parameter("X-Amz-Credential")!, signedHeaders: parameter("X-Amz-SignedHeaders")!, signature: parameter("X-Amz-Signature")!,
            timestamp: parameter("X-Amz-Date")!, expires: Int(parameter("X-Amz-Expires") ?? "") ?? 900)
    }

    private static func build(credential: String, signedHeaders: String, signature: String, timestamp: String, expires: Int?) -> Result<
        SignedParts, SigV4Verifier.Failure
    > {
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else {
            return .failure(.incomplete("Credential should be scoped to a valid region. "))
        }
        return .success(
            SignedParts(
                accessKeyId: scope[0], scope: SigV4.Scope(date: scope[1], region: scope[2], service: scope[3]),
                signedHeaders: signedHeaders.split(separator: ";").map { $0.lowercased() }, signature: signature,
                timestamp: timestamp, expires: expires))
    }
}
