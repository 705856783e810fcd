import Foundation
import Mustache

/// Renders console pages with swift-mustache. The templates are Swift string literals (in the
/// binary, nothing read from disk) compiled once, at the first console request: a `static let`
/// is initialised lazily and exactly once.
///
/// Every template uses `{{ }}`, which HTML-escapes (`< > & " '`); triple braces and `{{& }}`
/// never appear (a unit test checks), so a value from the model or a request is always shown
/// as text. Highlighted templates are arrays of `{class, text}` spans rendered the same way.
enum ConsoleRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are literals checked by ConsoleTests: this is a programming error.
                preconditionFailure("console template \(name) does not compile: \(error)")
            }
        }
        return library
    }()

    /// The page in the layout (the page templates extend `layout`).
    static func render(_ page: ConsolePage) -> String {
        var view = page.view
        view["title"] = page.title
        view["crumbs"] = page.crumbs.map { ["text": $0.text, "href": $0.href] }
        return library.render(view, withTemplate: page.template) ?? ""
    }

    static func errorPage(status: Int, title: String, message: String) -> String {
        render(
            ConsolePage(
                template: "error", title: "\(status) \(title)", crumbs: [("Console", Href.home)],
                view: ["status": status, "message": message]))
    }
}
