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

    /// A request template read a body that is not JSON through `$input.path`/`$input.json`.
    /// AWS's text is "Could not parse request body into json: Could not parse payload into
    /// json: " and Jackson's description of the fault (ours is Portico's parser's); the type
    /// is BAD_REQUEST_BODY.
    static func unparsableBody(_ detail: String) -> GatewayError {
        GatewayError(
            type: .badRequestBody,
            message: "Could not parse request body into json: Could not parse payload into json: " + detail,
            errorType: "BadRequestException", fallbackStatus: 400, isInternal: false)
    }

    /// A payload too large for the integration (a Lambda invocation over 6 MB): 413
    /// `{"message": "Request Too Long"}` with `x-amzn-ErrorType: BadRequestException`.
    static let requestTooLarge = GatewayError(
        type: .requestTooLarge, message: "Request Too Long",
        errorType: "BadRequestException", fallbackStatus: 413, isInternal: false)

    /// `Cache-Control: max-age=0` from a caller not authorised to invalidate the cache, under
    /// FAIL_WITH_403 ("a 403 Unauthorized response", in AWS's words).
    static let cacheControlRefused = GatewayError(
        type: .accessDenied, message: "Unauthorized",
        errorType: "AccessDeniedException", fallbackStatus: 403, isInternal: false)

    static let integrationTimeout = GatewayError(
        type: .integrationTimeout, message: "Endpoint request timed out",
        errorType: "InternalServerErrorException", fallbackStatus: 504, isInternal: false)
}
