extension ConsoleTemplates {
    static let apiPages: [(name: String, text: String)] = []
}
