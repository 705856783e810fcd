"""The browser console's model pages, as a person sees them in headless Chromium: APIs made
through boto3 against the running binary, then opened at /_portico/console/.

Screenshots of the main pages go to $TEST_LOG_DIR/console-screenshots (.build/test-logs/…)."""
import urllib.error
import urllib.request

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from console_browser import browser, fetch, open_console, screenshot  # noqa: F401  (fixture)

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
GOOD_TEMPLATE = "#set($n = 2)\n{\"pets\": $n}"
BAD_TEMPLATE = "line one\n#if($x\n#end"


def text(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).text


def deployed_api(apigw, name="pets"):
    """An API with /pets (GET, MOCK; a default and a 4xx integration response) deployed to dev:
    (api id, /pets resource id)."""
    api = apigw.create_rest_api(name=name)
    api_id, root = api["id"], api["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    item = apigw.create_resource(restApiId=api_id, parentId=pets, pathPart="{petId}")["id"]
    for resource in (pets, item):
        apigw.put_method(restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", type="MOCK",
                              requestTemplates={"application/json": '{"statusCode": 200}'})
        apigw.put_method_response(restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode="200")
        apigw.put_integration_response(restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode="200",
                                       responseTemplates={"application/json": GOOD_TEMPLATE})
    apigw.put_method_response(restApiId=api_id, resourceId=pets, httpMethod="GET", statusCode="404")
    apigw.put_integration_response(restApiId=api_id, resourceId=pets, httpMethod="GET", statusCode="404",
                                   selectionPattern=r"4\d{2", responseTemplates={"application/json": BAD_TEMPLATE})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id, pets


def test_api_list_shows_each_stage_in_three_url_forms(portico, apigw, browser):
    api_id, _ = deployed_api(apigw)
    open_console(browser, portico)
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-api-id="{api_id}"]')
    assert "pets" in row.text and "EDGE" in row.text and "dev" in row.text
    urls = [e.text for e in row.find_elements(By.CSS_SELECTOR, "code.url")]
    port = portico.port
    assert urls == [f"http://127.0.0.1:{port}/_aws/execute-api/{api_id}/dev/",
                    f"http://127.0.0.1:{port}/restapis/{api_id}/dev/_user_request_/",
                    f"http://{api_id}.execute-api.localhost.localstack.cloud:{port}/dev/"]
    # The URL shown works.
    with urllib.request.urlopen(urls[0] + "pets", timeout=10) as response:
        assert response.status == 200 and response.read() == b'{"pets": 2}'
    screenshot(browser, "01-rest-apis")


def test_resource_tree_lists_methods_and_filters(portico, apigw, browser):
    api_id, pets = deployed_api(apigw)
    open_console(browser, portico, f"apis/{api_id}")
    rows = browser.find_elements(By.CSS_SELECTOR, "#tree li")
    assert [r.get_attribute("data-path") for r in rows] == ["/", "/pets", "/pets/{petId}"]
    assert [v.text for v in rows[1].find_elements(By.CSS_SELECTOR, "a.verb")] == ["GET"]
    screenshot(browser, "02-resource-tree")
    box = browser.find_element(By.ID, "filter")
    assert box.is_displayed()  # the script unhid it
    box.send_keys("petid")
    assert [r.get_attribute("data-path") for r in rows if r.is_displayed()] == ["/pets/{petId}"]
    box.clear()
    box.send_keys(" ")  # an empty filter shows everything again
    assert all(r.is_displayed() for r in rows)
    rows[1].find_element(By.CSS_SELECTOR, "a.verb").click()
    assert browser.current_url.endswith(f"/apis/{api_id}/resources/{pets}/methods/GET")


def test_method_page_shows_integration_responses_and_template_errors(portico, apigw, browser):
    api_id, pets = deployed_api(apigw)
    open_console(browser, portico, f"apis/{api_id}/resources/{pets}/methods/GET")
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.section > h2")]
    assert headings == ["Method request", "Integration request", "Integration responses", "Method responses"]
    assert "MOCK" in text(browser, "#integration-request")
    responses = browser.find_elements(By.CSS_SELECTOR, ".integration-response")
    assert [r.get_attribute("data-status") for r in responses] == ["200", "404"]
    ok, missing = responses
    assert ok.find_element(By.CSS_SELECTOR, "pre.vtl").text.splitlines() == ["1#set($n = 2)", '2{"pets": $n}']
    assert ok.find_element(By.CSS_SELECTOR, "pre.vtl span.d").text == "#set"
    assert missing.find_element(By.CSS_SELECTOR, "code.selection-pattern").text == r"4\d{2"
    assert missing.find_element(By.CSS_SELECTOR, ".pattern-error").text.startswith("Pattern error at 1:6: ")
    assert missing.find_element(By.CSS_SELECTOR, ".template-error").text.startswith("Template error at 3:1: ")
    assert missing.find_element(By.CSS_SELECTOR, ".ln.err").text == "3"
    screenshot(browser, "03-method")


