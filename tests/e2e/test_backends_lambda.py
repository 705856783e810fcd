"""Lambda integrations (AWS_PROXY and AWS) through a loopback Lambda Invoke API.

The proxy event's shape follows payload format 1.0 as recorded against AWS; malformed proxy results
answer 502 `{"message": "Internal server error"}`; non-proxy function errors select the integration
response by `errorMessage`."""
import base64
import json
import re
import time

import pytest

from backend_helpers import header_values, integrate, raw_call
from backend_servers import FunctionError, Raw, function_uri
from invoke_helpers import add_resource, invoke


@pytest.fixture
def api(lambda_apigw):
    created = lambda_apigw.create_rest_api(name="backends-lambda")
    return created["id"], created["rootResourceId"]


def proxy_result(body="", status=200, **extra):
    result = {"statusCode": status, "body": body}
    result.update(extra)
    return result


def lookup(mapping, name):
    """A header map entry by case-insensitive name."""
    hits = [value for key, value in (mapping or {}).items() if key.lower() == name.lower()]
    assert len(hits) <= 1, mapping
    return hits[0] if hits else None


EVENT_KEYS = {"resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
              "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body",
              "isBase64Encoded"}
CONTEXT_KEYS = {"resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path", "accountId",
                "protocol", "stage", "domainPrefix", "requestTimeEpoch", "requestId", "identity", "domainName",
                "deploymentId", "apiId"}
IDENTITY_KEYS = {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp", "principalOrgId",
                 "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "userAgent",
                 "user"}


