import XCTest
final class PorticoServerTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
