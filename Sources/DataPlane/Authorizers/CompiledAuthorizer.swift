import APIGatewayModel
import JavaRegex

/// An authorizer of a deployment, compiled once: its identity sources parsed, its TOKEN
/// validation expression compiled, its cache TTL settled.
/// https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
struct CompiledAuthorizer: Sendable {
    let id: String
    let authorizer: Authorizer
    let type: AuthorizerType
    /// Each comma-separated identity source, as written and as parsed.
    let identitySources: [(text: String, expression: ParameterExpression)]
    /// `identityValidationExpression`: for TOKEN matched against the token, for
    /// COGNITO_USER_POOLS against the token's audience; `.failure` keeps why it did not compile.
    let validation: Result<JavaPattern, JavaRegexError>?
    /// `authorizerResultTtlInSeconds`, 300 when not given; 0 turns caching off.
    let ttlSeconds: Int

    init(id: String, authorizer: Authorizer) {
        self.id = id
        self.authorizer = authorizer
        type = authorizer.type ?? .token
        identitySources = (authorizer.identitySource ?? "").split(separator: ",").compactMap { part in
            let text = part.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : (text, ParameterExpression(text))
        }
        if type != .request, let expression = authorizer.identityValidationExpression, !expression.isEmpty {
            do {
                validation = .success(try JavaPattern(expression))
            } catch {
                validation = .failure(error)
            }
        } else {
            validation = nil
        }
        ttlSeconds = authorizer.authorizerResultTtlInSeconds ?? 300
    }

    /// The identity source values of `request`, in order; nil when one is missing or empty
    /// (AWS answers 401 then, without calling the authorizer).
    func identity(_ resolver: ParameterResolver) -> [String]? {
        var values: [String] = []
        values.reserveCapacity(identitySources.count)
        for source in identitySources {
            guard let value = resolver.resolve(source.expression), !value.isEmpty else { return nil }
            values.append(value)
        }
        return values
    }

    /// Whether `value` (a TOKEN, a Cognito token's audience) passes
    /// `identityValidationExpression` (a whole-value Java regex match).
    func validates(_ value: String) -> Bool {
        switch validation {
        case nil: true
        case .success(let pattern): pattern.matchesWhole(value) == .matched(true)
        case .failure: false
        }
    }
}
