/// The model pages: read-only views of the store's current model (GET and HEAD).
extension ConsoleRoute {
    static let modelRoutes: [ConsoleRoute] = [
        ConsoleRoute("") { context in .page(HomePage.render(context)) }
    ]
}
