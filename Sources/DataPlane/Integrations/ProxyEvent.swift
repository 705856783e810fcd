import Foundation

/// The Lambda proxy integration's input event (payload format 1.0), built as AWS builds it:
/// the client's request as it arrived (request parameter mappings do not apply), path and path
/// parameters as the client encoded them, query values decoded, `null` for what is absent.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
enum ProxyEvent {
    static func encode(_ request: IntegrationRequest) -> [UInt8] {
        let routed = request.methodRequest.routed
        let raw = routed.request
        let isBase64 =
            !raw.body.isEmpty
            && (ContentHandling.isBinary(raw.header("Content-Type"), binaryMediaTypes: routed.deployment.restApi.binaryMediaTypes ?? [])
                || String(validating: raw.body, as: UTF8.self) == nil)
        let bodyText: Any =
            raw.body.isEmpty
            ? NSNull()
            : isBase64 ? Data(raw.body).base64EncodedString() : String(decoding: raw.body, as: UTF8.self)
        var event = requestFields(routed)
        event["body"] = bodyText
        event["isBase64Encoded"] = isBase64
        return (try? Array(JSONSerialization.data(withJSONObject: event, options: [.withoutEscapingSlashes]))) ?? []
    }

    /// The event without its body: the request as it arrived and the request context (with
    /// `authorizer` once an authorizer ran). A REQUEST authorizer's event carries the same.
    static func requestFields(_ routed: RoutedRequest) -> [String: Any] {
        let context = routed.context
        let raw = routed.request
        let headerPairs = headers(raw.headers, context: context)
        var identity: [String: Any] = [
            "cognitoIdentityPoolId": NSNull(), "accountId": NSNull(), "cognitoIdentityId": NSNull(), "caller": NSNull(),
            "sourceIp": context.sourceIp, "principalOrgId": NSNull(), "accessKey": NSNull(),
            "cognitoAuthenticationType": NSNull(), "cognitoAuthenticationProvider": NSNull(), "userArn": NSNull(),
            "userAgent": context.userAgent.map { $0 as Any } ?? NSNull(), "user": NSNull(),
        ]
        if let caller = context.caller {
            for name in ["accessKey", "caller", "user"] { identity[name] = caller.accessKeyId }
            identity["accountId"] = context.accountId
        }
        if let key = context.apiKey {
            identity["apiKey"] = key.value
            identity["apiKeyId"] = key.id
        }
        var requestContext: [String: Any] = [
            "resourceId": routed.resource.id, "resourcePath": routed.resource.path, "httpMethod": raw.method,
            "extendedRequestId": context.extendedRequestId, "requestTime": context.requestTime, "path": context.path,
            "accountId": context.accountId, "protocol": "HTTP/1.1", "stage": context.stage, "domainPrefix": context.domainPrefix ?? context.apiId,
            "requestTimeEpoch": context.requestTimeEpoch, "requestId": context.requestId, "identity": identity,
            "domainName": context.domainName, "deploymentId": context.deploymentId, "apiId": context.apiId,
        ]
        if let authorization = context.authorization { requestContext["authorizer"] = authorization.proxyEventValue }
        let parameters = pathParameters(template: routed.resource.path, path: context.requestPath) ?? routed.pathParameters
        return [
            "resource": routed.resource.path,
            "path": eventPath(context.customDomain?.requestPath ?? context.requestPath),
            "httpMethod": raw.method,
            "headers": single(headerPairs),
            "multiValueHeaders": multi(headerPairs),
            "queryStringParameters": single(raw.query.map { ($0.name, $0.value) }),
            "multiValueQueryStringParameters": multi(raw.query.map { ($0.name, $0.value) }),
            "pathParameters": parameters.isEmpty ? NSNull() : Dictionary(parameters, uniquingKeysWith: { _, last in last }),
            "stageVariables": context.stageVariables.isEmpty ? NSNull() : context.stageVariables,
            "requestContext": requestContext,
        ]
    }

    /// The client's headers plus what API Gateway's front end adds (`X-Forwarded-For`,
    /// `X-Forwarded-Port`, `X-Forwarded-Proto`, `X-Amzn-Trace-Id`).
    static func headers(_ client: [(name: String, value: String)], context: InvocationContext) -> [(String, String)] {
        var pairs = client.map { ($0.name, $0.value) }
        func has(_ name: String) -> Int? { pairs.lastIndex { $0.0.equalsIgnoringASCIICase(name) } }
        if let index = has("X-Forwarded-For") {
            pairs[index].1 += ", " + context.sourceIp
        } else {
            pairs.append(("X-Forwarded-For", context.sourceIp))
        }
        if has("X-Forwarded-Port") == nil {
            let port = context.domainName.split(separator: ":").dropFirst().last.map(String.init) ?? "80"
            pairs.append(("X-Forwarded-Port", port))
        }
        if has("X-Forwarded-Proto") == nil { pairs.append(("X-Forwarded-Proto", "http")) }
        if has("X-Amzn-Trace-Id") == nil, let traceId = context.traceId { pairs.append(("X-Amzn-Trace-Id", traceId)) }
        return pairs
    }

    /// The single-value view: the last value of each name; `null` when there is none.
    static func single(_ pairs: [(String, String)]) -> Any {
        pairs.isEmpty ? NSNull() : Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    /// The multi-value view, values in order; `null` when there is none.
    static func multi(_ pairs: [(String, String)]) -> Any {
        guard !pairs.isEmpty else { return NSNull() }
        var out: [String: [String]] = [:]
        for (name, value) in pairs {
            out[name, default: []].append(value)
        }
        return out
    }

    /// The event's `path`: the path below the stage as sent, leading slashes collapsed to one.
    static func eventPath(_ path: String) -> String {
        let trimmed = path.drop { $0 == "/" }
        return "/" + trimmed
    }

    /// Path parameters as the client encoded them (AWS does not decode them for the event),
    /// by aligning the raw path with the resource template; a greedy value loses a trailing
    /// slash. Nil when the two do not line up (the decoded values are used then).
    static func pathParameters(template: String, path: String) -> [(String, String)]? {
        let names = template.split(separator: "/", omittingEmptySubsequences: true)
        guard names.contains(where: { $0.hasPrefix("{") }) else { return [] }
        var parts = eventPath(path).split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var out: [(String, String)] = []
        for name in names {
            guard let part = parts.first else { return nil }
            if name.hasPrefix("{"), name.hasSuffix("+}") {
                var value = parts.joined(separator: "/")
                if value.hasSuffix("/") { value.removeLast() }
                out.append((String(name.dropFirst().dropLast(2)), value))
                return out
            }
            if name.hasPrefix("{"), name.hasSuffix("}") {
                out.append((String(name.dropFirst().dropLast()), String(part)))
            } else if name != part {
                return nil
            }
            parts = parts.dropFirst()
        }
        return out
    }
}
