import APIGatewayModel
import Console
import ControlPlane
import DataPlane
import Hummingbird
import Foundation
import IAMPolicy
import LambdaService
import Logging
import ServiceLifecycle
import SigV4
import Store
import Synchronization

/// Builds the Portico HTTP application: the model store, the management API and the responder.
public enum PorticoApplication {
    /// Opens the store and returns a ready-to-run Hummingbird application. `storage` replaces
    /// the SQLite database of `configuration` (the PostgreSQL backend, opened by the caller).
    public static func make(
        configuration: ServerConfiguration,
        environment: ControlPlaneEnvironment = ControlPlaneEnvironment(),
        storage: (any DocumentStorage)? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let logger = {
            var logger = Logger(label: "portico", factory: DeferredMetadataLogHandler.init)
            logger.logLevel = configuration.logLevel
            return logger
        }()
        let model = try storage.map { try ModelStore(storage: $0) } ?? ModelStore(path: configuration.databasePath)
        let signatures = try configuration.verifySignatures ? signatureVerifier(configuration.credentialsFile) : nil
        let lambda = LambdaAPI(
            model: model,
            configuration: .init(
                dataDirectory: configuration.inMemory
                    ? NSTemporaryDirectory() + "/portico-lambda-\(ProcessInfo.processInfo.processIdentifier)"
                    : configuration.dataDirectory,
                logDirectory: configuration.lambdaLogDirectory, region: environment.region, accountId: environment.accountId,
                concurrency: configuration.lambdaConcurrency, officialPythonClient: configuration.lambdaOfficialPythonClient),
            ids: environment.ids, clock: environment.clock, logger: logger)
        runningFunctions.withLock { $0.append(lambda) }
        let accessLogs: AccessLogWriter? =
            if let directory = configuration.accessLogDirectory {
                AccessLogWriter(destination: .directory(directory))
            } else if configuration.accessLogToStandardOutput {
                AccessLogWriter(destination: .standardOutput)
            } else {
                nil
            }
        let dataPlane = DataPlane(
            model: model, clock: environment.clock, ids: environment.ids, accountId: environment.accountId,
            region: environment.region, lambdaEndpoint: configuration.lambdaEndpoint,
            cognitoEndpoint: configuration.cognitoEndpoint, signatures: signatures,
            accountThrottle: configuration.accountThrottle, accessLogs: accessLogs, localFunctions: lambda,
            vpcId: configuration.vpcId)
        var environment = environment
        environment.tester = DataPlaneTester(dataPlane: dataPlane)
        environment.authorizerRunner = DataPlaneTester(dataPlane: dataPlane)
        environment.stageCacheFlusher = DataPlaneTester(dataPlane: dataPlane)
        let management = ManagementAPI(model: model, environment: environment)
        let responder = PorticoResponder(
            management: management, dataPlane: dataPlane, lambda: lambda,
            console: Console(model: model, dataPlane: dataPlane, lambdaLogDirectory: configuration.lambdaLogDirectory),
            configuration: configuration, logger: logger,
            ids: environment.ids, signatures: signatures.map { ManagementSignatures(verifier: $0, clock: environment.clock) })
        return Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
                lambda.setEndpoint("http://\(host):\(port)")
                if configuration.releaseIdlePages { Task.detached(priority: .background) { await IdlePageRelease.monitor() } }
                logger.notice("Portico listening on http://\(configuration.host):\(port) (state: \(configuration.stateDescription))")
                await onServerRunning(port)
            },
            logger: logger)
    }
}

extension PorticoApplication {
    /// Runs `app` until SIGTERM or SIGINT, then shuts it down gracefully: Hummingbird's
    /// `runService()`, with the service named instead of described (describing an application
    /// reflects on its whole value, a few runtime conformance scans at start-up).
    public static func serve(_ app: some ApplicationProtocol) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app, serviceName: "portico")],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: app.logger))
        try await group.run()
    }

    /// Ends every Lambda execution environment this process started (call once the
    /// application returned: children must not outlive the server).
    public static func stopFunctions() {
        for lambda in runningFunctions.withLock({ $0 }) { lambda.stopAll() }
    }
}

private let runningFunctions = Mutex<[LambdaAPI]>([])

/// The verifier of `--verify-signatures`, over the credentials in `path`. A profile's
/// `portico_policy_file` (relative to the credentials file's directory) is read here, once,
/// and every identity policy must read as IAM's grammar: a bad one stops the server.
private func signatureVerifier(_ path: String?) throws -> SigV4Verifier {
    guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw SignatureSetupError(message: "--verify-signatures needs a readable credentials file (--credentials-file); got \(path ?? "none")")
    }
    var credentials = CredentialsFile.parse(text)
    guard !credentials.isEmpty else {
        throw SignatureSetupError(message: "no aws_access_key_id / aws_secret_access_key pair in \(path)")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    for (key, var credential) in credentials {
        let profile = credential.profile ?? key
        if credential.policy == nil, let file = credential.policyFile {
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
            guard let policy = try? String(contentsOf: url, encoding: .utf8) else {
                throw SignatureSetupError(message: "profile \(profile): cannot read portico_policy_file \(url.path)")
            }
            credential.policy = policy
            credentials[key] = credential
        }
        if let policy = credential.policy {
            do {
                _ = try IAMPolicy(parsing: Array(policy.utf8))
            } catch {
                throw SignatureSetupError(message: "profile \(profile): the identity policy is not an IAM policy: \(error)")
            }
        }
    }
    return SigV4Verifier(credentials: credentials)
}

struct SignatureSetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// TestInvokeMethod runs on the data plane's stages.
struct DataPlaneTester: MethodTester {
    let dataPlane: DataPlane

    func testInvoke(_ input: TestInvokeMethodRequest, requestId: String) async -> TestInvokeMethodResponse {
        await dataPlane.testInvoke(input, requestId: requestId)
    }
}

/// TestInvokeAuthorizer and FlushStageAuthorizersCache reach the data plane's authorizers.
extension DataPlaneTester: AuthorizerRunner {
    func testInvokeAuthorizer(_ input: TestInvokeAuthorizerRequest, requestId: String) async -> TestInvokeAuthorizerResponse {
        await dataPlane.testInvokeAuthorizer(input, requestId: requestId)
    }

    func flushAuthorizerCache(apiId: String, stage: String) {
        dataPlane.flushAuthorizerCache(apiId: apiId, stage: stage)
    }
}

/// FlushStageCache empties the data plane's response cache for the stage.
extension DataPlaneTester: StageCacheFlusher {
    func flushStageCache(apiId: String, stage: String) {
        dataPlane.flushStageCache(apiId: apiId, stage: stage)
    }
}
