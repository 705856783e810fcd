import Foundation
import Logging
import Synchronization

/// Runs functions: one `FunctionPool` per function (replaced when its code or configuration
/// changes), environments started with Lambda's environment variables, their output tagged
/// with the function and request id in Portico's log and in `--lambda-log-dir` files, and each
/// invocation framed by Lambda's START / END / REPORT lines.
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
final class LambdaHost: Sendable {
    struct Settings: Sendable {
        var region: String
        var accountId: String
        /// Environments per function at most (Lambda's reserved concurrency, by default).
        var capacity: Int
        var logDirectory: String?
        var logger: Logger
    }

    /// What an invocation produced, with its log (START … REPORT).
    struct Result: Sendable {
        var outcome: InvocationOutcome
        var log: String
    }

    let settings: Settings
    let runtimes: RuntimeCatalog
    /// Portico's own URL (`AWS_ENDPOINT_URL` of every environment), known once it listens.
    let endpoint = Mutex<String>("http://127.0.0.1:4566")
    private let pools = Mutex<[String: FunctionPool]>([:])
    private let logFiles = Mutex<[String: FileHandle]>([:])
    private let counter = Atomic<Int>(0)
    private let hotReload = HotReloadWatch()

    init(settings: Settings, runtimes: RuntimeCatalog) {
        self.settings = settings
        self.runtimes = runtimes
    }

    func arn(_ name: String) -> String { "arn:aws:lambda:\(settings.region):\(settings.accountId):function:\(name)" }

    /// Runs one invocation of `record`.
    /// `wantsLog`: the caller returns the log's tail, so the process's output is drained first.
    func invoke(
        _ record: FunctionRecord, payload: [UInt8], requestId: String, clientContext: String? = nil, wantsLog: Bool = false,
        invokedArn: String? = nil
    ) async -> Result {
        let log = InvocationLog()
        let started = ContinuousClock.now
        var cold = false
        while true {
            let pool = pool(for: record)
            let environment: ExecutionEnvironment
            switch await pool.acquire() {
            case .retry:
                continue
            case .warm(let warm):
                // A warm environment whose process died while idle is replaced, not used.
                guard warm.isAlive else {
                    pool.release(warm, lost: true)
                    continue
                }
                environment = warm
            case .start:
                do {
                    environment = try await start(record, pool: pool)
                    cold = true
                } catch {
                    pool.abandonStart()
                    let reason = (error as? LambdaError)?.message ?? "\(error)"
                    let outcome = InvocationOutcome.error("Runtime.InvalidEntrypoint", "RequestId: \(requestId) Error: \(reason)")
                    return Result(outcome: outcome, log: "")
                }
            }
            log.begin(requestId)
            emit(record.name, requestId, "START RequestId: \(requestId) Version: \(record.version)", log)
            setCurrent(environment, requestId: requestId, log: log)
            let deadline = Int64(Date().timeIntervalSince1970 * 1000) + Int64(record.timeout) * 1000
            let invocation = PendingInvocation(
                requestId: requestId, payload: payload, deadlineMs: deadline, functionArn: invokedArn ?? arn(record.name),
                traceId:
                    "Root=1-\(String(Int(Date().timeIntervalSince1970), radix: 16))-\(requestId.replacingOccurrences(of: "-", with: "").prefix(24));Parent=\(requestId.replacingOccurrences(of: "-", with: "").suffix(16));Sampled=0",
                clientContext: clientContext)
            let outcome = await environment.run(invocation, timeout: .seconds(record.timeout), timeoutSeconds: record.timeout)
            if wantsLog { await environment.drainOutput() }
            pool.release(environment, lost: outcome.environmentLost)
            if outcome.environmentLost { _ = currents.withLock { $0.removeValue(forKey: environment.id) } }
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            emit(record.name, requestId, "END RequestId: \(requestId)", log)
            var report =
                "REPORT RequestId: \(requestId)\tDuration: \(String(format: "%.2f", milliseconds)) ms\tBilled Duration: \(Int(milliseconds.rounded(.up))) ms\tMemory Size: \(record.memorySize) MB\tMax Memory Used: \(record.memorySize) MB"
            if cold, let initDuration = environment.initDuration {
                let initMs = Double(initDuration.components.seconds) * 1000 + Double(initDuration.components.attoseconds) / 1e15
                report += "\tInit Duration: \(String(format: "%.2f", initMs)) ms"
            }
            emit(record.name, requestId, report, log)
            return Result(outcome: outcome, log: log.text)
        }
    }

    /// The function's current pool, made anew when its revision (or a hot-reload directory)
    /// changed.
    private func pool(for record: FunctionRecord) -> FunctionPool {
        var revision = record.revisionId + "/" + record.codeSha256
        if record.hotReload { revision += "/" + hotReload.fingerprint(record.codeDirectory) }
        if let reserved = record.reservedConcurrency { revision += "/c\(reserved)" }
        let key = record.version == "$LATEST" ? record.name : record.name + ":" + record.version
        let (pool, replaced): (FunctionPool, FunctionPool?) = pools.withLock { pools in
            if let existing = pools[key], existing.revision == revision { return (existing, nil) }
            let fresh = FunctionPool(revision: revision, capacity: record.reservedConcurrency ?? settings.capacity)
            let old = pools[key]
            pools[key] = fresh
            return (fresh, old)
        }
        replaced?.retire()
        return pool
    }

