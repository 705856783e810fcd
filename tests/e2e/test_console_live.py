"""The console's live half (issue 17) in a real browser: the invocation list and its live rows
(server-sent events), the pipeline picture, try it, test this template, escaping, the POST
endpoints' same-origin check, and the event stream's limits.

APIs are made with boto3; pages are driven by headless Chromium (console_browser.py).
Screenshots land in $TEST_LOG_DIR/console-screenshots.
"""
import http.client
import json
import signal
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from console_browser import browser, console_url, fetch, open_console, screenshot  # noqa: F401
from invoke_helpers import add_resource, invoke

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


@pytest.fixture
def live_api(apigw, http_backend):
    """`GET /pets/{id}`: MOCK answering `id` as the status, integration responses 200 (default)
    and 404 (`4\\d{2}`, templated); `GET /backend/{code}`: HTTP to the loopback backend;
    `GET /keyed`: MOCK requiring an API key. Deployed to `dev`."""
    api = apigw.create_rest_api(name="live-console")
    api_id, root = api["id"], api["rootResourceId"]
    pets = add_resource(apigw, api_id, root, "pets")
    pet = add_resource(apigw, api_id, pets, "{id}")
    apigw.put_method(restApiId=api_id, resourceId=pet, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=pet, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": $input.params(\'id\')}'})
    for code in ("200", "404"):
        apigw.put_method_response(restApiId=api_id, resourceId=pet, httpMethod="GET", statusCode=code)
    apigw.put_integration_response(restApiId=api_id, resourceId=pet, httpMethod="GET", statusCode="200",
                                   selectionPattern="", responseTemplates={"application/json": '{"pet": "$input.params(\'id\')"}'})
    apigw.put_integration_response(restApiId=api_id, resourceId=pet, httpMethod="GET", statusCode="404",
                                   selectionPattern=r"4\d{2}",
                                   responseTemplates={"application/json": '{"missing": "$input.params(\'id\')"}'})
    backend = add_resource(apigw, api_id, root, "backend")
    code = add_resource(apigw, api_id, backend, "{code}")
    apigw.put_method(restApiId=api_id, resourceId=code, httpMethod="GET", authorizationType="NONE",
                     requestParameters={"method.request.path.code": True})
    apigw.put_integration(restApiId=api_id, resourceId=code, httpMethod="GET", type="HTTP", integrationHttpMethod="GET",
                          uri=f"{http_backend.url}/status/{{code}}",
                          requestParameters={"integration.request.path.code": "method.request.path.code"})
    for status, pattern in (("200", ""), ("502", r"5\d{2}")):
        apigw.put_method_response(restApiId=api_id, resourceId=code, httpMethod="GET", statusCode=status)
        apigw.put_integration_response(restApiId=api_id, resourceId=code, httpMethod="GET", statusCode=status,
                                       selectionPattern=pattern,
                                       responseTemplates={"application/json": '{"backend": $input.json(\'$.path\')}'})
    keyed = add_resource(apigw, api_id, root, "keyed")
    apigw.put_method(restApiId=api_id, resourceId=keyed, httpMethod="GET", authorizationType="NONE", apiKeyRequired=True)
    apigw.put_integration(restApiId=api_id, resourceId=keyed, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return {"id": api_id, "pet": pet, "code": code}


def request_id(reply):
    """The invocation's request id, from the trace link the answer carries."""
    return reply.header("x-portico-trace").rsplit("/", 1)[1]


def wait_for(driver, condition, timeout=10):
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def row_ids(driver):
    return [row.get_attribute("data-request-id")
            for row in driver.find_elements(By.CSS_SELECTOR, "#invocation-rows tr.invocation")]


def stage(driver, key):
    return driver.find_element(By.ID, f"stage-{key}")


def test_the_list_shows_calls_and_new_ones_arrive_without_reload(browser, portico, live_api):
    first = invoke(portico.endpoint, live_api["id"], "dev", "/pets/200")
    assert first.status == 200
    open_console(browser, portico)
    browser.find_element(By.LINK_TEXT, "Invocations").click()
    wait_for(browser, lambda d: d.current_url.endswith("/_portico/console/invocations"))
    assert request_id(first) in row_ids(browser)
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-request-id="{request_id(first)}"]')
    assert "/pets/200" in row.text and "200" in row.text and live_api["id"] in row.text and "dev" in row.text
    wait_for(browser, lambda d: d.find_element(By.ID, "live-state").text == "Live")
    marker = browser.execute_script("document.body.setAttribute('data-unreloaded', 'yes'); return 1")
    assert marker == 1
    second = invoke(portico.endpoint, live_api["id"], "dev", "/pets/404")
    assert second.status == 404
    wait_for(browser, lambda d: request_id(second) in row_ids(d))
    # The row arrived through the event stream: the page was not reloaded.
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-unreloaded") == "yes"
    assert row_ids(browser)[0] == request_id(second)
    fresh = browser.find_element(By.CSS_SELECTOR, f'tr[data-request-id="{request_id(second)}"]')
    assert "404" in fresh.text and "/pets/404" in fresh.text
    screenshot(browser, "live-invocations")


def test_filters_apply_on_the_server_and_to_live_rows(browser, portico, live_api):
    ok = invoke(portico.endpoint, live_api["id"], "dev", "/pets/200")
    missing = invoke(portico.endpoint, live_api["id"], "dev", "/pets/404")
    open_console(browser, portico, "invocations?status=4xx")
    ids = row_ids(browser)
    assert request_id(missing) in ids and request_id(ok) not in ids
    wait_for(browser, lambda d: d.find_element(By.ID, "live-state").text == "Live")
    later_ok = invoke(portico.endpoint, live_api["id"], "dev", "/pets/200")
    later_missing = invoke(portico.endpoint, live_api["id"], "dev", "/pets/404")
    wait_for(browser, lambda d: request_id(later_missing) in row_ids(d))

    def shown(rid):
        rows = browser.find_elements(By.CSS_SELECTOR, f'tr[data-request-id="{rid}"]')
        return bool(rows) and rows[0].is_displayed()

    assert shown(request_id(later_missing))
    assert not shown(request_id(later_ok))


def test_the_picture_shows_patterns_tried_the_choice_and_the_template_output(browser, portico, live_api):
    reply = invoke(portico.endpoint, live_api["id"], "dev", "/pets/404")
    open_console(browser, portico, "invocations")
    browser.find_element(By.CSS_SELECTOR, f'tr[data-request-id="{request_id(reply)}"] a.picture').click()
    wait_for(browser, lambda d: "/invocations/" in d.current_url)
    assert browser.find_element(By.ID, "final-status").text == "404"
    keys = [li.get_attribute("data-stage") for li in browser.find_elements(By.CSS_SELECTOR, "ol.pipeline > li")]
    assert keys == ["methodRequest", "authorizer", "gates", "integrationRequest", "integration",
                    "integrationResponse", "methodResponse"]
    selection = stage(browser, "integrationResponse")
    assert selection.find_element(By.CSS_SELECTOR, ".selection-value").text == "404"
    attempts = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                for tr in selection.find_elements(By.CSS_SELECTOR, "tr.attempt")]
    assert attempts == [[r"4\d{2}", "404", "matched"]]
    assert selection.find_element(By.CSS_SELECTOR, ".chosen").text == "404"
    assert '{"missing": "404"}' in selection.text
    assert '{"statusCode": 404}' in stage(browser, "integrationRequest").text
    assert '{"missing": "404"}' in stage(browser, "methodResponse").text
    assert "skipped" in stage(browser, "authorizer").get_attribute("class")
    screenshot(browser, "live-picture-mock")


