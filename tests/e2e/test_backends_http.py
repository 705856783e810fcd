"""HTTP (non-proxy) integrations against a loopback backend: request mapping, templates, selection by
the backend's status code, response parameters, timeouts and connection failures.

AWS facts asserted here come from AWS's developer guide and from responses recorded against AWS
(header defaults such as `User-Agent: AmazonAPIGateway_{apiId}`, a backend 400 with only a default
integration response answering 200, `x-amzn-Remapped-*` response headers)."""
import json
import time

import pytest

from backend_helpers import integrate, raw_call
from backend_servers import FIXED_DATE, refused_port
from invoke_helpers import add_resource, invoke


def test_request_parameters_map_path_query_header_static_context_and_stage_variables(apigw, portico, api, http_backend):
    api_id, root = api
    items = add_resource(apigw, api_id, root, "items")
    item = add_resource(apigw, api_id, items, "{id}")
    integrate(apigw, api_id, item, "GET", "HTTP", uri="http://${stageVariables.host}/echo/{itemId}/${stageVariables.missing}x",
              method_parameters={"method.request.path.id": True, "method.request.querystring.q": False,
                                 "method.request.header.X-In": False},
              requestParameters={
                  "integration.request.path.itemId": "method.request.path.id",
                  "integration.request.querystring.search": "method.request.querystring.q",
                  "integration.request.querystring.sv": "stageVariables.flavour",
                  "integration.request.header.X-Out": "method.request.header.X-In",
                  "integration.request.header.X-Static": "'static-value'",
                  "integration.request.header.X-Stage": "context.stage",
                  "integration.request.header.X-Absent": "method.request.header.X-Not-Sent",
              })
    apigw.create_deployment(restApiId=api_id, stageName="dev",
                            variables={"host": f"127.0.0.1:{http_backend.port}", "flavour": "vanilla"})
    reply = invoke(portico.endpoint, api_id, "dev", "/items/42?q=hello%20world&other=1",
                   headers={"X-In": "from-client", "X-Unmapped": "dropped"})
    assert reply.status == 200, reply.text
    seen = http_backend.last()
    assert seen["method"] == "GET"
    # {itemId} substituted; a stage variable that is not defined renders as nothing.
    assert seen["path"] == "/echo/42/x"
    assert seen["args"] == {"search": ["hello world"], "sv": ["vanilla"]}
    headers = seen["headers"]
    assert headers["x-out"] == "from-client"
    assert headers["x-static"] == "static-value"
    assert headers["x-stage"] == "dev"
    assert "x-absent" not in headers
    # A non-proxy integration sends only mapped headers plus API Gateway's own.
    assert "x-in" not in headers and "x-unmapped" not in headers
    assert headers["user-agent"] == f"AmazonAPIGateway_{api_id}"
    assert headers["accept"] == "application/json"
    assert headers["x-amzn-apigateway-api-id"] == api_id
    # The trace id the backend got is the one the client gets back.
    assert headers["x-amzn-trace-id"] == reply.header("X-Amzn-Trace-Id")
    assert headers["x-amzn-trace-id"].startswith("Root=1-")
    assert headers["host"] == f"127.0.0.1:{http_backend.port}"
    # No payload on a GET: no Content-Type is invented.
    assert "content-type" not in headers
    # The backend body passes through the default integration response.
    assert reply.json()["path"] == "/echo/42/x"
    assert reply.header("Content-Type") == "application/json"


def test_multi_value_query_parameters_reach_the_backend_repeated(apigw, portico, api, http_backend):
    # method.request.multivaluequerystring.* keeps every value (LocalStack's AWS-validated mapping);
    # method.request.querystring.* takes the last one.
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/echo",
              requestParameters={
                  "integration.request.querystring.tags": "method.request.multivaluequerystring.tag",
                  "integration.request.querystring.last": "method.request.querystring.q",
              })
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/?tag=a&tag=b&tag=c&q=1&q=2")
    assert reply.status == 200, reply.text
    assert http_backend.last()["args"] == {"tags": ["a", "b", "c"], "last": ["2"]}


