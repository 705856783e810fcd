import Foundation
import XCTest

@testable import PorticoServer

/// When the idle monitor releases the executable's pages, and that releasing them is safe.
final class IdlePageReleaseTests: XCTestCase {
    func testReleasesAfterTwoQuietSecondsFollowingABusyOne() {
        var detector = IdlePageRelease.Detector()
        detector.idleSamples = 2
        // The first sample only sets the baseline; start-up counts as busy.
        XCTAssertFalse(detector.sample(1_000_000))
        XCTAssertFalse(detector.sample(1_000_100))  // one quiet second (0.1 ms of CPU)
        XCTAssertTrue(detector.sample(1_000_200))  // two: release
        XCTAssertFalse(detector.sample(1_000_300))  // still quiet, nothing new to release
        XCTAssertFalse(detector.sample(1_000_400))
        XCTAssertFalse(detector.sample(1_100_400))  // 100 ms of work: busy
        XCTAssertFalse(detector.sample(1_100_500))
        XCTAssertTrue(detector.sample(1_100_600))  // quiet again after work: release
    }

    func testQuietBackgroundWorkNeverReleasesAgain() {
        var detector = IdlePageRelease.Detector()
        detector.idleSamples = 2
        _ = detector.sample(0)
        _ = detector.sample(0)
        XCTAssertTrue(detector.sample(0))
        // Timers and the faults that map pages back: under 5 ms a second, for a minute.
        var cpu = 0
        for _ in 0..<60 {
            cpu += 4_000
            XCTAssertFalse(detector.sample(cpu))
        }
        // Work interrupted by a quiet second still re-arms.
        XCTAssertFalse(detector.sample(cpu + 10_000))
        XCTAssertFalse(detector.sample(cpu + 10_100))
        XCTAssertFalse(detector.sample(cpu + 30_100))
        XCTAssertFalse(detector.sample(cpu + 30_200))
        XCTAssertTrue(detector.sample(cpu + 30_300))
    }

    func testReleasesNoWritablePageAndTheProcessKeepsWorking() throws {
        let ranges = IdlePageRelease.readOnlyRanges()
        // The test bundle's executable and its shared libraries (libc at least).
        XCTAssertGreaterThan(ranges.count, 2)
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
        XCTAssertGreaterThan(IdlePageRelease.releaseCodePages(), 0)
        // Code and constant data fault back in, writable data is intact.
        counter += 1
        XCTAssertEqual(counter, 42)
        XCTAssertEqual(["b": 2, "a": 1].sorted { $0.key < $1.key }.map(\.value), [1, 2])
    }
}

nonisolated(unsafe) private var counter = 0
