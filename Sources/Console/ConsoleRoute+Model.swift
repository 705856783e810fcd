/// The model pages: read-only views of the store's current model (GET and HEAD).
extension ConsoleRoute {
    static let modelRoutes: [ConsoleRoute] = [
        ConsoleRoute("") { context in .page(HomePage.render(context)) },
        ConsoleRoute("apis/{api}") { context throws(ConsoleFailure) in .page(try APIPages.resources(context)) },
        ConsoleRoute("apis/{api}/resources/{resource}/methods/{method}") { context throws(ConsoleFailure) in
            .page(try MethodPage.render(context))
        },
        ConsoleRoute("apis/{api}/stages") { context throws(ConsoleFailure) in .page(try StagesPage.render(context)) },
        ConsoleRoute("apis/{api}/authorizers") { context throws(ConsoleFailure) in .page(try APIPages.authorizers(context)) },
        ConsoleRoute("apis/{api}/models") { context throws(ConsoleFailure) in .page(try APIPages.models(context)) },
        ConsoleRoute("apis/{api}/validators") { context throws(ConsoleFailure) in .page(try APIPages.validators(context)) },
        ConsoleRoute("apis/{api}/gateway-responses") { context throws(ConsoleFailure) in .page(try APIPages.gatewayResponses(context)) },
        ConsoleRoute("api-keys") { context in .page(AccountPages.apiKeys(context)) },
        ConsoleRoute("usage-plans") { context in .page(await AccountPages.usagePlans(context)) },
        ConsoleRoute("domain-names") { context in .page(AccountPages.domainNames(context)) },
        ConsoleRoute("functions") { context in .page(FunctionPages.list(context)) },
        ConsoleRoute("functions/{function}") { context throws(ConsoleFailure) in .page(try FunctionPages.detail(context)) },
    ]
}
