/// Where an invocation is aimed: which API, which stage, which path below the stage.
///
/// Portico accepts LocalStack's three equivalent URL forms on its one port:
/// - `/_aws/execute-api/{apiId}/{stage}/{path}`
/// - `/restapis/{apiId}/{stage}/_user_request_/{path}`
/// - host `{apiId}.execute-api.localhost.localstack.cloud[:port]` with path `/{stage}/{path}`
public struct InvocationTarget: Sendable, Equatable {
    public let apiId: String
    public let stage: String
    /// The raw (percent-encoded) path below the stage, starting with `/`.
    public let path: Substring
    /// Which endpoint the request came through.
    public let endpoint: Endpoint

    /// The default `execute-api` endpoint (the three URL forms) or a custom domain name.
    public enum Endpoint: Sendable, Equatable {
        /// One of the default endpoint's URL forms (refused when the API disables it).
        case executeAPI
        /// A custom domain name's base path mapping: the domain name as indexed and the request
        /// path as the client sent it, base path included (`$context.path`, the proxy event's
        /// `path`).
        case customDomain(name: String, requestPath: String, basePath: String)
        /// A custom domain name none of whose base path mappings matches the path: 403.
        case unmappedDomain(name: String)
    }

    public init(apiId: String, stage: String, path: Substring, endpoint: Endpoint = .executeAPI) {
        self.apiId = apiId
        self.stage = stage
        self.path = path
        self.endpoint = endpoint
    }

    /// The host suffix that selects an API by host name.
    public static let hostSuffix = ".execute-api.localhost.localstack.cloud"

    /// Recognises an invocation from the Host header and the raw path; nil for anything else
    /// (management API, ops endpoints).
    public static func parse(host: String?, path: String) -> InvocationTarget? {
        if let host {
            let name = host.utf8.firstIndex(of: UInt8(ascii: ":")).map { host[..<$0] } ?? Substring(host)
            if hasSuffixIgnoringASCIICase(name, hostSuffix) {
                let apiId = droppingVPCEndpoint(String(name.dropLast(hostSuffix.count)))
                guard !apiId.isEmpty, !apiId.contains(".") else { return nil }
                let (stage, rest) = splitFirst(Substring(path))
                return InvocationTarget(apiId: apiId, stage: stage, path: rest)
            }
        }
        if path.hasPrefix("/_aws/execute-api/") {
            let tail = Substring(path).dropFirst("/_aws/execute-api".count)
            let (apiId, afterApi) = splitFirst(tail)
            let (stage, rest) = splitFirst(afterApi)
            guard !apiId.isEmpty else { return nil }
            return InvocationTarget(apiId: apiId, stage: stage, path: rest)
        }
        if path.hasPrefix("/restapis/") {
            // The management API lives under /restapis too: only the third segment tells.
            let tail = Substring(path).dropFirst("/restapis".count)
            let (apiId, afterApi) = splitFirst(tail)
            let (stage, afterStage) = splitFirst(afterApi)
            let (marker, rest) = splitFirst(afterStage)
            guard marker == "_user_request_", !apiId.isEmpty else { return nil }
            return InvocationTarget(apiId: apiId, stage: stage, path: rest)
        }
        return nil
    }

    /// `{apiId}-vpce-{endpointId}` → `{apiId}`: AWS's host name for a private API reached
    /// through a VPC endpoint. Portico has no VPCs, so the API answers as by its own name.
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html
    static func droppingVPCEndpoint(_ label: String) -> String {
        let marker = Array("-vpce-".utf8)
        let bytes = Array(label.utf8)
        guard bytes.count > marker.count + 1 else { return label }
        for start in stride(from: bytes.count - marker.count - 1, through: 1, by: -1)
        where bytes[start..<start + marker.count].elementsEqual(marker) {
            return String(decoding: bytes[..<start], as: UTF8.self)
        }
        return label
    }

    /// Host names compare without case; checked byte-wise (this runs on every request).
    static func hasSuffixIgnoringASCIICase(_ text: Substring, _ suffix: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count > suffix.utf8.count else { return false }
        return zip(bytes.suffix(suffix.utf8.count), suffix.utf8).allSatisfy { pair in
            let lower = pair.0 >= 0x41 && pair.0 <= 0x5A ? pair.0 | 0x20 : pair.0
            return lower == pair.1
        }
    }

    /// `/a/b/c` → (`a`, `/b/c`); `/a` → (`a`, `/`). Scans bytes: this runs on every request.
    static func splitFirst(_ path: Substring) -> (String, Substring) {
        let utf8 = path.utf8
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: "/") }) else { return ("", "/") }
        guard let slash = utf8[start...].firstIndex(of: UInt8(ascii: "/")) else { return (String(path[start...]), "/") }
        return (String(path[start..<slash]), path[slash...])
    }
}
