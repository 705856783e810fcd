import APIGatewayModel

/// The answers of the API key, throttling and quota gates, as AWS gives them (status from the
/// gateway response, body `{"message":…}`, the `x-amzn-ErrorType` header). `detail` says which
/// gate refused and why, for the invocation trace and the execution log.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
extension GatewayError {
    /// INVALID_API_KEY: no key, an unknown or disabled key, or one in no usage plan of the stage.
    static func invalidApiKey(_ detail: String) -> GatewayError {
        GatewayError(
            type: .invalidApiKey, message: "Forbidden", errorType: "ForbiddenException", fallbackStatus: 403,
            isInternal: false, detail: detail)
    }

    /// THROTTLED: a usage plan's, a stage method's or the account's bucket is empty.
    static func throttled(_ detail: String) -> GatewayError {
        GatewayError(
            type: .throttled, message: "Too Many Requests", errorType: "TooManyRequestsException", fallbackStatus: 429,
            isInternal: false, detail: detail)
    }

    /// QUOTA_EXCEEDED: the key used up its usage plan's quota for the period.
    static func quotaExceeded(_ detail: String) -> GatewayError {
        GatewayError(
            type: .quotaExceeded, message: "Limit Exceeded", errorType: "LimitExceededException", fallbackStatus: 429,
            isInternal: false, detail: detail)
    }
}
