/// The console's stylesheet and script, served from `/_portico/console/assets/` (the CSP
/// forbids inline ones). Both are string literals: in the binary, nothing fetched.
extension ConsoleRoute {
    static let assetRoutes: [ConsoleRoute] = [
        ConsoleRoute("assets/console.css") { context in
            .raw(ConsoleAssets.response(ConsoleAssets.css, type: "text/css; charset=utf-8", request: context.request))
        },
        ConsoleRoute("assets/console.js") { context in
            .raw(ConsoleAssets.response(ConsoleAssets.js, type: "text/javascript; charset=utf-8", request: context.request))
        },
    ]
}

enum ConsoleAssets {
    static func response(_ text: String, type: String, request: ConsoleRequest) -> ConsoleResponse {
        var headers = ConsoleResponse.securityHeaders
        headers.append(("Content-Type", type))
        headers.append(("Cache-Control", "no-cache"))
        return ConsoleResponse(status: 200, headers: headers, body: request.method == "HEAD" ? [] : Array(text.utf8))
    }
}
