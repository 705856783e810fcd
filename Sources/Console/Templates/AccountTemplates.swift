extension ConsoleTemplates {
    static let accountPages: [(name: String, text: String)] = []
}
