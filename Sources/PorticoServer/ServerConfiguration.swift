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
    /// Verify AWS Signature Version 4 on the management API and on AWS_IAM methods.
    public var verifySignatures = false
    /// The credentials signatures are verified against (AWS shared-credentials file format).
    public var credentialsFile: String?

    public init(
        host: String = "127.0.0.1", port: Int = 4566, dataDirectory: String = ".portico",
        inMemory: Bool = false, logLevel: Logger.Level = .notice, maxBodySize: Int = 10 * 1024 * 1024,
        lambdaEndpoint: String? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.inMemory = inMemory
        self.logLevel = logLevel
        self.maxBodySize = maxBodySize
        self.lambdaEndpoint = lambdaEndpoint
    }

    /// The database file, or nil in memory.
    public var databasePath: String? {
        inMemory ? nil : dataDirectory + "/portico.sqlite"
    }
}
