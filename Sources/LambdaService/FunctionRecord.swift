import APIGatewayModel

/// One Lambda function as Portico stores it: its configuration, where its code lives and its
/// resource policy. Stored as one account-level document (`EntityKind.lambdaFunction`) of JSON
/// written here, so the store knows nothing of Lambda's shapes.
struct FunctionRecord: Sendable, Equatable {
    var name: String
    var runtime: String
    var role: String
    var handler: String
    var description = ""
    var timeout = 3
    var memorySize = 128
    var environment: [String: String]?
    var architectures = ["x86_64"]
    var lastModified: String
    /// Base64 SHA-256 of the deployment package (of the directory's path for hot reload).
    var codeSha256: String
    var codeSize: Int
    var revisionId: String
    /// The directory the handler runs in: unpacked under the data directory, or the user's own
    /// directory for `hot-reload` code.
    var codeDirectory: String
    var hotReload = false
    /// Resource policy statements (AddPermission), in order.
    var statements: [JSONNode] = []
    var policyRevisionId: String?
    var tags: [String: String] = [:]
    /// `$LATEST`, or the number of a published version.
    var version = "$LATEST"
    /// Published versions (PublishVersion), oldest first: each a frozen copy of the function.
    var versions: [FunctionRecord] = []
    /// The number the next published version gets, less one.
    var lastVersion = 0
    /// Aliases by name.
    var aliases: [String: Alias] = [:]
    /// PutFunctionConcurrency's reserved concurrency: the function's environments at most (0:
    /// every invocation is throttled).
    var reservedConcurrency: Int?

    struct Alias: Sendable, Equatable {
        var name: String
        var functionVersion: String
        var description: String
        var revisionId: String

        var document: JSONNode {
            .object([
                "name": .string(name), "functionVersion": .string(functionVersion), "description": .string(description),
                "revisionId": .string(revisionId),
            ])
        }

        init(name: String, functionVersion: String, description: String, revisionId: String) {
            self.name = name
            self.functionVersion = functionVersion
            self.description = description
            self.revisionId = revisionId
        }

        init?(document: JSONNode) {
            guard let name = document["name"]?.stringValue, let version = document["functionVersion"]?.stringValue else { return nil }
            self.init(
                name: name, functionVersion: version, description: document["description"]?.stringValue ?? "",
                revisionId: document["revisionId"]?.stringValue ?? "")
        }

        /// `AliasConfiguration`.
        func configuration(arn: String) -> JSONNode {
            .object([
                "AliasArn": .string(arn), "Name": .string(name), "FunctionVersion": .string(functionVersion),
                "Description": .string(description), "RevisionId": .string(revisionId),
            ])
        }
    }

    // MARK: storage

    var document: JSONNode {
        var fields: [String: JSONNode] = [
            "name": .string(name), "runtime": .string(runtime), "role": .string(role), "handler": .string(handler),
            "description": .string(description), "timeout": .number(Double(timeout)), "memorySize": .number(Double(memorySize)),
            "architectures": .array(architectures.map { .string($0) }), "lastModified": .string(lastModified),
            "codeSha256": .string(codeSha256), "codeSize": .number(Double(codeSize)), "revisionId": .string(revisionId),
            "codeDirectory": .string(codeDirectory), "hotReload": .bool(hotReload), "statements": .array(statements),
            "tags": .object(tags.mapValues { .string($0) }),
        ]
        if let environment { fields["environment"] = .object(environment.mapValues { .string($0) }) }
        if let policyRevisionId { fields["policyRevisionId"] = .string(policyRevisionId) }
        if version != "$LATEST" { fields["version"] = .string(version) }
        if !versions.isEmpty { fields["versions"] = .array(versions.map(\.document)) }
        if lastVersion > 0 { fields["lastVersion"] = .number(Double(lastVersion)) }
        if !aliases.isEmpty { fields["aliases"] = .object(aliases.mapValues(\.document)) }
        if let reservedConcurrency { fields["reservedConcurrency"] = .number(Double(reservedConcurrency)) }
        return .object(fields)
    }

