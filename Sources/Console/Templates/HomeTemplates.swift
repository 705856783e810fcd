extension ConsoleTemplates {
    /// The model pages' templates (the live half adds its own in `live`).
    static let model: [(name: String, text: String)] = [("home", home)] + apiPages + methodPages + accountPages

    /// The REST APIs, each with its stages and their invoke URLs in the three forms Portico serves.
    static let home = #"""
        {{<layout}}{{$content}}
        {{^apis}}<p class="empty">No REST APIs yet: create one with the AWS CLI or an SDK pointed at this server.</p>{{/apis}}
        {{#hasApis}}
        <table class="apis">
        <thead><tr><th>Name</th><th>ID</th><th>Endpoint type</th><th>Description</th><th>Created</th><th>Stages and invoke URLs</th></tr></thead>
        <tbody>
        {{/hasApis}}
        {{#apis}}
        <tr class="api" data-api-id="{{id}}">
        <td><a href="{{href}}">{{name}}</a></td>
        <td><code>{{id}}</code></td>
        <td>{{endpointType}}</td>
        <td>{{description}}</td>
        <td>{{created}}</td>
        <td>
        {{^stages}}<span class="muted">not deployed</span>{{/stages}}
        {{#stages}}
        <div class="stage"><strong>{{name}}</strong>
        <ul class="urls">{{#urls}}<li><span class="form">{{form}}</span> <code class="url">{{url}}</code></li>{{/urls}}</ul>
        </div>
        {{/stages}}
        </td>
        </tr>
        {{/apis}}
        {{#hasApis}}
        </tbody>
        </table>
        {{/hasApis}}
        {{/content}}{{/layout}}
        """#
}
