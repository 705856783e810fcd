/// Templates of the live pages: invocations, the pipeline picture, try it, test this template.
/// Their stylesheet and script come from /assets (`live.css`, `live.js`): the CSP forbids
/// inline ones.
extension ConsoleTemplates {
    static let live: [(name: String, text: String)] = [
        ("invocations", invocations), ("invocation", invocation), ("tryIt", tryIt), ("templateTest", templateTest),
    ]

    static let invocations = #"""
        {{<layout}}{{$content}}
        <link rel="stylesheet" href="/_portico/console/assets/live.css">
        <script src="/_portico/console/assets/live.js" defer></script>
        <form class="filters" id="invocation-filter" method="get" action="/_portico/console/invocations">
        <label>API <input name="api" id="filter-api" value="{{filterApi}}"></label>
        <label>Stage <input name="stage" id="filter-stage" value="{{filterStage}}"></label>
        <label>Status <input name="status" id="filter-status" value="{{filterStatus}}" placeholder="200 or 4xx"></label>
        <button type="submit">Filter</button>
        {{#filtered}}<a href="/_portico/console/invocations">Clear</a>{{/filtered}}
        </form>
        <p class="muted">The {{capacity}} most recent invocations are kept. <span id="live-state" class="live" hidden>Live</span></p>
        <table class="invocations" id="invocations" data-after="{{after}}" data-events="{{events}}">
        <thead><tr><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th>Latency</th><th>API</th><th>Stage</th><th>Request id</th></tr></thead>
        <tbody id="invocation-rows">
        {{^hasRows}}<tr class="empty-row"><td colspan="8" class="empty">No invocations yet.</td></tr>{{/hasRows}}
        {{#rows}}
        <tr class="invocation" data-seq="{{seq}}" data-request-id="{{requestId}}" data-api="{{apiId}}" data-stage="{{stage}}" data-status="{{status}}">
        <td>{{time}}</td>
        <td><span class="verb {{method}}">{{method}}</span></td>
        <td><a class="picture" href="{{href}}"><code>{{path}}</code></a></td>
        <td class="status {{statusClass}}">{{status}} <span class="muted">{{errorType}}</span></td>
        <td>{{latency}}</td>
        <td><a href="{{apiHref}}">{{apiId}}</a></td>
        <td>{{stage}}</td>
        <td><code>{{requestId}}</code></td>
        </tr>
        {{/rows}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """#

    static let invocation = #"""
        {{<layout}}{{$content}}
        <link rel="stylesheet" href="/_portico/console/assets/live.css">
        <table class="kv" id="invocation-summary">
        <tr><th>Request id</th><td><code>{{requestId}}</code> · <a href="{{traceJSON}}">trace as JSON</a></td></tr>
        <tr><th>API</th><td><a href="{{apiHref}}">{{apiId}}</a></td></tr>
        <tr><th>Stage</th><td>{{stage}}</td></tr>
        <tr><th>Request</th><td><span class="verb {{method}}">{{method}}</span> <code>{{path}}</code></td></tr>
        <tr><th>Status</th><td class="status {{statusClass}}" id="final-status">{{status}}</td></tr>
        {{#failed}}<tr><th>Gateway response type</th><td id="final-response-type">{{errorType}}</td></tr>{{/failed}}
        <tr><th>Latency</th><td>{{latency}}</td></tr>
        <tr><th>Time</th><td>{{time}}</td></tr>
        </table>
        <ol class="pipeline">
        {{#stages}}
        <li class="pipe-stage {{state}}" id="stage-{{key}}" data-stage="{{key}}">
        <h2>{{name}}</h2>
        {{^reached}}<p class="muted">Nothing recorded: the call did not get this far, or the method uses no such step.</p>{{/reached}}
        {{#failedHere}}<p class="diag failure" data-response-type="{{responseType}}">Failed here, answered with the gateway response <strong>{{responseType}}</strong>: {{errorMessage}}</p>{{/failedHere}}
        {{#selected}}
        <p>Selection value: <code class="selection-value">{{selectionValue}}</code></p>
        {{#hasAttempts}}
        <table class="attempts">
        <thead><tr><th>selectionPattern</th><th>Matched against</th><th>Result</th></tr></thead>
        <tbody>
        {{#attempts}}<tr class="attempt{{#matched}} matched{{/matched}}"><td><code>{{pattern}}</code></td><td><code>{{value}}</code></td><td class="result">{{result}}</td></tr>{{/attempts}}
        </tbody>
        </table>
        {{/hasAttempts}}
        {{^hasAttempts}}<p class="muted">No selection pattern was tried.</p>{{/hasAttempts}}
        <p>Chosen integration response: <strong class="chosen">{{chosen}}</strong></p>
        {{/selected}}
        {{#entries}}
        <h3>{{label}}</h3>
        {{#hasText}}<pre>{{text}}</pre>{{/hasText}}
        {{#isPairs}}{{#table}}{{>pairs}}{{/table}}{{/isPairs}}
        {{/entries}}
        </li>
        {{/stages}}
        </ol>
        {{/content}}{{/layout}}
        """#

    static let tryIt = #"""
        {{<layout}}{{$content}}
        <link rel="stylesheet" href="/_portico/console/assets/live.css">
        {{^hasStages}}<p class="diag">The API has no stage yet: deploy it to try its methods.</p>{{/hasStages}}
        <form class="form" id="try-it" method="post" action="{{action}}">
        <label>Stage <select name="stage" id="try-stage">{{#stages}}<option value="{{name}}">{{name}}</option>{{/stages}}</select></label>
        {{#isAny}}<label>HTTP method <input name="method" id="try-method" value="GET"></label>{{/isAny}}
        <p>Resource path <code>{{resourcePath}}</code></p>
        {{#parameters}}<label>Path parameter <code>{{name}}</code>{{#greedy}} (greedy: may hold slashes){{/greedy}} <input name="{{field}}" id="try-{{field}}" required></label>{{/parameters}}
        {{#hasDeclared}}<p class="muted" id="try-declared">The method declares: {{#declared}}<span class="declared">{{location}} <code>{{name}}</code>{{#required}} (required){{/required}}</span> {{/declared}}</p>{{/hasDeclared}}
        <label>Query string <input name="query" id="try-query" placeholder="name=value&amp;other=value"></label>
        <label>Headers, one <code>Name: value</code> a line <textarea name="headers" id="try-headers" rows="4"></textarea></label>
        <label>Body <textarea name="body" id="try-body" rows="8"></textarea></label>
        <button type="submit" id="try-send">Send and open the trace</button>
        </form>
        {{/content}}{{/layout}}
        """#

    static let templateTest = #"""
        {{<layout}}{{$content}}
        <link rel="stylesheet" href="/_portico/console/assets/live.css">
        <p>Integration response <strong>{{statusCode}}</strong>, selectionPattern <code>{{selectionPattern}}</code>. The template
        renders with the data plane's engine: <code>$input</code> reads the body below, <code>$context</code> holds sample values.</p>
        <form class="form" id="template-test" method="post" action="{{action}}">
        <label>Content type <input name="contentType" id="template-type" value="{{contentType}}" list="template-types"></label>
        <datalist id="template-types">{{#types}}<option value="{{type}}">{{/types}}</datalist>
        <label>Template <textarea name="template" id="template-text" rows="12" spellcheck="false">{{template}}</textarea></label>
        <label>Body <textarea name="body" id="template-body" rows="8" spellcheck="false">{{body}}</textarea></label>
        <button type="submit" id="template-render">Render</button>
        </form>
        {{#rendered}}<h2>Output</h2><pre id="template-output">{{output}}</pre>{{/rendered}}
        {{#failed}}<h2>Diagnostic</h2><p class="diag" id="template-diagnostic" data-location="{{location}}">{{diagnostic}}</p>
        {{#submitted}}{{>template}}{{/submitted}}{{/failed}}
        {{/content}}{{/layout}}
        """#
}
