import XCTest
final class APIGatewayModelTestsPlaceholder: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
