import APIGatewayModel

/// An invocation failure, answered through the API's gateway response of `type`.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
struct GatewayError: Error, Sendable {
    let type: GatewayResponseType
    /// `$context.error.message` (null for an authorizer configuration error, as on AWS).
    let message: String?
    /// The `x-amzn-ErrorType` header.
    let errorType: String
    /// Status when the gateway response in effect has none (DEFAULT_4XX / DEFAULT_5XX).
    let fallbackStatus: Int
    /// AWS answers its internal 500s as `{"message": "Internal server error"}` (with a space)
    /// unless the response was customised.
    let isInternal: Bool
    /// The status of that internal answer (502 for a malformed Lambda proxy result).
    var internalStatus: Int = 500
    /// What went wrong, for the trace and the execution log (the client sees `message`).
    var detail: String?
    /// The body AWS sends instead of its default template's when the gateway response was
    /// not customised (an authorizer's deny answers `{"Message": …}`).
    var pristineBody: [UInt8]?
    /// `$context.error.validationErrorString` (a request validator's messages).
    var validationErrorString: String?

    static let missingAuthenticationToken = GatewayError(
        type: .missingAuthenticationToken, message: "Missing Authentication Token",
        errorType: "MissingAuthenticationTokenException", fallbackStatus: 403, isInternal: false)

    static let unsupportedMediaType = GatewayError(
        type: .unsupportedMediaType, message: "Unsupported Media Type",
        errorType: "UnsupportedMediaTypeException", fallbackStatus: 415, isInternal: false)

    /// A configuration error (no matching integration response, bad template, …).
    static func configuration(_ detail: String) -> GatewayError {
        GatewayError(
            type: .apiConfigurationError, message: "Internal server error",
            errorType: "InternalServerErrorException", fallbackStatus: 500, isInternal: true,
            detail: "Execution failed due to configuration error: " + detail)
    }

    /// The backend failed (connection refused, malformed proxy result, …).
    static func integrationFailure(_ detail: String) -> GatewayError {
        GatewayError(
            type: .integrationFailure, message: "Internal server error",
            errorType: "InternalServerErrorException", fallbackStatus: 500, isInternal: true,
            detail: "Execution failed due to an integration failure: " + detail)
    }

    static let integrationTimeout = GatewayError(
        type: .integrationTimeout, message: "Endpoint request timed out",
        errorType: "InternalServerErrorException", fallbackStatus: 504, isInternal: false)
}
