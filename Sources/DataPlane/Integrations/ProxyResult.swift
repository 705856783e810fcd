import APIGatewayModel
import Foundation

/// The Lambda proxy result (payload format 1.0): an object with at most `statusCode`, `headers`,
/// `multiValueHeaders`, `body` and `isBase64Encoded`. Anything else, a value of the wrong kind,
/// or a payload that is not a JSON object is AWS's 502 "Malformed Lambda proxy response".
///
/// As recorded on AWS: `statusCode` may be a number or a numeric string and defaults to 200;
/// boolean header values print as `true`/`false`; `multiValueHeaders` come first and a `headers`
/// entry of the same name (any case) is appended to them under the multi-value name; the body
/// is base64-decoded only when `isBase64Encoded` is true and the client's Accept matches the
/// API's binary media types (otherwise the client gets the text as the function gave it).
/// Scalars where a string is expected are taken as their text, as a JSON-to-string binding does.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
enum ProxyResult {
    static let allowedKeys: Set<String> = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]

    static func decode(_ payload: [UInt8], request: IntegrationRequest) throws(GatewayError) -> IntegrationResult {
        guard let parsed = StrictJSON.parse(payload) else { throw GatewayError.malformedProxyResponse("not JSON") }
        guard case .object(let object) = parsed else { throw GatewayError.malformedProxyResponse("not a JSON object") }
        if let unknown = object.keys.sorted().first(where: { !allowedKeys.contains($0) }) {
            throw GatewayError.malformedProxyResponse("unknown field '\(unknown)'")
        }
        let status = try statusCode(object["statusCode"])
        let single = try headerMap(object["headers"], field: "headers") { scalarText($0).map { [$0] } }
        let multi = try headerMap(object["multiValueHeaders"], field: "multiValueHeaders") { value in
            guard case .array(let items) = value else { return nil }
            var texts: [String] = []
            for item in items {
                if case .null = item { continue }
                guard let text = scalarText(item) else { return nil }
                texts.append(text)
            }
            return texts
        }
        var headers: [(String, String)] = []
        var merged: Set<String> = []
        for (name, values) in multi {
            for value in values { headers.append((name, value)) }
            if let solo = single.first(where: { $0.0.equalsIgnoringASCIICase(name) }) {
                headers.append((name, solo.1.first ?? ""))
                merged.insert(solo.0)
            }
        }
        for (name, values) in single where !merged.contains(name) {
            headers.append((name, values.first ?? ""))
        }
        var body: [UInt8] = []
        switch object["body"] {
        case nil, .null?: break
        case .string(let text)?: body = Array(text.utf8)
        case .number?, .bool?: body = Array((object["body"].flatMap(scalarText) ?? "").utf8)
        default: throw GatewayError.malformedProxyResponse("body is not a string")
        }
        let isBase64: Bool
        switch object["isBase64Encoded"] {
        case nil, .null?: isBase64 = false
        case .bool(let flag)?: isBase64 = flag
        default: throw GatewayError.malformedProxyResponse("isBase64Encoded is not a boolean")
        }
        let routed = request.methodRequest.routed
        if isBase64, !body.isEmpty,
            ContentHandling.acceptsBinary(routed.request.header("Accept"), binaryMediaTypes: routed.deployment.restApi.binaryMediaTypes ?? [])
        {
            guard let decoded = Data(base64Encoded: String(decoding: body, as: UTF8.self)) else {
                throw GatewayError.configuration("Unable to base64 decode the body of the Lambda proxy response")
            }
            body = Array(decoded)
        }
        return IntegrationResult(request: request, status: status, headers: headers, body: body, selectionValue: String(status))
    }

    /// `statusCode`: absent, null or 0 → 200; an integral number or a numeric string in 100…599.
    static func statusCode(_ value: JSONNode?) throws(GatewayError) -> Int {
        let status: Int?
        switch value {
        case nil, .null?: return 200
        case .number(let number)?: status = Int(exactly: number)
        case .string(let text)?: status = Int(text.trimmingCharacters(in: .whitespaces))
        default: status = nil
        }
        guard let status else { throw GatewayError.malformedProxyResponse("statusCode is not an integer") }
        if status == 0 { return 200 }
        guard (100...599).contains(status) else { throw GatewayError.malformedProxyResponse("statusCode \(status) out of range") }
        return status
    }

    /// A header map (`null` is none), names sorted for a stable answer; `values` reads one entry
    /// (nil when it is of the wrong kind). A null entry is left out.
    static func headerMap(
        _ value: JSONNode?, field: String,
        values: (JSONNode) -> [String]?
    ) throws(GatewayError) -> [(String, [String])] {
        switch value {
        case nil, .null?:
            return []
        case .object(let map)?:
            var out: [(String, [String])] = []
            for (name, entry) in map.sorted(by: { $0.key < $1.key }) {
                if case .null = entry { continue }
                guard let texts = values(entry) else { throw GatewayError.malformedProxyResponse("\(field).\(name) has the wrong type") }
                out.append((name, texts))
            }
            return out
        default:
            throw GatewayError.malformedProxyResponse("\(field) is not a map")
        }
    }

    static func scalarText(_ value: JSONNode) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number: value.validationText
        default: nil
        }
    }
}
