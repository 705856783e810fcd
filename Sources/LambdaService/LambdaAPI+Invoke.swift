import APIGatewayModel
import Foundation
import PorticoCore

/// Invoke: RequestResponse (the function's answer, `X-Amz-Function-Error` when it failed,
/// `X-Amz-Log-Result` with `LogType: Tail`), Event (202, run in the background) and DryRun
/// (204, nothing runs).
/// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
extension LambdaAPI {
    func invoke(_ name: String, _ qualifier: String?, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        // Invoke names the version it resolved to.
        guard self.record(name) != nil else { throw .functionNotFound(host.arn(name) + ":" + (qualifier ?? "$LATEST")) }
        let (function, record, arn) = try resolve(name, qualifier)
        let type = request.header("X-Amz-Invocation-Type") ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(type) else {
            throw .validation(
                "1 validation error detected: Value '\(type)' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
            )
        }
        let limit = type == "Event" ? 1_048_576 : Self.maxInvokePayload
        guard request.body.count <= limit else {
            throw .tooLarge("Request must be smaller than \(limit) bytes for the InvokeFunction operation")
        }
        let payload = request.body.isEmpty ? Array("{}".utf8) : request.body
        guard StrictJSON.parse(payload) != nil else {
            throw LambdaError(
                type: "InvalidRequestContentException", status: 400,
                message: "Could not parse request body into json: Could not parse payload into json")
        }
        let requestId = uuid()
        if function.reservedConcurrency == 0, type != "DryRun" {
            // An asynchronous event is accepted and then throttled (never run here).
            if type == "Event" { return LambdaResponse(status: 202, headers: [("x-amzn-RequestId", requestId)]) }
            throw .throttled
        }
        switch type {
        case "DryRun":
            return LambdaResponse(status: 204, headers: [("x-amzn-RequestId", requestId)])
        case "Event":
            let host = host
            let clientContext = request.header("X-Amz-Client-Context")
            Task {
                _ = await host.invoke(record, payload: payload, requestId: requestId, clientContext: clientContext, invokedArn: arn)
            }
            return LambdaResponse(status: 202, headers: [("x-amzn-RequestId", requestId)])
        default:
            let tail = request.header("X-Amz-Log-Type") == "Tail"
            let result = await host.invoke(
                record, payload: payload, requestId: requestId, clientContext: request.header("X-Amz-Client-Context"),
                wantsLog: tail, invokedArn: arn)
            var headers: [(name: String, value: String)] = [
                ("Content-Type", "application/json"), ("X-Amz-Executed-Version", record.version), ("x-amzn-RequestId", requestId),
            ]
            if result.outcome.isError { headers.append(("X-Amz-Function-Error", "Unhandled")) }
            if tail {
                headers.append(("X-Amz-Log-Result", Data(Self.tail(result.log).utf8).base64EncodedString()))
            }
            return LambdaResponse(status: 200, headers: headers, body: result.outcome.payload)
        }
    }

    /// The last 4 KB of a log, cut at a character boundary.
    static func tail(_ log: String) -> String {
        let bytes = Array(log.utf8)
        guard bytes.count > 4096 else { return log }
        var start = bytes.count - 4096
        while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}

/// API Gateway's Lambda integrations and authorizers reach hosted functions directly.
extension LambdaAPI: LocalFunctionInvoker {
    public func hosts(_ function: String) -> Bool {
        guard let (name, _) = try? reference(function, qualifier: nil) else { return false }
        return model.current.account.lambdaFunctions[name] != nil
    }

    /// A qualifier that names no version or alias is a 404 of the Invoke API (API Gateway's
    /// 500), as on AWS.
    public func invoke(_ function: String, payload: [UInt8]) async -> LocalInvocationResult? {
        guard let (name, qualifier) = try? reference(function, qualifier: nil), self.record(name) != nil else { return nil }
        let record: FunctionRecord
        let arn: String
        do throws(LambdaError) {
            let function: FunctionRecord
            (function, record, arn) = try resolve(name, qualifier)
            if function.reservedConcurrency == 0 { throw LambdaError.throttled }
        } catch {
            return LocalInvocationResult(status: error.status, payload: error.response.body, functionError: nil, logTail: "")
        }
        guard payload.count <= Self.maxInvokePayload else {
            let error = LambdaError.tooLarge("Request must be smaller than \(Self.maxInvokePayload) bytes for the InvokeFunction operation")
            return LocalInvocationResult(status: 413, payload: error.response.body, functionError: nil, logTail: "")
        }
        let result = await host.invoke(
            record, payload: payload.isEmpty ? Array("{}".utf8) : payload, requestId: uuid(), invokedArn: arn)
        return LocalInvocationResult(
            status: 200, payload: result.outcome.payload, functionError: result.outcome.isError ? "Unhandled" : nil,
            logTail: Self.tail(result.log))
    }
}
