import Foundation
import Synchronization

/// How a runtime's environments are started on this machine, and whether they can be.
///
/// `python3.x` runs under the `python3.x` interpreter on the PATH, with the official
/// `awslambdaric` when that interpreter can import it, else Portico's own bootstrap;
/// `nodejs{N}.x` runs under `node` on the PATH when its major version is N, with Portico's own
/// bootstrap; `provided.al2` and `provided.al2023` run the function's `bootstrap` executable.
/// Lookups are made once per runtime and kept.
final class RuntimeCatalog: Sendable {
    /// What starts one environment: the executable and its arguments (the function's handler
    /// travels in `_HANDLER`).
    struct Launch: Sendable {
        var executable: String
        var arguments: [String]
        /// `awslambdaric` (true) or Portico's bootstrap.
        var officialClient = false
    }

    /// The runtimes AWS no longer accepts for CreateFunction or UpdateFunctionConfiguration.
    static let deprecated: Set<String> = [
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs4.3-edge", "java8",
        "python2.7", "python3.6", "python3.7", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "go1.x",
        "ruby2.5", "ruby2.7", "provided",
    ]
    /// Every value of botocore's `Runtime` enum.
    static let known: [String] = [
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8",
        "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0",
        "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided",
        "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x",
        "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x", "nodejs24.x", "python3.14", "java25", "dotnet10",
        "ruby4.0",
    ]

    private let bootstrapDirectory: String
    /// `builtin`: never use `awslambdaric` (tests, or an installed client misbehaving).
    private let preferOfficialClient: Bool
    private let resolved = Mutex<[String: Result<Launch, LambdaError>]>([:])

    init(bootstrapDirectory: String, preferOfficialClient: Bool) {
        self.bootstrapDirectory = bootstrapDirectory
        self.preferOfficialClient = preferOfficialClient
    }

    /// The runtime's checks at CreateFunction and UpdateFunctionConfiguration: a value of the
    /// enum, still supported by AWS, and runnable here.
    func check(_ runtime: String) throws(LambdaError) {
        guard Self.known.contains(runtime) else {
            throw .invalidParameter(
                "Value \(runtime) at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["
                    + Self.known.filter { !Self.deprecated.contains($0) }.joined(separator: ", ") + "] or be a valid ARN")
        }
        guard !Self.deprecated.contains(runtime) else {
            throw .invalidParameter(
                "The runtime parameter of \(runtime) is no longer supported for creating or updating AWS Lambda functions. "
                    + "We recommend you use a supported runtime while creating or updating functions.")
        }
        _ = try launch(runtime)
    }

    /// How to start an environment of `runtime` (the function's `bootstrap` for provided runtimes
    /// is added by the caller, which knows the code directory).
    func launch(_ runtime: String) throws(LambdaError) -> Launch {
        if let known = resolved.withLock({ $0[runtime] }) { return try known.get() }
        let result: Result<Launch, LambdaError>
        do throws(LambdaError) {
            result = .success(try resolve(runtime))
        } catch {
            result = .failure(error)
        }
        resolved.withLock { $0[runtime] = result }
        return try result.get()
    }

    private func resolve(_ runtime: String) throws(LambdaError) -> Launch {
        if runtime.hasPrefix("python3.") {
            guard let interpreter = Self.which(runtime) else {
                throw .invalidParameter("Portico cannot run \(runtime) functions on this machine: no \(runtime) interpreter on the PATH")
            }
            // The probe also names the interpreter's own executable: version managers' shims
            // (pyenv's are shell scripts) cost tens of milliseconds at every cold start.
            let probe = Self.output(
                interpreter, ["-c", "import importlib.util, sys; print(importlib.util.find_spec('awslambdaric') is not None); print(sys.executable)"])
            guard let probe else {
                throw .invalidParameter("Portico cannot run \(runtime) functions on this machine: \(interpreter) does not run")
            }
            let lines = probe.split(separator: "\n").map(String.init)
            let executable = lines.count > 1 && FileManager.default.isExecutableFile(atPath: lines[1]) ? lines[1] : interpreter
            if preferOfficialClient, lines.first == "True" {
                return Launch(executable: executable, arguments: ["-m", "awslambdaric"], officialClient: true)
            }
            return Launch(executable: executable, arguments: [try bootstrap("portico_bootstrap.py", Bootstraps.python)])
        }
        if runtime.hasPrefix("nodejs"), let major = Int(runtime.dropFirst("nodejs".count).dropLast(2)) {
            guard let node = Self.which("node"), let version = Self.output(node, ["--version"]) else {
                throw .invalidParameter("Portico cannot run \(runtime) functions on this machine: no node on the PATH")
            }
            guard version.hasPrefix("v\(major).") else {
                throw .invalidParameter(
                    "Portico cannot run \(runtime) functions on this machine: node on the PATH is \(version.trimmingCharacters(in: .whitespacesAndNewlines)), not \(major).x"
                )
            }
            return Launch(executable: node, arguments: [try bootstrap("portico_bootstrap.js", Bootstraps.node)])
        }
        if runtime == "provided.al2" || runtime == "provided.al2023" {
            return Launch(executable: "", arguments: [])
        }
        throw .invalidParameter(
            "Portico cannot run \(runtime) functions on this machine: it runs python3.x, nodejs18.x to nodejs24.x (with a matching node) and provided.al2/provided.al2023"
        )
    }

    /// Writes one of Portico's bootstraps (once per process) and returns its path.
    private func bootstrap(_ name: String, _ source: String) throws(LambdaError) -> String {
        let path = bootstrapDirectory + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: bootstrapDirectory, withIntermediateDirectories: true)
            try Data(source.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LambdaError(type: "ServiceException", status: 500, message: "Cannot write \(path): \(error)")
        }
        return path
    }

    /// The first executable named `name` on the PATH.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Standard output of a short command, nil when it fails.
    static func output(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
