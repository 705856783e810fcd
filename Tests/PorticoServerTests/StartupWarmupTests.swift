import Foundation
import XCTest

@testable import PorticoServer

/// The start-up warm-up runs to its end on throwaway state and leaves nothing behind.
final class StartupWarmupTests: XCTestCase {
    func testRunsToItsEndAndWritesNoFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warmup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        await StartupWarmup.run()

        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }
}