def test_stages_and_gateway_responses(portico, apigw, browser):
    api_id, _ = deployed_api(apigw)
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/variables/backend", "value": "b.example"}])
    apigw.put_gateway_response(restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
                               responseTemplates={"application/json": '{"nothing":"$context.path"}'})
    open_console(browser, portico, f"apis/{api_id}/stages")
    stage = text(browser, "#stage-dev")
    assert "b.example" in stage and f"/_aws/execute-api/{api_id}/dev/" in stage
    screenshot(browser, "04-stages")
    open_console(browser, portico, f"apis/{api_id}/gateway-responses")
    section = text(browser, "#gateway-response-MISSING_AUTHENTICATION_TOKEN")
    assert "customised" in section and "404" in section and '{"nothing":"$context.path"}' in section
    assert "default" in text(browser, "#gateway-response-ACCESS_DENIED")
    screenshot(browser, "05-gateway-responses")


def test_usage_plan_shows_usage_after_calls(portico, apigw, browser):
    api_id, pets = deployed_api(apigw)
    apigw.update_method(restApiId=api_id, resourceId=pets, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/apiKeyRequired", "value": "true"}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    key = apigw.create_api_key(name="alice", enabled=True)
    plan = apigw.create_usage_plan(name="gold", apiStages=[{"apiId": api_id, "stage": "dev"}],
                                   quota={"limit": 100, "period": "DAY"})
    apigw.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    for _ in range(3):
        request = urllib.request.Request(f"{portico.endpoint}/_aws/execute-api/{api_id}/dev/pets",
                                         headers={"x-api-key": key["value"]})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    open_console(browser, portico, "usage-plans")
    row = browser.find_element(By.CSS_SELECTOR, f'#plan-{plan["id"]} tr[data-key-id="{key["id"]}"]')
    assert row.find_element(By.CSS_SELECTOR, ".used-today").text == "3"
    assert row.find_element(By.CSS_SELECTOR, ".remaining").text == "97"
    screenshot(browser, "06-usage-plans")
    open_console(browser, portico, "api-keys")
    assert "alice" in text(browser, f'#key-{key["id"]}') and "gold" in text(browser, f'#key-{key["id"]}')


def test_hostile_names_are_shown_as_text(portico, apigw, browser):
    # A resource path part cannot hold them (CreateResource allows a-zA-Z0-9._-{}+ only, as on
    # AWS); the API's name and description, a template and a stage variable can.
    api = apigw.create_rest_api(name=HOSTILE, description=HOSTILE)
    api_id, root = api["id"], api["rootResourceId"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": HOSTILE})
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"v": HOSTILE})
    for path, name in (("", "07-hostile-list"), (f"apis/{api_id}", "08-hostile-tree"),
                       (f"apis/{api_id}/resources/{root}/methods/GET", "09-hostile-method"),
                       (f"apis/{api_id}/stages", None)):
        open_console(browser, portico, path)
        try:
            alert = browser.switch_to.alert
            raise AssertionError(f"an alert ran on {path}: {alert.text}")
        except NoAlertPresentException:
            pass
        assert HOSTILE in browser.find_element(By.TAG_NAME, "main").text, path
        scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
        assert scripts == [f"{portico.endpoint}/_portico/console/assets/console.js"], path
        assert browser.find_elements(By.TAG_NAME, "img") == [], path
        assert browser.execute_script("return document.querySelectorAll('[onerror]').length") == 0
        if name:
            screenshot(browser, name)


def test_security_headers_and_error_pages(portico, apigw, browser):
    status, headers, _ = fetch(portico)
    assert status == 200
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-store"
    assert headers["Server-Timing"].startswith("render;dur=")
    status, headers, _ = fetch(portico, "assets/console.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css") and headers["Content-Security-Policy"] == CSP
    status, headers, body = fetch(portico, "", method="DELETE")
    assert status == 405 and headers["Allow"] == "GET, HEAD" and "405 Method not allowed" in body
    status, _, _ = fetch(portico, "apis/nope")
    assert status == 404
    open_console(browser, portico, "apis/nope")
    assert text(browser, "h1") == "404 Not found"
    assert "No REST API has the id nope." in text(browser, "main")
    screenshot(browser, "10-not-found")
    # The management API and the ops endpoints are untouched below /_portico/.
    with urllib.request.urlopen(portico.endpoint + "/_portico/health", timeout=5) as response:
        assert response.status == 200


