import Foundation

/// Wall-clock time, injected so tests are deterministic.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// What an identifier is for; AWS uses different lengths per kind.
public enum IdentifierKind: Sendable {
    /// RestApi ids: 10 lower-case alphanumerics.
    case restApi
    /// The root resource of a new API: 10 characters.
    case rootResource
    /// Other resources: 6 characters.
    case resource
    /// Deployments: 6 characters.
    case deployment
    /// Request ids (UUID form).
    case request
}

/// Generates identifiers, injected so tests are deterministic.
public protocol IdentifierGenerator: Sendable {
    func next(_ kind: IdentifierKind) -> String
}

/// Random identifiers in AWS's formats.
public struct RandomIdentifiers: IdentifierGenerator {
    public init() {}

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    public func next(_ kind: IdentifierKind) -> String {
        switch kind {
        case .restApi, .rootResource: Self.random(10)
        case .resource, .deployment: Self.random(6)
        case .request: UUID().uuidString.lowercased()
        }
    }

    static func random(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }
}

/// The injected collaborators of the control plane.
public struct ControlPlaneEnvironment: Sendable {
    public var clock: any WallClock
    public var ids: any IdentifierGenerator
    /// The region reported in ARNs and URLs.
    public var region: String
    /// The account id AWS prints in some messages (`Invalid API identifier specified 000000000000:id`).
    public var accountId: String
    /// Runs methods for TestInvokeMethod (the data plane, wired by the server).
    public var tester: (any MethodTester)?

    public init(clock: any WallClock = SystemClock(), ids: any IdentifierGenerator = RandomIdentifiers(),
                region: String = "us-east-1", accountId: String = "000000000000") {
        self.clock = clock
        self.ids = ids
        self.region = region
        self.accountId = accountId
    }

    /// Now, truncated to whole seconds as AWS reports timestamps.
    func timestamp() -> Date {
        Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down))
    }
}