def test_the_picture_of_an_http_call_shows_the_backend_exchange_and_unmatched_patterns(browser, portico, live_api,
                                                                                      http_backend):
    reply = invoke(portico.endpoint, live_api["id"], "dev", "/backend/503")
    assert reply.status == 502
    open_console(browser, portico, f"invocations/{request_id(reply)}")
    integration = stage(browser, "integration")
    assert f"GET {http_backend.url}/status/503" in integration.text
    assert "status 503" in integration.text
    selection = stage(browser, "integrationResponse")
    attempts = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
                for tr in selection.find_elements(By.CSS_SELECTOR, "tr.attempt")]
    assert attempts == [[r"5\d{2}", "503", "matched"]]
    assert selection.find_element(By.CSS_SELECTOR, ".chosen").text == "502"
    assert '{"backend": "/status/503"}' in stage(browser, "methodResponse").text
    screenshot(browser, "live-picture-http")


def test_an_error_shows_its_gateway_response_type_in_its_stage(browser, portico, live_api):
    reply = invoke(portico.endpoint, live_api["id"], "dev", "/keyed")
    assert reply.status == 403
    open_console(browser, portico, f"invocations/{request_id(reply)}")
    gates = stage(browser, "gates")
    assert "failed" in gates.get_attribute("class")
    failure = gates.find_element(By.CSS_SELECTOR, ".failure")
    assert failure.get_attribute("data-response-type") == "INVALID_API_KEY"
    assert "INVALID_API_KEY" in failure.text
    assert browser.find_element(By.ID, "final-response-type").text == "INVALID_API_KEY"
    for other in ("methodRequest", "integrationRequest", "integrationResponse"):
        assert not stage(browser, other).find_elements(By.CSS_SELECTOR, ".failure")
    assert "skipped" in stage(browser, "integration").get_attribute("class")
    screenshot(browser, "live-picture-error")


