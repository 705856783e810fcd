import APIGatewayModel
import Foundation
import Store

/// What the response cache does for one request: where its entry lives and for how long.
struct CachePlan: Sendable {
    /// `{apiId}/{stage}`.
    let stage: String
    /// The method, the resource path and the values of the integration's `cacheKeyParameters`.
    let key: String
    let ttlSeconds: Int
    /// Bytes the stage's cache holds at most (`cacheClusterSize`).
    let capacity: Int
    /// An authorised `Cache-Control: max-age=0`: skip the entry, fetch afresh, replace it.
    let refresh: Bool
    /// An unauthorised `Cache-Control: max-age=0` under SUCCEED_WITH_RESPONSE_HEADER: the
    /// header is ignored and the answer says so.
    let warns: Bool
}

/// Stage 3½, between the method request and the integration request: the stage's response
/// cache. A stage with `cacheClusterEnabled` caches a method whose `methodSettings` entry
/// (its own, else `*/*`, which AWS applies to GET methods only) has `caching/enabled`, for
/// `caching/ttlInSeconds` (default 300; 0 caches nothing), keyed by the method, the resource
/// path and the values of the integration's `cacheKeyParameters` (so `/pets/1` and `/pets/2`
/// share an entry unless `method.request.path.id` is one of them, as on AWS).
///
/// `Cache-Control: max-age=0` asks for a fresh answer. Under
/// `requireAuthorizationForCacheControl` (the default) only an authorised caller may: an
/// AWS_IAM caller whose signature verified and whose identity policy (if its profile has one)
/// allows `execute-api:InvalidateCache` on the method's ARN. Anyone else gets `unauthorizedCacheControlHeaderStrategy`:
/// FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER (the cached answer plus a `Warning` header) or
/// SUCCEED_WITHOUT_RESPONSE_HEADER. A stage without a cache cluster costs one optional check
/// (stage resolution notes a stage that has one).
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
enum CacheStage {
    /// The header an ignored `Cache-Control` adds (SUCCEED_WITH_RESPONSE_HEADER).
    static let warning = ("Warning", #"199 "Cache-control headers were ignored because the caller was unauthorized.""#)

    static func plan(_ request: MethodRequest, stage: Stage?, region: String) throws(GatewayError) -> CachePlan? {
        guard let stage, stage.cacheClusterEnabled == true, let settings = stage.methodSettings, !settings.isEmpty else {
            return nil
        }
        let routed = request.routed
        let verb = routed.request.method
        let declared = routed.method.method.httpMethod ?? verb
        let path = String(routed.resource.path.dropFirst())
        let setting: MethodSetting
        if let own = settings[path + "/" + declared] ?? settings[path + "/" + verb] {
            setting = own
        } else if verb == "GET", let all = settings["*/*"] {
            setting = all
        } else {
            return nil
        }
        guard setting.cachingEnabled == true else { return nil }
        let ttl = min(setting.cacheTtlInSeconds ?? 300, 3600)
        guard ttl > 0 else { return nil }

        var refresh = false
        var warns = false
        if let control = routed.request.header("Cache-Control"), asksForFreshAnswer(control) {
            let authorized =
                setting.requireAuthorizationForCacheControl == false
                || routed.context.caller?.may(PolicyGate.invalidateCache, routed, region: region) == true
            if authorized {
                refresh = true
            } else {
                switch setting.unauthorizedCacheControlHeaderStrategy ?? .succeedWithResponseHeader {
                case .failWith403: throw GatewayError.cacheControlRefused
                case .succeedWithResponseHeader: warns = true
                case .succeedWithoutResponseHeader: break
                }
            }
        }
        return CachePlan(
            stage: ResponseCache.stageKey(apiId: routed.context.apiId, stage: routed.context.stage),
            key: key(request), ttlSeconds: ttl, capacity: ResponseCache.capacity(clusterSize: stage.cacheClusterSize?.rawValue),
            refresh: refresh, warns: warns)
    }

    /// `max-age=0` among the directives (case-insensitive, spaces allowed).
    static func asksForFreshAnswer(_ header: String) -> Bool {
        header.split(separator: ",").contains { directive in
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && parts[0].lowercased() == "max-age" && Int(parts[1]) == 0
        }
    }

    /// `GET /pets/{id}` plus `\0name=value` for each cache key parameter, in the order given.
    static func key(_ request: MethodRequest) -> String {
        let routed = request.routed
        var key = routed.request.method + " " + routed.resource.path
        for parameter in routed.method.integration?.integration.cacheKeyParameters ?? [] {
            key += "\u{0}" + parameter + "=" + (value(of: parameter, in: request) ?? "")
        }
        return key
    }

    /// A `method.request.{path,querystring,header,multivaluequerystring,multivalueheader}.name` value.
    static func value(of parameter: String, in request: MethodRequest) -> String? {
        let prefix = "method.request."
        guard parameter.hasPrefix(prefix) else { return nil }
        let rest = parameter.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        let location = rest[..<dot]
        let name = String(rest[rest.index(after: dot)...])
        switch location {
        case "path": return request.path.last { $0.0 == name }?.1
        case "querystring": return request.querystring.last { $0.0 == name }?.1
        case "header": return request.routed.request.header(name)
        case "multivaluequerystring":
            return request.routed.request.query.filter { $0.name == name }.map(\.value).joined(separator: ",")
        case "multivalueheader":
            return request.routed.request.headers.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
                .joined(separator: ",")
        default: return nil
        }
    }
}
