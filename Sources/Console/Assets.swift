/// The console's stylesheet and script, served from `/_portico/console/assets/` (the CSP
/// forbids inline ones). Both are string literals: in the binary, nothing fetched.
extension ConsoleRoute {
    static let assetRoutes: [ConsoleRoute] = [
        ConsoleRoute("assets/console.css") { _ in .raw(ConsoleAssets.response(ConsoleAssets.css, type: "text/css; charset=utf-8")) },
        ConsoleRoute("assets/console.js") { _ in .raw(ConsoleAssets.response(ConsoleAssets.js, type: "text/javascript; charset=utf-8")) },
    ]
}

enum ConsoleAssets {
    static func response(_ text: String, type: String) -> ConsoleResponse {
        var headers = ConsoleResponse.securityHeaders
        headers.append(("Content-Type", type))
        headers.append(("Cache-Control", "no-cache"))
        return ConsoleResponse(status: 200, headers: headers, body: Array(text.utf8))
    }
}
