/// Routes of the live pages: invocations and their pipeline pictures, try it, test this
/// template, and the live script. The event stream (`…/events`) is served by the responder
/// (it streams), through `Console.feed`.
extension ConsoleRoute {
    static let liveRoutes: [ConsoleRoute] =
        [
            ConsoleRoute("invocations") { context throws(ConsoleFailure) in .page(try InvocationsPage.render(context)) },
            ConsoleRoute("invocations/{requestId}") { context throws(ConsoleFailure) in .page(try InvocationPage.render(context)) },
            ConsoleRoute("apis/{api}/resources/{resource}/methods/{verb}/try", methods: ["GET", "HEAD", "POST"]) {
                context throws(ConsoleFailure) in
                context.request.method == "POST" ? try await TryItPage.submit(context) : .page(try TryItPage.render(context))
            },
            ConsoleRoute("apis/{api}/resources/{resource}/methods/{verb}/responses/{status}/template", methods: ["GET", "HEAD", "POST"]) {
                context throws(ConsoleFailure) in
                context.request.method == "POST" ? try TemplateTestPage.submit(context) : .page(try TemplateTestPage.render(context))
            },
            ConsoleRoute("assets/live.js") { context in
                .raw(ConsoleAssets.response(ConsoleAssets.liveJS, type: "text/javascript; charset=utf-8", request: context.request))
            },
        ] + liveAssetRoutes
}
