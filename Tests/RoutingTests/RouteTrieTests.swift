import Routing
import XCTest

final class RouteTrieTests: XCTestCase {
    private func trie(_ templates: [String]) -> RouteTrie<String> {
        var trie = RouteTrie<String>()
        for template in templates {
            XCTAssertTrue(trie.insert(RouteTrie<String>.segments(of: template), value: template))
        }
        return trie
    }

    func testLiteralBeatsLabelBeatsGreedy() {
        let routes = trie(["/pets/mine", "/pets/{id}", "/{proxy+}", "/"])
        XCTAssertEqual(routes.match(path: "/pets/mine")?.value, "/pets/mine")
        XCTAssertEqual(routes.match(path: "/pets/42")?.value, "/pets/{id}")
        XCTAssertEqual(routes.match(path: "/pets/42")?.parameter("id"), "42")
        XCTAssertEqual(routes.match(path: "/other/a/b")?.value, "/{proxy+}")
        XCTAssertEqual(routes.match(path: "/other/a/b")?.parameter("proxy"), "other/a/b")
        XCTAssertEqual(routes.match(path: "/")?.value, "/")
    }

    func testBacktracksWhenTheSpecificBranchDeadEnds() {
        let routes = trie(["/a/b", "/{x}/c"])
        XCTAssertEqual(routes.match(path: "/a/c")?.value, "/{x}/c")
        XCTAssertEqual(routes.match(path: "/a/c")?.parameter("x"), "a")
        XCTAssertNil(routes.match(path: "/a/d"))
    }

    func testRefusedValueFallsThroughToAGreedySibling() {
        let routes = trie(["/pets", "/pets/{id}", "/{proxy+}", "/pets/{rest+}"])
        let noPets: (String) -> Bool = { !$0.hasPrefix("/pets") }
        XCTAssertEqual(routes.match(path: "/pets", accepting: noPets)?.value, "/{proxy+}")
        XCTAssertEqual(routes.match(path: "/pets", accepting: noPets)?.parameter("proxy"), "pets")
        // Deeper: `/pets/{id}` and `/pets/{rest+}` refused, the root's greedy takes the whole path.
        let match = routes.match(path: "/pets/7", accepting: noPets)
        XCTAssertEqual(match?.value, "/{proxy+}")
        XCTAssertEqual(match?.parameter("proxy"), "pets/7")
        XCTAssertNil(match?.parameter("id"), "a refused branch leaves no captured parameters")
        // The nearer greedy wins when it is accepted.
        XCTAssertEqual(routes.match(path: "/pets/7", accepting: { $0 != "/pets/{id}" })?.value, "/pets/{rest+}")
        XCTAssertNil(routes.match(path: "/pets", accepting: { _ in false }))
        XCTAssertEqual(routes.match(path: "/pets")?.value, "/pets")
    }

    func testGreedyNeedsAtLeastOneSegment() {
        let routes = trie(["/files/{path+}"])
        XCTAssertNil(routes.match(path: "/files"))
        XCTAssertEqual(routes.match(path: "/files/x/y.txt")?.parameter("path"), "x/y.txt")
    }

    func testDuplicateTemplateIsRejected() {
        var routes = trie(["/a/{b}"])
        XCTAssertFalse(routes.insert(RouteTrie<String>.segments(of: "/a/{b}"), value: "again"))
        XCTAssertEqual(routes.match(path: "/a/1")?.value, "/a/{b}")
    }

    func testEmptySegmentsAndTrailingSlashAreIgnored() {
        let routes = trie(["/a/b"])
        XCTAssertEqual(routes.match(path: "/a//b/")?.value, "/a/b")
    }
}