def test_try_it_sends_the_request_and_lands_on_its_picture_with_hostile_values_escaped(browser, portico, live_api):
    # From the method page's link.
    open_console(browser, portico, f"apis/{live_api['id']}/resources/{live_api['pet']}/methods/GET")
    browser.find_element(By.CSS_SELECTOR, "a.try-it-link").click()
    wait_for(browser, lambda d: d.current_url.endswith("/methods/GET/try"))
    browser.find_element(By.ID, "try-p.id").send_keys("404")
    browser.find_element(By.ID, "try-query").send_keys("color=blue")
    browser.find_element(By.ID, "try-headers").send_keys(f"X-Hostile: {HOSTILE}")
    browser.find_element(By.ID, "try-body").send_keys(HOSTILE)
    screenshot(browser, "live-try-it-form")
    browser.find_element(By.ID, "try-send").click()
    wait_for(browser, lambda d: "/_portico/console/invocations/" in d.current_url)
    requested = browser.current_url.rsplit("/", 1)[1]
    assert browser.find_element(By.ID, "final-status").text == "404"
    method_request = stage(browser, "methodRequest")
    assert "color" in method_request.text and "blue" in method_request.text
    # Shown as text, never run: no element came from the values, no alert opened.
    assert HOSTILE in method_request.text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img")
    scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
    assert all(src.startswith(f"{portico.endpoint}/_portico/console/assets/") for src in scripts), scripts
    assert "&lt;script&gt;alert" in browser.page_source
    screenshot(browser, "live-try-it-picture")
    # The call went through the data plane: its trace is in the ring like any other.
    trace = json.loads(urllib.request.urlopen(f"{portico.endpoint}/_portico/invocations/{requested}").read())
    assert trace["apiId"] == live_api["id"] and trace["stage"] == "dev"


def test_template_test_renders_output_and_reports_line_and_column(browser, portico, live_api):
    # From the link of the method page's integration response 404.
    open_console(browser, portico, f"apis/{live_api['id']}/resources/{live_api['pet']}/methods/GET")
    browser.find_element(By.CSS_SELECTOR, '.integration-response[data-status="404"] a.template-test-link').click()
    wait_for(browser, lambda d: d.current_url.endswith("/responses/404/template"))
    template = browser.find_element(By.ID, "template-text")
    assert template.get_attribute("value") == '{"missing": "$input.params(\'id\')"}'
    template.clear()
    template.send_keys('{"name": "$input.path(\'$.name\')", "stage": "$context.stage"}')
    body = browser.find_element(By.ID, "template-body")
    body.clear()
    body.send_keys('{"name": "<b>Rex</b>"}')
    browser.find_element(By.ID, "template-render").click()
    output = wait_for(browser, lambda d: d.find_elements(By.ID, "template-output"))[0]
    assert output.text == '{"name": "<b>Rex</b>", "stage": "dev"}'
    assert not browser.find_elements(By.CSS_SELECTOR, "main b")
    screenshot(browser, "live-template-output")
    template = browser.find_element(By.ID, "template-text")
    template.clear()
    template.send_keys("fine\n#if($x)\n#end\n#end")
    browser.find_element(By.ID, "template-render").click()
    diagnostic = wait_for(browser, lambda d: d.find_elements(By.ID, "template-diagnostic"))[0]
    assert diagnostic.get_attribute("data-location") == "4:1"
    assert diagnostic.text.startswith("4:1: ")
    # The template as the browser sent it (CRLF line breaks), its fourth line marked.
    assert browser.find_element(By.CSS_SELECTOR, "pre.vtl .ln.err").text == "4"
    screenshot(browser, "live-template-diagnostic")


