/// A management-API request, independent of the HTTP framework. It carries one header,
/// `Accept` (GetExport answers JSON or YAML by it); no other operation Portico implements
/// reads one, so the hot path does not copy them.
public struct ManagementRequest: Sendable {
    public var method: String
    /// The raw (still percent-encoded) path, without the query string.
    public var path: Substring
    /// Decoded query pairs in order.
    public var query: [(name: String, value: String)]
    public var body: [UInt8]
    public var accept: String?

    public init(
        method: String, path: Substring, query: [(name: String, value: String)] = [], body: [UInt8] = [], accept: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.accept = accept
    }

    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}

/// A management-API response: status, extra headers and a JSON (or empty) body.
public struct ManagementResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The response for an error: `x-amzn-ErrorType` plus `{"message": …}`.
    public init(error: ManagementError) {
        self.init(
            status: error.status,
            headers: [("x-amzn-ErrorType", error.type), ("Content-Type", "application/json")],
            body: error.body)
    }
}

import Foundation

extension String {
    /// Percent-decodes a URI segment; invalid escapes or bad UTF-8 give nil.
    var percentDecoded: String? {
        if !utf8.contains(UInt8(ascii: "%")) { return self }
        return removingPercentEncoding
    }
}
