import Foundation
import PorticoCore

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
    /// Runs authorizers for TestInvokeAuthorizer and flushes their caches (the data plane).
    public var authorizerRunner: (any AuthorizerRunner)?
    /// FlushStageCache reaches the data plane's response cache through it.
    public var stageCacheFlusher: (any StageCacheFlusher)?

    public init(
        clock: any WallClock = SystemClock(), ids: any IdentifierGenerator = RandomIdentifiers(),
        region: String = "us-east-1", accountId: String = "000000000000"
    ) {
        self.clock = clock
        self.ids = ids
        self.region = region
        self.accountId = accountId
    }

    /// Now, truncated to whole seconds as AWS reports timestamps.
    func timestamp() -> Date { clock.timestamp() }

    /// Now, with its fraction of a second: the creation date of things AWS lists in creation
    /// order (REST APIs, API keys). The wire shows it in whole seconds; the fraction only
    /// orders what was made within one second.
    func creationTimestamp() -> Date { clock.now() }
}
