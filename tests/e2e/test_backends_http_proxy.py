"""HTTP_PROXY integrations against a loopback backend: method, greedy path, query, headers and body
pass through; the backend's status, headers and body come back unchanged, except the headers AWS
remaps to `x-amzn-Remapped-*` (Date, Server, Connection, Content-Length, ...)."""
import time

import pytest

from backend_helpers import header_values, integrate, raw_call
from backend_servers import BINARY_BODY, FIXED_DATE, SERVER_NAME, refused_port
from invoke_helpers import add_resource, invoke


def proxy_api(apigw, api_id, root, uri, **extra):
    """ANY /{proxy+} → HTTP_PROXY uri, with the usual `integration.request.path.proxy` mapping."""
    proxy = add_resource(apigw, api_id, root, "{proxy+}")
    parameters = {"integration.request.path.proxy": "method.request.path.proxy"}
    parameters.update(extra.pop("requestParameters", {}))
    integrate(apigw, api_id, proxy, "ANY", "HTTP_PROXY", uri=uri, integration_http_method="ANY",
              method_parameters={"method.request.path.proxy": True}, requestParameters=parameters, **extra)
    return proxy


def test_method_path_query_headers_and_body_pass_through(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/base/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/a/b/c?x=1&x=2&y=z%20z", method="POST",
                     headers=[("X-Custom", "v1"), ("X-Rep", "first"), ("X-Rep", "second"),
                              ("Content-Type", "text/plain"), ("User-Agent", "e2e/1.0")],
                     body="hello backend")
    assert reply.status == 200, reply.text
    seen = http_backend.last()
    assert seen["method"] == "POST"
    assert seen["path"] == "/base/a/b/c"
    assert seen["args"] == {"x": ["1", "2"], "y": ["z z"]}
    assert seen["body"] == "hello backend"
    headers = seen["headers"]
    assert headers["x-custom"] == "v1"
    assert headers["x-rep"] == "first,second"
    assert headers["content-type"] == "text/plain"
    assert headers["user-agent"] == "e2e/1.0"
    assert headers["x-amzn-apigateway-api-id"] == api_id
    assert headers["host"] == f"127.0.0.1:{http_backend.port}"
    assert headers["accept"] == "application/json"       # API Gateway's default when the client sent none
    assert headers["x-amzn-trace-id"].startswith("Root=1-")
    assert reply.json()["path"] == "/base/a/b/c"


def test_headers_the_front_end_drops_are_not_proxied(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/dropped",
                     headers=[("Max-Forwards", "2"), ("Content-MD5", "x"), ("Server", "client"), ("Trailer", "Expires"),
                              ("Upgrade", "HTTP/2.0"), ("WWW-Authenticate", "Basic"), ("Content-Encoding", "deflate"),
                              ("Via", "1.1 client-proxy"), ("X-Amzn-Trace-Id", "Root=1-00000000-000000000000000000000001"),
                              ("Referer", "https://example.com/"), ("Warn", "299 e2e")])
    assert reply.status == 200, reply.text
    headers = http_backend.last()["headers"]
    for name in ["max-forwards", "content-md5", "server", "trailer", "upgrade", "www-authenticate", "content-encoding", "via"]:
        assert name not in headers, name
    assert headers["referer"] == "https://example.com/"
    assert headers["warn"] == "299 e2e"
    # The client's trace goes on, once.
    assert headers["x-amzn-trace-id"] == "Root=1-00000000-000000000000000000000001"


