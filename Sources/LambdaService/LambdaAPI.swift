import APIGatewayModel
import Foundation
import Logging
import PorticoCore
import Store

/// The Lambda API (`lambda` 2015-03-31) on Portico's port: functions, their code and
/// configuration, invocations and resource policies, for the operations botocore's `lambda`
/// model routes under `/2015-03-31/functions`. Functions are durable in the store
/// (`EntityKind.lambdaFunction`); their code lives under the data directory.
/// https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
public final class LambdaAPI: Sendable {
    /// How Portico runs functions (from `portico serve`'s flags).
    public struct Configuration: Sendable {
        /// Code and Portico's bootstraps go under `{dataDirectory}/lambda`.
        public var dataDirectory: String
        public var logDirectory: String?
        public var region: String
        public var accountId: String
        /// Environments per function at most.
        public var concurrency: Int
        /// Use `awslambdaric` when the interpreter has it (false: always Portico's bootstrap).
        public var officialPythonClient: Bool

        public init(
            dataDirectory: String, logDirectory: String? = nil, region: String = "us-east-1", accountId: String = "000000000000",
            concurrency: Int = 10, officialPythonClient: Bool = true
        ) {
            self.dataDirectory = dataDirectory
            self.logDirectory = logDirectory
            self.region = region
            self.accountId = accountId
            self.concurrency = concurrency
            self.officialPythonClient = officialPythonClient
        }
    }

    /// One request of the Lambda API.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [(name: String, value: String)]
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(
            method: String, path: String, query: [(name: String, value: String)], headers: [(name: String, value: String)],
            body: [UInt8]
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        func query(_ name: String) -> String? { query.first { $0.name == name }?.value }
    }

    /// CreateFunction's limit on the whole request (AWS: "Request must be smaller than 70167211
    /// bytes for the CreateFunction operation").
    public static let maxRequestBody = 70_167_211
    /// Synchronous invocation payloads (6 MB).
    static let maxInvokePayload = 6_291_456

    let model: ModelStore
    let configuration: Configuration
    let host: LambdaHost
    let codeRoot: String
    let ids: any IdentifierGenerator
    let clock: any WallClock

    public init(model: ModelStore, configuration: Configuration, ids: any IdentifierGenerator, clock: any WallClock, logger: Logger) {
        self.model = model
        self.configuration = configuration
        self.ids = ids
        self.clock = clock
        codeRoot = configuration.dataDirectory + "/lambda"
        host = LambdaHost(
            settings: .init(
                region: configuration.region, accountId: configuration.accountId, capacity: configuration.concurrency,
                logDirectory: configuration.logDirectory, logger: logger),
            runtimes: RuntimeCatalog(
                bootstrapDirectory: codeRoot + "/runtimes", preferOfficialClient: configuration.officialPythonClient))
    }

    /// Whether a path belongs to the Lambda API.
    public static func claims(_ path: String) -> Bool {
        path.hasPrefix("/2015-03-31/functions") || path.hasPrefix("/2017-10-31/functions/")
            || path.hasPrefix("/2019-09-30/functions/")
    }

    /// Portico's own URL, for `AWS_ENDPOINT_URL` in every environment.
    public func setEndpoint(_ url: String) { host.endpoint.withLock { $0 = url } }

    /// Kills every environment (shutdown, and reset once the store was wiped).
    public func stopAll() { host.killAll() }

    public func handle(_ request: Request) async -> LambdaResponse {
        do {
            return try await route(request)
        } catch {
            return error.response
        }
    }