    /// The function changed or went: its environments end (busy ones after their invocation).
    func retire(_ name: String) {
        pools.withLock { $0.removeValue(forKey: name) }?.retire()
    }

    /// The function went: the environments of `$LATEST` and of every version end.
    func retireAll(_ name: String) {
        let gone = pools.withLock { pools in
            let keys = pools.keys.filter { $0 == name || $0.hasPrefix(name + ":") }
            return keys.compactMap { pools.removeValue(forKey: $0) }
        }
        for pool in gone { pool.retire() }
    }

    /// Kills every environment (shutdown, reset).
    func killAll() {
        let all = pools.withLock { pools in
            defer { pools = [:] }
            return Array(pools.values)
        }
        for pool in all { pool.killAll() }
    }

    private func start(_ record: FunctionRecord, pool: FunctionPool) async throws -> ExecutionEnvironment {
        let launch = try runtimes.launch(record.runtime)
        var executable = launch.executable
        var arguments = launch.arguments
        if executable.isEmpty {
            executable = record.codeDirectory + "/bootstrap"
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw LambdaError.invalidParameter("Couldn't find valid bootstrap(s): [\(executable)]")
            }
        } else if launch.officialClient {
            arguments.append(record.handler)
        }
        let number = counter.add(1, ordering: .relaxed).newValue
        let id = String(format: "%08x%024x", Int(getpid()), number)
        let name = record.name
        let current = CurrentInvocation()
        let environment = ExecutionEnvironment(id: id) { [weak self] line in
            let target = current.value.withLock { $0 }
            self?.emit(name, target?.0 ?? "-", line, target?.1)
        }
        currents.withLock { $0[id] = current }
        try await environment.start(
            executable: executable, arguments: arguments, environment: variables(record, stream: id), directory: record.codeDirectory)
        pool.register(environment)
        return environment
    }

    /// Where each environment's output goes: the invocation it is running.
    private let currents = Mutex<[String: CurrentInvocation]>([:])

    private func setCurrent(_ environment: ExecutionEnvironment, requestId: String, log: InvocationLog) {
        currents.withLock { $0[environment.id] }?.value.withLock { $0 = (requestId, log) }
    }

    /// Lambda's runtime environment variables, then the function's own.
    private func variables(_ record: FunctionRecord, stream: String) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        let date = String(Date().formatted(.iso8601).prefix(10)).replacingOccurrences(of: "-", with: "/")
        var variables: [String: String] = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": ":UTC",
            "_HANDLER": record.handler, "LAMBDA_TASK_ROOT": record.codeDirectory, "LAMBDA_RUNTIME_DIR": record.codeDirectory,
            "AWS_EXECUTION_ENV": "AWS_Lambda_" + record.runtime, "AWS_LAMBDA_FUNCTION_NAME": record.name,
            "AWS_LAMBDA_FUNCTION_VERSION": record.version, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(record.memorySize),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/" + record.name,
            "AWS_LAMBDA_LOG_STREAM_NAME": "\(date)/[\(record.version)]\(stream)", "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_REGION": settings.region, "AWS_DEFAULT_REGION": settings.region,
            "AWS_ACCESS_KEY_ID": inherited["AWS_ACCESS_KEY_ID"] ?? "test",
            "AWS_SECRET_ACCESS_KEY": inherited["AWS_SECRET_ACCESS_KEY"] ?? "test",
            "AWS_SESSION_TOKEN": inherited["AWS_SESSION_TOKEN"] ?? "test", "AWS_ENDPOINT_URL": endpoint.withLock { $0 },
            "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR", "PYTHONUNBUFFERED": "1",
        ]
        if let home = inherited["HOME"] { variables["HOME"] = home }
        if record.runtime.hasPrefix("python") { variables["PYTHONPATH"] = record.codeDirectory }
        for (name, value) in record.environment ?? [:] { variables[name] = value }
        return variables
    }

    // MARK: logs

    private func emit(_ function: String, _ requestId: String, _ line: String, _ log: InvocationLog?) {
        log?.append(line)
        settings.logger.info("\(line)", metadata: ["function": "\(function)", "lambdaRequestId": "\(requestId)"])
        guard let directory = settings.logDirectory else { return }
        let handle: FileHandle? = logFiles.withLock { files in
            if let open = files[function] { return open }
            let path = directory + "/" + function + ".log"
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
            handle.seekToEndOfFile()
            files[function] = handle
            return handle
        }
        let stamp = Date().formatted(.iso8601)
        handle?.write(Data("\(stamp) \(requestId) \(line)\n".utf8))
    }
}

/// The invocation an environment is running, for its output lines.
final class CurrentInvocation: Sendable {
    let value = Mutex<(String, InvocationLog)?>(nil)
}

/// The lines one invocation logged (its tail is `X-Amz-Log-Result`).
final class InvocationLog: Sendable {
    private let lines = Mutex<(requestId: String, text: String)>(("", ""))

    func begin(_ requestId: String) { lines.withLock { $0 = (requestId, "") } }

    func append(_ line: String) {
        lines.withLock { state in
            state.text += line + "\n"
            // Only the last 4 KB are ever returned; keep a margin.
            if state.text.utf8.count > 65_536 { state.text = String(state.text.suffix(8192)) }
        }
    }

    var text: String { lines.withLock { $0.text } }
}
