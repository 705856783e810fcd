import Foundation

/// The console's two POST endpoints (try it, test this template) accept a form only from a
/// page of this console: same origin, a bounded body, form encoding (docs/threat_model.md).
extension Console {
    /// The largest form body accepted; the responder refuses longer ones with 413.
    public static let maxFormBytes = 1 << 20

    /// The 413 page for a form body over `maxFormBytes`.
    public func formTooLarge(_ request: ConsoleRequest) -> ConsoleResponse {
        ConsoleResponse.page(
            ConsoleRenderer.errorPage(
                status: 413, title: "Payload too large", message: "A console form may send at most \(Self.maxFormBytes) bytes."),
            status: 413, request: request, started: .now)
    }
}

enum FormPost {
    /// Why a POST is refused, or nil: 403 when the browser says it comes from another site
    /// (`Origin` present and not this server's origin, or `Sec-Fetch-Site: cross-site`), 415
    /// when the body is not a form.
    ///
    /// `Origin: null` is what a browser sends for a form on a page with `Referrer-Policy:
    /// no-referrer` (the console's pages): accepted only with `Sec-Fetch-Site: same-origin`,
    /// which the browser sets and a page cannot.
    static func refusal(_ request: ConsoleRequest) -> ConsoleFailure? {
        let site = request.header("Sec-Fetch-Site")?.trimmed.lowercased()
        if let origin = request.header("Origin"), !(origin.trimmed == "null" && site == "same-origin") {
            let host = request.host.lowercased()
            let own = ["http://" + host, "https://" + host]
            if !own.contains(origin.trimmed.lowercased()) {
                return ConsoleFailure(
                    status: 403, title: "Forbidden", message: "The console accepts forms only from its own pages (Origin \(origin)).")
            }
        }
        if site == "cross-site" {
            return ConsoleFailure(status: 403, title: "Forbidden", message: "The console accepts forms only from its own pages.")
        }
        if let type = request.header("Content-Type"),
            type.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
                != "application/x-www-form-urlencoded"
        {
            return ConsoleFailure(
                status: 415, title: "Unsupported media type", message: "Send the form as application/x-www-form-urlencoded.")
        }
        return nil
    }

    /// The form's fields after the checks.
    static func fields(_ context: PageContext) throws(ConsoleFailure) -> [String: String] {
        if let refusal = refusal(context.request) { throw refusal }
        return FormFields.parse(context.request.body)
    }
}
