import ControlPlane
import Foundation
import Hummingbird
import NIOPosix
import Store

/// Start-up work for the second core (issue 10, "a lean start").
///
/// Most of a cold start is the Swift runtime's first look at types: the first use of a generic
/// type, or the first dynamic cast to a protocol, makes it scan every protocol conformance in
/// the binary (about 13,400 records; `docs/architecture.md`, "Where the time goes"). Its answers
/// are cached for the whole process. So while `portico serve` parses its command line on one
/// core (ArgumentParser's reflection, about a fifth of start-up's instructions), this builds
/// throwaway, in-memory copies of what the server builds next on the other: SQLite through GRDB,
/// the model store and the management API answering one `GET /restapis`, the event loops, and the
/// date formatter of Hummingbird's `Date` header. The server's own start then finds those answers
/// made (README, "Benchmarks", has the figures). Nothing here is shared with the server: its
/// state is dropped when the work ends, and a failure only means less was warmed.
///
/// An HTTP exchange on an in-memory channel was tried as well and left out: NIO's testing
/// channel has types of its own to look up, and the 5 ms it took overlapped the server's
/// binding on the same two cores, slower overall than the first connection it sped up.
public enum StartupWarmup {
    /// Starts the work in the background and returns at once.
    public static func begin() {
        Task.detached(priority: .high) { await run() }
    }

    /// In the order the server needs them after its command line: the store and the management
    /// API, then the event loops and the `Date` header.
    static func run() async {
        if let model = try? ModelStore(path: nil) {
            let answer = await ManagementAPI(model: model).handle(ManagementRequest(method: "GET", path: "/restapis"))
            _ = PorticoResponder.render(answer)
        }
        _ = MultiThreadedEventLoopGroup.singleton
        // Hummingbird formats a cookie's expiry and its `Date` header with one formatter.
        _ = Cookie(name: "warmup", value: "", expires: .now)
    }
}
