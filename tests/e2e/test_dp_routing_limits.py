"""Routing and headers as AWS (fall-through to {proxy+}, no trace id on MOCK answers, the request
template's responseOverride seen by the response template, non-JSON bodies, String.format and
escapeJavaScript in templates) and the front end's limits (payload, headers, method ARN,
integration timeout), through boto3 and plain HTTP against the binary."""
import socket
import threading
import time

from backend_helpers import integrate, raw_call
from backend_servers import function_uri
from invoke_helpers import add_resource, invoke, mock_method


def echo_mock(apigw, api_id, resource_id, verb, name):
    mock_method(apigw, api_id, resource_id, verb=verb, responses=[
        {"statusCode": "200", "selectionPattern": "",
         "responseTemplates": {"application/json": name + " $context.resourcePath $input.params('proxy')"}}])


def test_missing_method_falls_through_to_the_proxy_sibling(apigw, portico, api):
    api_id, root = api
    pets = add_resource(apigw, api_id, root, "pets")
    proxy = add_resource(apigw, api_id, root, "{proxy+}")
    echo_mock(apigw, api_id, pets, "GET", "pets")
    echo_mock(apigw, api_id, proxy, "ANY", "proxy")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert invoke(portico.endpoint, api_id, "dev", "/pets").text == "pets /pets "
    reply = invoke(portico.endpoint, api_id, "dev", "/pets", method="POST", body="")
    assert reply.status == 200, reply.text
    assert reply.text == "proxy /{proxy+} pets"
    assert invoke(portico.endpoint, api_id, "dev", "/pets/1", method="DELETE").text == "proxy /{proxy+} pets/1"


def test_mock_answers_have_no_trace_id_backend_answers_do(apigw, portico, api, http_backend):
    api_id, root = api
    mock_method(apigw, api_id, root)
    backend = add_resource(apigw, api_id, root, "backend")
    integrate(apigw, api_id, backend, "GET", "HTTP", uri=f"{http_backend.url}/echo")
    proxy = add_resource(apigw, api_id, root, "proxy")
    integrate(apigw, api_id, proxy, "GET", "HTTP_PROXY", uri=f"{http_backend.url}/echo")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    mock = invoke(portico.endpoint, api_id, "dev", "/")
    assert mock.status == 200
    assert mock.header("X-Amzn-Trace-Id") is None
    assert mock.header("x-amz-apigw-id")
    mapped = invoke(portico.endpoint, api_id, "dev", "/backend")
    assert mapped.status == 200
    assert mapped.header("X-Amzn-Trace-Id").startswith("Root=1-")
    # HTTP_PROXY passes the backend's headers only (this backend sends no trace id; recorded on AWS).
    proxied = invoke(portico.endpoint, api_id, "dev", "/proxy")
    assert proxied.status == 200
    assert proxied.header("X-Amzn-Trace-Id") is None


