import APIGatewayModel
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One invocation handed to an environment.
struct PendingInvocation: Sendable {
    let requestId: String
    let payload: [UInt8]
    /// Epoch milliseconds (`Lambda-Runtime-Deadline-Ms`).
    let deadlineMs: Int64
    let functionArn: String
    let traceId: String
    let clientContext: String?
}

/// How an invocation ended.
struct InvocationOutcome: Sendable {
    var payload: [UInt8]
    var isError: Bool
    /// The environment cannot take another invocation (timed out, exited).
    var environmentLost = false

    static func error(_ type: String, _ message: String) -> InvocationOutcome {
        InvocationOutcome(
            payload: Array(#"{"errorMessage":\#(JSONOutput.quoted(message)),"errorType":\#(JSONOutput.quoted(type))}"#.utf8), isError: true)
    }
}

/// One execution environment: a child process running the function's runtime client, and the
/// Runtime API it talks to on its own loopback port. It runs one invocation at a time; the
/// pool hands it the next only after the previous one ended.
final class ExecutionEnvironment: Sendable {
    struct State {
        /// The runtime's `next` request, waiting for an invocation.
        var waitingNext: RuntimeAPIServer.Call?
        /// An invocation waiting for the runtime's `next` (the runtime is still starting).
        var queued: PendingInvocation?
        var current: (id: String, continuation: CheckedContinuation<InvocationOutcome, Never>)?
        var initError: [UInt8]?
        var exited = false
        var process: Process?
        var channel: (any Channel)?
        var spawnedAt: ContinuousClock.Instant?
        /// The read end of the process's output pipe.
        var output: FileHandle?
        /// The runtime's first `next`: the end of its init phase.
        var initDuration: Duration?
    }

    let id: String
    private let state = Mutex(State())
    /// Output of the process, line by line (the pool tags and forwards it).
    private let onOutput: @Sendable (String) -> Void

    init(id: String, onOutput: @escaping @Sendable (String) -> Void) {
        self.id = id
        self.onOutput = onOutput
    }

    /// Starts the Runtime API and the process. `environment` gets `AWS_LAMBDA_RUNTIME_API`.
    func start(executable: String, arguments: [String], environment: [String: String], directory: String) async throws {
        let channel = try await RuntimeAPIServer.start { [weak self] call in self?.serve(call) }
        let port = channel.localAddress?.port ?? 0
        var variables = environment
        variables["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:\(port)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = variables
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let lines = LineSplitter(emit: onOutput)
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                lines.finish()
            } else {
                lines.append(data)
            }
        }
        process.terminationHandler = { [weak self] process in
            self?.exited(reason: process.terminationReason, status: process.terminationStatus)
        }
        state.withLock {
            $0.channel = channel
            $0.process = process
            $0.output = pipe.fileHandleForReading
        }
        state.withLock { $0.spawnedAt = .now }
        do {
            try process.run()
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    var isAlive: Bool { state.withLock { !$0.exited } }

    /// Waits (up to ~20 ms) until the process's output written so far has been read: a handler
    /// prints before its runtime posts the answer, but the pipe is read on another thread.
    func drainOutput() async {
        guard let descriptor = state.withLock({ $0.output?.fileDescriptor }) else { return }
        for _ in 0..<20 {
            var pending: Int32 = 0
            if ioctl(descriptor, UInt(FIONREAD), &pending) != 0 || pending == 0 { break }
            try? await Task.sleep(for: .milliseconds(1))
        }
        // The reader may hold bytes it read but has not split into lines yet.
        try? await Task.sleep(for: .milliseconds(1))
    }

    /// From spawning the process to its runtime's first `next` (Lambda's Init Duration).
    var initDuration: Duration? { state.withLock { $0.initDuration } }

    /// Runs one invocation; it ends with the runtime's answer, its exit, or the timeout (which
    /// kills the process).
    func run(_ invocation: PendingInvocation, timeout: Duration, timeoutSeconds: Int) async -> InvocationOutcome {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled, let self else { return }
            var outcome = InvocationOutcome.error(
                "Sandbox.Timedout", "RequestId: \(invocation.requestId) Error: Task timed out after \(timeoutSeconds).00 seconds")
            outcome.environmentLost = true
            self.finish(invocation.requestId, outcome)
            self.kill()
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let (waiting, lostOutcome): (RuntimeAPIServer.Call?, InvocationOutcome?) = state.withLock { state in
                if state.exited { return (nil, exitOutcome(state, invocation.requestId, status: nil)) }
                state.current = (invocation.requestId, continuation)
                if let waiting = state.waitingNext {
                    state.waitingNext = nil
                    return (waiting, nil)
                }
                state.queued = invocation
                return (nil, nil)
            }
            if let lostOutcome {
                continuation.resume(returning: lostOutcome)
            } else if let waiting {
                Self.answerNext(waiting, invocation)
            }
        }
    }

    /// Ends the process (SIGKILL to its process group, so children it forked go too) and the
    /// Runtime API. Idempotent.
    func kill() {
        let (process, channel) = state.withLock { ($0.process, $0.channel) }
        if let process, process.isRunning {
            let pid = process.processIdentifier
            _ = Glibc.kill(-pid, SIGKILL)
            _ = Glibc.kill(pid, SIGKILL)
        }
        channel?.close(promise: nil)
    }

    // MARK: the Runtime API

    private func serve(_ call: RuntimeAPIServer.Call) {
        let path = call.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? call.path
        let prefix = "/2018-06-01/runtime/"
        guard path.hasPrefix(prefix) else { return Self.notFound(call) }
        let rest = path.dropFirst(prefix.count)
        if call.method == .GET, rest == "invocation/next" {
            let queued: PendingInvocation? = state.withLock { state in
                if state.initDuration == nil, let spawned = state.spawnedAt { state.initDuration = .now - spawned }
                if let queued = state.queued {
                    state.queued = nil
                    return queued
                }
                state.waitingNext = call
                return nil
            }
            if let queued { Self.answerNext(call, queued) }
            return
        }
        if call.method == .POST, rest == "init/error" {
            state.withLock { $0.initError = call.body.isEmpty ? nil : call.body }
            return Self.accepted(call)
        }
        let parts = rest.split(separator: "/")
        guard call.method == .POST, parts.count == 3, parts[0] == "invocation", parts[2] == "response" || parts[2] == "error" else {
            return Self.notFound(call)
        }
        let requestId = String(parts[1])
        guard state.withLock({ $0.current?.id == requestId }) else {
            return call.respond(
                .badRequest, [("Content-Type", "application/json")],
                Array(#"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#.utf8))
        }
        if call.oversized {
            let limit = RuntimeAPIServer.maxPayload
            finish(
                requestId,
                .error(
                    "Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size (\(limit) bytes)."))
            return call.respond(
                .payloadTooLarge, [("Content-Type", "application/json")],
                Array(#"{"errorMessage":"Exceeded maximum allowed payload size (\#(limit) bytes).","errorType":"RequestEntityTooLarge"}"#.utf8))
        }
        let isError = parts[2] == "error"
        var payload = call.body
        if isError, payload.isEmpty {
            let type = call.headers.first(name: "Lambda-Runtime-Function-Error-Type") ?? "Unhandled"
            payload = InvocationOutcome.error(type, "").payload
        }
        finish(requestId, InvocationOutcome(payload: payload, isError: isError))
        Self.accepted(call)
    }

    private static func answerNext(_ call: RuntimeAPIServer.Call, _ invocation: PendingInvocation) {
        var headers = [
            ("Content-Type", "application/json"), ("Lambda-Runtime-Aws-Request-Id", invocation.requestId),
            ("Lambda-Runtime-Deadline-Ms", String(invocation.deadlineMs)),
            ("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn), ("Lambda-Runtime-Trace-Id", invocation.traceId),
        ]
        if let clientContext = invocation.clientContext { headers.append(("Lambda-Runtime-Client-Context", clientContext)) }
        call.respond(.ok, headers, invocation.payload)
    }

    private static func accepted(_ call: RuntimeAPIServer.Call) {
        call.respond(.accepted, [("Content-Type", "application/json")], Array(#"{"status":"OK"}"#.utf8))
    }

    private static func notFound(_ call: RuntimeAPIServer.Call) {
        call.respond(
            .notFound, [("Content-Type", "application/json")],
            Array(#"{"errorMessage":"Unknown Runtime API path","errorType":"InvalidRequest"}"#.utf8))
    }

    // MARK: endings

    private func finish(_ requestId: String, _ outcome: InvocationOutcome) {
        let continuation: CheckedContinuation<InvocationOutcome, Never>? = state.withLock { state in
            guard let current = state.current, current.id == requestId else { return nil }
            state.current = nil
            return current.continuation
        }
        continuation?.resume(returning: outcome)
    }

    private func exited(reason: Process.TerminationReason, status: Int32) {
        let (current, outcome): (String?, InvocationOutcome?) = state.withLock { state in
            state.exited = true
            let id = state.current?.id
            return (id, id.map { exitOutcome(state, $0, status: (reason, status)) })
        }
        state.withLock { $0.channel }?.close(promise: nil)
        if let current, let outcome { finish(current, outcome) }
    }

    /// What an invocation answers when the process is gone: its init error if it reported
    /// one, else Lambda's `Runtime.ExitError`.
    private func exitOutcome(_ state: State, _ requestId: String, status: (Process.TerminationReason, Int32)?) -> InvocationOutcome {
        if let initError = state.initError {
            return InvocationOutcome(payload: initError, isError: true, environmentLost: true)
        }
        let reason: String
        switch status {
        case (.exit, let code)? where code != 0: reason = "Runtime exited with error: exit status \(code)"
        case (.uncaughtSignal, let signal)?: reason = "Runtime exited with error: signal: \(Self.signalName(signal))"
        default: reason = "Runtime exited without providing a reason"
        }
        var outcome = InvocationOutcome.error("Runtime.ExitError", "RequestId: \(requestId) Error: \(reason)")
        outcome.environmentLost = true
        return outcome
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGTERM: "terminated"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        default: "signal \(signal)"
        }
    }
}

/// Splits a process's output into lines (a partial last line is held until it ends).
final class LineSplitter: Sendable {
    private let pending = Mutex<[UInt8]>([])
    private let emit: @Sendable (String) -> Void

    init(emit: @escaping @Sendable (String) -> Void) {
        self.emit = emit
    }

    func append(_ data: Data) {
        let lines: [String] = pending.withLock { buffer in
            buffer.append(contentsOf: data)
            var out: [String] = []
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                out.append(String(decoding: buffer[..<newline], as: UTF8.self))
                buffer.removeSubrange(...newline)
            }
            // A line longer than 256 KiB is cut (a handler printing megabytes without newlines).
            if buffer.count > 262_144 {
                out.append(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll()
            }
            return out
        }
        for line in lines { emit(line) }
    }

    func finish() {
        let rest = pending.withLock { buffer in
            defer { buffer.removeAll() }
            return buffer
        }
        if !rest.isEmpty { emit(String(decoding: rest, as: UTF8.self)) }
    }
}
