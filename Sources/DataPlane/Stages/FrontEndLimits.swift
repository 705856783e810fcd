/// The size limits API Gateway's front end applies before an API sees a request. They are
/// answered by the front end itself, not through the API's gateway responses (a customised
/// REQUEST_TOO_LARGE does not change the 413 for an oversized payload: users report AWS
/// ignores it). Checked once per request: a sum over the header bytes, no allocation.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
public enum FrontEndLimits {
    /// Largest payload (10 MB).
    public static let maxPayloadBytes = 10 * 1024 * 1024
    /// Total size of the request line and the header names and values (10,240 bytes).
    public static let maxRequestLineAndHeaderBytes = 10_240
    /// Longest method ARN (`arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}`).
    public static let maxMethodARNBytes = 1_600

    /// The answer to a payload over `limit` bytes, as AWS words it (plain text, no JSON).
    public static func payloadTooLarge(limit: Int = maxPayloadBytes) -> InvocationResponse {
        InvocationResponse(
            status: 413, headers: [("Content-Type", "text; charset=utf-8")],
            body: Array("HTTP content length exceeded \(limit) bytes.".utf8))
    }

    /// The front end's refusal of an over-long request line plus headers (431), or of a
    /// request whose method ARN is over 1,600 bytes (414); nil when the request is within
    /// both limits. `path` is the path below the stage; `requestURI` the request line's target.
    public static func check(
        method: String, requestURI: String, headers: [(name: String, value: String)], target: InvocationTarget,
        region: String = "us-east-1", accountId: String = "000000000000"
    ) -> InvocationResponse? {
        // "METHOD SP request-target SP HTTP/1.1"
        var size = method.utf8.count + requestURI.utf8.count + 10
        for (name, value) in headers { size += name.utf8.count + value.utf8.count }
        if size > maxRequestLineAndHeaderBytes {
            return refusal(431, "Request Header Fields Too Large")
        }
        // arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH
        let arn =
            "arn:aws:execute-api:".utf8.count + region.utf8.count + 1 + accountId.utf8.count + 1
            + target.apiId.utf8.count + 1 + target.stage.utf8.count + 1 + method.utf8.count + target.path.utf8.count
        if arn > maxMethodARNBytes {
            return refusal(414, "Request-URI Too Long")
        }
        return nil
    }

    private static func refusal(_ status: Int, _ message: String) -> InvocationResponse {
        InvocationResponse(
            status: status, headers: [("Content-Type", "application/json")],
            body: Array(#"{"message":"\#(message)"}"#.utf8))
    }
}

extension DataPlane {
    /// The front end's size checks for one request (`FrontEndLimits.check`), with this data
    /// plane's account and region in the method ARN.
    public func frontEndRefusal(
        method: String, requestURI: String, headers: [(name: String, value: String)], target: InvocationTarget
    ) -> InvocationResponse? {
        FrontEndLimits.check(
            method: method, requestURI: requestURI, headers: headers, target: target,
            region: pipeline.authorizer.region, accountId: pipeline.accountId)
    }
}
