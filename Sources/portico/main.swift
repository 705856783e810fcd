import ArgumentParser
import Foundation
import Logging
import PorticoServer
import PostgresStore

/// `portico`: a local, persistent, fast Amazon API Gateway (REST APIs).
@main
struct Portico: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portico",
        abstract: "A local, persistent, fast Amazon API Gateway (REST APIs).",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self)

    /// `portico serve …` parses `Serve` on its own. Parsing through the root first builds its
    /// command tree too, and each new generic instantiation there costs the Swift runtime a scan of
    /// every protocol conformance in the binary: 5 of the 100 million instructions start-up ran to
    /// its first answer (callgrind; docs/architecture.md, "Where the time goes"). Help still goes
    /// through the root, which names the command `portico serve`.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "serve", !arguments.contains(where: { ["-h", "--help"].contains($0) }) {
            StartupWarmup.begin()
            await Serve.main(Array(arguments.dropFirst()))
        } else {
            await main(arguments)
        }
    }
}

/// `portico serve`: run the server. Every option can also come from a `PORTICO_*` variable.
struct Serve: AsyncParsableCommand {
    /// Named as a command of `portico` (`_superCommandName`), which is also what makes
    /// ArgumentParser skip its `--generate-completion-script` probe when `serve` is parsed on its
    /// own: two extra command parsers whose reflection cost 15% of start-up's instructions
    /// (completion scripts still come from `portico --generate-completion-script`).
    static let configuration = {
        var configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Portico server.")
        configuration._superCommandName = "portico"
        return configuration
    }()

    @Option(help: "Address to listen on (PORTICO_HOST).")
    var host: String?

