"""TestInvokeMethod on real backends, and invocation traces (`x-portico-trace` →
`GET /_portico/invocations/{requestId}`) that explain each answer."""
import json
import urllib.error
import urllib.request

import pytest

from backend_helpers import integrate, steps, trace_of
from backend_servers import FunctionError, function_uri, refused_port
from invoke_helpers import add_resource, invoke


def items_api(apigw, api_id, root, http_backend, **extra):
    items = add_resource(apigw, api_id, root, "items")
    item = add_resource(apigw, api_id, items, "{id}")
    integrate(apigw, api_id, item, "GET", "HTTP", uri=f"{http_backend.url}/status/{{code}}",
              method_parameters={"method.request.path.id": True},
              requestParameters={"integration.request.path.code": "method.request.path.id",
                                 "integration.request.querystring.q": "method.request.querystring.q",
                                 "integration.request.header.X-Sv": "stageVariables.color"},
              responses=[{"statusCode": "200"},
                         {"statusCode": "404", "selectionPattern": "404",
                          "responseTemplates": {"application/json": '{"missing": "$input.params(\'id\')"}'}},
                         {"statusCode": "500", "selectionPattern": "5\\d\\d"}], **extra)
    return item


def test_test_invoke_method_calls_the_backend_and_logs_the_exchange(apigw, api, http_backend):
    api_id, root = api
    item = items_api(apigw, api_id, root, http_backend)
    result = apigw.test_invoke_method(restApiId=api_id, resourceId=item, httpMethod="GET",
                                      pathWithQueryString="/items/200?q=search", stageVariables={"color": "red"},
                                      headers={"X-Client": "console"})
    assert result["status"] == 200
    body = json.loads(result["body"])
    assert body["path"] == "/status/200"
    assert body["args"] == {"q": ["search"]}
    assert body["headers"]["x-sv"] == "red"
    assert result["headers"]["Content-Type"] == "application/json"
    assert result["multiValueHeaders"]["Content-Type"] == ["application/json"]
    assert isinstance(result["latency"], int)
    seen = http_backend.last()
    assert seen["path"] == "/status/200"
    log = result["log"]
    lines = [line.split(" : ", 1)[1] for line in log.splitlines()[1:] if " : " in line]
    url = f"{http_backend.url}/status/200?q=search"
    assert f"Endpoint request URI: {url}" in lines
    assert f"Sending request to {url}" in lines
    assert any(line.startswith("Endpoint request headers: {") and "X-Sv=red" in line for line in lines)
    assert any(line.startswith("Received response. Status: 200, Integration latency: ") and line.endswith(" ms")
               for line in lines)
    assert any(line.startswith("Endpoint response body before transformations: {") for line in lines)
    assert any(line.startswith("Endpoint response headers: {") for line in lines)
    assert lines.index(f"Endpoint request URI: {url}") < lines.index(f"Sending request to {url}")
    assert lines[-2] == "Successfully completed execution"
    assert lines[-1] == "Method completed with status: 200"


def test_test_invoke_method_selects_the_integration_response(apigw, api, http_backend):
    api_id, root = api
    item = items_api(apigw, api_id, root, http_backend)
    result = apigw.test_invoke_method(restApiId=api_id, resourceId=item, httpMethod="GET",
                                      pathWithQueryString="/items/404", stageVariables={"color": "blue"})
    assert result["status"] == 404
    assert json.loads(result["body"]) == {"missing": "404"}
    assert "Received response. Status: 404" in result["log"]
    assert result["log"].rstrip().endswith("Method completed with status: 404")


def test_test_invoke_method_reports_a_backend_failure(apigw, api):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"http://127.0.0.1:{refused_port()}/down")
    result = apigw.test_invoke_method(restApiId=api_id, resourceId=root, httpMethod="GET", pathWithQueryString="/")
    assert result["status"] == 500
    assert json.loads(result["body"]) == {"message": "Internal server error"}
    assert "Execution failed" in result["log"]
    assert result["log"].rstrip().endswith("Method completed with status: 500")


def test_test_invoke_method_on_a_lambda_proxy(lambda_apigw, lambda_backend):
    created = lambda_apigw.create_rest_api(name="test-invoke-lambda")
    api_id, root = created["id"], created["rootResourceId"]
    lambda_backend.functions["fn"] = lambda event: {"statusCode": 201, "headers": {"X-Stage": event["requestContext"]["stage"]},
                                                     "body": json.dumps({"path": event["path"], "qs": event["queryStringParameters"]})}
    integrate(lambda_apigw, api_id, root, "POST", "AWS_PROXY", uri=function_uri("fn"))
    result = lambda_apigw.test_invoke_method(restApiId=api_id, resourceId=root, httpMethod="POST",
                                             pathWithQueryString="/?a=b", body='{"x": 1}')
    assert result["status"] == 201
    assert json.loads(result["body"]) == {"path": "/", "qs": {"a": "b"}}
    assert result["headers"]["X-Stage"] == "test-invoke-stage"
    event = lambda_backend.last()["event"]
    assert event["body"] == '{"x": 1}'
    assert event["requestContext"]["stage"] == "test-invoke-stage"
    assert "/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fn/invocations" in result["log"]
    assert "Endpoint response body before transformations: " in result["log"]
    # Lambda's own answer, as AWS logs it, not the response decoded from it.
    raw = result["log"].split("Endpoint response body before transformations: ", 1)[1].split("\n", 1)[0]
    assert json.loads(raw)["statusCode"] == 201
    assert result["log"].rstrip().endswith("Method completed with status: 201")


