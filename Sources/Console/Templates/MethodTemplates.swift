extension ConsoleTemplates {
    static let methodPages: [(name: String, text: String)] = []
}
