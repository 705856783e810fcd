import Foundation
import Synchronization

/// Code used in place (`S3Bucket` `hot-reload`): a change to any file under the directory
/// starts fresh environments. The directory is fingerprinted (file count and latest
/// modification time) at most twice a second per function, only for hot-reload functions.
final class HotReloadWatch: Sendable {
    private let checked = Mutex<[String: (at: ContinuousClock.Instant, fingerprint: String)]>([:])
    /// A directory bigger than this is fingerprinted by its first entries only.
    static let maxEntries = 20_000

    /// The directory's current fingerprint (possibly up to half a second old).
    func fingerprint(_ directory: String) -> String {
        let now = ContinuousClock.now
        if let known = checked.withLock({ $0[directory] }), now - known.at < .milliseconds(500) { return known.fingerprint }
        let fresh = Self.scan(directory)
        checked.withLock { $0[directory] = (now, fresh) }
        return fresh
    }

    static func scan(_ directory: String) -> String {
        let files = FileManager.default
        guard let walker = files.enumerator(atPath: directory) else { return "missing" }
        var count = 0
        var latest = 0.0
        while let relative = walker.nextObject() as? String, count < maxEntries {
            // Interpreters write their own caches into the directory; those are not changes.
            if relative.hasSuffix("__pycache__") || relative.hasSuffix("node_modules") {
                walker.skipDescendants()
                continue
            }
            count += 1
            if let modified = try? files.attributesOfItem(atPath: directory + "/" + relative)[.modificationDate] as? Date {
                latest = max(latest, modified.timeIntervalSince1970)
            }
        }
        return "\(count)/\(latest)"
    }
}