def test_an_apis_own_host_keeps_its_paths(portico, apigw):
    """On `{id}.execute-api.localhost.localstack.cloud` every path is the API's (stage `_portico`
    here), never the console."""
    api = apigw.create_rest_api(name="host-form")
    apigw.put_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", authorizationType="NONE")
    request = urllib.request.Request(f"{portico.endpoint}/_portico/console/",
                                     headers={"Host": f"{api['id']}.execute-api.localhost.localstack.cloud:{portico.port}"})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("the API's host served the console")
    except urllib.error.HTTPError as error:
        assert error.code == 403 and error.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
        assert "text/html" not in error.headers.get("Content-Type", "")


def test_domain_names_and_their_mappings(portico, apigw, browser):
    api_id, _ = deployed_api(apigw)
    apigw.create_domain_name(domainName="api.example.com", regionalCertificateArn="arn:aws:acm:us-east-1:000000000000:certificate/x",
                             endpointConfiguration={"types": ["REGIONAL"]})
    apigw.create_base_path_mapping(domainName="api.example.com", basePath="v1", restApiId=api_id, stage="dev")
    open_console(browser, portico, "domain-names")
    section = text(browser, "#domain-api\\.example\\.com")
    assert "REGIONAL" in section and "v1" in section and "pets" in section and "dev" in section


def test_lambda_function_page_shows_environment_and_recent_log_lines(browser):
    import json
    import os

    from conftest import PorticoProcess
    from lambda_support import create

    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_LAMBDA_PYTHON_CLIENT": "builtin"})
    server.extra_env["PORTICO_LAMBDA_LOG_DIR"] = os.path.join(server.data_dir, "function-logs")
    server.start()
    try:
        lam = server.client("lambda")
        create(lam, "greeter", {"handler.py": "def handler(event, context):\n    print('hello from <b>greeter</b>')\n"
                                              "    return event\n"},
               Environment={"Variables": {"GREETING": "<i>hi</i>"}})
        lam.invoke(FunctionName="greeter", Payload=json.dumps({"a": 1}))["Payload"].read()
        open_console(browser, server, "functions")
        assert "greeter" in text(browser, "main")
        browser.find_element(By.LINK_TEXT, "greeter").click()
        main = text(browser, "main")
        assert "GREETING" in main and "<i>hi</i>" in main and "handler.handler" in main
        log = text(browser, "pre.function-log")
        assert "hello from <b>greeter</b>" in log and "START RequestId:" in log
        assert browser.find_elements(By.CSS_SELECTOR, "main b, main i") == []
        screenshot(browser, "11-lambda-function")
    finally:
        server.cleanup()


def test_authorizers_models_and_validators(portico, apigw, browser):
    api_id, pets = deployed_api(apigw)
    authorizer = apigw.create_authorizer(restApiId=api_id, name="tokens", type="TOKEN",
                                         authorizerUri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                                       "arn:aws:lambda:us-east-1:000000000000:function:auth/invocations",
                                         identitySource="method.request.header.Authorization",
                                         identityValidationExpression="Bearer [")
    apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json",
                       schema='{"type":"object","properties":{"name":{"type":"string"}}}')
    validator = apigw.create_request_validator(restApiId=api_id, name="body-only", validateRequestBody=True)
    apigw.update_method(restApiId=api_id, resourceId=pets, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
        {"op": "replace", "path": "/authorizerId", "value": authorizer["id"]},
        {"op": "replace", "path": "/requestValidatorId", "value": validator["id"]}])
    open_console(browser, portico, f"apis/{api_id}/resources/{pets}/methods/GET")
    request = text(browser, "#method-request")
    assert "CUSTOM" in request and "tokens" in request and "body-only" in request
    browser.find_element(By.LINK_TEXT, "tokens").click()
    section = text(browser, f"#authorizer-{authorizer['id']}")
    assert "TOKEN" in section and "method.request.header.Authorization" in section
    assert "Pattern error at 1:" in section  # "Bearer [" does not compile in Java
    open_console(browser, portico, f"apis/{api_id}/models")
    assert '"name" : {' in text(browser, "#model-Pet pre.schema")
    open_console(browser, portico, f"apis/{api_id}/validators")
    assert "body-only" in text(browser, f"#validator-{validator['id']}")
