import XCTest
final class VTLTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
