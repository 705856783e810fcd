extension ConsoleTemplates {
    static let apiPages: [(name: String, text: String)] = [
        ("apiTabs", apiTabs), ("template", template), ("pairs", pairs), ("api", api), ("stages", stages), ("authorizers", authorizers),
        ("models", models), ("validators", validators), ("gatewayResponses", gatewayResponses),
    ]

    /// The tabs of an API's pages (AWS's console side menu, as tabs).
    static let apiTabs = #"""
        <nav class="tabs" aria-label="API">{{#tabs}}<a href="{{href}}"{{#current}} class="current" aria-current="page"{{/current}}>{{text}}</a>{{/tabs}}</nav>
        """#

    /// A two-column table of `{name, value}` rows under its own headings (`Format.table`).
    static let pairs = #"""
        <table class="pairs"><thead><tr><th>{{nameHead}}</th><th>{{valueHead}}</th></tr></thead><tbody>
        {{#rows}}<tr><td><code>{{name}}</code></td><td><code>{{value}}</code></td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="2" class="muted">None</td></tr>{{/rows}}
        </tbody></table>
        """#

    /// One mapping template: the engine's error (line:col), then the numbered, highlighted lines.
    static let template = #"""
        <div class="template" data-content-type="{{contentType}}">
        <h4><code>{{contentType}}</code></h4>
        {{#hasDiag}}<p class="diag template-error">Template error at {{diag}}</p>{{/hasDiag}}
        {{#isEmpty}}<p class="muted">(empty template)</p>{{/isEmpty}}
        {{^isEmpty}}<pre class="vtl">{{#lines}}<span class="ln{{#err}} err{{/err}}">{{n}}</span>{{#spans}}<span class="{{c}}">{{t}}</span>{{/spans}}
        {{/lines}}</pre>{{/isEmpty}}
        </div>
        """#

    /// An API: its settings and its resource tree with each resource's methods.
    static let api = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        <table class="kv">
        <tr><th>API ID</th><td><code>{{apiId}}</code></td></tr>
        <tr><th>Description</th><td>{{description}}</td></tr>
        <tr><th>Endpoint type</th><td>{{endpointType}}</td></tr>
        <tr><th>Created</th><td>{{created}}</td></tr>
        <tr><th>API key source</th><td>{{apiKeySource}}</td></tr>
        <tr><th>Binary media types</th><td>{{binaryMediaTypes}}</td></tr>
        <tr><th>Minimum compression size</th><td>{{minimumCompressionSize}}</td></tr>
        <tr><th>Default execute-api endpoint</th><td>{{executeApiEndpoint}}</td></tr>
        </table>
        <h2>Resources ({{resourceCount}})</h2>
        <input id="filter" type="search" placeholder="Filter by path" aria-label="Filter resources by path" hidden>
        <ul class="tree" id="tree">
        {{#resources}}
        <li data-path="{{path}}" class="d{{depth}}" id="resource-{{id}}"><span class="path">{{path}}</span> <span class="muted">{{id}}</span>
        {{#methods}}<a class="verb {{verb}}" href="{{href}}" title="{{integrationType}}">{{verb}}</a>{{/methods}}</li>
        {{/resources}}
        </ul>
        {{/content}}{{/layout}}
        """#

    /// Deployments, then each stage: URLs, variables, canary, cache, access log, method settings.
    static let stages = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        <h2>Stages</h2>
        {{^stageList}}<p class="empty">No stages: create a deployment with a stage name.</p>{{/stageList}}
        {{#stageList}}
        <section class="section stage" id="stage-{{stageName}}"><h2>{{stageName}}</h2>
        <table class="kv">
        <tr><th>Deployment</th><td><code>{{deploymentId}}</code></td></tr>
        <tr><th>Description</th><td>{{stageDescription}}</td></tr>
        <tr><th>Created / updated</th><td>{{stageCreated}} / {{stageUpdated}}</td></tr>
        <tr><th>Invoke URLs</th><td><ul class="urls">{{#urls}}<li><span class="form">{{form}}</span> <code class="url">{{url}}</code></li>{{/urls}}</ul></td></tr>
        <tr><th>Cache cluster</th><td>{{cache}}</td></tr>
        <tr><th>Access log</th><td>{{accessLogDestination}}{{#hasAccessLog}}<pre>{{accessLogFormat}}</pre>{{/hasAccessLog}}</td></tr>
        <tr><th>X-Ray tracing</th><td>{{tracing}}</td></tr>
        <tr><th>Client certificate</th><td>{{clientCertificateId}}</td></tr>
        <tr><th>Documentation version</th><td>{{documentationVersion}}</td></tr>
        </table>
        <h3>Stage variables</h3>
        {{#variables}}{{>pairs}}{{/variables}}
        <h3>Canary</h3>
        {{#hasCanary}}
        <table class="kv">
        <tr><th>Traffic to the canary</th><td>{{canaryPercent}} %</td></tr>
        <tr><th>Canary deployment</th><td><code>{{canaryDeployment}}</code></td></tr>
        <tr><th>Uses the stage cache</th><td>{{canaryUseStageCache}}</td></tr>
        <tr><th>Variable overrides</th><td>{{#canaryOverrides}}<code>{{name}}</code> = <code>{{value}}</code><br>{{/canaryOverrides}}</td></tr>
        </table>
        {{/hasCanary}}
        {{^hasCanary}}<p class="muted">No canary</p>{{/hasCanary}}
        <h3>Method settings</h3>
        <table><thead><tr><th>Method</th><th>Metrics</th><th>Logging</th><th>Data trace</th><th>Throttling (burst / rate)</th><th>Caching</th><th>Cache TTL</th><th>Cache encrypted</th><th>Cache-Control needs authorization</th><th>Unauthorized Cache-Control</th></tr></thead><tbody>
        {{#methodSettings}}<tr><td><code>{{key}}</code></td><td>{{metrics}}</td><td>{{logging}}</td><td>{{dataTrace}}</td><td>{{burst}} / {{rate}}</td><td>{{caching}}</td><td>{{ttl}}</td><td>{{encrypted}}</td><td>{{requireAuthorization}}</td><td>{{unauthorizedStrategy}}</td></tr>{{/methodSettings}}
        {{^methodSettings}}<tr><td colspan="10" class="muted">None</td></tr>{{/methodSettings}}
        </tbody></table>
        </section>
        {{/stageList}}
        <h2>Deployments</h2>
        <table><thead><tr><th>ID</th><th>Description</th><th>Created</th><th>Stages</th></tr></thead><tbody>
        {{#deployments}}<tr id="deployment-{{deploymentRowId}}"><td><code>{{deploymentRowId}}</code></td><td>{{deploymentDescription}}</td><td>{{deploymentCreated}}</td><td>{{deployedTo}}</td></tr>{{/deployments}}
        {{^deployments}}<tr><td colspan="4" class="muted">No deployments</td></tr>{{/deployments}}
        </tbody></table>
        {{/content}}{{/layout}}
        """#

    static let authorizers = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        {{^authorizerList}}<p class="empty">No authorizers.</p>{{/authorizerList}}
        {{#authorizerList}}
        <section class="section authorizer" id="authorizer-{{authorizerId}}"><h2>{{authorizerName}}</h2>
        <table class="kv">
        <tr><th>ID</th><td><code>{{authorizerId}}</code></td></tr>
        <tr><th>Type</th><td>{{authorizerType}}</td></tr>
        <tr><th>Authorizer URI</th><td><code>{{authorizerUri}}</code></td></tr>
        <tr><th>Credentials</th><td><code>{{authorizerCredentials}}</code></td></tr>
        <tr><th>Identity source</th><td><code>{{identitySource}}</code></td></tr>
        <tr><th>Identity validation expression</th><td><code>{{identityValidationExpression}}</code>{{#hasValidationDiag}} <span class="diag">Pattern error at {{validationDiag}}</span>{{/hasValidationDiag}}</td></tr>
        <tr><th>Result TTL (seconds)</th><td>{{ttl}}</td></tr>
        <tr><th>User pool ARNs</th><td>{{#providerARNs}}<code>{{.}}</code><br>{{/providerARNs}}</td></tr>
        <tr><th>Auth type</th><td>{{authType}}</td></tr>
        </table>
        </section>
        {{/authorizerList}}
        {{/content}}{{/layout}}
        """#

    static let models = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        {{^modelList}}<p class="empty">No models.</p>{{/modelList}}
        {{#modelList}}
        <section class="section model" id="model-{{modelName}}"><h2>{{modelName}}</h2>
        <table class="kv">
        <tr><th>ID</th><td><code>{{modelId}}</code></td></tr>
        <tr><th>Content type</th><td><code>{{modelContentType}}</code></td></tr>
        <tr><th>Description</th><td>{{modelDescription}}</td></tr>
        </table>
        <pre class="schema">{{schema}}</pre>
        </section>
        {{/modelList}}
        {{/content}}{{/layout}}
        """#

    static let validators = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        <table><thead><tr><th>ID</th><th>Name</th><th>Validates the body</th><th>Validates parameters</th></tr></thead><tbody>
        {{#validatorList}}<tr id="validator-{{validatorId}}"><td><code>{{validatorId}}</code></td><td>{{validatorName}}</td><td>{{validatesBody}}</td><td>{{validatesParameters}}</td></tr>{{/validatorList}}
        {{^validatorList}}<tr><td colspan="4" class="muted">No request validators</td></tr>{{/validatorList}}
        </tbody></table>
        {{/content}}{{/layout}}
        """#

    /// Every gateway response type, customised or at its default, as GetGatewayResponses lists them.
    static let gatewayResponses = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        {{#responseList}}
        <section class="section gateway-response" id="gateway-response-{{responseType}}"><h2>{{responseType}} {{#isDefault}}<span class="muted">default</span>{{/isDefault}}{{^isDefault}}<span class="ok">customised</span>{{/isDefault}}</h2>
        <table class="kv"><tr><th>Status code</th><td>{{responseStatus}}</td></tr></table>
        <h3>Response headers</h3>
        {{#responseHeaders}}{{>pairs}}{{/responseHeaders}}
        <h3>Response templates</h3>
        {{#templates}}{{>template}}{{/templates}}
        {{^templates}}<p class="muted">None</p>{{/templates}}
        </section>
        {{/responseList}}
        {{/content}}{{/layout}}
        """#
}
