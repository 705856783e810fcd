import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL (libpq's form) as a
/// connection configuration, and the same URL without its password for logs and errors.
///
/// `sslmode`: `disable`; `prefer` (the default, as libpq: TLS when the server offers it,
/// certificate not verified); `require` (TLS, certificate not verified); `verify-full` (TLS,
/// certificate and host name verified against the system's trust roots).
/// https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING
public struct PostgresURL: Sendable {
    public let configuration: PostgresConnection.Configuration
    /// The URL with its password left out: safe to print.
    public let redacted: String

    public init(_ text: String) throws(PostgresURLError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw PostgresURLError("--database-url takes postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE; got '\(Self.redact(text))'")
        }
        let user = url.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        let port = url.port ?? 5432
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let database = path.isEmpty ? user : path
        let mode = url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch mode {
            case "disable": tls = .disable
            case "prefer", "allow":
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                tls = .prefer(try NIOSSLContext(configuration: config))
            case "require":
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                tls = .require(try NIOSSLContext(configuration: config))
            case "verify-full", "verify-ca":
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                throw PostgresURLError("unknown sslmode '\(mode)' (disable, prefer, require, verify-full)")
            }
        } catch let error as PostgresURLError {
            throw error
        } catch {
            throw PostgresURLError("cannot set up TLS for sslmode=\(mode): \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(3)
        // A writer that stops talking mid-transaction (its machine gone, not just its process:
        // a killed process's socket closes and the server ends its transaction at once) holds
        // the writers' lock for at most 10 s; a write waits for that lock at most 10 s.
        configuration.options.additionalStartupParameters = [
            ("idle_in_transaction_session_timeout", "10s"), ("lock_timeout", "10s"),
        ]
        self.configuration = configuration
        redacted = "\(scheme)://\(user)@\(host):\(port)/\(database)"
    }

    /// `text` with any password between `:` and `@` replaced by `***`.
    static func redact(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let start = text.range(of: "://")?.upperBound,
            let colon = text[start..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// A database URL that cannot be used.
public struct PostgresURLError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
