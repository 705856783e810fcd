"""API Gateway integrations and authorizers whose URI names a function Portico hosts: invoked
directly (no `--lambda-endpoint` configured here), with real Python handlers."""
import base64
import json
import re

import pytest

from backend_helpers import integrate, raw_call
from backend_servers import function_uri
from conftest import PorticoProcess
from invoke_helpers import add_resource
from lambda_support import create, zip_of

PROXY = """
import json
def handler(event, context):
    return {"statusCode": 201, "headers": {"X-From": "hosted"},
            "body": json.dumps({"path": event["path"], "q": event["queryStringParameters"],
                                "auth": (event["requestContext"].get("authorizer") or {}).get("who")})}
"""

LOOKUP = """
def handler(event, context):
    if event.get("id") == "missing":
        raise Exception("Not found: " + event["id"])
    return {"id": event.get("id"), "found": True}
"""

AUTH = """
def handler(event, context):
    if event["authorizationToken"] != "allow":
        raise Exception("Unauthorized")
    return {"principalId": "user-1", "context": {"who": "alice"},
            "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": event["methodArn"]}]}}
"""


@pytest.fixture(scope="module")
def server():
    process = PorticoProcess(extra_env={"PORTICO_LAMBDA_PYTHON_CLIENT": "builtin"}).start()
    yield process
    process.cleanup()


@pytest.fixture
def clients(server):
    lam, apigw = server.client("lambda"), server.client("apigateway")
    for function in lam.list_functions()["Functions"]:
        lam.delete_function(FunctionName=function["FunctionName"])
    api = apigw.create_rest_api(name="hosted-lambda")
    return lam, apigw, api["id"], api["rootResourceId"]


def test_aws_proxy_to_hosted_function(server, clients):
    lam, apigw, api_id, root = clients
    create(lam, "proxy", {"handler.py": PROXY})
    pets = add_resource(apigw, api_id, root, "pets")
    integrate(apigw, api_id, pets, "GET", "AWS_PROXY", uri=function_uri("proxy"))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(server.endpoint, api_id, "dev", "/pets?kind=cat")
    assert reply.status == 201, reply.text
    assert reply.header("X-From") == "hosted"
    assert reply.json() == {"path": "/pets", "q": {"kind": "cat"}, "auth": None}


def test_test_invoke_method_shows_the_function_answer_and_log(server, clients):
    lam, apigw, api_id, root = clients
    create(lam, "proxy", {"handler.py": PROXY})
    integrate(apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("proxy"))
    tested = apigw.test_invoke_method(restApiId=api_id, resourceId=root, httpMethod="GET", pathWithQueryString="/?kind=dog")
    assert tested["status"] == 201
    assert json.loads(tested["body"])["q"] == {"kind": "dog"}
    log = tested["log"]
    assert "Endpoint request URI: portico:/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:proxy/invocations" in log
    assert "Endpoint response body before transformations: {\"statusCode\": 201" in log
    tail = re.search(r"X-Amz-Log-Result=([A-Za-z0-9+/=]+)", log).group(1)
    assert "REPORT RequestId:" in base64.b64decode(tail).decode()


def test_aws_integration_selects_on_error_message(server, clients):
    lam, apigw, api_id, root = clients
    create(lam, "lookup", {"handler.py": LOOKUP})
    item = add_resource(apigw, api_id, root, "{id}")
    integrate(apigw, api_id, item, "GET", "AWS", uri=function_uri("lookup"),
              requestTemplates={"application/json": '{"id": "$input.params(\'id\')"}'},
              responses=[{"statusCode": "200"},
                         {"statusCode": "404", "selectionPattern": "Not found: .*",
                          "responseTemplates": {"application/json": '{"error": "$input.path(\'$.errorMessage\')"}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    found = raw_call(server.endpoint, api_id, "dev", "/abc")
    assert found.status == 200 and found.json() == {"id": "abc", "found": True}
    missing = raw_call(server.endpoint, api_id, "dev", "/missing")
    assert missing.status == 404, missing.text
    assert missing.json() == {"error": "Not found: missing"}


def test_token_authorizer_hosted(server, clients):
    lam, apigw, api_id, root = clients
    create(lam, "auth", {"handler.py": AUTH})
    create(lam, "proxy", {"handler.py": PROXY})
    authorizer = apigw.create_authorizer(restApiId=api_id, name="tok", type="TOKEN", authorizerUri=function_uri("auth"),
                                         identitySource="method.request.header.Authorization",
                                         authorizerResultTtlInSeconds=0)["id"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="CUSTOM",
                     authorizerId=authorizer)
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="AWS_PROXY",
                          integrationHttpMethod="POST", uri=function_uri("proxy"))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    allowed = raw_call(server.endpoint, api_id, "dev", "/", headers=[("Authorization", "allow")])
    assert allowed.status == 201, allowed.text
    assert allowed.json()["auth"] == "alice"
    denied = raw_call(server.endpoint, api_id, "dev", "/", headers=[("Authorization", "deny")])
    assert denied.status == 401 and denied.json() == {"message": "Unauthorized"}


def test_stage_variable_alias_in_the_uri(server, clients):
    lam, apigw, api_id, root = clients
    create(lam, "staged", {"handler.py": "def handler(event, context):\n    return {'statusCode': 200, 'body': 'v1'}\n"})
    lam.publish_version(FunctionName="staged")
    lam.update_function_code(FunctionName="staged", ZipFile=zip_of(
        {"handler.py": "def handler(event, context):\n    return {'statusCode': 200, 'body': 'latest'}\n"}))
    lam.create_alias(FunctionName="staged", Name="prod", FunctionVersion="1")
    integrate(apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("staged:${stageVariables.alias}"))
    apigw.create_deployment(restApiId=api_id, stageName="prod", variables={"alias": "prod"})
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"alias": "$LATEST"})
    assert raw_call(server.endpoint, api_id, "prod", "/").text == "v1"
    assert raw_call(server.endpoint, api_id, "dev", "/").text == "latest"


NOT_JSON_BOOTSTRAP = """#!/bin/sh
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  ID=$(curl -sS -D - -o /dev/null "$API/invocation/next" | grep -i Lambda-Runtime-Aws-Request-Id | tr -d '[:space:]' | cut -d: -f2)
  curl -sS -X POST "$API/invocation/$ID/response" -d 'this is { not json' >/dev/null
done
"""


def test_function_answering_invalid_json(server, clients):
    lam, apigw, api_id, root = clients
    create(lam, "notjson", {"bootstrap": (NOT_JSON_BOOTSTRAP, 0o755)}, runtime="provided.al2023", handler="x")
    response = lam.invoke(FunctionName="notjson", Payload=b"{}")
    assert "FunctionError" not in response
    assert response["Payload"].read() == b"this is { not json"
    integrate(apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("notjson"))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(server.endpoint, api_id, "dev", "/")
    assert reply.status == 502 and reply.json() == {"message": "Internal server error"}


def test_function_not_hosted_without_endpoint(server, clients):
    lam, apigw, api_id, root = clients
    integrate(apigw, api_id, root, "GET", "AWS_PROXY", uri=function_uri("elsewhere"))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(server.endpoint, api_id, "dev", "/")
    assert reply.status == 500 and reply.json() == {"message": "Internal server error"}
