import XCTest
final class JSONPathTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