    @Option(help: "Port to listen on (PORTICO_PORT).")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "Directory for the SQLite state (PORTICO_DATA_DIR).")
    var dataDir: String?

    @Option(
        name: .customLong("database-url"),
        help:
            "Keep state in PostgreSQL, shared by every instance given the same URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=disable|prefer|require|verify-full] (PORTICO_DATABASE_URL; default: SQLite in --data-dir)."
    )
    var databaseURL: String?

    @Flag(name: .customLong("in-memory"), help: "Keep state in memory only (PORTICO_IN_MEMORY=1).")
    var inMemory = false

    @Option(name: .customLong("log-level"), help: "trace|debug|info|notice|warning|error|critical (PORTICO_LOG_LEVEL).")
    var logLevel: String?

    @Option(name: .customLong("lambda-endpoint"), help: "Lambda Invoke API base URL for Lambda integrations (PORTICO_LAMBDA_ENDPOINT).")
    var lambdaEndpoint: String?

    @Option(
        name: .customLong("cognito-endpoint"),
        help: "Cognito emulator base URL serving user-pool key sets, for Cognito authorizers (PORTICO_COGNITO_ENDPOINT).")
    var cognitoEndpoint: String?

    @Flag(
        name: .customLong("verify-signatures"),
        help: "Verify AWS Signature Version 4 on the management API and AWS_IAM methods (PORTICO_VERIFY_SIGNATURES=1).")
    var verifySignatures = false

    @Option(
        name: .customLong("credentials-file"),
        help: "Credentials to verify signatures against, in the AWS credentials file format (PORTICO_CREDENTIALS_FILE; default ~/.aws/credentials).")
    var credentialsFile: String?

    @Option(
        name: .customLong("account-throttle"),
        help:
            "Account-level throttle RATE,BURST for invocations, as a raised account quota (PORTICO_ACCOUNT_THROTTLE; default: the account's, 10000,5000)."
    )
    var accountThrottle: String?

    @Option(
        name: .customLong("vpc-id"),
        help: "The VPC every call to a PRIVATE API comes from, as aws:SourceVpc in resource policies (PORTICO_VPC_ID; default: absent).")
    var vpcId: String?

    @Option(
        name: .customLong("access-log-dir"),
        help: "Write stages' access logs here, one file per log group (PORTICO_ACCESS_LOG_DIR; default: off).")
    var accessLogDir: String?

    @Flag(
        name: .customLong("access-log-stdout"),
        help: "Write stages' access logs to standard output when no --access-log-dir is given (PORTICO_ACCESS_LOG_STDOUT=1).")
    var accessLogStdout = false

    @Option(
        name: .customLong("lambda-log-dir"),
        help: "Also write each hosted Lambda function's output to {dir}/{function}.log (PORTICO_LAMBDA_LOG_DIR).")
    var lambdaLogDir: String?

    @Option(
        name: .customLong("lambda-concurrency"),
        help: "Execution environments per hosted Lambda function at most (PORTICO_LAMBDA_CONCURRENCY; default 10).")
    var lambdaConcurrency: String?

    @Option(
        name: .customLong("lambda-python-client"),
        help: "auto: run python3.x functions under awslambdaric when installed; builtin: Portico's own bootstrap (PORTICO_LAMBDA_PYTHON_CLIENT).")
    var lambdaPythonClient: String?
    @Flag(
        name: .customLong("no-trace-header"),
        help: "Leave the x-portico-trace header out of invocation answers, so they carry only AWS's headers (PORTICO_NO_TRACE_HEADER=1).")
    var noTraceHeader = false

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var config = ServerConfiguration()
        config.host = host ?? env["PORTICO_HOST"] ?? config.host
        if let value = port ?? env["PORTICO_PORT"].flatMap(Int.init) { config.port = value }
        config.dataDirectory = dataDir ?? env["PORTICO_DATA_DIR"] ?? config.dataDirectory
        config.lambdaEndpoint = lambdaEndpoint ?? env["PORTICO_LAMBDA_ENDPOINT"]
        config.cognitoEndpoint = cognitoEndpoint ?? env["PORTICO_COGNITO_ENDPOINT"]
        /// A boolean `PORTICO_*` variable: set when it reads 1, true or yes.
        func isSet(_ name: String) -> Bool { ["1", "true", "yes"].contains(env[name]?.lowercased() ?? "") }
        config.inMemory = inMemory || isSet("PORTICO_IN_MEMORY")
        config.verifySignatures = verifySignatures || isSet("PORTICO_VERIFY_SIGNATURES")
        config.credentialsFile =
            credentialsFile ?? env["PORTICO_CREDENTIALS_FILE"] ?? (env["HOME"].map { $0 + "/.aws/credentials" })
        if let text = accountThrottle ?? env["PORTICO_ACCOUNT_THROTTLE"] {
            guard let throttle = ServerConfiguration.accountThrottle(parsing: text) else {
                throw ValidationError("--account-throttle takes RATE,BURST (e.g. 10000,5000); got '\(text)'")
            }
            config.accountThrottle = throttle
        }
        if let text = vpcId ?? env["PORTICO_VPC_ID"], !text.isEmpty {
            guard ServerConfiguration.isVPCId(text) else {
                throw ValidationError("--vpc-id takes a VPC id (vpc- then lower-case letters and digits); got '\(text)'")
            }
            config.vpcId = text
        }
        if let directory = accessLogDir ?? env["PORTICO_ACCESS_LOG_DIR"], !directory.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--access-log-dir must name an existing directory; got '\(directory)'")
            }
            config.accessLogDirectory = directory
        }
        config.accessLogToStandardOutput = accessLogStdout || isSet("PORTICO_ACCESS_LOG_STDOUT")
        config.traceHeader = !(noTraceHeader || isSet("PORTICO_NO_TRACE_HEADER"))
        config.releaseIdlePages = env["PORTICO_RELEASE_IDLE_PAGES"] != "0"
        if let text = logLevel ?? env["PORTICO_LOG_LEVEL"] {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ValidationError("unknown log level '\(text)'")
            }
            config.logLevel = level
        }
        config.lambdaLogDirectory = lambdaLogDir ?? env["PORTICO_LAMBDA_LOG_DIR"]
        if let text = lambdaConcurrency ?? env["PORTICO_LAMBDA_CONCURRENCY"] {
            guard let value = Int(text), value >= 1 else {
                throw ValidationError("--lambda-concurrency takes a positive number; got '\(text)'")
            }
            config.lambdaConcurrency = value
        }
        let client = (lambdaPythonClient ?? env["PORTICO_LAMBDA_PYTHON_CLIENT"] ?? "auto").lowercased()
        guard client == "auto" || client == "builtin" else {
            throw ValidationError("--lambda-python-client takes auto or builtin; got '\(client)'")
        }
        config.lambdaOfficialPythonClient = client == "auto"
        var storage: PostgresDocumentStorage?
        if let text = databaseURL ?? env["PORTICO_DATABASE_URL"], !text.isEmpty {
            storage = try await Self.openDatabase(text, logLevel: config.logLevel)
            config.databaseURLRedacted = storage?.url.redacted
        }
        let app = try PorticoApplication.make(configuration: config, storage: storage)
        defer { PorticoApplication.stopFunctions() }
        try await PorticoApplication.serve(app)
    }

    /// Exit status when the database of `--database-url` cannot be reached or used at start
    /// (sysexits' EX_UNAVAILABLE).
    static let databaseUnavailable: Int32 = 69

    /// Opens the PostgreSQL storage; on failure prints one line to standard error and exits 69.
    static func openDatabase(_ text: String, logLevel: Logger.Level) async throws -> PostgresDocumentStorage {
        var logger = Logger(label: "portico.postgres")
        logger.logLevel = logLevel
        do {
            return try await PostgresDocumentStorage.open(url: try PostgresURL(text), logger: logger)
        } catch let error as PostgresURLError {
            throw ValidationError(error.description)
        } catch {
            FileHandle.standardError.write(Data("portico: cannot start: \(error)\n".utf8))
            throw ExitCode(databaseUnavailable)
        }
    }
}
