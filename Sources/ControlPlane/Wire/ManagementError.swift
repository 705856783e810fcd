import APIGatewayModel
/// An error of the management API, as a value that renders itself.
///
/// AWS's REST-JSON protocol sends the error type in the `x-amzn-ErrorType` header and the text
/// as `{"message": "…"}`; botocore reads the type from the header (up to the first `:`).
/// https://docs.aws.amazon.com/apigateway/latest/api/CommonErrors.html
public struct ManagementError: Error, Sendable, Equatable {
    /// The error type, e.g. `NotFoundException`.
    public let type: String
    public let status: Int
    public let message: String

    public init(type: String, status: Int, message: String) {
        self.type = type
        self.status = status
        self.message = message
    }

    public static func badRequest(_ message: String) -> ManagementError {
        ManagementError(type: "BadRequestException", status: 400, message: message)
    }

    public static func notFound(_ message: String) -> ManagementError {
        ManagementError(type: "NotFoundException", status: 404, message: message)
    }

    public static func conflict(_ message: String) -> ManagementError {
        ManagementError(type: "ConflictException", status: 409, message: message)
    }

    public static func serialization(_ message: String) -> ManagementError {
        ManagementError(type: "SerializationException", status: 400, message: message)
    }

    /// AWS's constraint-validation error: `1 validation error detected: …` or
    /// `N validation errors detected: a; b`.
    public static func validation(_ problems: [String]) -> ManagementError {
        let count = problems.count
        let head = count == 1 ? "1 validation error detected: " : "\(count) validation errors detected: "
        return ManagementError(
            type: "ValidationException", status: 400,
            message: head + problems.joined(separator: "; "))
    }

    /// BadRequest in the shape AWS uses for semantic checks of a put:
    /// `Validation Result: warnings : [], errors : [Invalid content type specified: 123]`.
    public static func validationResult(_ errors: [String]) -> ManagementError {
        .badRequest("Validation Result: warnings : [], errors : [\(errors.joined(separator: ", "))]")
    }

    /// An operation that Portico routes but does not implement yet.
    public static func notImplemented(_ operation: String) -> ManagementError {
        ManagementError(
            type: "NotImplementedException", status: 501,
            message: "Portico does not implement \(operation) yet")
    }

    /// JSON body of the error.
    public var body: [UInt8] {
        var out = JSONOutput(capacity: message.utf8.count + 16)
        out.beginObject()
        out.member("\"message\":", message)
        out.endObject()
        return out.bytes
    }
}