def post(portico, path, fields, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", portico.port, timeout=10)
    connection.request("POST", f"/_portico/console/{path}", body=urllib.parse.urlencode(fields),
                       headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
    response = connection.getresponse()
    result = (response.status, response.getheader("Location"), response.read().decode())
    connection.close()
    return result


def test_cross_origin_posts_are_refused(portico, live_api):
    path = f"apis/{live_api['id']}/resources/{live_api['pet']}/methods/GET/try"
    fields = {"stage": "dev", "p.id": "200"}
    before = urllib.request.urlopen(console_url(portico, "invocations")).read().decode().count('class="invocation"')
    assert post(portico, path, fields, {"Origin": "http://evil.example"})[0] == 403
    assert post(portico, path, fields, {"Sec-Fetch-Site": "cross-site"})[0] == 403
    template = f"apis/{live_api['id']}/resources/{live_api['pet']}/methods/GET/responses/200/template"
    assert post(portico, template, {"template": "x", "body": ""}, {"Origin": "https://attacker.test"})[0] == 403
    after = urllib.request.urlopen(console_url(portico, "invocations")).read().decode().count('class="invocation"')
    assert after == before, "a refused form invoked nothing"
    status, location, _ = post(portico, path, fields, {"Origin": portico.endpoint, "Sec-Fetch-Site": "same-origin"})
    assert status == 303 and location.startswith("/_portico/console/invocations/")
    assert post(portico, path, {"stage": "dev", "p.id": "1", "body": "x" * (1 << 20)})[0] == 413


def open_stream(portico, headers=None, query=""):
    connection = http.client.HTTPConnection("127.0.0.1", portico.port, timeout=10)
    connection.request("GET", "/_portico/console/events" + query, headers=headers or {})
    return connection, connection.getresponse()


def read_event(response, deadline=10):
    """The next event's fields ({'id', 'event', 'data'}), skipping comments and retry lines."""
    fields = {}
    end = time.time() + deadline
    while time.time() < end:
        line = response.fp.readline().decode().rstrip("\n")
        if line == "" and fields.get("event"):
            return fields
        if line.startswith(":") or line.startswith("retry:") or not line:
            continue
        name, _, value = line.partition(": ")
        fields[name] = value
    raise AssertionError("no event arrived")


def test_the_event_stream_frames_invocations_and_resumes_from_last_event_id(portico, live_api):
    connection, response = open_stream(portico)
    try:
        assert response.status == 200
        assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        assert response.getheader("Cache-Control") == "no-store"
        first = invoke(portico.endpoint, live_api["id"], "dev", "/pets/200")
        event = read_event(response)
        assert event["event"] == "invocation"
        summary = json.loads(event["data"])
        assert summary["requestId"] == request_id(first)
        assert summary["seq"] == int(event["id"])
        assert (summary["apiId"], summary["stage"], summary["method"], summary["path"], summary["status"]) == (
            live_api["id"], "dev", "GET", "/pets/200", 200)
        assert summary["latencyMs"] >= 0 and summary["time"].endswith("Z")
    finally:
        connection.close()
    second = invoke(portico.endpoint, live_api["id"], "dev", "/pets/404")
    connection, response = open_stream(portico, {"Last-Event-ID": event["id"]})
    try:
        resumed = read_event(response)
        assert int(resumed["id"]) == int(event["id"]) + 1
        assert json.loads(resumed["data"])["requestId"] == request_id(second)
    finally:
        connection.close()


def test_event_streams_are_capped_and_end_when_their_clients_leave(portico):
    streams = [open_stream(portico) for _ in range(16)]
    try:
        assert [response.status for _, response in streams] == [200] * 16
        connection, refused = open_stream(portico)
        assert refused.status == 503 and refused.getheader("Retry-After") == "5"
        connection.close()
    finally:
        for connection, _ in streams:
            connection.close()
    # Every closed stream gave its place back (its task ended): 16 open again.
    deadline = time.time() + 5
    while True:
        streams = [open_stream(portico) for _ in range(16)]
        statuses = [response.status for _, response in streams]
        for connection, _ in streams:
            connection.close()
        if statuses == [200] * 16:
            break
        assert time.time() < deadline, f"streams were not released: {statuses}"
        time.sleep(0.1)


def test_an_open_event_stream_does_not_hold_up_the_servers_shutdown(fresh_server):
    connection, response = open_stream(fresh_server)
    try:
        assert response.status == 200
        fresh_server.proc.send_signal(signal.SIGTERM)
        started = time.time()
        fresh_server.proc.wait(timeout=8)
        assert time.time() - started < 8
    finally:
        connection.close()
