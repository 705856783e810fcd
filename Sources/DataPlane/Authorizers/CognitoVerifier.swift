import Foundation
import JWTKit
import PorticoCore
import Synchronization

/// Cognito user-pool authorizers: the token from the identity source verified as AWS does
/// (RS256 signature against the pool's JSON Web Key Set, `exp`, an issuer among the
/// authorizer's `providerARNs`, `token_use` of `id` or `access`). Key sets are fetched from
/// `{cognito-endpoint}/{userPoolId}/.well-known/jwks.json` and kept for five minutes.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html
/// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
final class CognitoVerifier: Sendable {
    /// Base URL of the Cognito emulator serving key sets (`--cognito-endpoint`); nil when none.
    let endpoint: String?
    private let transport: any IntegrationTransport
    private let clock: any WallClock
    private let keySets = Mutex<[String: (keys: JWTKeyCollection, fetched: Date)]>([:])
    static let keySetLifetime: TimeInterval = 300

    init(endpoint: String?, transport: any IntegrationTransport, clock: any WallClock) {
        var base = endpoint ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        self.endpoint = base.isEmpty ? nil : base
        self.transport = transport
        self.clock = clock
    }

    /// The verified claims of `token`, or 401 (or 500 when the key set cannot be had).
    func verify(_ token: String, providerARNs: [String], trace: InvocationTrace) async throws(GatewayError) -> CognitoClaims {
        let unverified: CognitoClaims
        do {
            unverified = try await JWTKeyCollection().unverified(token, as: CognitoClaims.self)
        } catch {
            throw GatewayError.unauthorized("Unauthorized request: the token is not a JSON Web Token")
        }
        guard let issuer = unverified.string("iss"), let pool = Self.pool(issuer: issuer, providerARNs: providerARNs) else {
            throw GatewayError.unauthorized("Unauthorized request: the token's issuer is none of the authorizer's user pools")
        }
        let keys = try await keySet(pool: pool, trace: trace)
        let claims: CognitoClaims
        do {
            claims = try await keys.verify(token, as: CognitoClaims.self)
        } catch {
            throw GatewayError.unauthorized("Unauthorized request: the token's signature does not verify (\(error))")
        }
        guard let expires = claims.number("exp"), Date(timeIntervalSince1970: expires) > clock.now() else {
            throw GatewayError.unauthorized("Unauthorized request: the token has expired")
        }
        guard let use = claims.string("token_use"), use == "id" || use == "access" else {
            throw GatewayError.unauthorized("Unauthorized request: the token is neither an ID nor an access token")
        }
        return claims
    }

    /// The user pool id of `issuer` (`https://cognito-idp.{region}.amazonaws.com/{poolId}`)
    /// when one of the provider ARNs (`arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}`)
    /// names it.
    static func pool(issuer: String, providerARNs: [String]) -> String? {
        for text in providerARNs {
            guard let arn = ARN(text), arn.resource.hasPrefix("userpool/") else { continue }
            let pool = String(arn.resource.dropFirst("userpool/".count))
            if issuer == "https://cognito-idp.\(arn.region).amazonaws.com/\(pool)" { return pool }
        }
        return nil
    }

    private func keySet(pool: String, trace: InvocationTrace) async throws(GatewayError) -> JWTKeyCollection {
        let now = clock.now()
        if let cached = keySets.withLock({ $0[pool] }), now.timeIntervalSince(cached.fetched) < Self.keySetLifetime {
            return cached.keys
        }
        guard let endpoint else {
            throw GatewayError.authorizerConfiguration("No Cognito endpoint configured (portico serve --cognito-endpoint)")
        }
        let url = endpoint + "/" + pool + "/.well-known/jwks.json"
        let body = try await transport.fetchKeySet(url, trace: trace)
        let keys = JWTKeyCollection()
        do {
            try await keys.add(jwksJSON: String(decoding: body, as: UTF8.self))
        } catch {
            throw GatewayError.authorizerConfiguration("The JSON Web Key Set at \(url) cannot be read: \(error)")
        }
        keySets.withLock { $0[pool] = (keys, now) }
        return keys
    }
}

/// A token's claims, whatever they are, in name order.
struct CognitoClaims: JWTPayload {
    enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case strings([String])
    }

    let claims: [(String, Value)]

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var claims: [(String, Value)] = []
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            if let text = try? container.decode(String.self, forKey: key) {
                claims.append((key.stringValue, .string(text)))
            } else if let flag = try? container.decode(Bool.self, forKey: key) {
                claims.append((key.stringValue, .bool(flag)))
            } else if let number = try? container.decode(Double.self, forKey: key) {
                claims.append((key.stringValue, .number(number)))
            } else if let list = try? container.decode([String].self, forKey: key) {
                claims.append((key.stringValue, .strings(list)))
            }
        }
        self.claims = claims
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in claims {
            let key = Key(stringValue: name)
            switch value {
            case .string(let text): try container.encode(text, forKey: key)
            case .number(let number): try container.encode(number, forKey: key)
            case .bool(let flag): try container.encode(flag, forKey: key)
            case .strings(let list): try container.encode(list, forKey: key)
            }
        }
    }

    /// Expiry and issuer are checked by `CognitoVerifier` with the injected clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    func string(_ name: String) -> String? {
        if case .string(let text)? = claims.first(where: { $0.0 == name })?.1 { text } else { nil }
    }

    func number(_ name: String) -> Double? {
        if case .number(let number)? = claims.first(where: { $0.0 == name })?.1 { number } else { nil }
    }

    /// The space-separated `scope` of an access token.
    var scopes: [Substring] { (string("scope") ?? "").split(separator: " ") }

    /// The claims as `$context.authorizer.claims` shows them: text, `exp` and `iat` as Java
    /// dates (`Mon Sep 02 11:07:57 UTC 2019`), lists joined with commas.
    var text: [(String, String)] {
        claims.map { name, value in
            switch value {
            case .string(let text): (name, text)
            case .bool(let flag): (name, String(flag))
            case .strings(let list): (name, list.joined(separator: ","))
            case .number(let number) where name == "exp" || name == "iat":
                (name, InvocationTrace.javaDate(Date(timeIntervalSince1970: number)))
            case .number(let number):
                (name, number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number))
            }
        }
    }
}
