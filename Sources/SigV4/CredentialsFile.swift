/// Reads credentials in the AWS shared credentials file format: `[profile]` sections with
/// `aws_access_key_id`, `aws_secret_access_key` and optionally `aws_session_token`; every
/// complete profile is one credential. `#` and `;` start comments. Portico also reads, per
/// profile, `aws_account_id` (the caller's account) and an identity policy for AWS_IAM
/// methods: `portico_policy` (the JSON on one line) or `portico_policy_file` (a path).
/// https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
public enum CredentialsFile {
    public static func parse(_ text: String) -> [String: SigV4Verifier.Credential] {
        var out: [String: SigV4Verifier.Credential] = [:]
        var section: [String: String] = [:]
        var profile: String?
        func close() {
            if let id = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] {
                var credential = SigV4Verifier.Credential(secretAccessKey: secret, sessionToken: section["aws_session_token"])
                credential.profile = profile
                credential.accountId = section["aws_account_id"]
                credential.policy = section["portico_policy"]
                credential.policyFile = section["portico_policy_file"]
                out[id] = credential
            }
            section = [:]
        }
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                close()
                var name = String(line.dropFirst().prefix { $0 != "]" }).trimmingSpaces
                if name.hasPrefix("profile ") { name = String(name.dropFirst("profile ".count)).trimmingSpaces }
                profile = name
                continue
            }
            let pair = line.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            section[String(pair[0]).trimmingSpaces.lowercased()] = String(pair[1]).trimmingSpaces
        }
        close()
        return out
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
