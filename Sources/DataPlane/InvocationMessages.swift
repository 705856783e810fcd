/// An invocation request, independent of the HTTP framework.
public struct InvocationRequest: Sendable {
    public var method: String
    /// Decoded query pairs in order (repeated names kept).
    public var query: [(name: String, value: String)]
    /// Header pairs in order; names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var sourceIp: String
    /// The raw query string, for HTTP_PROXY pass-through.
    public var rawQuery: String?
    /// The path of the request line, still percent-encoded (what a Signature Version 4 covers).
    public var rawPath: String?

    public init(
        method: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], sourceIp: String = "127.0.0.1", rawQuery: String? = nil, rawPath: String? = nil
    ) {
        self.method = method
        self.query = query
        self.headers = headers
        self.body = body
        self.sourceIp = sourceIp
        self.rawQuery = rawQuery
        self.rawPath = rawPath
    }

    /// The last value of a header (case-insensitive), as API Gateway's single-value view.
    public func header(_ name: String) -> String? {
        headers.last { $0.name.equalsIgnoringASCIICase(name) }?.value
    }
}

/// What the client gets back.
public struct InvocationResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

import Foundation