def test_proxy_event_has_aws_payload_format_1_0(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    pets = add_resource(lambda_apigw, api_id, root, "pets")
    pet = add_resource(lambda_apigw, api_id, pets, "{petId}")
    lambda_backend.functions["events"] = lambda event: proxy_result("ok")
    integrate(lambda_apigw, api_id, pet, "POST", "AWS_PROXY", uri=function_uri("events"))
    deployment = lambda_apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"sv": "1"})
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/pets/42?a=1&a=2&b=x%20y", method="POST",
                     headers=[("X-One", "1"), ("X-Rep", "first"), ("X-Rep", "second"),
                              ("Content-Type", "application/json"), ("User-Agent", "e2e-agent")],
                     body='{"hello": "world"}')
    assert reply.status == 200, reply.text
    invocation = lambda_backend.last()
    assert invocation["function"] == "arn:aws:lambda:us-east-1:000000000000:function:events"
    event = invocation["event"]
    assert set(event) == EVENT_KEYS
    assert event["resource"] == "/pets/{petId}"
    assert event["path"] == "/pets/42"
    assert event["httpMethod"] == "POST"
    assert lookup(event["headers"], "X-One") == "1"
    assert lookup(event["headers"], "X-Rep") == "second"          # the last value in the single-value view
    assert lookup(event["multiValueHeaders"], "X-Rep") == ["first", "second"]
    assert lookup(event["multiValueHeaders"], "X-One") == ["1"]
    assert lookup(event["headers"], "User-Agent") == "e2e-agent"
    assert lookup(event["headers"], "Host")
    # API Gateway drops Content-Length and Connection before the event is built.
    assert lookup(event["headers"], "Content-Length") is None
    assert lookup(event["headers"], "Connection") is None
    assert set(k.lower() for k in event["headers"]) == set(k.lower() for k in event["multiValueHeaders"])
    assert event["queryStringParameters"] == {"a": "2", "b": "x y"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"], "b": ["x y"]}
    assert event["pathParameters"] == {"petId": "42"}
    assert event["stageVariables"] == {"sv": "1"}
    assert event["body"] == '{"hello": "world"}'
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert set(context) == CONTEXT_KEYS
    assert context["resourcePath"] == "/pets/{petId}"
    assert context["resourceId"] == pet
    assert context["httpMethod"] == "POST"
    assert context["path"] == "/dev/pets/42"
    assert context["stage"] == "dev"
    assert context["apiId"] == api_id and context["domainPrefix"] == api_id
    assert context["deploymentId"] == deployment["id"]
    assert context["protocol"] == "HTTP/1.1"
    assert context["requestId"] == reply.header("x-amzn-RequestId")
    assert re.fullmatch(r"\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000", context["requestTime"])
    assert isinstance(context["requestTimeEpoch"], int) and abs(context["requestTimeEpoch"] / 1000 - time.time()) < 60
    assert re.fullmatch(r"\d{12}", context["accountId"])
    assert set(context["identity"]) == IDENTITY_KEYS
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["identity"]["userAgent"] == "e2e-agent"
    assert context["identity"]["user"] is None and context["identity"]["accessKey"] is None


def test_proxy_event_nulls_when_nothing_was_sent(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    hard = add_resource(lambda_apigw, api_id, root, "hardcoded")
    lambda_backend.functions["events"] = lambda event: proxy_result("ok")
    integrate(lambda_apigw, api_id, hard, "GET", "AWS_PROXY", uri=function_uri("events"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/hardcoded")
    assert reply.status == 200, reply.text
    event = lambda_backend.last()["event"]
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None
    assert event["pathParameters"] is None
    assert event["stageVariables"] is None
    assert event["body"] is None
    assert event["isBase64Encoded"] is False
    assert event["httpMethod"] == "GET"
    assert event["resource"] == "/hardcoded"
    # The Invoke API is always called with POST.
    assert lambda_backend.last()["headers"].get("x-amz-invocation-type") == "RequestResponse"


def test_proxy_event_greedy_path_keeps_what_the_client_sent(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    proxy = add_resource(lambda_apigw, api_id, root, "{proxy+}")
    lambda_backend.functions["events"] = lambda event: proxy_result("ok")
    integrate(lambda_apigw, api_id, proxy, "ANY", "AWS_PROXY", uri=function_uri("events"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    for sent, path, parameter in [
        ("/proxy-value", "/proxy-value", "proxy-value"),
        ("/proxy-value/", "/proxy-value/", "proxy-value"),
        ("/a/b/c", "/a/b/c", "a/b/c"),
        ("/user/test%2Balias@example.com", "/user/test%2Balias@example.com", "user/test%2Balias@example.com"),
    ]:
        reply = invoke(lambda_portico.endpoint, api_id, "dev", sent)
        assert reply.status == 200, (sent, reply.text)
        event = lambda_backend.last()["event"]
        assert event["path"] == path, sent
        assert event["pathParameters"] == {"proxy": parameter}, sent
        assert event["requestContext"]["path"] == "/dev" + path
        assert event["resource"] == "/{proxy+}"


def test_proxy_event_binary_body_is_base64(lambda_apigw, lambda_portico, lambda_backend):
    created = lambda_apigw.create_rest_api(name="binary-lambda", binaryMediaTypes=["application/octet-stream"])
    api_id, root = created["id"], created["rootResourceId"]
    lambda_backend.functions["events"] = lambda event: proxy_result("ok")
    integrate(lambda_apigw, api_id, root, "POST", "AWS_PROXY", uri=function_uri("events"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    payload = bytes([0, 255, 128, 10, 13])
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", method="POST",
                     headers=[("Content-Type", "application/octet-stream")], body=payload)
    assert reply.status == 200, reply.text
    event = lambda_backend.last()["event"]
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == payload


def test_proxy_result_maps_status_headers_and_body(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    results = {
        "full": proxy_result('{"created": true}', 201, headers={"X-One": "1", "header-bool": True}),
        "multi": {"statusCode": 200, "multiValueHeaders": {"test-multi": ["value1", "value2"]}},
        "merge": {"statusCode": 200, "multiValueHeaders": {"tesT-Multi": ["value-multi"]},
                  "headers": {"test-multi": "value-solo"}},
        "string-status": {"statusCode": "202"},
        "only-headers": {"headers": {"test-header": "value"}},
        "headers-null": {"statusCode": 200, "headers": None},
        "content-type": proxy_result("<p>hi</p>", headers={"Content-Type": "text/html"}),
        "b64": proxy_result(base64.b64encode(b"test-data").decode(), isBase64Encoded=True),
    }
    proxy = add_resource(lambda_apigw, api_id, root, "{name}")
    lambda_backend.functions["results"] = lambda event: results[event["pathParameters"]["name"]]
    integrate(lambda_apigw, api_id, proxy, "GET", "AWS_PROXY", uri=function_uri("results"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    call = lambda name: raw_call(lambda_portico.endpoint, api_id, "dev", "/" + name)

    reply = call("full")
    assert reply.status == 201
    assert reply.json() == {"created": True}
    assert reply.header("X-One") == "1"
    assert reply.header("header-bool") == "true"
    assert reply.header("Content-Type") == "application/json"

    reply = call("multi")
    assert reply.status == 200 and reply.body == b""
    assert header_values(reply, "test-multi") in (["value1", "value2"], ["value1, value2"])

    reply = call("merge")
    values = header_values(reply, "test-multi")
    assert values in (["value-multi", "value-solo"], ["value-multi, value-solo"])
    assert any(name == "tesT-Multi" for name, _ in reply.header_list)

    assert call("string-status").status == 202
    reply = call("only-headers")
    assert reply.status == 200 and reply.header("test-header") == "value"
    assert call("headers-null").status == 200

    reply = call("content-type")
    assert reply.header("Content-Type") == "text/html"
    assert reply.body == b"<p>hi</p>"

    # Without binaryMediaTypes the body is returned as the function gave it (AWS does not decode).
    reply = call("b64")
    assert reply.status == 200
    assert reply.body == b"dGVzdC1kYXRh"


def test_proxy_result_base64_is_decoded_when_the_client_accepts_binary(lambda_apigw, lambda_portico, lambda_backend):
    created = lambda_apigw.create_rest_api(name="binary-result", binaryMediaTypes=["image/png"])
    api_id, root = created["id"], created["rootResourceId"]
    png = bytes([137, 80, 78, 71, 13, 10, 26, 10, 0, 255])
    lambda_backend.functions["png"] = lambda event: proxy_result(
        base64.b64encode(png).decode(), headers={"Content-Type": "image/png"}, isBase64Encoded=True)
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("png"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Accept", "image/png")])
    assert reply.status == 200
    assert reply.body == png
    assert reply.header("Content-Type") == "image/png"


MALFORMED = {
    "not-json": Raw(b"this is not json"),
    "string": Raw(b'"justAString"'),
    "array": Raw(b'[{"statusCode": 200}]'),
    "null": Raw(b"null"),
    "number": Raw(b"42"),
    "unknown-key": {"statusCode": 200, "wrongValue": "value"},
    "status-not-a-number": {"statusCode": "test"},
    "status-object": {"statusCode": {"code": 200}},
    "body-object": {"statusCode": 200, "body": {"a": 1}},
    "body-array": {"statusCode": 200, "body": ["a"]},
    "headers-string": {"statusCode": 200, "headers": "X-A: 1"},
    "headers-array": {"statusCode": 200, "headers": [["X-A", "1"]]},
    "header-value-object": {"statusCode": 200, "headers": {"X-A": {"v": 1}}},
    "multi-not-a-list": {"statusCode": 200, "multiValueHeaders": {"test-multi-invalid": "value1"}},
    "multi-not-a-map": {"statusCode": 200, "multiValueHeaders": ["a"]},
    "base64-flag-not-bool": {"statusCode": 200, "body": "x", "isBase64Encoded": "yes"},
    "function-error": FunctionError("boom", "RuntimeError"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_proxy_result_is_502(lambda_apigw, lambda_portico, api, lambda_backend, case):
    api_id, root = api
    lambda_backend.functions["bad"] = lambda event: MALFORMED[case]
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("bad"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 502, reply.text
    assert reply.body == b'{"message": "Internal server error"}'
    assert reply.header("x-amzn-ErrorType") == "InternalServerErrorException"


def test_bad_base64_in_a_binary_proxy_result_is_an_internal_error(lambda_apigw, lambda_portico, lambda_backend):
    created = lambda_apigw.create_rest_api(name="bad-b64", binaryMediaTypes=["image/png"])
    api_id, root = created["id"], created["rootResourceId"]
    lambda_backend.functions["bad"] = lambda event: proxy_result("%%% not base64 %%%", isBase64Encoded=True)
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("bad"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Accept", "image/png")])
    assert reply.status == 500
    assert reply.body == b'{"message": "Internal server error"}'


def test_aws_proxy_requires_post_to_lambda(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["fn"] = lambda event: proxy_result("ok")
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("fn"), integration_http_method="GET")
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.json() == {"message": "Internal server error"}
    assert lambda_backend.invocations == []


def test_lambda_timeout_is_504(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["slow"] = lambda event: (time.sleep(1.0), proxy_result("late"))[1]
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("slow"), timeoutInMillis=200)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.monotonic()
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 504
    assert reply.json() == {"message": "Endpoint request timed out"}
    assert time.monotonic() - started < 0.9


def test_aws_integration_with_request_template(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["echo"] = lambda event: {"received": event}
    integrate(lambda_apigw, api_id, root, "GET", "AWS", uri=function_uri("echo"),
              method_parameters={"method.request.querystring.param1": False},
              requestTemplates={"application/json": '{"param1": "$input.params(\'param1\')", "stage": "$context.stage"}'})
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/?param1=foobar")
    assert reply.status == 200, reply.text
    assert reply.json() == {"received": {"param1": "foobar", "stage": "dev"}}
    assert reply.header("Content-Type") == "application/json"
    invocation = lambda_backend.last()
    assert invocation["event"] == {"param1": "foobar", "stage": "dev"}


def test_aws_integration_passes_the_body_through(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["echo"] = lambda event: event
    integrate(lambda_apigw, api_id, root, "POST", "AWS", uri=function_uri("echo"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/", method="POST", body='{"message": "hello world"}',
                   headers={"Content-Type": "application/json"})
    assert reply.status == 200, reply.text
    assert reply.json() == {"message": "hello world"}


def test_aws_integration_function_errors_select_by_error_message(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    code = add_resource(lambda_apigw, api_id, root, "{statusCode}")

    def handler(event):
        if event["statusCode"] == "400":
            return FunctionError("Error: Raising four hundred from within the Lambda function")
        if event["statusCode"] == "500":
            return FunctionError("Error: Raising five hundred from within the Lambda function")
        if event["statusCode"] == "418":
            return FunctionError("teapot", "TeapotError")
        return "Pass"

    lambda_backend.functions["select"] = handler
    integrate(lambda_apigw, api_id, code, "GET", "AWS", uri=function_uri("select"),
              requestTemplates={"application/json": '{"statusCode": "$input.params(\'statusCode\')"}'},
              responses=[
                  {"statusCode": "200", "selectionPattern": ""},
                  {"statusCode": "405", "selectionPattern": ".*four hundred.*"},
                  {"statusCode": "418", "selectionPattern": "teapot",
                   "responseTemplates": {"application/json": '{"error": "$input.path(\'$.errorType\')"}'}},
                  {"statusCode": "502", "selectionPattern": ".*five hundred.*"},
                  # Never matched by a success: a Lambda's status code is not the selection value.
                  {"statusCode": "504", "selectionPattern": "200"},
              ])
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/200")
    assert reply.status == 200 and reply.json() == "Pass"
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/400")
    assert reply.status == 405
    error = reply.json()
    assert error["errorMessage"] == "Error: Raising four hundred from within the Lambda function"
    assert error["errorType"] == "Exception"
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/500")
    assert reply.status == 502
    assert reply.json()["errorMessage"].endswith("five hundred from within the Lambda function")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/418")
    assert reply.status == 418
    assert reply.json() == {"error": "TeapotError"}


def test_aws_integration_unmatched_function_error_uses_the_default_response(lambda_apigw, lambda_portico, api,
                                                                            lambda_backend):
    api_id, root = api
    lambda_backend.functions["fails"] = lambda event: FunctionError("nothing matches this")
    integrate(lambda_apigw, api_id, root, "GET", "AWS", uri=function_uri("fails"),
              responses=[{"statusCode": "200"}, {"statusCode": "400", "selectionPattern": "Bad.*"}])
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200
    assert reply.json()["errorMessage"] == "nothing matches this"


def test_aws_integration_response_template_and_parameters(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["fn"] = lambda event: {"statusCode": 200, "body": "noerror", "id": "abc"}
    integrate(lambda_apigw, api_id, root, "GET", "AWS", uri=function_uri("fn"),
              responses=[{"statusCode": "202",
                          "responseTemplates": {"application/json": '{"wrapped": $input.json(\'$\')}'},
                          "responseParameters": {"method.response.header.X-Id": "integration.response.body.id"}}],
              method_responses={"202": {"method.response.header.X-Id": False}})
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 202
    assert reply.json() == {"wrapped": {"statusCode": 200, "body": "noerror", "id": "abc"}}
    assert reply.header("X-Id") == "abc"


def test_missing_function_is_500(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    integrate(lambda_apigw, api_id, root, "GET", "AWS", uri=function_uri("does-not-exist"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.json() == {"message": "Internal server error"}


def test_stage_variable_in_the_function_uri(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["blue"] = lambda event: proxy_result("blue")
    lambda_backend.functions["green"] = lambda event: proxy_result("green")
    uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" \
          "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations"
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=uri)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="blue", variables={"fn": "blue"})
    lambda_apigw.create_deployment(restApiId=api_id, stageName="green", variables={"fn": "green"})
    assert invoke(lambda_portico.endpoint, api_id, "blue", "/").body == b"blue"
    assert invoke(lambda_portico.endpoint, api_id, "green", "/").body == b"green"


def test_lambda_integration_without_a_lambda_endpoint_is_500(apigw, portico):
    created = apigw.create_rest_api(name="no-lambda")
    api_id, root = created["id"], created["rootResourceId"]
    integrate(apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("anything"))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.json() == {"message": "Internal server error"}


def test_proxy_request_id_is_passed_and_answered(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["ids"] = lambda event: proxy_result(json.dumps(event["requestContext"]["requestId"]))
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("ids"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    first = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    second = invoke(lambda_portico.endpoint, api_id, "dev", "/")
    assert first.json() == first.header("x-amzn-RequestId")
    assert second.json() == second.header("x-amzn-RequestId")
    assert first.json() != second.json()


def test_proxy_event_keeps_the_client_header_spelling(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["events"] = lambda event: proxy_result("ok")
    integrate(lambda_apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("events"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("tEsT-HEADeR", "aValUE")])
    assert reply.status == 200
    event = lambda_backend.last()["event"]
    assert event["headers"].get("tEsT-HEADeR") == "aValUE"
    assert event["multiValueHeaders"].get("tEsT-HEADeR") == ["aValUE"]
