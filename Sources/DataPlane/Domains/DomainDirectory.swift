import APIGatewayModel
import Store
import Synchronization

/// Custom domain names and their base path mappings, indexed for routing: a request whose
/// `Host` (port dropped, case folded, a trailing dot ignored) is a known domain name is routed
/// by the mapping whose base path is the longest match of the path's leading segments, else by
/// the domain's `(none)` mapping; the mapped stage, or the path's next segment when the mapping
/// names none. Rebuilt only when the model's `domainRevision` moves, like `KeyDirectory`; with
/// no domain names a request pays one locked read of an integer, a comparison and an emptiness
/// check.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html
final class DomainDirectory: Sendable {
    /// What a base path mapping points at.
    struct Mapping: Sendable, Equatable {
        let apiId: String
        /// nil: the stage is the path's next segment.
        let stage: String?
    }

    /// One domain name's mappings.
    struct Domain: Sendable {
        /// The domain name as indexed (lower case, no trailing dot).
        let name: String
        /// Mappings by base path (segments joined by `/`; `(none)` for the empty base path).
        let mappings: [String: Mapping]
        /// The most segments any of its base paths has.
        let deepest: Int
    }

    struct Index: Sendable {
        let revision: Int
        /// Domains by name; wildcard names (`*.example.com`) by the part after `*.`.
        let exact: [String: Domain]
        let wildcard: [String: Domain]

        var isEmpty: Bool { exact.isEmpty && wildcard.isEmpty }

        init(_ model: ModelState) {
            revision = model.account.domainRevision
            var mappingsByKey: [String: [String: Mapping]] = [:]
            for (key, mapping) in model.account.basePathMappings {
                guard let slash = key.firstIndex(of: "/") else { continue }
                let domainKey = String(key[..<slash])
                let basePath = String(key[key.index(after: slash)...])
                let stage = mapping.stage.flatMap { $0.isEmpty || $0 == "(none)" ? nil : $0 }
                mappingsByKey[domainKey, default: [:]][basePath] = Mapping(apiId: mapping.restApiId ?? "", stage: stage)
            }
            var exact: [String: Domain] = [:]
            var wildcard: [String: Domain] = [:]
            // Public names first in key order, so a public name wins over a private one of the same name.
            for (key, domain) in model.account.domainNames.sorted(by: {
                ($0.key.contains("+") ? 1 : 0, $0.key) < ($1.key.contains("+") ? 1 : 0, $1.key)
            }) {
                let name = DomainDirectory.normalized(Substring(domain.domainName ?? key))
                let mappings = mappingsByKey[key] ?? [:]
                let deepest = mappings.keys.map { $0 == "(none)" ? 0 : $0.split(separator: "/").count }.max() ?? 0
                let entry = Domain(name: name, mappings: mappings, deepest: deepest)
                if name.hasPrefix("*.") {
                    let suffix = String(name.dropFirst(2))
                    if wildcard[suffix] == nil { wildcard[suffix] = entry }
                } else if exact[name] == nil {
                    exact[name] = entry
                }
            }
            self.exact = exact
            self.wildcard = wildcard
        }

        /// The domain a `Host` header names, if any.
        func domain(host: String) -> Domain? {
            let name = DomainDirectory.normalized(DomainDirectory.hostName(host))
            if let hit = exact[name] { return hit }
            guard !wildcard.isEmpty, let dot = name.firstIndex(of: ".") else { return nil }
            return wildcard[String(name[name.index(after: dot)...])]
        }

        /// The invocation a request to a known domain name makes: routed by a mapping, or
        /// `unmappedDomain` when none matches. nil when the host is no known domain name.
        func route(host: String, path: String) -> InvocationTarget? {
            guard let domain = domain(host: host) else { return nil }
            // The leading segments, longest first (one per depth a base path of this domain has).
            var candidates: [(basePath: String, rest: Substring)] = []
            var rest = Substring(path)
            var joined = ""
            for _ in 0..<domain.deepest {
                let (segment, after) = InvocationTarget.splitFirst(rest)
                if segment.isEmpty { break }
                joined = joined.isEmpty ? segment : joined + "/" + segment
                candidates.append((joined, after))
                rest = after
            }
            for (basePath, after) in candidates.reversed() {
                if let mapping = domain.mappings[basePath] {
                    return Self.target(mapping, rest: after, domain: domain, path: path, basePath: basePath)
                }
            }
            if let mapping = domain.mappings["(none)"] {
                return Self.target(mapping, rest: path.isEmpty ? "/" : Substring(path), domain: domain, path: path, basePath: "")
            }
            return InvocationTarget(apiId: "", stage: "", path: "/", endpoint: .unmappedDomain(name: domain.name))
        }

        private static func target(_ mapping: Mapping, rest: Substring, domain: Domain, path: String, basePath: String) -> InvocationTarget {
            let endpoint = InvocationTarget.Endpoint.customDomain(name: domain.name, requestPath: path, basePath: basePath)
            if let stage = mapping.stage {
                return InvocationTarget(apiId: mapping.apiId, stage: stage, path: rest, endpoint: endpoint)
            }
            let (stage, below) = InvocationTarget.splitFirst(rest)
            return InvocationTarget(apiId: mapping.apiId, stage: stage, path: below, endpoint: endpoint)
        }
    }

    private let cached = Mutex<Index?>(nil)

    /// The index for the store's current model: the cached one while the model's
    /// `domainRevision` has not moved (read without copying the model), else rebuilt.
    func index(_ store: ModelStore) -> Index {
        let revision = store.read { $0.account.domainRevision }
        if let hit = cached.withLock({ $0 }), hit.revision == revision { return hit }
        let fresh = Index(store.current)
        cached.withLock { $0 = fresh }
        return fresh
    }

    /// `Host` without its port (`[::1]:80` → `[::1]`).
    static func hostName(_ host: String) -> Substring {
        let utf8 = host.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "]")) ?? utf8.startIndex
        guard let colon = utf8[start...].firstIndex(of: UInt8(ascii: ":")) else { return Substring(host) }
        return host[..<colon]
    }

    /// Lower case, without a trailing dot (`API.Example.COM.` → `api.example.com`).
    static func normalized(_ name: Substring) -> String {
        let trimmed = name.hasSuffix(".") ? name.dropLast() : name
        return trimmed.lowercased()
    }

    /// The first label of a host name, port dropped (`$context.domainPrefix`).
    static func firstLabel(_ host: String) -> String {
        let name = hostName(host)
        return String(name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? name)
    }
}
