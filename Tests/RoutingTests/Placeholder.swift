import XCTest
final class RoutingTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
