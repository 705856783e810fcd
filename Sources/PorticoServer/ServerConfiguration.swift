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

    /// The database file, or nil in memory.
    public var databasePath: String? {
        inMemory ? nil : dataDirectory + "/portico.sqlite"
    }
}
