/// Templates of the live pages (invocations, traces): owned by the live half of the console.
extension ConsoleTemplates {
    static let live: [(name: String, text: String)] = []
}