def test_request_template_shapes_the_backend_payload(apigw, portico, api, http_backend):
    api_id, root = api
    pets = add_resource(apigw, api_id, root, "{id}")
    template = '{"name": $input.json(\'$.name\'), "id": "$input.params(\'id\')", "stage": "$context.stage", "method": "$context.httpMethod"}'
    integrate(apigw, api_id, pets, "POST", "HTTP", uri=f"{http_backend.url}/create",
              requestTemplates={"application/json": template})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/7", method="POST", body='{"name": "Rex", "extra": 1}',
                   headers={"Content-Type": "application/json"})
    assert reply.status == 200, reply.text
    seen = http_backend.last()
    assert seen["method"] == "POST"
    assert json.loads(seen["body"]) == {"name": "Rex", "id": "7", "stage": "dev", "method": "POST"}
    assert seen["headers"]["content-type"] == "application/json"
    assert seen["headers"]["content-length"] == str(len(seen["body"].encode()))


def test_passthrough_body_and_client_content_type_reach_the_backend(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "PUT", "HTTP", uri=f"{http_backend.url}/put")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/", method="PUT", body="a=1&b=2",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 200, reply.text
    seen = http_backend.last()
    assert seen["body"] == "a=1&b=2"
    assert seen["headers"]["content-type"] == "application/x-www-form-urlencoded"


@pytest.mark.parametrize("client_method,integration_method,expected", [
    ("GET", "POST", "POST"), ("DELETE", "ANY", "DELETE"), ("PATCH", "ANY", "PATCH")])
def test_integration_http_method(apigw, portico, api, http_backend, client_method, integration_method, expected):
    api_id, root = api
    integrate(apigw, api_id, root, "ANY", "HTTP", uri=f"{http_backend.url}/m", integration_http_method=integration_method)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/", method=client_method)
    assert reply.status == 200, reply.text
    assert http_backend.last()["method"] == expected


def test_integration_response_selected_by_backend_status(apigw, portico, api, http_backend):
    api_id, root = api
    code = add_resource(apigw, api_id, root, "{code}")
    integrate(apigw, api_id, code, "GET", "HTTP", uri=f"{http_backend.url}/status/{{code}}",
              method_parameters={"method.request.path.code": True},
              requestParameters={"integration.request.path.code": "method.request.path.code"},
              responses=[
                  {"statusCode": "200"},
                  {"statusCode": "404", "selectionPattern": "404"},
                  {"statusCode": "500", "selectionPattern": "5\\d\\d",
                   "responseTemplates": {"application/json": '{"failed": true, "backend": $input.json(\'$.path\')}'}},
              ])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    # A 400 with no pattern for it falls to the default response: the client gets 200 and the
    # backend's body, as AWS does.
    reply = invoke(portico.endpoint, api_id, "dev", "/400")
    assert reply.status == 200
    assert reply.json()["path"] == "/status/400"
    reply = invoke(portico.endpoint, api_id, "dev", "/404")
    assert reply.status == 404
    assert reply.json()["path"] == "/status/404"
    reply = invoke(portico.endpoint, api_id, "dev", "/503")
    assert reply.status == 500
    assert reply.json() == {"failed": True, "backend": "/status/503"}
    reply = invoke(portico.endpoint, api_id, "dev", "/201")
    assert reply.status == 200


