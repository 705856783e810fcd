import APIGatewayModel
import Logging

/// How a Portico server runs: where it listens and where it keeps its state.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Directory of the SQLite database (`portico.sqlite`); ignored when `inMemory`.
    public var dataDirectory: String
    /// Keep state in memory only (nothing survives a restart).
    public var inMemory: Bool
    public var logLevel: Logger.Level
    /// Largest request body accepted, in bytes (AWS: 10 MB payloads).
    public var maxBodySize: Int
    /// Base URL of a Lambda Invoke API for Lambda integrations (e.g. `http://127.0.0.1:9001`).
    public var lambdaEndpoint: String?
    /// Base URL of a Cognito emulator serving `/{userPoolId}/.well-known/jwks.json`, for
    /// Cognito user-pool authorizers (e.g. moto's server).
    public var cognitoEndpoint: String?
    /// Verify AWS Signature Version 4 on the management API and on AWS_IAM methods.
    public var verifySignatures = false
    /// The credentials signatures are verified against (AWS shared-credentials file format).
    public var credentialsFile: String?
    /// The account-level throttle invocations are held to, as a raised AWS account quota would
    /// set it (nil: the account's settings, by default AWS's 10,000 requests/s, burst 5,000).
    public var accountThrottle: ThrottleSettings?
    /// The VPC every call to a PRIVATE API is taken to come from (`aws:SourceVpc` in resource
    /// policies; nil: absent).
    public var vpcId: String?
    /// Directory for stages' access logs, one file per log group (nil: not written to files).
    public var accessLogDirectory: String?
    /// Write stages' access logs to standard output (when no directory is given).
    public var accessLogToStandardOutput = false
    /// Where each Lambda function's output (START/END/REPORT and the handler's lines) is also
    /// written, one `{function}.log` per function (nil: Portico's log only).
    public var lambdaLogDirectory: String?
    /// Execution environments per Lambda function at most (concurrent invocations beyond wait).
    public var lambdaConcurrency = 10
    /// Run python3.x functions under `awslambdaric` when the interpreter has it (false: always
    /// Portico's own bootstrap).
    public var lambdaOfficialPythonClient = true
    /// Answer invocations with the `x-portico-trace` header (off: answers carry only AWS's
    /// headers, for comparing them with AWS's; the trace is still kept, by request id).
    public var traceHeader = true
    /// Unmap the executable's read-only pages when the process goes idle (`IdlePageRelease`);
    /// off for unit tests, on for `portico serve` unless `PORTICO_RELEASE_IDLE_PAGES=0`.
    public var releaseIdlePages = false
    /// The PostgreSQL database the state lives in (`--database-url`), password left out; nil: SQLite.
    public var databaseURLRedacted: String?

    public init(
        host: String = "127.0.0.1", port: Int = 4566, dataDirectory: String = ".portico",
        inMemory: Bool = false, logLevel: Logger.Level = .notice, maxBodySize: Int = 10 * 1024 * 1024,
        lambdaEndpoint: String? = nil, cognitoEndpoint: String? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.inMemory = inMemory
        self.logLevel = logLevel
        self.maxBodySize = maxBodySize
        self.lambdaEndpoint = lambdaEndpoint
        self.cognitoEndpoint = cognitoEndpoint
    }

    /// `RATE,BURST` (e.g. `10000,5000`) as throttle settings; nil when malformed.
    public static func accountThrottle(parsing text: String) -> ThrottleSettings? {
        let parts = text.split(separator: ",")
        guard parts.count == 2, let rate = Double(parts[0]), let burst = Int(parts[1]), rate >= 0, burst >= 0 else { return nil }
        return ThrottleSettings(burstLimit: burst, rateLimit: rate)
    }

    /// Whether `text` reads as a VPC id: `vpc-` then lower-case letters and digits.
    public static func isVPCId(_ text: String) -> Bool {
        let rest = text.utf8.dropFirst(4)
        return text.hasPrefix("vpc-") && !rest.isEmpty
            && rest.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }
    }

    /// Where the state lives, for the start-up line: a PostgreSQL URL without its password,
    /// the SQLite file, or "in memory".
    public var stateDescription: String {
        databaseURLRedacted ?? databasePath ?? "in memory"
    }

    /// The database file, or nil in memory.
    public var databasePath: String? {
        inMemory ? nil : dataDirectory + "/portico.sqlite"
    }
}