    private func route(_ request: Request) async throws(LambdaError) -> LambdaResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        // segments[0] == "2015-03-31", segments[1] == "functions"
        guard segments.count >= 2, segments[1] == "functions" else { throw .unknownOperation(request.method, request.path) }
        let method = request.method
        switch (method, segments.count) {
        case ("GET", 2): return try listFunctions(request)
        case ("POST", 2): return try await createFunction(request)
        default: break
        }
        let (name, qualifier) = try reference(segments[2], qualifier: request.query("Qualifier"))
        switch (method, segments.count > 3 ? segments[3] : "") {
        case ("GET", ""): return try getFunction(name, qualifier)
        case ("DELETE", ""): return try await deleteFunction(name, qualifier)
        case ("GET", "configuration"): return try getConfiguration(name, qualifier)
        case ("POST", "invocations"): return try await invoke(name, qualifier, request)
        case ("PUT", "concurrency"): return try await putConcurrency(name, request)
        case ("GET", "concurrency"): return try getConcurrency(name)
        case ("DELETE", "concurrency"): return try await deleteConcurrency(name)
        case ("POST", "versions"): return try await publishVersion(name, request)
        case ("GET", "versions"): return try listVersions(name)
        case ("POST", "aliases"): return try await createAlias(name, request)
        case ("GET", "aliases") where segments.count == 4: return try listAliases(name)
        case ("GET", "aliases"): return try getAlias(name, segments[4])
        case ("PUT", "aliases") where segments.count == 5: return try await updateAlias(name, segments[4], request)
        case ("DELETE", "aliases") where segments.count == 5: return try await deleteAlias(name, segments[4])
        default: break
        }
        if let qualifier, qualifier != "$LATEST" { throw .functionNotFound(host.arn(name) + ":" + qualifier) }
        switch (method, segments.count > 3 ? segments[3] : "") {
        case ("PUT", "configuration"): return try await updateConfiguration(name, request)
        case ("PUT", "code"): return try await updateCode(name, request)
        case ("GET", "policy"): return try getPolicy(name)
        case ("POST", "policy"): return try await addPermission(name, request)
        case ("DELETE", "policy") where segments.count == 5: return try await removePermission(name, statement: segments[4])
        default: throw .unknownOperation(method, request.path)
        }
    }

    // MARK: names and records

    /// A function name from a name, a partial ARN (`123456789012:function:name`) or a full ARN,
    /// refusing any qualifier but `$LATEST` (CreateFunction and the unqualified operations).
    func functionName(_ text: String, qualifier: String?) throws(LambdaError) -> String {
        let (name, effective) = try reference(text, qualifier: qualifier)
        if let effective, effective != "$LATEST" { throw .functionNotFound(host.arn(name) + ":" + effective) }
        return name
    }

    /// A function name and its qualifier (a version number, `$LATEST` or an alias), from the
    /// name or ARN and the `Qualifier` parameter (which must agree).
    func reference(_ text: String, qualifier: String?) throws(LambdaError) -> (name: String, qualifier: String?) {
        var name = text
        var derived: String?
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function" {
            guard parts[3] == configuration.region else {
                throw .notFound("Functions from '\(parts[3])' are not reachable in this region ('\(configuration.region)')")
            }
            name = parts[6]
            derived = parts.count > 7 ? parts[7] : nil
        } else if parts.count >= 3, parts[1] == "function" {
            name = parts[2]
            derived = parts.count > 3 ? parts[3] : nil
        } else if parts.count == 2 {
            name = parts[0]
            derived = parts[1]
        }
        if let derived, let qualifier, derived != qualifier {
            throw .invalidParameter("The derived qualifier from the function name does not match the specified qualifier.")
        }
        guard !name.isEmpty, name.utf8.count <= 64,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else {
            throw .validation(
                "1 validation error detected: Value '\(text)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?"
            )
        }
        return (name, derived ?? qualifier)
    }

    func record(_ name: String) -> FunctionRecord? {
        model.current.account.lambdaFunctions[name].flatMap(FunctionRecord.init(document:))
    }

    func existing(_ name: String) throws(LambdaError) -> FunctionRecord {
        guard let record = record(name) else { throw .functionNotFound(host.arn(name)) }
        return record
    }

    /// Writes (or, with nil, deletes) a function's document.
    func save(_ name: String, _ record: FunctionRecord?) async throws(LambdaError) {
        let document = record?.document
        do {
            try await model.write { state in
                state.account.lambdaFunctions[name] = document
                return ((), [DirtyDocument(.lambdaFunction, name: name)])
            }
        } catch {
            throw LambdaError(type: "ServiceException", status: 500, message: "The function could not be stored: \(error)")
        }
    }

    /// Lambda's `LastModified` (`2024-01-31T12:00:00.000+0000`).
    func timestamp() -> String {
        let date = clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0, (c.nanosecond ?? 0) / 1_000_000)
    }

    func uuid() -> String { UUID().uuidString.lowercased() }

    static func body(_ request: Request) throws(LambdaError) -> [String: JSONNode] {
        if request.body.isEmpty { return [:] }
        guard case .object(let fields)? = StrictJSON.parse(request.body) else {
            throw LambdaError(type: "SerializationException", status: 400, message: "Could not parse the request body as JSON", userType: false)
        }
        return fields
    }
}
