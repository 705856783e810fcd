import APIGatewayModel

/// An error of the Lambda API, rendered as AWS renders it: the type in `x-amzn-ErrorType` and
/// a JSON body. AWS writes `Message` for some types (ResourceNotFoundException) and `message`
/// for others (InvalidParameterValueException, ResourceConflictException), with `"Type": "User"`;
/// front-end validation errors carry only `message` (as recorded against AWS in LocalStack's
/// `tests/aws/services/lambda_/test_lambda_api.snapshot.json`).
public struct LambdaError: Error, Sendable {
    public var type: String
    public var status: Int
    public var message: String
    /// `Type: User` is present (service errors) or not (front-end validation).
    var userType = true
    /// Capitalised `Message` key.
    var capitalised = false
    /// `Reason` (throttling errors).
    var reason: String?

    static func notFound(_ message: String) -> LambdaError {
        LambdaError(type: "ResourceNotFoundException", status: 404, message: message, capitalised: true)
    }

    static func functionNotFound(_ arn: String) -> LambdaError { .notFound("Function not found: " + arn) }

    static func invalidParameter(_ message: String) -> LambdaError {
        LambdaError(type: "InvalidParameterValueException", status: 400, message: message)
    }

    static func conflict(_ message: String) -> LambdaError {
        LambdaError(type: "ResourceConflictException", status: 409, message: message)
    }

    static func validation(_ message: String) -> LambdaError {
        LambdaError(type: "ValidationException", status: 400, message: message, userType: false)
    }

    static func tooLarge(_ message: String) -> LambdaError {
        LambdaError(type: "RequestEntityTooLargeException", status: 413, message: message, userType: false)
    }

    /// Reserved concurrency 0 (or exhausted): 429 with Lambda's `Reason`.
    static let throttled = LambdaError(
        type: "TooManyRequestsException", status: 429, message: "Rate Exceeded.",
        reason: "ReservedFunctionConcurrentInvocationLimitExceeded")

    static func unknownOperation(_ method: String, _ path: String) -> LambdaError {
        LambdaError(type: "UnknownOperationException", status: 404, message: "Unknown operation \(method) \(path)", userType: false)
    }

    var response: LambdaResponse {
        var fields: [String: JSONNode] = [capitalised ? "Message" : "message": .string(message)]
        if userType { fields["Type"] = .string("User") }
        if let reason { fields["Reason"] = .string(reason) }
        return LambdaResponse(
            status: status, headers: [("x-amzn-ErrorType", type), ("Content-Type", "application/json")],
            body: JSONNode.object(fields).jsonBytes())
    }
}

/// One answer of the Lambda API.
public struct LambdaResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func json(_ node: JSONNode, status: Int = 200) -> LambdaResponse {
        LambdaResponse(status: status, headers: [("Content-Type", "application/json")], body: node.jsonBytes(capacity: 1024))
    }
}