    init?(document: JSONNode) {
        guard case .object(let f) = document, case .string(let name)? = f["name"], case .string(let runtime)? = f["runtime"],
            case .string(let handler)? = f["handler"], case .string(let directory)? = f["codeDirectory"]
        else { return nil }
        self.name = name
        self.runtime = runtime
        self.handler = handler
        codeDirectory = directory
        role = f["role"]?.stringValue ?? ""
        description = f["description"]?.stringValue ?? ""
        timeout = f["timeout"]?.intValue ?? 3
        memorySize = f["memorySize"]?.intValue ?? 128
        if case .array(let items)? = f["architectures"] { architectures = items.compactMap(\.stringValue) }
        lastModified = f["lastModified"]?.stringValue ?? ""
        codeSha256 = f["codeSha256"]?.stringValue ?? ""
        codeSize = f["codeSize"]?.intValue ?? 0
        revisionId = f["revisionId"]?.stringValue ?? ""
        if case .bool(let value)? = f["hotReload"] { hotReload = value }
        if case .array(let items)? = f["statements"] { statements = items }
        policyRevisionId = f["policyRevisionId"]?.stringValue
        if case .object(let values)? = f["environment"] { environment = values.compactMapValues(\.stringValue) }
        if case .object(let values)? = f["tags"] { tags = values.compactMapValues(\.stringValue) }
        version = f["version"]?.stringValue ?? "$LATEST"
        if case .array(let items)? = f["versions"] { versions = items.compactMap(FunctionRecord.init(document:)) }
        lastVersion = f["lastVersion"]?.intValue ?? 0
        if case .object(let values)? = f["aliases"] { aliases = values.compactMapValues(Alias.init(document:)) }
        reservedConcurrency = f["reservedConcurrency"]?.intValue
    }

    init(
        name: String, runtime: String, role: String, handler: String, lastModified: String, codeSha256: String, codeSize: Int,
        revisionId: String, codeDirectory: String
    ) {
        self.name = name
        self.runtime = runtime
        self.role = role
        self.handler = handler
        self.lastModified = lastModified
        self.codeSha256 = codeSha256
        self.codeSize = codeSize
        self.revisionId = revisionId
        self.codeDirectory = codeDirectory
    }

    /// Whether `$LATEST` or a published version runs from `directory`.
    func usesCode(_ directory: String) -> Bool {
        codeDirectory == directory || versions.contains { $0.codeDirectory == directory }
    }

    // MARK: AWS's shapes

    /// `FunctionConfiguration` as GetFunctionConfiguration answers it.
    func configuration(arn: String, state: String = "Active", updating: Bool = false) -> JSONNode {
        var fields: [String: JSONNode] = [
            "FunctionName": .string(name), "FunctionArn": .string(arn), "Runtime": .string(runtime), "Role": .string(role),
            "Handler": .string(handler), "CodeSize": .number(Double(codeSize)), "Description": .string(description),
            "Timeout": .number(Double(timeout)), "MemorySize": .number(Double(memorySize)), "LastModified": .string(lastModified),
            "CodeSha256": .string(codeSha256), "Version": .string(version), "RevisionId": .string(revisionId),
            "TracingConfig": .object(["Mode": .string("PassThrough")]), "State": .string(state),
            "LastUpdateStatus": .string("Successful"), "PackageType": .string("Zip"),
            "Architectures": .array(architectures.map { .string($0) }), "EphemeralStorage": .object(["Size": .number(512)]),
            "SnapStart": .object(["ApplyOn": .string("None"), "OptimizationStatus": .string("Off")]),
            "LoggingConfig": .object(["LogFormat": .string("Text"), "LogGroup": .string("/aws/lambda/" + name)]),
        ]
        if state == "Pending" {
            fields["StateReason"] = .string("The function is being created.")
            fields["StateReasonCode"] = .string("Creating")
            fields["LastUpdateStatus"] = nil
        }
        if updating { fields["LastUpdateStatus"] = .string("InProgress") }
        if let environment { fields["Environment"] = .object(["Variables": .object(environment.mapValues { .string($0) })]) }
        return .object(fields)
    }
}

extension JSONNode {
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var intValue: Int? {
        if case .number(let value) = self, value == value.rounded(), abs(value) < 1e15 { return Int(value) }
        return nil
    }
}
