import APIGatewayModel
import Foundation

/// CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
/// UpdateFunctionConfiguration and DeleteFunction.
/// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
extension LambdaAPI {
    func createFunction(_ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        let rawName = body["FunctionName"]?.stringValue ?? ""
        let name = try functionName(rawName, qualifier: nil)
        let role = body["Role"]?.stringValue ?? ""
        try Self.checkRole(role)
        guard (body["PackageType"]?.stringValue ?? "Zip") == "Zip" else {
            throw .invalidParameter("Portico runs Zip functions only (PackageType Image needs a container runtime)")
        }
        guard let runtime = body["Runtime"]?.stringValue, let handler = body["Handler"]?.stringValue else {
            throw .invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        var record = FunctionRecord(
            name: name, runtime: runtime, role: role, handler: handler, lastModified: timestamp(), codeSha256: "", codeSize: 0,
            revisionId: uuid(), codeDirectory: "")
        try applySettings(body, to: &record)
        try host.runtimes.check(runtime)
        guard self.record(name) == nil else { throw .conflict("Function already exist: \(name)") }
        if case .object(let tags)? = body["Tags"] { record.tags = tags.compactMapValues(\.stringValue) }
        try installCode(body["Code"], into: &record)
        guard self.record(name) == nil else {
            removeCode(record)
            throw .conflict("Function already exist: \(name)")
        }
        try await save(name, record)
        return .json(record.configuration(arn: host.arn(name), state: "Pending"), status: 201)
    }

    func getFunction(_ name: String, _ qualifier: String?) throws(LambdaError) -> LambdaResponse {
        let (function, record, arn) = try resolve(name, qualifier)
        var fields: [String: JSONNode] = [
            "Configuration": record.configuration(arn: arn),
            "Code": .object(["RepositoryType": .string("S3"), "Location": .string("file://" + record.codeDirectory)]),
        ]
        if !function.tags.isEmpty { fields["Tags"] = .object(function.tags.mapValues { .string($0) }) }
        if let reserved = function.reservedConcurrency {
            fields["Concurrency"] = .object(["ReservedConcurrentExecutions": .number(Double(reserved))])
        }
        return .json(.object(fields))
    }

    func getConfiguration(_ name: String, _ qualifier: String?) throws(LambdaError) -> LambdaResponse {
        let (_, record, arn) = try resolve(name, qualifier)
        return .json(record.configuration(arn: arn))
    }

    func listFunctions(_ request: Request) throws(LambdaError) -> LambdaResponse {
        let all = model.current.account.lambdaFunctions.values.compactMap(FunctionRecord.init(document:)).sorted { $0.name < $1.name }
        let maxItems = request.query("MaxItems").flatMap(Int.init) ?? 50
        guard (1...10_000).contains(maxItems) else {
            throw .validation(
                "1 validation error detected: Value '\(maxItems)' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"
            )
        }
        let start =
            request.query("Marker").flatMap { marker in all.firstIndex { $0.name > marker } } ?? (request.query("Marker") == nil ? 0 : all.count)
        let page = Array(all[start..<min(all.count, start + maxItems)])
        var fields: [String: JSONNode] = ["Functions": .array(page.map { $0.configuration(arn: host.arn($0.name)) })]
        if start + maxItems < all.count, let last = page.last { fields["NextMarker"] = .string(last.name) }
        return .json(.object(fields))
    }

    /// Deletes the function with its versions and aliases, or (qualified) one published version.
    func deleteFunction(_ name: String, _ qualifier: String?) async throws(LambdaError) -> LambdaResponse {
        var record = try existing(name)
        if qualifier == "$LATEST" {
            throw .invalidParameter("$LATEST version cannot be deleted without deleting the function.")
        }
        if let qualifier {
            guard let index = record.versions.firstIndex(where: { $0.version == qualifier }) else {
                throw .functionNotFound(host.arn(name) + ":" + qualifier)
            }
            let version = record.versions.remove(at: index)
            try await save(name, record)
            host.retire(name + ":" + qualifier)
            if !record.usesCode(version.codeDirectory) { removeCode(version) }
            return LambdaResponse(status: 204)
        }
        try await save(name, nil)
        host.retireAll(name)
        removeCode(record)
        for version in record.versions { removeCode(version) }
        return LambdaResponse(status: 204)
    }

    func updateConfiguration(_ name: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var record = try existing(name)
        try checkRevision(body, record)
        if let role = body["Role"]?.stringValue {
            try Self.checkRole(role)
            record.role = role
        }
        if let handler = body["Handler"]?.stringValue { record.handler = handler }
        if let runtime = body["Runtime"]?.stringValue {
            try host.runtimes.check(runtime)
            record.runtime = runtime
        }
        try applySettings(body, to: &record)
        record.revisionId = uuid()
        record.lastModified = timestamp()
        try await save(name, record)
        host.retire(name)
        return .json(record.configuration(arn: host.arn(name), state: "Active", updating: true))
    }

    func updateCode(_ name: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var record = try existing(name)
        try checkRevision(body, record)
        let previous = record
        try installCode(.object(body), into: &record)
        record.revisionId = uuid()
        record.lastModified = timestamp()
        try await save(name, record)
        host.retire(name)
        if !record.usesCode(previous.codeDirectory) { removeCode(previous) }
        return .json(record.configuration(arn: host.arn(name), state: "Active", updating: true))
    }

    // MARK: shared checks

    private func checkRevision(_ body: [String: JSONNode], _ record: FunctionRecord) throws(LambdaError) {
        if let revision = body["RevisionId"]?.stringValue, revision != record.revisionId {
            throw LambdaError(
                type: "PreconditionFailedException", status: 412,
                message:
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
            )
        }
    }

    static func checkRole(_ role: String) throws(LambdaError) {
        let parts = role.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let valid =
            parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws") && parts[2] == "iam" && parts[3].isEmpty
            && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) && parts[5].hasPrefix("role") && parts[5].count > 5
        guard valid else {
            throw .validation(
                "1 validation error detected: Value '\(role)' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"
            )
        }
    }

