/// The console's Mustache templates, by name: Swift string literals, so they live in the binary.
/// A page template extends `layout` (`{{<layout}}{{$content}}…{{/content}}{{/layout}}`).
enum ConsoleTemplates {
    static let all: [(name: String, text: String)] = [("layout", layout), ("error", error)] + model + live
}

extension ConsoleTemplates {
    /// The frame of every page: stylesheet and script from /assets (the CSP forbids inline
    /// ones), the console's sections, breadcrumbs, then the page's `content` block.
    static let layout = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Portico console</title>
        <link rel="stylesheet" href="/_portico/console/assets/console.css">
        <script src="/_portico/console/assets/console.js" defer></script>
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/_portico/console/">Portico console</a>
        <nav class="sections">
        <a href="/_portico/console/">REST APIs</a>
        <a href="/_portico/console/api-keys">API keys</a>
        <a href="/_portico/console/usage-plans">Usage plans</a>
        <a href="/_portico/console/domain-names">Custom domain names</a>
        <a href="/_portico/console/functions">Lambda functions</a>
        <a href="/_portico/console/invocations">Invocations</a>
        {{$sections}}{{/sections}}
        </nav>
        </header>
        <nav class="crumbs" aria-label="Breadcrumbs">{{#crumbs}}<a href="{{href}}">{{text}}</a> › {{/crumbs}}<span>{{title}}</span></nav>
        <main>
        <h1>{{title}}</h1>
        {{$content}}{{/content}}
        </main>
        </body>
        </html>
        """#

    static let error = #"""
        {{<layout}}{{$content}}
        <p class="error-page" data-status="{{status}}">{{message}}</p>
        <p><a href="/_portico/console/">Back to the REST APIs</a></p>
        {{/content}}{{/layout}}
        """#
}
