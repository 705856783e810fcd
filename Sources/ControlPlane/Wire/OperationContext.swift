import APIGatewayModel
import Foundation
import Store

/// Everything a handler needs for one call: the routed operation, its labels, the request and
/// the model.
struct OperationContext: Sendable {
    let operation: OperationSpec
    let labels: [String: String]
    let request: ManagementRequest
    let model: ModelStore
    let environment: ControlPlaneEnvironment
    /// The JSON body as `InputValidation` parsed it (nil for operations without a JSON body).
    var bodyNode: JSONNode?

    /// A URI label by its wire name (`restapi_id`); routing guarantees presence.
    func label(_ name: String) -> String { labels[name] ?? "" }

    var restApiId: String { label("restapi_id") }
    var resourceId: String { label("resource_id") }
    var httpMethod: String { label("http_method") }
    var statusCode: String { label("status_code") }

    /// Reads the JSON body into the operation's generated input shape. The body was already
    /// parsed, type-checked and validated against the model (see `InputValidation`), so this
    /// only fails on oddities such as a fractional number for an integer member.
    func body<T: JSONReadable>(_ type: T.Type) throws(ManagementError) -> T {
        if let bodyNode { return try BodyDecoder.read(type, from: bodyNode) }
        return try BodyDecoder.read(type, from: BodyDecoder.node(from: request.body))
    }
}

/// What a handler answers on success.
struct Reply: Sendable {
    var status: Int?
    var body: [UInt8]
    /// Headers other than the JSON `Content-Type` (GetExport's file download).
    var headers: [(name: String, value: String)] = []

    /// No body (deletes).
    static let empty = Reply(status: nil, body: [])

    /// A shape as its JSON body (generated shapes write themselves; see `JSONWritable`).
    static func json<T: JSONWritable>(_ value: T, status: Int? = nil) -> Reply {
        Reply(status: status, body: value.jsonBytes())
    }
}

typealias OperationHandler = @Sendable (OperationContext) async throws -> Reply

/// Decoding of request bodies with AWS's error for malformed input.
enum BodyDecoder {
    static func isBlank(_ body: [UInt8]) -> Bool {
        body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    /// Parses the body as strict JSON (blank reads as `{}`).
    static func node(from body: [UInt8]) throws(ManagementError) -> JSONNode {
        if isBlank(body) { return .object([:]) }
        guard let node = StrictJSON.parse(body) else {
            throw ManagementError.serialization("Unable to parse request body as JSON")
        }
        return node
    }

    /// A shape from a parsed body, with AWS's SerializationException wording for what does not fit.
    static func read<T: JSONReadable>(_ type: T.Type, from node: JSONNode) throws(ManagementError) -> T {
        do {
            return try T(json: node)
        } catch {
            let path = error.path.joined(separator: ".")
            switch error.problem {
            case .type where !error.path.isEmpty: throw ManagementError.serialization("Invalid type for member '\(path)'")
            case .value where !error.path.isEmpty: throw ManagementError.serialization("Invalid value for member '\(path)'")
            default: throw ManagementError.serialization("Unable to parse request body as JSON")
            }
        }
    }
}