@pytest.mark.parametrize("verb", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_client_method_is_the_backend_method(apigw, portico, api, http_backend, verb):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/thing", method=verb)
    assert reply.status == 200, reply.text
    assert http_backend.last()["method"] == verb
    assert http_backend.last()["path"] == "/thing"


def test_backend_status_and_body_are_returned_unchanged(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    for code in (400, 404, 418, 503):
        reply = invoke(portico.endpoint, api_id, "dev", f"/status/{code}")
        assert reply.status == code
        assert reply.json()["path"] == f"/status/{code}"
    reply = invoke(portico.endpoint, api_id, "dev", "/text")
    assert reply.status == 200
    assert reply.body == b"plain text from backend"
    assert reply.header("Content-Type") == "text/plain"
    reply = invoke(portico.endpoint, api_id, "dev", "/empty/204")
    assert reply.status == 204
    assert reply.body == b""


def test_backend_headers_pass_through_and_reserved_ones_are_remapped(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/headers")
    assert reply.status == 200, reply.text
    assert reply.header("X-Backend") == "yes"
    assert header_values(reply, "X-Multi") == ["one", "two"]
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert reply.header("x-amzn-Remapped-Date") == FIXED_DATE
    assert reply.header("x-amzn-Remapped-Server") == SERVER_NAME
    assert reply.header("x-amzn-Remapped-Content-Length") == str(len(reply.body))
    # The client's Date is API Gateway's own.
    assert reply.header("Date") and reply.header("Date") != FIXED_DATE
    assert reply.header("Server") != SERVER_NAME
    assert reply.header("x-amzn-RequestId")
    assert reply.json()["id"] == 7


def test_redirect_is_returned_to_the_client(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/redirect")
    assert reply.status == 302
    assert reply.header("Location") == "/echo/redirected"
    assert len(http_backend.requests) == 1


def test_request_mappings_merge_with_the_proxied_request(apigw, portico, api, http_backend):
    api_id, root = api
    resource = add_resource(apigw, api_id, root, "{pathVariable}")
    integrate(apigw, api_id, resource, "POST", "HTTP_PROXY",
              uri=f"{http_backend.url}/merge?testVar={{pathVar}}&testQs={{qsVar}}",
              method_parameters={"method.request.path.pathVariable": True},
              requestParameters={
                  "integration.request.header.headerVar": "method.request.header.foobar",
                  "integration.request.path.qsVar": "method.request.querystring.testVar",
                  "integration.request.path.pathVar": "method.request.path.pathVariable",
                  "integration.request.querystring.queryString": "method.request.querystring.testQueryString",
                  "integration.request.querystring.testQs": "method.request.querystring.testQueryString",
                  "integration.request.querystring.testEmptyQs": "method.request.header.emptyheader",
              })
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/foobar?testQueryString=foo&testVar=bar", method="POST",
                   body='{"message": "hello world"}',
                   headers={"Content-Type": "application/json", "foobar": "mapped-value", "headerVar": "request-value"})
    assert reply.status == 200, reply.text
    seen = http_backend.last()
    # The URI's own query first, then the client's, then the mapped values (as recorded on AWS).
    assert seen["args"] == {"testVar": ["foobar", "bar"], "testQs": ["bar", "foo"],
                            "testQueryString": ["foo"], "queryString": ["foo"]}
    assert seen["headers"]["headervar"] == "mapped-value"
    assert seen["headers"]["foobar"] == "mapped-value"
    assert seen["body"] == '{"message": "hello world"}'


def test_stage_variables_in_the_uri(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, "http://${stageVariables.backend}/sv/{proxy}")
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"backend": f"127.0.0.1:{http_backend.port}"})
    reply = invoke(portico.endpoint, api_id, "dev", "/deep/er?k=v")
    assert reply.status == 200, reply.text
    assert http_backend.last()["path"] == "/sv/deep/er"
    assert http_backend.last()["args"] == {"k": ["v"]}


def test_binary_bodies_pass_through_with_binary_media_types(apigw, portico, http_backend):
    created = apigw.create_rest_api(name="binary-proxy", binaryMediaTypes=["application/octet-stream"])
    api_id, root = created["id"], created["rootResourceId"]
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    upload = bytes(range(255, -1, -1))
    reply = raw_call(portico.endpoint, api_id, "dev", "/upload", method="POST",
                     headers=[("Content-Type", "application/octet-stream")], body=upload)
    assert reply.status == 200, reply.text
    assert http_backend.last()["bodyBase64"] == __import__("base64").b64encode(upload).decode()
    reply = raw_call(portico.endpoint, api_id, "dev", "/binary", headers=[("Accept", "application/octet-stream")])
    assert reply.status == 200
    assert reply.body == BINARY_BODY
    assert reply.header("Content-Type") == "application/octet-stream"


def test_timeout_is_504(apigw, portico, api, http_backend):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"{http_backend.url}/{{proxy}}", timeoutInMillis=200)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.monotonic()
    reply = invoke(portico.endpoint, api_id, "dev", "/slow/1500")
    assert reply.status == 504
    assert reply.json() == {"message": "Endpoint request timed out"}
    assert time.monotonic() - started < 1.2


def test_connection_refused_is_500(apigw, portico, api):
    api_id, root = api
    proxy_api(apigw, api_id, root, f"http://127.0.0.1:{refused_port()}/{{proxy}}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/x")
    assert reply.status == 500
    assert reply.body == b'{"message": "Internal server error"}'
