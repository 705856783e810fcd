import Foundation

/// The Lambda proxy integration's input event (payload format 1.0), built as AWS builds it.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
enum ProxyEvent {
    static func encode(_ request: IntegrationRequest) -> [UInt8] {
        let method = request.methodRequest
        let routed = method.routed
        let context = request.context
        let raw = routed.request
        func single(_ pairs: [(String, String)]) -> Any {
            pairs.isEmpty ? NSNull() : Dictionary(pairs, uniquingKeysWith: { _, last in last })
        }
        func multi(_ pairs: [(name: String, value: String)]) -> Any {
            guard !pairs.isEmpty else { return NSNull() }
            var out: [String: [String]] = [:]
            var order: [String] = []
            for (name, value) in pairs {
                if out[name] == nil { order.append(name) }
                out[name, default: []].append(value)
            }
            return out
        }
        let bodyText: Any = raw.body.isEmpty ? NSNull() : (String(validating: raw.body, as: UTF8.self) ?? Data(raw.body).base64EncodedString())
        let isBase64 = !raw.body.isEmpty && String(validating: raw.body, as: UTF8.self) == nil
        let identity: [String: Any] = [
            "cognitoIdentityPoolId": NSNull(), "accountId": NSNull(), "cognitoIdentityId": NSNull(), "caller": NSNull(),
            "sourceIp": context.sourceIp, "principalOrgId": NSNull(), "accessKey": NSNull(),
            "cognitoAuthenticationType": NSNull(), "cognitoAuthenticationProvider": NSNull(), "userArn": NSNull(),
            "userAgent": context.userAgent.map { $0 as Any } ?? NSNull(), "user": NSNull(),
        ]
        let requestContext: [String: Any] = [
            "resourceId": context.resourceId, "resourcePath": context.resourcePath, "httpMethod": raw.method,
            "extendedRequestId": context.extendedRequestId, "requestTime": context.requestTime, "path": context.path,
            "accountId": context.accountId, "protocol": "HTTP/1.1", "stage": context.stage, "domainPrefix": context.apiId,
            "requestTimeEpoch": context.requestTimeEpoch, "requestId": context.requestId, "identity": identity,
            "domainName": context.domainName, "apiId": context.apiId,
        ]
        let event: [String: Any] = [
            "resource": context.resourcePath,
            "path": context.requestPath,
            "httpMethod": raw.method,
            "headers": single(method.header),
            "multiValueHeaders": multi(raw.headers),
            "queryStringParameters": single(method.querystring),
            "multiValueQueryStringParameters": multi(raw.query),
            "pathParameters": single(method.path),
            "stageVariables": context.stageVariables.isEmpty ? NSNull() : context.stageVariables,
            "requestContext": requestContext,
            "body": bodyText,
            "isBase64Encoded": isBase64,
        ]
        return (try? Array(JSONSerialization.data(withJSONObject: event, options: [.withoutEscapingSlashes]))) ?? []
    }
}

/// The Lambda proxy result: `statusCode`, `headers`, `multiValueHeaders`, `body`,
/// `isBase64Encoded`. Anything else, or a wrong type, is AWS's 502 "Malformed Lambda proxy
/// response".
enum ProxyResult {
    static let allowedKeys: Set<String> = ["statusCode", "statusDescription", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies"]

    static func decode(_ payload: [UInt8], request: IntegrationRequest) throws(GatewayError) -> IntegrationResult {
        guard let parsed = JSONNode.parse(payload), case .object(let object) = parsed,
              Set(object.keys).isSubset(of: allowedKeys) else {
            throw GatewayError.malformedProxyResponse
        }
        var status = 200
        switch object["statusCode"] {
        case nil, .null?: break
        case .number(let value)?: status = Int(exactly: value) ?? -1
        case .string(let text)?: status = Int(text) ?? -1
        default: status = -1
        }
        guard (100...599).contains(status) else { throw GatewayError.malformedProxyResponse }
        var headers: [(String, String)] = []
        switch object["headers"] {
        case nil, .null?: break
        case .object(let map)?:
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard let text = scalarText(value) else { throw GatewayError.malformedProxyResponse }
                headers.append((name, text))
            }
        default: throw GatewayError.malformedProxyResponse
        }
        switch object["multiValueHeaders"] {
        case nil, .null?: break
        case .object(let map)?:
            for (name, value) in map.sorted(by: { $0.key < $1.key }) {
                guard case .array(let list) = value else { throw GatewayError.malformedProxyResponse }
                headers.removeAll { $0.0.caseInsensitiveCompare(name) == .orderedSame }
                for item in list {
                    guard let text = scalarText(item) else { throw GatewayError.malformedProxyResponse }
                    headers.append((name, text))
                }
            }
        default: throw GatewayError.malformedProxyResponse
        }
        var body: [UInt8] = []
        switch object["body"] {
        case nil, .null?: break
        case .string(let text)?: body = Array(text.utf8)
        default: throw GatewayError.malformedProxyResponse
        }
        switch object["isBase64Encoded"] {
        case nil, .null?, .bool(false)?: break
        case .bool(true)?:
            guard let decoded = Data(base64Encoded: String(decoding: body, as: UTF8.self)) else {
                throw GatewayError.malformedProxyResponse
            }
            body = Array(decoded)
        default: throw GatewayError.malformedProxyResponse
        }
        return IntegrationResult(request: request, status: status, headers: headers, body: body, selectionValue: String(status))
    }

    static func scalarText(_ value: JSONNode) -> String? {
        switch value {
        case .string(let text): text
        case .number, .bool: value.validationText
        default: nil
        }
    }
}

import APIGatewayModel
