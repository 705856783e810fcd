import APIGatewayModel
import PorticoCore

/// The one PatchOperation engine behind every Update* operation.
///
/// Each resource type declares a `PatchTable`: the JSON-pointer paths it accepts (with `~1`
/// and `~0` unescaped per segment), the ops allowed on each, and how each applies. The engine
/// applies the operations in order to a copy; the first failure throws and the caller keeps
/// the original, so an invalid patch changes nothing.
/// https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
struct PatchTable<Target>: Sendable {
    /// AWS words path errors in two ways depending on the resource type.
    enum Style: Sendable {
        /// `Invalid patch path /x` (RestApi, Method, MethodResponse, Integration…).
        case bare
        /// `Invalid patch path  '/x' specified for op 'replace'. Must be one of: [/a, /b]` or
        /// `… Please choose supported operations` (Resource, Model, RequestValidator…).
        case quoted
        /// A resource-specific message for an unknown path, given the path and the op (Stage).
        case custom(@Sendable (_ path: String, _ op: String) -> ManagementError)
    }

    let style: Style
    let rules: [PatchRule<Target>]

    init(_ style: Style, _ rules: [PatchRule<Target>]) {
        self.style = style
        self.rules = rules
    }

    /// Applies every operation to `target`; throws at the first invalid one.
    func apply(_ operations: [PatchOperation], to target: inout Target) throws(ManagementError) {
        for operation in operations {
            try apply(operation, to: &target)
        }
    }

    private func apply(_ operation: PatchOperation, to target: inout Target) throws(ManagementError) {
        let op = operation.op?.rawValue ?? "null"
        guard let path = operation.path else {
            throw unknownPath("null", op: op)
        }
        guard let pointer = PatchPointer(path), let (rule, keys) = match(pointer.segments, op: op) else {
            throw unknownPath(path, op: op)
        }
        guard rule.ops.contains(op) else {
            if let message = rule.opError { throw .badRequest(message) }
            switch style {
            case .bare:
                throw .badRequest("Invalid patch operation specified. Must be one of: [\(rule.ops.joined(separator: ", "))]")
            case .quoted, .custom:
                throw unknownPath(path, op: op)
            }
        }
        try rule.apply(
            &target,
            PatchRequest(
                op: op, path: path, value: operation.value, from: operation.from,
                key: keys.last, keys: keys))
    }

    /// The first rule whose path matches and that allows `op`, else the first whose path
    /// matches (so the error names what that path allows).
    private func match(_ segments: [String], op: String) -> (PatchRule<Target>, [String])? {
        var pathOnly: (PatchRule<Target>, [String])?
        for rule in rules {
            guard let keys = rule.match(segments) else { continue }
            if rule.ops.contains(op) { return (rule, keys) }
            if pathOnly == nil { pathOnly = (rule, keys) }
        }
        return pathOnly
    }

    private func unknownPath(_ path: String, op: String) -> ManagementError {
        switch style {
        case .custom(let message):
            return message(path, op)
        case .bare:
            return .badRequest("Invalid patch path \(path)")
        case .quoted:
            let allowed = rules.filter { $0.ops.contains(op) }.map(\.display)
            if allowed.isEmpty {
                return .badRequest("Invalid patch path  '\(path)' specified for op '\(op)'. Please choose supported operations")
            }
            return .badRequest("Invalid patch path  '\(path)' specified for op '\(op)'. Must be one of: [\(allowed.joined(separator: ", "))]")
        }
    }
}

/// One accepted path of a patch table.
struct PatchRule<Target>: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        /// Any one non-empty segment; captured as the operation's key.
        case key
        /// `{path+}`: one or more segments, captured joined by `/` (a resource path written
        /// with raw slashes, as Terraform sends method settings and usage-plan throttles).
        case rest
    }

    let segments: [Segment]
    let ops: [String]
    /// A message AWS gives instead of the style's default when the op is not allowed here.
    let opError: String?
    let apply: @Sendable (inout Target, PatchRequest) throws(ManagementError) -> Void

    /// `path` such as `/responseTemplates/{key}` or `/apiStages/{key}/throttle/{path+}/rateLimit`.
    init(
        _ path: String, _ ops: [String], opError: String? = nil,
        _ apply: @escaping @Sendable (inout Target, PatchRequest) throws(ManagementError) -> Void
    ) {
        self.segments = path.dropFirst().split(separator: "/").map {
            switch $0 {
            case "{key}": .key
            case "{path+}": .rest
            default: .literal(String($0))
            }
        }
        self.ops = ops
        self.opError = opError
        self.apply = apply
    }

    var display: String {
        "/"
            + segments.map {
                switch $0 {
                case .literal(let text): text
                case .key: "{key}"
                case .rest: "{path+}"
                }
            }.joined(separator: "/")
    }

    /// The captured `{key}` (and `{path+}`) segments if `parts` matches, nil otherwise.
    func match(_ parts: [String]) -> [String]? {
        guard let restIndex = segments.firstIndex(of: .rest) else {
            guard parts.count == segments.count else { return nil }
            return capture(segments[...], parts[...])
        }
        let suffixCount = segments.count - restIndex - 1
        guard parts.count >= segments.count, let head = capture(segments[..<restIndex], parts[..<restIndex]),
            let tail = capture(segments[(restIndex + 1)...], parts[(parts.count - suffixCount)...])
        else { return nil }
        // Only the first captured segment may be empty: a resource path written with its
        // leading slash after a `/` (Terraform's `…/throttle//pets/GET/rateLimit`).
        let rest = parts[restIndex..<(parts.count - suffixCount)]
        guard !rest.dropFirst().contains(where: \.isEmpty), rest.contains(where: { !$0.isEmpty }) else { return nil }
        return head + [rest.joined(separator: "/")] + tail
    }

    private func capture(_ rule: ArraySlice<Segment>, _ parts: ArraySlice<String>) -> [String]? {
        var keys: [String] = []
        for (segment, part) in zip(rule, parts) {
            switch segment {
            case .literal(let text):
                guard text == part else { return nil }
            case .key, .rest:
                guard !part.isEmpty else { return nil }
                keys.append(part)
            }
        }
        return keys
    }
}

/// One operation as a rule sees it.
struct PatchRequest: Sendable {
    let op: String
    let path: String
    let value: String?
    let from: String?
    /// The last captured `{key}` segment, unescaped.
    let key: String?
    /// Every captured `{key}` segment, in path order.
    var keys: [String] = []

    var keyValue: String { key ?? "" }
}