def test_response_override_keys_reach_the_response_template(apigw, portico, api):
    api_id, root = api
    request = ('#set($context.responseOverride.header.X-From-Request = "r")\n'
               '#set($context.responseOverride.note = "kept")\n{"statusCode": 200}')
    mock_method(apigw, api_id, root, request_template=request, responses=[
        {"statusCode": "200", "selectionPattern": "", "responseTemplates": {
            "application/json": "$context.responseOverride.note|$context.responseOverride.header.X-From-Request"}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200
    assert reply.text == "kept|r"
    assert reply.header("X-From-Request") == "r"


def test_a_body_that_is_not_json_is_a_400_not_a_500(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, verb="POST", request_template='{"statusCode": 200, "a": $input.json(\'$.a\')}')
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/", method="POST", body="{a",
                   headers={"Content-Type": "application/json"})
    assert reply.status == 400, reply.text
    assert reply.header("x-amzn-ErrorType") == "BadRequestException"
    assert reply.json()["message"].startswith("Could not parse request body into json: ")
    # A customised BAD_REQUEST_BODY applies.
    apigw.put_gateway_response(restApiId=api_id, responseType="BAD_REQUEST_BODY", statusCode="422",
                               responseTemplates={"application/json": '{"bad": true}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/", method="POST", body="{a",
                   headers={"Content-Type": "application/json"})
    assert (reply.status, reply.json()) == (422, {"bad": True})


def test_string_format_and_escape_javascript_render_as_java(apigw, portico, api):
    api_id, root = api
    template = ('#set($s = "x")$s.format(\'%s-%05d|%.1f|%,d\', "a", 42, 0.15, 1234567)|'
                '$util.escapeJavaScript("it\'s a/b")')
    mock_method(apigw, api_id, root, responses=[
        {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": template}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200
    assert reply.text == "a-00042|0.2|1,234,567|it\\'s a\\/b"


# Limits


def test_payload_over_10_mb_is_413_in_aws_words(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, verb="POST")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/", method="POST", body=b"x" * (10 * 1024 * 1024 + 1),
                     timeout=30)
    assert reply.status == 413
    assert reply.text == "HTTP content length exceeded 10485760 bytes."
    # Exactly 10 MB goes through.
    reply = raw_call(portico.endpoint, api_id, "dev", "/", method="POST", body=b"x" * (10 * 1024 * 1024), timeout=30)
    assert reply.status == 200
    # The server is still answering.
    assert invoke(portico.endpoint, api_id, "dev", "/", method="POST", body="").status == 200


def test_header_and_method_arn_limits(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root)
    proxy = add_resource(apigw, api_id, root, "{proxy+}")
    mock_method(apigw, api_id, proxy)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    big = raw_call(portico.endpoint, api_id, "dev", "/", headers=[("X-Big", "a" * 10_300)])
    assert big.status == 431
    assert big.json() == {"message": "Request Header Fields Too Large"}
    ok = raw_call(portico.endpoint, api_id, "dev", "/", headers=[("X-Big", "a" * 9_000)])
    assert ok.status == 200
    long = raw_call(portico.endpoint, api_id, "dev", "/" + "p" * 1_600)
    assert long.status == 414
    assert raw_call(portico.endpoint, api_id, "dev", "/" + "p" * 1_000).status == 200


class StallingBackend:
    """Answers the status line and headers at once, then never sends the body."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.conns = []
        threading.Thread(target=self.serve, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")

    def close(self):
        self.sock.close()
        for conn in self.conns:
            conn.close()


def test_timeout_covers_a_backend_that_stalls_its_body(apigw, portico, api):
    backend = StallingBackend()
    try:
        api_id, root = api
        integrate(apigw, api_id, root, "GET", "HTTP_PROXY", uri=backend.url + "/", timeoutInMillis=300)
        apigw.create_deployment(restApiId=api_id, stageName="dev")
        started = time.monotonic()
        reply = invoke(portico.endpoint, api_id, "dev", "/", timeout=10)
        elapsed = time.monotonic() - started
        assert reply.status == 504, reply.text
        assert reply.json() == {"message": "Endpoint request timed out"}
        assert elapsed < 3, elapsed
    finally:
        backend.close()


def test_a_lambda_payload_over_6_mb_is_request_too_large(lambda_apigw, lambda_portico, lambda_backend):
    created = lambda_apigw.create_rest_api(name="routing-limits-lambda")
    api_id, root = created["id"], created["rootResourceId"]
    lambda_backend.functions["echo"] = lambda event: {"statusCode": 200, "body": "ok"}
    integrate(lambda_apigw, api_id, root, "POST", "AWS_PROXY", uri=function_uri("echo"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", method="POST", body=b"x" * (7 * 1024 * 1024),
                     timeout=30)
    assert reply.status == 413, reply.text
    assert reply.json() == {"message": "Request Too Long"}
    assert reply.header("x-amzn-ErrorType") == "BadRequestException"
    assert lambda_backend.invocations == []
    small = raw_call(lambda_portico.endpoint, api_id, "dev", "/", method="POST", body=b"x" * 1000)
    assert (small.status, small.text) == (200, "ok")
