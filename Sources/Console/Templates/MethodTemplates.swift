extension ConsoleTemplates {
    static let methodPages: [(name: String, text: String)] = [("method", method)]

    /// A method in AWS's console order: method request, integration request, integration
    /// responses, method responses.
    static let method = #"""
        {{<layout}}{{$content}}
        {{>apiTabs}}
        <p class="method-head"><span class="verb {{httpMethod}}">{{httpMethod}}</span> <code class="resource-path">{{resourcePath}}</code> <span class="muted">resource {{resourceId}}</span> <a class="try-it-link" href="{{tryItHref}}">Try it</a></p>
        <section class="section" id="method-request"><h2>Method request</h2>
        <table class="kv">
        <tr><th>Authorization</th><td>{{authorizationType}}</td></tr>
        <tr><th>Authorizer</th><td>{{#hasAuthorizer}}<a href="{{authorizerHref}}">{{authorizerName}}</a> <span class="muted">{{authorizerId}}</span>{{/hasAuthorizer}}{{^hasAuthorizer}}None{{/hasAuthorizer}}</td></tr>
        <tr><th>Authorization scopes</th><td>{{authorizationScopes}}</td></tr>
        <tr><th>Request validator</th><td>{{requestValidator}}</td></tr>
        <tr><th>API key required</th><td>{{apiKeyRequired}}</td></tr>
        <tr><th>Operation name</th><td>{{operationName}}</td></tr>
        </table>
        <h3>Request parameters</h3>
        <table><thead><tr><th>Location</th><th>Name</th><th>Required</th></tr></thead><tbody>
        {{#requestParameters}}<tr><td>{{location}}</td><td><code>{{name}}</code></td><td>{{required}}</td></tr>{{/requestParameters}}
        {{^requestParameters}}<tr><td colspan="3" class="muted">None</td></tr>{{/requestParameters}}
        </tbody></table>
        <h3>Request body models</h3>
        <table><thead><tr><th>Content type</th><th>Model</th></tr></thead><tbody>
        {{#requestModels}}<tr><td><code>{{contentType}}</code></td><td><a href="{{modelHref}}">{{model}}</a></td></tr>{{/requestModels}}
        {{^requestModels}}<tr><td colspan="2" class="muted">None</td></tr>{{/requestModels}}
        </tbody></table>
        </section>
        <section class="section" id="integration-request"><h2>Integration request</h2>
        {{^hasIntegration}}<p class="muted">No integration: invoking this method answers 500 until one is set.</p>{{/hasIntegration}}
        {{#hasIntegration}}
        <table class="kv">
        <tr><th>Integration type</th><td>{{integrationType}}</td></tr>
        <tr><th>HTTP method</th><td>{{integrationHttpMethod}}</td></tr>
        <tr><th>URI</th><td><code class="integration-uri">{{integrationUri}}</code></td></tr>
        <tr><th>Connection</th><td>{{connection}}</td></tr>
        <tr><th>Credentials</th><td><code>{{credentials}}</code></td></tr>
        <tr><th>Passthrough behavior</th><td>{{passthrough}}</td></tr>
        <tr><th>Content handling</th><td>{{integrationContentHandling}}</td></tr>
        <tr><th>Timeout (ms)</th><td>{{timeout}}</td></tr>
        <tr><th>Cache namespace / key parameters</th><td>{{cacheNamespace}} {{cacheKeyParameters}}</td></tr>
        </table>
        <h3>Parameter mappings</h3>
        {{#integrationParameters}}{{>pairs}}{{/integrationParameters}}
        <h3>Mapping templates <a class="request-template-test-link" href="{{requestTemplateTestHref}}">Test a request template</a></h3>
        {{#requestTemplates}}{{>template}}{{/requestTemplates}}
        {{^requestTemplates}}<p class="muted">None</p>{{/requestTemplates}}
        {{/hasIntegration}}
        </section>
        <section class="section" id="integration-responses"><h2>Integration responses</h2>
        {{^integrationResponses}}<p class="muted">None</p>{{/integrationResponses}}
        {{#integrationResponses}}
        <div class="integration-response" data-status="{{statusCode}}">
        <h3>{{statusCode}} {{#isDefault}}<span class="muted">default response</span>{{/isDefault}} <a class="template-test-link" href="{{templateTestHref}}">Test this template</a></h3>
        <table class="kv">
        <tr><th>Selection pattern</th><td><code class="selection-pattern">{{selectionPattern}}</code>{{#hasPatternDiag}} <span class="diag pattern-error">Pattern error at {{patternDiag}}</span>{{/hasPatternDiag}}</td></tr>
        <tr><th>Method response status</th><td>{{statusCode}}{{^hasMethodResponse}} <span class="diag">no such method response</span>{{/hasMethodResponse}}</td></tr>
        <tr><th>Content handling</th><td>{{responseContentHandling}}</td></tr>
        </table>
        <h4>Header mappings</h4>
        {{#responseParameters}}{{>pairs}}{{/responseParameters}}
        <h4>Mapping templates</h4>
        {{#responseTemplates}}{{>template}}{{/responseTemplates}}
        {{^responseTemplates}}<p class="muted">None</p>{{/responseTemplates}}
        </div>
        {{/integrationResponses}}
        </section>
        <section class="section" id="method-responses"><h2>Method responses</h2>
        {{^methodResponses}}<p class="muted">None</p>{{/methodResponses}}
        {{#methodResponses}}
        <div class="method-response" data-status="{{statusCode}}">
        <h3>{{statusCode}}</h3>
        {{#headers}}{{>pairs}}{{/headers}}
        <table><thead><tr><th>Content type</th><th>Model</th></tr></thead><tbody>
        {{#responseModels}}<tr><td><code>{{contentType}}</code></td><td><a href="{{modelHref}}">{{model}}</a></td></tr>{{/responseModels}}
        {{^responseModels}}<tr><td colspan="2" class="muted">No models</td></tr>{{/responseModels}}
        </tbody></table>
        </div>
        {{/methodResponses}}
        </section>
        {{/content}}{{/layout}}
        """#
}
