import APIGatewayModel

/// AddPermission, RemovePermission and GetPolicy: the function's resource policy is stored and
/// answered as AWS writes it (Portico does not enforce it: every caller may invoke).
/// https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html
extension LambdaAPI {
    func addPermission(_ name: String, _ request: Request) async throws(LambdaError) -> LambdaResponse {
        let body = try Self.body(request)
        var record = try existing(name)
        guard let sid = body["StatementId"]?.stringValue, let action = body["Action"]?.stringValue,
            let principal = body["Principal"]?.stringValue
        else {
            throw .validation("1 validation error detected: Value null at 'statementId' failed to satisfy constraint: Member must not be null")
        }
        guard !sid.isEmpty, sid.count <= 100, sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .validation(
                "1 validation error detected: Value '\(sid)' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"
            )
        }
        if let revision = body["RevisionId"]?.stringValue, revision != (record.policyRevisionId ?? record.revisionId) {
            throw LambdaError(
                type: "PreconditionFailedException", status: 412,
                message: "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id")
        }
        guard !record.statements.contains(where: { $0["Sid"]?.stringValue == sid }) else {
            throw .conflict("The statement id (\(sid)) provided already exists. Please provide a new statement id, or remove the existing statement.")
        }
        let principalNode: JSONNode
        if principal == "*" {
            principalNode = .string("*")
        } else if principal.hasSuffix(".amazonaws.com") || principal.hasSuffix(".amazonaws.com.cn") {
            principalNode = .object(["Service": .string(principal)])
        } else if principal.count == 12, principal.allSatisfy(\.isNumber) {
            principalNode = .object(["AWS": .string("arn:aws:iam::\(principal):root")])
        } else if principal.hasPrefix("arn:") {
            principalNode = .object(["AWS": .string(principal)])
        } else {
            throw .invalidParameter("The provided principal was invalid. Please check the principal and try again.")
        }
        var condition: [String: JSONNode] = [:]
        if let sourceArn = body["SourceArn"]?.stringValue { condition["ArnLike"] = .object(["AWS:SourceArn": .string(sourceArn)]) }
        if let account = body["SourceAccount"]?.stringValue { condition["StringEquals"] = .object(["AWS:SourceAccount": .string(account)]) }
        var statement: [String: JSONNode] = [
            "Sid": .string(sid), "Effect": .string("Allow"), "Principal": principalNode, "Action": .string(action),
            "Resource": .string(host.arn(name)),
        ]
        if !condition.isEmpty { statement["Condition"] = .object(condition) }
        record.statements.append(.object(statement))
        record.policyRevisionId = uuid()
        try await save(name, record)
        let text = String(decoding: JSONNode.object(statement).jsonBytes(), as: UTF8.self)
        return .json(.object(["Statement": .string(text)]), status: 201)
    }

    func removePermission(_ name: String, statement sid: String) async throws(LambdaError) -> LambdaResponse {
        var record = try existing(name)
        guard let index = record.statements.firstIndex(where: { $0["Sid"]?.stringValue == sid }) else {
            throw .notFound("Statement \(sid) is not found in resource policy.")
        }
        record.statements.remove(at: index)
        record.policyRevisionId = uuid()
        try await save(name, record)
        return LambdaResponse(status: 204)
    }

    func getPolicy(_ name: String) throws(LambdaError) -> LambdaResponse {
        let record = try existing(name)
        guard !record.statements.isEmpty else { throw .notFound("No policy is associated with the given resource.") }
        let policy = JSONNode.object(["Version": .string("2012-10-17"), "Id": .string("default"), "Statement": .array(record.statements)])
        return .json(
            .object([
                "Policy": .string(String(decoding: policy.jsonBytes(), as: UTF8.self)),
                "RevisionId": .string(record.policyRevisionId ?? record.revisionId),
            ]))
    }
}
