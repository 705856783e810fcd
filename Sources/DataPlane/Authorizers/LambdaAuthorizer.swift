import APIGatewayModel
import Foundation
import IAMPolicy

/// What a Lambda authorizer answered, read once and cached as it is: the policy (IAM's grammar,
/// `IAMPolicy`) is evaluated again for each method ARN the result serves.
struct AuthorizerResult: Sendable {
    let principalId: String?
    let policy: IAMPolicy
    /// The policy document as JSON text (TestInvokeAuthorizer's `policy`).
    let policyText: String
    let context: [(String, String)]
    let usageIdentifierKey: String?
}

/// Lambda authorizers (TOKEN and REQUEST): the event AWS sends and the output it accepts.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
enum LambdaAuthorizer {
    /// `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{path below the stage}`.
    static func methodArn(region: String, accountId: String, apiId: String, stage: String, verb: String, path: String) -> String {
        "arn:aws:execute-api:\(region):\(accountId):\(apiId)/\(stage)/\(verb)" + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// The event for `authorizer`: the token's for TOKEN, the request's for REQUEST.
    static func event(_ authorizer: CompiledAuthorizer, identity: [String], routed: RoutedRequest, methodArn: String) -> [UInt8] {
        authorizer.type == .token
            ? tokenEvent(token: identity.first ?? "", methodArn: methodArn)
            : requestEvent(routed, methodArn: methodArn)
    }

    /// TOKEN: `{"type":"TOKEN","methodArn":…,"authorizationToken":…}`.
    static func tokenEvent(token: String, methodArn: String) -> [UInt8] {
        Array(
            ("{\"type\":\"TOKEN\",\"methodArn\":" + JSONOutput.quoted(methodArn) + ",\"authorizationToken\":"
                + JSONOutput.quoted(token) + "}").utf8)
    }

    /// REQUEST: the type and method ARN, then the request as the Lambda proxy event carries it
    /// (resource, path, method, headers and query both ways, path parameters, stage
    /// variables, request context), without a body.
    static func requestEvent(_ routed: RoutedRequest, methodArn: String) -> [UInt8] {
        var event = ProxyEvent.requestFields(routed)
        event["type"] = "REQUEST"
        event["methodArn"] = methodArn
        return (try? Array(JSONSerialization.data(withJSONObject: event, options: [.withoutEscapingSlashes]))) ?? []
    }

    /// Why an answer cannot be used, as the execution log words it.
    enum Failure: Error, Equatable {
        /// The function failed with `Unauthorized`: 401.
        case unauthorized
        /// Any other failure or an answer that is not an authorizer output: 500.
        case configuration(String)
    }

    /// Reads the Invoke API's answer: a function error `Unauthorized` → 401, any other error
    /// or an output without a usable `policyDocument` → configuration error. `context`
    /// values must be strings, numbers or booleans (handed on as text).
    static func result(_ reply: LambdaReply) -> Result<AuthorizerResult, Failure> {
        guard (200..<300).contains(reply.status) else {
            return .failure(.configuration("Lambda invocation failed with status: \(reply.status)"))
        }
        if reply.functionError != nil {
            let message = LambdaTransport.errorMessage(reply.body)
            return .failure(message == "Unauthorized" ? .unauthorized : .configuration("Authorizer error: \(message)"))
        }
        guard case .object(let fields)? = StrictJSON.parse(reply.body) else {
            return .failure(.configuration("Invalid JSON in response: \(String(decoding: reply.body.prefix(1000), as: UTF8.self))"))
        }
        guard let document = fields["policyDocument"] else { return .failure(.configuration("Could not parse policy")) }
        let policy: IAMPolicy
        do {
            policy = try IAMPolicy(json: PolicyJSON(document))
        } catch {
            return .failure(.configuration("Could not parse policy: \(error)"))
        }
        var principalId: String?
        switch fields["principalId"] {
        case .string(let text)?: principalId = text
        case nil, .null?: principalId = nil
        case let other?: principalId = other.validationText
        }
        var context: [(String, String)] = []
        switch fields["context"] {
        case nil, .null?:
            break
        case .object(let map)?:
            for (key, value) in map.sorted(by: { $0.key < $1.key }) {
                switch value {
                case .string(let text): context.append((key, text))
                case .number, .bool: context.append((key, value.validationText))
                case .null: continue
                case .array, .object: return .failure(.configuration("Invalid value for context key '\(key)': objects and arrays are not allowed"))
                }
            }
        default:
            return .failure(.configuration("Invalid context in authorizer response"))
        }
        var usageIdentifierKey: String?
        if case .string(let key)? = fields["usageIdentifierKey"] { usageIdentifierKey = key }
        return .success(
            AuthorizerResult(
                principalId: principalId, policy: policy, policyText: String(decoding: document.jsonBytes(), as: UTF8.self),
                context: context, usageIdentifierKey: usageIdentifierKey))
    }
}
