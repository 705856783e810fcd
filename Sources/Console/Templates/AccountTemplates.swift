extension ConsoleTemplates {
    static let accountPages: [(name: String, text: String)] = [
        ("apiKeys", apiKeys), ("usagePlans", usagePlans), ("domainNames", domainNames), ("functions", functions),
        ("function", function),
    ]

    static let apiKeys = #"""
        {{<layout}}{{$content}}
        <table><thead><tr><th>Name</th><th>ID</th><th>Enabled</th><th>Value</th><th>Customer ID</th><th>Usage plans</th><th>Stage keys</th><th>Created</th></tr></thead><tbody>
        {{#keys}}<tr id="key-{{keyId}}"><td>{{keyName}}</td><td><code>{{keyId}}</code></td><td>{{enabled}}</td><td><details><summary>Show</summary><code>{{value}}</code></details></td><td>{{customerId}}</td><td>{{#plans}}<a href="{{planHref}}">{{planName}}</a><br>{{/plans}}</td><td>{{stageKeys}}</td><td>{{keyCreated}}</td></tr>{{/keys}}
        {{^keys}}<tr><td colspan="8" class="muted">No API keys</td></tr>{{/keys}}
        </tbody></table>
        {{/content}}{{/layout}}
        """#

    /// Usage plans with each key's requests in the current quota period (flushed from the data
    /// plane's meter before the page reads them).
    static let usagePlans = #"""
        {{<layout}}{{$content}}
        {{^plans}}<p class="empty">No usage plans.</p>{{/plans}}
        {{#plans}}
        <section class="section usage-plan" id="plan-{{planId}}"><h2>{{planName}} <span class="muted">{{planId}}</span></h2>
        <table class="kv">
        <tr><th>Description</th><td>{{planDescription}}</td></tr>
        <tr><th>Throttling</th><td>{{throttle}}</td></tr>
        <tr><th>Quota</th><td>{{quota}}</td></tr>
        <tr><th>API stages</th><td>{{#apiStages}}<a href="{{stageHref}}">{{stageLabel}}</a>{{#stageThrottle}} <span class="muted">{{.}}</span>{{/stageThrottle}}<br>{{/apiStages}}</td></tr>
        </table>
        <h3>Keys and usage</h3>
        <table class="usage"><thead><tr><th>Key</th><th>ID</th><th>Today ({{today}})</th><th>This quota period (from {{periodStart}})</th><th>Remaining</th></tr></thead><tbody>
        {{#planKeys}}<tr data-key-id="{{usageKeyId}}"><td>{{usageKeyName}}</td><td><code>{{usageKeyId}}</code></td><td class="used-today">{{usedToday}}</td><td class="used-period">{{usedPeriod}}</td><td class="remaining">{{remaining}}</td></tr>{{/planKeys}}
        {{^planKeys}}<tr><td colspan="5" class="muted">No keys</td></tr>{{/planKeys}}
        </tbody></table>
        </section>
        {{/plans}}
        {{/content}}{{/layout}}
        """#

    static let domainNames = #"""
        {{<layout}}{{$content}}
        {{^domains}}<p class="empty">No custom domain names.</p>{{/domains}}
        {{#domains}}
        <section class="section domain" id="domain-{{domainName}}"><h2>{{domainName}}</h2>
        <table class="kv">
        <tr><th>Endpoint type</th><td>{{domainEndpointType}}</td></tr>
        <tr><th>Status</th><td>{{domainStatus}}</td></tr>
        <tr><th>Certificate</th><td>{{certificate}}</td></tr>
        <tr><th>Target domain name</th><td><code>{{targetDomain}}</code></td></tr>
        <tr><th>Security policy</th><td>{{securityPolicy}}</td></tr>
        <tr><th>Mutual TLS truststore</th><td>{{truststore}}</td></tr>
        </table>
        <h3>API mappings</h3>
        <table><thead><tr><th>Base path</th><th>API</th><th>Stage</th></tr></thead><tbody>
        {{#mappings}}<tr><td><code>{{basePath}}</code></td><td><a href="{{mappingApiHref}}">{{mappingApi}}</a></td><td>{{mappingStage}}</td></tr>{{/mappings}}
        {{^mappings}}<tr><td colspan="3" class="muted">No base path mappings</td></tr>{{/mappings}}
        </tbody></table>
        </section>
        {{/domains}}
        {{/content}}{{/layout}}
        """#

    static let functions = #"""
        {{<layout}}{{$content}}
        <table><thead><tr><th>Name</th><th>Runtime</th><th>Handler</th><th>Memory (MB)</th><th>Timeout (s)</th><th>Last modified</th></tr></thead><tbody>
        {{#functionList}}<tr><td><a href="{{functionHref}}">{{functionName}}</a></td><td>{{runtime}}</td><td><code>{{handler}}</code></td><td>{{memory}}</td><td>{{functionTimeout}}</td><td>{{lastModified}}</td></tr>{{/functionList}}
        {{^functionList}}<tr><td colspan="6" class="muted">No Lambda functions</td></tr>{{/functionList}}
        </tbody></table>
        {{/content}}{{/layout}}
        """#

    static let function = #"""
        {{<layout}}{{$content}}
        <table class="kv">
        <tr><th>Runtime</th><td>{{runtime}}</td></tr>
        <tr><th>Handler</th><td><code>{{handler}}</code></td></tr>
        <tr><th>Description</th><td>{{functionDescription}}</td></tr>
        <tr><th>Role</th><td><code>{{role}}</code></td></tr>
        <tr><th>Memory (MB) / timeout (s)</th><td>{{memory}} / {{functionTimeout}}</td></tr>
        <tr><th>Architectures</th><td>{{architectures}}</td></tr>
        <tr><th>Code</th><td><code>{{codeDirectory}}</code>{{#hotReload}} <span class="ok">hot reload</span>{{/hotReload}} <span class="muted">{{codeSize}} bytes, SHA-256 {{codeSha256}}</span></td></tr>
        <tr><th>Last modified</th><td>{{lastModified}}</td></tr>
        <tr><th>Reserved concurrency</th><td>{{reservedConcurrency}}</td></tr>
        <tr><th>Published versions</th><td>{{versions}}</td></tr>
        <tr><th>Aliases</th><td>{{#aliases}}<code>{{name}}</code> → {{value}}<br>{{/aliases}}</td></tr>
        </table>
        <h2>Environment variables</h2>
        {{#environment}}{{>pairs}}{{/environment}}
        <h2>Recent log lines</h2>
        {{#hasLogDirectory}}
        <pre class="function-log">{{#logLines}}{{.}}
        {{/logLines}}</pre>
        {{^logLines}}<p class="muted">No lines yet.</p>{{/logLines}}
        {{/hasLogDirectory}}
        {{^hasLogDirectory}}<p class="muted">Portico keeps no function logs in memory: each output line goes to the server's log, and to
        <code>{dir}/{{functionName}}.log</code> when the server runs with <code>--lambda-log-dir</code>.</p>{{/hasLogDirectory}}
        {{/content}}{{/layout}}
        """#
}
