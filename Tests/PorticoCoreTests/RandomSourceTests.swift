import PorticoCore
import XCTest

final class RandomSourceTests: XCTestCase {
    func testSystemDrawsAreUnitIntervalAndSpread() {
        let source = SystemRandomSource()
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<10_000 {
            let value = source.nextUnit()
            XCTAssertTrue(value >= 0 && value < 1, "\(value)")
            buckets[Int(value * 10)] += 1
        }
        // 1,000 expected per tenth (standard deviation 30): 800–1,200 is beyond six deviations.
        XCTAssertTrue(buckets.allSatisfy { (800...1200).contains($0) }, "\(buckets)")
    }

    func testScriptedDrawsRepeatInTurn() {
        let source = ScriptedRandomSource([0.25, 0.75])
        XCTAssertEqual((0..<5).map { _ in source.nextUnit() }, [0.25, 0.75, 0.25, 0.75, 0.25])
        XCTAssertEqual(source.draws, 5)
    }
}
