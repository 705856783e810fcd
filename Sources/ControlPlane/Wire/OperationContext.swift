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

    /// A URI label by its wire name (`restapi_id`); routing guarantees presence.
    func label(_ name: String) -> String { labels[name] ?? "" }

    var restApiId: String { label("restapi_id") }
    var resourceId: String { label("resource_id") }
    var httpMethod: String { label("http_method") }
    var statusCode: String { label("status_code") }

    /// Decodes the JSON body into the operation's generated input shape. The body was already
    /// type-checked and validated against the model (see `InputValidation`), so this only fails
    /// on oddities such as a fractional number for an integer member.
    func body<T: Decodable>(_ type: T.Type) throws(ManagementError) -> T {
        try BodyDecoder.decode(type, from: request.body)
    }
}

/// What a handler answers on success.
struct Reply: Sendable {
    var status: Int?
    var body: [UInt8]

    /// No body (deletes).
    static let empty = Reply(status: nil, body: [])

    static func json<T: Encodable>(_ value: T, status: Int? = nil) -> Reply {
        Reply(status: status, body: BodyEncoder.encode(value))
    }

    /// Generated shapes write themselves (same text as `BodyEncoder`, several times faster).
    static func json<T: Encodable & JSONWritable>(_ value: T, status: Int? = nil) -> Reply {
        Reply(status: status, body: value.jsonBytes())
    }
}

typealias OperationHandler = @Sendable (OperationContext) async throws -> Reply

/// JSON for responses: AWS member names, timestamps as epoch seconds.
enum BodyEncoder {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        // Generated shapes hold only strings, numbers, booleans, dates and containers of
        // them, which always encode; an empty object is the safe fallback.
        (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
    }
}

/// Decoding of request bodies with AWS's error for malformed input.
enum BodyDecoder {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

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

    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(ManagementError) -> T {
        let data = isBlank(body) ? Data("{}".utf8) : Data(body)
        do {
            return try decoder.decode(type, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            throw ManagementError.serialization(Self.describe(context, problem: "type"))
        } catch let DecodingError.dataCorrupted(context) {
            if context.codingPath.isEmpty {
                throw ManagementError.serialization("Unable to parse request body as JSON")
            }
            throw ManagementError.serialization(Self.describe(context, problem: "value"))
        } catch {
            throw ManagementError.serialization("Unable to parse request body as JSON")
        }
    }

    private static func describe(_ context: DecodingError.Context, problem: String) -> String {
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return "Invalid \(problem) for member '\(path)'"
    }
}
