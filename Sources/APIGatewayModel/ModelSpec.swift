/// Runtime descriptors that the generated operation and shape tables are made of.
///
/// The tables themselves live in `Generated/` and come from botocore's service model
/// (`python3 codegen/generate.py`); this file only declares their element types, so that the
/// control plane can bind and validate any operation's request generically.

/// One operation of the apigateway REST-JSON protocol: where it is routed and what it answers.
public struct OperationSpec: Sendable {
    public let name: OperationName
    /// HTTP method, e.g. `GET`.
    public let method: String
    /// The URI template's path, e.g. `/restapis/{restapi_id}/resources/{resource_id}`.
    public let path: String
    /// Query pairs that are part of the template itself (`/restapis?mode=import`).
    public let fixedQuery: [(String, String)]
    /// Status code of a successful answer (201 for creates, 202/204 for deletes, …).
    public let successStatus: Int
    public let input: String?
    public let output: String?
    /// Error shapes the model lists (AWS answers a wider set in practice).
    public let errors: [String]

    public init(
        name: OperationName, method: String, path: String, fixedQuery: [(String, String)],
        successStatus: Int, input: String?, output: String?, errors: [String]
    ) {
        self.name = name
        self.method = method
        self.path = path
        self.fixedQuery = fixedQuery
        self.successStatus = successStatus
        self.input = input
        self.output = output
        self.errors = errors
    }

    /// The input shape's descriptor, if the operation takes input.
    public var inputShape: ShapeSpec? { input.flatMap { ShapeSpec.all[$0] } }

    /// Operations by name.
    public static let byName: [OperationName: OperationSpec] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name, $0) })
}

/// Where a member of an input shape travels on the wire.
public enum MemberLocation: Sendable, Hashable {
    case uri, querystring, header, headers, body
}

/// One member of a structure shape.
public struct MemberSpec: Sendable, Hashable {
    /// The member's name in the model (and in the generated struct).
    public let name: String
    /// Name of the member's shape.
    public let shape: String
    public let location: MemberLocation
    /// Name on the wire: URI label, query key, header name or JSON key.
    public let wireName: String

    public init(name: String, shape: String, location: MemberLocation, wireName: String) {
        self.name = name
        self.shape = shape
        self.location = location
        self.wireName = wireName
    }
}

/// What kind of value a shape holds.
public enum ShapeKind: Sendable, Hashable {
    case structure
    case list(member: String)
    case map(key: String, value: String)
    case enumeration([String])
    case string, boolean, integer, long, double, timestamp, blob
}

/// A shape of the service model.
public struct ShapeSpec: Sendable {
    public let name: String
    public let kind: ShapeKind
    public let members: [MemberSpec]
    public let required: [String]
    /// Regular expression constraint (e.g. `[1-5]\d\d` for StatusCode).
    public let pattern: String?
    /// For structures whose body is one member (a blob payload).
    public let payload: String?
    /// For exception shapes, the HTTP status they answer with.
    public let errorStatus: Int?

    public init(
        name: String, kind: ShapeKind, members: [MemberSpec], required: [String],
        pattern: String?, payload: String?, errorStatus: Int?
    ) {
        self.name = name
        self.kind = kind
        self.members = members
        self.required = required
        self.pattern = pattern
        self.payload = payload
        self.errorStatus = errorStatus
    }

    public func member(_ name: String) -> MemberSpec? { members.first { $0.name == name } }
}
