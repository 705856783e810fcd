import Foundation
import XCTest

@testable import PorticoServer

/// When the idle monitor releases the executable's pages, and that releasing them is safe.
final class IdlePageReleaseTests: XCTestCase {
    func testReleasesOnlyAfterActivityThenTwoIdleSeconds() {
        var detector = IdlePageRelease.Detector()
        // First sample only sets the baseline; start-up counts as activity.
        XCTAssertFalse(detector.sample(1_000_000))
        XCTAssertFalse(detector.sample(1_000_100))  // one idle second (0.1 ms of CPU)
        XCTAssertTrue(detector.sample(1_000_200))  // two: release
        XCTAssertFalse(detector.sample(1_000_300))  // still idle, nothing new to release
        XCTAssertFalse(detector.sample(1_000_400))
        XCTAssertFalse(detector.sample(1_100_400))  // 100 ms of work: busy
        XCTAssertFalse(detector.sample(1_100_500))
        XCTAssertTrue(detector.sample(1_100_600))  // idle again after activity: release
    }

    func testLittleActivityDoesNotReleaseAgain() {
        var detector = IdlePageRelease.Detector()
        _ = detector.sample(0)
        _ = detector.sample(0)
        XCTAssertTrue(detector.sample(0))
        // Background work of 0.5 ms a second, 1.5 ms in all, is under the activity threshold.
        XCTAssertFalse(detector.sample(500))
        XCTAssertFalse(detector.sample(1_000))
        XCTAssertFalse(detector.sample(1_500))
    }

    func testReleasesNoWritablePageAndTheProcessKeepsWorking() throws {
        let ranges = IdlePageRelease.readOnlyRanges()
        XCTAssertFalse(ranges.isEmpty, "the executable has read-only segments")
        // Every released byte lies in a mapping that is not writable (MADV_DONTNEED would
        // discard a writable private page's contents).
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard bounds.count == 2, fields[1].hasPrefix("rw") else { continue }
            for range in ranges {
                XCTAssertFalse(range.start < bounds[1] && bounds[0] < range.end, "released range overlaps writable \(line)")
            }
        }
        counter += 41
        XCTAssertGreaterThan(IdlePageRelease.releaseExecutablePages(), 0)
        // Code and constant data fault back in, writable data is intact.
        counter += 1
        XCTAssertEqual(counter, 42)
        XCTAssertEqual(["b": 2, "a": 1].sorted { $0.key < $1.key }.map(\.value), [1, 2])
    }
}

nonisolated(unsafe) private var counter = 0