    /// Timeout, MemorySize, Description and Environment, checked as AWS checks them.
    private func applySettings(_ body: [String: JSONNode], to record: inout FunctionRecord) throws(LambdaError) {
        if let node = body["Timeout"] {
            guard let timeout = node.intValue else { throw .validation("1 validation error detected: Value at 'timeout' is not an integer") }
            guard timeout >= 1 else {
                throw .validation(
                    "1 validation error detected: Value '\(timeout)' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"
                )
            }
            guard timeout <= 900 else {
                throw .validation(
                    "1 validation error detected: Value '\(timeout)' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900"
                )
            }
            record.timeout = timeout
        }
        if let node = body["MemorySize"] {
            guard let memory = node.intValue, (128...10240).contains(memory) else {
                throw .validation(
                    "1 validation error detected: Value '\(node.validationText)' at 'memorySize' failed to satisfy constraint: Member must have value \((node.intValue ?? 0) < 128 ? "greater than or equal to 128" : "less than or equal to 10240")"
                )
            }
            record.memorySize = memory
        }
        if let description = body["Description"]?.stringValue { record.description = description }
        if case .object(let environment)? = body["Environment"] {
            let variables: [String: String]
            if case .object(let values)? = environment["Variables"] { variables = values.compactMapValues(\.stringValue) } else { variables = [:] }
            let measured = JSONNode.object(variables.mapValues { .string($0) }).jsonBytes()
            guard measured.count <= 4096 else {
                throw .invalidParameter(
                    "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: "
                        + String(decoding: measured, as: UTF8.self))
            }
            let reserved = variables.keys.filter(Self.reservedVariables.contains).sorted()
            guard reserved.isEmpty else {
                throw .invalidParameter(
                    "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: "
                        + reserved.joined(separator: ", "))
            }
            record.environment = variables
        }
    }

    static let reservedVariables: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]

    // MARK: code

    /// Installs `Code` (CreateFunction) or the UpdateFunctionCode body: a base64 `ZipFile`
    /// unpacked into `{data}/lambda/functions/{name}/{revision}`, or `S3Bucket` `hot-reload` with
    /// `S3Key` an absolute local directory, used in place.
    private func installCode(_ code: JSONNode?, into record: inout FunctionRecord) throws(LambdaError) {
        guard case .object(let fields)? = code else { throw .invalidParameter("Please provide a source for function code.") }
        if case .string(let zip)? = fields["ZipFile"] {
            guard let bytes = Data(base64Encoded: zip) else { throw .invalidParameter(CodePackage.badZip) }
            let directory = codeRoot + "/functions/" + record.name + "/" + uuid()
            do {
                try CodePackage.unpack(Array(bytes), into: directory)
            } catch {
                removeIfEmpty(codeRoot + "/functions/" + record.name)
                throw error
            }
            record.codeDirectory = directory
            record.codeSha256 = CodePackage.sha256(Array(bytes))
            record.codeSize = bytes.count
            record.hotReload = false
            return
        }
        if let bucket = fields["S3Bucket"]?.stringValue {
            guard bucket == "hot-reload" else {
                throw .invalidParameter(
                    "Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist")
            }
            let key = fields["S3Key"]?.stringValue ?? ""
            var isDirectory: ObjCBool = false
            guard key.hasPrefix("/"), FileManager.default.fileExists(atPath: key, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .invalidParameter(
                    "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.")
            }
            record.codeDirectory = key
            record.codeSha256 = CodePackage.sha256(Array(key.utf8))
            record.codeSize = 0
            record.hotReload = true
            return
        }
        throw .invalidParameter("Please provide a source for function code.")
    }

    /// Removes a function's code directory once nothing is left in it.
    func removeIfEmpty(_ directory: String) {
        if (try? FileManager.default.contentsOfDirectory(atPath: directory))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Removes code Portico unpacked (never a hot-reload directory, which is the user's).
    func removeCode(_ record: FunctionRecord) {
        guard !record.hotReload, record.codeDirectory.hasPrefix(codeRoot + "/functions/") else { return }
        try? FileManager.default.removeItem(atPath: record.codeDirectory)
        removeIfEmpty((record.codeDirectory as NSString).deletingLastPathComponent)
    }
}
