import APIGatewayModel
import Foundation

/// PublishVersion, ListVersionsByFunction and the alias operations, and how a qualifier (a
/// version number, `$LATEST` or an alias) resolves to what runs.
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
extension LambdaAPI {
    /// The function, the configuration `qualifier` names, and the ARN to report: unqualified for
    /// no qualifier, else qualified as asked (an alias's ARN for an alias).
    func resolve(_ name: String, _ qualifier: String?) throws(LambdaError) -> (FunctionRecord, FunctionRecord, String) {
        let base = host.arn(name)
        guard let function = record(name) else { throw .functionNotFound(base + (qualifier.map { ":" + $0 } ?? "")) }
        guard let qualifier else { return (function, function, base) }
        if qualifier == "$LATEST" { return (function, function, base + ":$LATEST") }
        var version = qualifier
        if let alias = function.aliases[qualifier] { version = alias.functionVersion }
        if version == "$LATEST" { return (function, function, base + ":" + qualifier) }
        guard let published = function.versions.first(where: { $0.version == version }) else {
            throw .functionNotFound(base + ":" + qualifier)
        }
        return (function, published, base + ":" + qualifier)
    }

    func publishVersion(_ name: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var function = try existing(name)
        if let sha = body["CodeSha256"]?.stringValue, sha != function.codeSha256 {
            throw .invalidParameter(
                "CodeSHA256 (\(sha)) is different from current CodeSHA256 in $LATEST (\(function.codeSha256)). Please try again with the CodeSHA256 in $LATEST."
            )
        }
        // Publishing an unchanged $LATEST answers the latest version again.
        if let last = function.versions.last, last.revisionId == function.revisionId {
            return .json(last.configuration(arn: host.arn(name) + ":" + last.version), status: 201)
        }
        function.lastVersion += 1
        var version = function
        version.versions = []
        version.aliases = [:]
        version.statements = []
        version.version = String(function.lastVersion)
        version.lastModified = timestamp()
        if let description = body["Description"]?.stringValue { version.description = description }
        function.versions.append(version)
        try await save(name, function)
        return .json(version.configuration(arn: host.arn(name) + ":" + version.version), status: 201)
    }

    func listVersions(_ name: String) throws(LambdaError) -> LambdaResponse {
        let function = try existing(name)
        let all =
            [function.configuration(arn: host.arn(name) + ":$LATEST")]
            + function.versions.map { $0.configuration(arn: host.arn(name) + ":" + $0.version) }
        return .json(.object(["Versions": .array(all)]))
    }

    // MARK: aliases

    func createAlias(_ name: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var function = try existing(name)
        let aliasName = body["Name"]?.stringValue ?? ""
        try Self.checkAliasName(aliasName)
        let version = body["FunctionVersion"]?.stringValue ?? ""
        try checkVersion(function, version)
        guard function.aliases[aliasName] == nil else {
            throw .conflict("Alias already exists: " + host.arn(name) + ":" + aliasName)
        }
        let alias = FunctionRecord.Alias(
            name: aliasName, functionVersion: version, description: body["Description"]?.stringValue ?? "", revisionId: uuid())
        function.aliases[aliasName] = alias
        try await save(name, function)
        return .json(alias.configuration(arn: host.arn(name) + ":" + aliasName), status: 201)
    }

    func getAlias(_ name: String, _ aliasName: String) throws(LambdaError) -> LambdaResponse {
        let function = try existing(name)
        guard let alias = function.aliases[aliasName] else { throw .notFound("Alias not found: " + host.arn(name) + ":" + aliasName) }
        return .json(alias.configuration(arn: host.arn(name) + ":" + aliasName))
    }

    func listAliases(_ name: String) throws(LambdaError) -> LambdaResponse {
        let function = try existing(name)
        let aliases = function.aliases.values.sorted { $0.name < $1.name }.map { $0.configuration(arn: host.arn(name) + ":" + $0.name) }
        return .json(.object(["Aliases": .array(aliases)]))
    }

    func updateAlias(_ name: String, _ aliasName: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var function = try existing(name)
        guard var alias = function.aliases[aliasName] else { throw .notFound("Alias not found: " + host.arn(name) + ":" + aliasName) }
        if let revision = body["RevisionId"]?.stringValue, revision != alias.revisionId {
            throw LambdaError(
                type: "PreconditionFailedException", status: 412,
                message:
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
            )
        }
        if let version = body["FunctionVersion"]?.stringValue {
            try checkVersion(function, version)
            alias.functionVersion = version
        }
        if let description = body["Description"]?.stringValue { alias.description = description }
        alias.revisionId = uuid()
        function.aliases[aliasName] = alias
        try await save(name, function)
        return .json(alias.configuration(arn: host.arn(name) + ":" + aliasName))
    }

    func deleteAlias(_ name: String, _ aliasName: String) async throws(LambdaError) -> LambdaResponse {
        var function = try existing(name)
        // AWS answers 204 for an alias that does not exist.
        if function.aliases.removeValue(forKey: aliasName) != nil { try await save(name, function) }
        return LambdaResponse(status: 204)
    }

    private func checkVersion(_ function: FunctionRecord, _ version: String) throws(LambdaError) {
        guard version == "$LATEST" || function.versions.contains(where: { $0.version == version }) else {
            throw .functionNotFound(host.arn(function.name) + ":" + version)
        }
    }

    /// Alias names: `(?!^[0-9]+$)([a-zA-Z0-9-_]+)`, 1–128 characters.
    static func checkAliasName(_ name: String) throws(LambdaError) {
        let valid =
            !name.isEmpty && name.count <= 128 && !name.allSatisfy(\.isNumber)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard valid else {
            throw .validation(
                "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"
            )
        }
    }
}