def test_trace_of_a_lambda_proxy_shows_lambdas_own_answer(lambda_apigw, lambda_portico, lambda_backend):
    created = lambda_apigw.create_rest_api(name="trace-lambda-proxy")
    api_id, root = created["id"], created["rootResourceId"]
    lambda_backend.functions["fn"] = lambda event: {"statusCode": 202, "headers": {"X-A": "1"}, "body": "done"}
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("fn"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 202 and reply.body == b"done"
    trace = trace_of(lambda_portico.endpoint, reply)
    results = steps(trace, "integrationResult")
    assert len(results) == 1
    assert results[0]["status"] == 200
    assert json.loads(results[0]["body"]) == {"statusCode": 202, "headers": {"X-A": "1"}, "body": "done"}
    assert steps(trace, "methodResponse")[0]["status"] == 202


def test_trace_explains_backend_exchange_and_selection(apigw, portico, api, http_backend):
    api_id, root = api
    items_api(apigw, api_id, root, http_backend)
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"color": "green"})
    reply = invoke(portico.endpoint, api_id, "dev", "/items/503?q=z")
    assert reply.status == 500
    trace = trace_of(portico.endpoint, reply)
    assert trace["requestId"] == reply.header("x-amzn-RequestId")
    names = [step["step"] for step in trace["steps"]]
    assert names.index("route") < names.index("integrationRequest") < names.index("backendRequest") \
        < names.index("integrationResult") < names.index("selection") < names.index("methodResponse")
    backend_request = steps(trace, "backendRequest")[0]
    assert backend_request["httpMethod"] == "GET"
    assert backend_request["url"] == f"{http_backend.url}/status/503?q=z"
    assert ["X-Sv", "green"] in backend_request["headers"]
    result = steps(trace, "integrationResult")[0]
    assert result["status"] == 503
    assert json.loads(result["body"])["path"] == "/status/503"
    selection = steps(trace, "selection")[0]
    assert selection["selectionValue"] == "503"
    assert selection["tried"] == [{"selectionPattern": "404", "matched": False},
                                  {"selectionPattern": "5\\d\\d", "matched": True}]
    assert selection["chosenStatusCode"] == "500"
    assert steps(trace, "methodResponse")[0]["status"] == 500


def test_trace_of_a_lambda_function_error(lambda_apigw, lambda_portico, lambda_backend):
    created = lambda_apigw.create_rest_api(name="trace-lambda")
    api_id, root = created["id"], created["rootResourceId"]
    lambda_backend.functions["fails"] = lambda event: FunctionError("Bad input: x", "ValueError")
    integrate(lambda_apigw, api_id, root, "GET", "AWS", uri=function_uri("fails"),
              responses=[{"statusCode": "200"}, {"statusCode": "400", "selectionPattern": "Bad input.*"}])
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 400
    trace = trace_of(lambda_portico.endpoint, reply)
    request = steps(trace, "backendRequest")[0]
    assert request["httpMethod"] == "POST"
    assert request["url"].endswith("/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fails/invocations")
    selection = steps(trace, "selection")[0]
    assert selection["selectionValue"] == "Bad input: x"
    assert selection["tried"] == [{"selectionPattern": "Bad input.*", "matched": True}]
    assert selection["chosenStatusCode"] == "400"


def test_trace_of_a_timeout(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/slow/1000", timeoutInMillis=100)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 504
    trace = trace_of(portico.endpoint, reply)
    error = steps(trace, "error")[0]
    assert error["gatewayResponseType"] == "INTEGRATION_TIMEOUT"
    assert "timeout" in error["message"].lower()
    assert steps(trace, "methodResponse")[-1]["status"] == 504


def test_unknown_trace_is_404(portico):
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(portico.endpoint + "/_portico/invocations/no-such-request", timeout=5)
    assert excinfo.value.code == 404


def test_an_invalid_selection_pattern_is_reported_in_the_log_and_the_trace(apigw, api, http_backend):
    """A selectionPattern that is not a Java regex matches nothing; the invocation goes on to
    the default response, and both the execution log and the trace say why."""
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/status/200",
              responses=[{"statusCode": "200"}, {"statusCode": "400", "selectionPattern": "([a-z"}])
    result = apigw.test_invoke_method(restApiId=api_id, resourceId=root, httpMethod="GET", pathWithQueryString="/")
    assert result["status"] == 200
    assert "Invalid selection pattern '([a-z'" in result["log"]
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(apigw.meta.endpoint_url, api_id, "dev", "/")
    assert reply.status == 200
    selection = steps(trace_of(apigw.meta.endpoint_url, reply), "selection")
    assert selection and selection[0]["tried"][0]["selectionPattern"] == "([a-z"
    assert selection[0]["tried"][0]["matched"] is False
    assert selection[0]["tried"][0]["error"].startswith("invalid selection pattern")
