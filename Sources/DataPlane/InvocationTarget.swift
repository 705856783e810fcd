/// Where an invocation is aimed: which API, which stage, which path below the stage.
///
/// Portico accepts LocalStack's three equivalent URL forms on its one port:
/// - `/_aws/execute-api/{apiId}/{stage}/{path}`
/// - `/restapis/{apiId}/{stage}/_user_request_/{path}`
/// - host `{apiId}.execute-api.localhost.localstack.cloud[:port]` with path `/{stage}/{path}`
///
/// and AWS's own names for a private API reached through an interface VPC endpoint:
/// - host `{apiId}[-{vpceId}].execute-api.{region}.amazonaws.com[:port]` (or the LocalStack
///   suffix above) with path `/{stage}/{path}`
/// - any other host with the header `x-apigw-api-id: {apiId}` and path `/{stage}/{path}`
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html
public struct InvocationTarget: Sendable, Equatable {
    public let apiId: String
    public let stage: String
    /// The raw (percent-encoded) path below the stage, starting with `/`.
    public let path: Substring
    /// Which endpoint the request came through.
    public let endpoint: Endpoint
    /// How the request named a VPC endpoint, if it did (nil: a plain URL form).
    public let vpcEndpoint: VPCEndpointRoute?

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

    /// AWS's ways of calling a private API through an interface VPC endpoint, which decide the
    /// call's `aws:SourceVpce` (`PrivateNetwork`).
    public enum VPCEndpointRoute: Sendable, Equatable {
        /// The host name `{apiId}-{vpceId}.execute-api…` named the endpoint (lower-cased).
        case host(vpceId: String)
        /// The `x-apigw-api-id` header named the API (an endpoint's public DNS name as host).
        case apiIdHeader
    }

    public init(
        apiId: String, stage: String, path: Substring, endpoint: Endpoint = .executeAPI, vpcEndpoint: VPCEndpointRoute? = nil
    ) {
        self.apiId = apiId
        self.stage = stage
        self.path = path
        self.endpoint = endpoint
        self.vpcEndpoint = vpcEndpoint
    }

    /// The host suffix that selects an API by host name.
    public static let hostSuffix = ".execute-api.localhost.localstack.cloud"
    /// AWS's: `{label}.execute-api.{region}.amazonaws.com`.
    static let awsHostSuffix = ".amazonaws.com"
    static let executeAPILabel = ".execute-api"
    /// The header that names the API when the host is a VPC endpoint's public DNS name.
    public static let apiIdHeader = "x-apigw-api-id"

    /// Recognises an invocation from the Host header, the raw path and the `x-apigw-api-id`
    /// header; nil for anything else (management API, ops endpoints). A host that names an
    /// API wins over the header, and the header over the path forms.
    public static func parse(host: String?, path: String, apiIdHeader: String? = nil) -> InvocationTarget? {
        if let host {
            let name = host.utf8.firstIndex(of: UInt8(ascii: ":")).map { host[..<$0] } ?? Substring(host)
            if let label = apiLabel(ofHost: name) {
                let (apiId, vpceId) = splitVPCEndpoint(label)
                guard !apiId.isEmpty, !apiId.contains(".") else { return nil }
                let (stage, rest) = splitFirst(Substring(path))
                return InvocationTarget(apiId: apiId, stage: stage, path: rest, vpcEndpoint: vpceId.map { .host(vpceId: $0) })
            }
        }
        if let apiIdHeader, !apiIdHeader.isEmpty {
            let (stage, rest) = splitFirst(Substring(path))
            return InvocationTarget(apiId: apiIdHeader, stage: stage, path: rest, vpcEndpoint: .apiIdHeader)
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

    /// The first label of a host name that selects an API: `{label}` of
    /// `{label}.execute-api.localhost.localstack.cloud` or of
    /// `{label}.execute-api.{region}.amazonaws.com` (any one-label region); nil for others.
    static func apiLabel(ofHost name: Substring) -> Substring? {
        if hasSuffixIgnoringASCIICase(name, hostSuffix) { return name.dropLast(hostSuffix.utf8.count) }
        guard hasSuffixIgnoringASCIICase(name, awsHostSuffix) else { return nil }
        let head = name.dropLast(awsHostSuffix.utf8.count)
        guard let dot = head.utf8.lastIndex(of: UInt8(ascii: ".")), head.utf8.index(after: dot) != head.utf8.endIndex else {
            return nil
        }
        let beforeRegion = head[..<dot]
        guard hasSuffixIgnoringASCIICase(beforeRegion, executeAPILabel) else { return nil }
        return beforeRegion.dropLast(executeAPILabel.utf8.count)
    }

    /// `{apiId}-vpce-{endpointId}` → (`{apiId}`, `vpce-{endpointId}`, lower-cased): AWS's host
    /// name for a private API reached through a VPC endpoint. A label without one → (label, nil).
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html
    static func splitVPCEndpoint(_ label: Substring) -> (apiId: String, vpceId: String?) {
        let marker = Array("-vpce-".utf8)
        let bytes = Array(label.utf8)
        guard bytes.count > marker.count + 1 else { return (String(label), nil) }
        for start in stride(from: bytes.count - marker.count - 1, through: 1, by: -1)
        where bytes[start..<start + marker.count].elementsEqual(marker, by: { lowered($0) == $1 }) {
            let vpceId = String(decoding: bytes[(start + 1)...], as: UTF8.self).lowercased()
            return (String(decoding: bytes[..<start], as: UTF8.self), vpceId)
        }
        return (String(label), nil)
    }

    /// Host names compare without case; checked byte-wise (this runs on every request).
    static func hasSuffixIgnoringASCIICase(_ text: Substring, _ suffix: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count > suffix.utf8.count else { return false }
        return zip(bytes.suffix(suffix.utf8.count), suffix.utf8).allSatisfy { lowered($0) == $1 }
    }

    /// An ASCII letter in lower case; other bytes as they are.
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// `/a/b/c` → (`a`, `/b/c`); `/a` → (`a`, `/`). Scans bytes: this runs on every request.
    static func splitFirst(_ path: Substring) -> (String, Substring) {
        let utf8 = path.utf8
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: "/") }) else { return ("", "/") }
        guard let slash = utf8[start...].firstIndex(of: UInt8(ascii: "/")) else { return (String(path[start...]), "/") }
        return (String(path[start..<slash]), path[slash...])
    }
}
