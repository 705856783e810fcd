import XCTest
final class ControlPlaneTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
