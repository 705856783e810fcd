/// Routes of the live pages (invocations, traces): owned by the live half of the console.
extension ConsoleRoute {
    static let liveRoutes: [ConsoleRoute] = []
}
