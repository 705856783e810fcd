import APIGatewayModel

/// PutFunctionConcurrency, GetFunctionConcurrency and DeleteFunctionConcurrency: the reserved
/// concurrency bounds the function's environments (instead of `--lambda-concurrency`); 0
/// throttles every invocation (429 `TooManyRequestsException`), as on AWS.
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
extension LambdaAPI {
    /// AWS's default account limit (1,000) less the 100 it keeps unreserved.
    static let maxReserved = 900

    func putConcurrency(_ name: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var function = try existing(name)
        guard let value = body["ReservedConcurrentExecutions"]?.intValue else {
            throw .validation(
                "1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null")
        }
        guard value >= 0 else {
            throw .validation(
                "1 validation error detected: Value '\(value)' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"
            )
        }
        guard value <= Self.maxReserved else {
            throw .invalidParameter(
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100]."
            )
        }
        function.reservedConcurrency = value
        try await save(name, function)
        return .json(.object(["ReservedConcurrentExecutions": .number(Double(value))]))
    }

    func getConcurrency(_ name: String) throws(LambdaError) -> LambdaResponse {
        let function = try existing(name)
        guard let reserved = function.reservedConcurrency else { return .json(.object([:])) }
        return .json(.object(["ReservedConcurrentExecutions": .number(Double(reserved))]))
    }

    func deleteConcurrency(_ name: String) async throws(LambdaError) -> LambdaResponse {
        var function = try existing(name)
        function.reservedConcurrency = nil
        try await save(name, function)
        return LambdaResponse(status: 204)
    }
}
