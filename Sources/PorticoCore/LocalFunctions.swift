/// Lambda functions hosted by this Portico process, as the data plane sees them: API Gateway's
/// Lambda integrations and Lambda authorizers call a hosted function directly (no HTTP hop),
/// and everything else still goes to `--lambda-endpoint`. The server injects the implementation
/// (the `LambdaService` target), so the data plane never imports it.
public protocol LocalFunctionInvoker: Sendable {
    /// Whether `function` (a name, a partial or full function ARN, optionally qualified) names a
    /// function Portico hosts.
    func hosts(_ function: String) -> Bool
    /// One synchronous (RequestResponse) invocation; nil when the function is not hosted here.
    func invoke(_ function: String, payload: [UInt8]) async -> LocalInvocationResult?
}

/// What a hosted function answered, as Lambda's Invoke API would have.
public struct LocalInvocationResult: Sendable {
    /// The Invoke API's status (200; 404 when the function went away meanwhile).
    public var status: Int
    /// The function's result, or its error payload (`errorMessage`, `errorType`, …).
    public var payload: [UInt8]
    /// `X-Amz-Function-Error` (`Unhandled`) when the function failed.
    public var functionError: String?
    /// The tail of the invocation's log (START … REPORT), for traces.
    public var logTail: String

    public init(status: Int, payload: [UInt8], functionError: String?, logTail: String) {
        self.status = status
        self.payload = payload
        self.functionError = functionError
        self.logTail = logTail
    }
}