def test_no_matching_integration_response_is_500(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/status/400",
              responses=[{"statusCode": "200", "selectionPattern": "2\\d\\d"}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.body == b'{"message": "Internal server error"}'


def test_response_parameters_from_backend_headers_and_body(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/headers",
              responses=[{"statusCode": "200", "responseParameters": {
                  "method.response.header.X-From-Backend": "integration.response.header.X-Backend",
                  "method.response.header.X-Multi": "integration.response.multivalueheader.X-Multi",
                  "method.response.header.X-Id": "integration.response.body.id",
                  "method.response.header.X-Name": "integration.response.body.nested.name",
                  "method.response.header.X-Static": "'constant'",
                  "method.response.header.X-Missing": "integration.response.header.X-Not-There",
              }}],
              method_responses={"200": {f"method.response.header.{name}": False for name in
                                        ["X-From-Backend", "X-Multi", "X-Id", "X-Name", "X-Static", "X-Missing"]}})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200, reply.text
    assert reply.header("X-From-Backend") == "yes"
    assert reply.header("X-Multi") == "one,two"
    assert reply.header("X-Id") == "7"
    assert reply.header("X-Name") == "deep"
    assert reply.header("X-Static") == "constant"
    assert reply.header("X-Missing") is None
    # Backend headers that were not mapped do not reach the client.
    assert reply.header("X-Backend") is None
    assert reply.header("Access-Control-Allow-Origin") is None
    assert reply.header("Date") != FIXED_DATE
    assert reply.json() == {"id": 7, "nested": {"name": "deep"}, "list": [1, 2]}


def test_mapped_response_headers_that_aws_reserves_are_remapped(apigw, portico, api, http_backend):
    api_id, root = api
    reserved = ["Date", "Server", "WWW-Authenticate", "Authorization", "User-Agent"]
    plain = ["Warn", "Pragma"]
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/echo",
              responses=[{"statusCode": "200", "responseParameters": {
                  f"method.response.header.{name}": f"'mapped-{name}'" for name in reserved + plain}}],
              method_responses={"200": {f"method.response.header.{name}": False for name in reserved + plain}})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200, reply.text
    for name in reserved:
        assert reply.header(f"x-amzn-Remapped-{name}") == f"mapped-{name}", name
    assert reply.header("Date") != "mapped-Date"
    assert reply.header("WWW-Authenticate") is None
    for name in plain:
        assert reply.header(name) == f"mapped-{name}"


@pytest.mark.parametrize("header", ["Content-Length", "Transfer-Encoding"])
def test_mapping_a_header_api_gateway_controls_is_500(apigw, portico, api, http_backend, header):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/echo",
              requestParameters={f"integration.request.header.{header}": "'5'"})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.json() == {"message": "Internal server error"}
    assert http_backend.requests == []


def test_request_headers_api_gateway_drops(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/echo", requestParameters={
        "integration.request.header.Via": "'proxy.example'",
        "integration.request.header.Expect": "'200-ok'",
        "integration.request.header.TE": "'gzip'",
        "integration.request.header.Accept": "'text/html'",
        "integration.request.header.User-Agent": "'Override-Agent'",
    })
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200, reply.text
    headers = http_backend.last()["headers"]
    assert "via" not in headers and "expect" not in headers and "te" not in headers
    # Mapped values replace API Gateway's defaults.
    assert headers["accept"] == "text/html"
    assert headers["user-agent"] == "Override-Agent"


def test_timeout_is_504_endpoint_request_timed_out(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/slow/1500", timeoutInMillis=200)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.monotonic()
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    elapsed = time.monotonic() - started
    assert reply.status == 504
    assert reply.json() == {"message": "Endpoint request timed out"}
    assert elapsed < 1.2


def test_connection_refused_is_500_internal_server_error(apigw, portico, api):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"http://127.0.0.1:{refused_port()}/nothing")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.monotonic()
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.body == b'{"message": "Internal server error"}'
    assert reply.header("x-amzn-ErrorType") == "InternalServerErrorException"
    assert time.monotonic() - started < 5


def test_redirects_are_not_followed(apigw, portico, api, http_backend):
    api_id, root = api
    integrate(apigw, api_id, root, "GET", "HTTP", uri=f"{http_backend.url}/redirect",
              responses=[{"statusCode": "200"}, {"statusCode": "302", "selectionPattern": "3\\d\\d",
                                                 "responseParameters": {"method.response.header.Location":
                                                                        "integration.response.header.Location"}}],
              method_responses={"302": {"method.response.header.Location": False}})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 302
    assert reply.header("Location") == "/echo/redirected"
    assert [r["path"] for r in http_backend.requests] == ["/redirect"]
