"""ImportRestApi, PutRestApi and GetExport: the corpus in tests/e2e/openapi/ imported through boto3
and the aws CLI, checked resource by resource, exported, re-imported and invoked; bad input.

AWS facts used here (recorded on AWS in LocalStack's validated snapshots): an import answers 201 with
the RestApi (no `tags`), PutRestApi answers 200 with `tags`; malformed input is a 400
BadRequestException "Invalid OpenAPI input."; path variables become required path parameters;
`passthroughBehavior` and `type` are accepted in any case; `responses.default` is the integration
response without a selection pattern; response headers become `method.response.header.*: false`;
model `$ref`s become `https://apigateway.amazonaws.com/restapis/{id}/models/{name}`; an export is
`application/octet-stream` with `Content-Disposition: attachment; filename="{type}_{version}.json"`.
"""
import json
import os
import re
import threading
import time

import pytest
import yaml

from cp_support import bad_request, body, err, status
from invoke_helpers import invoke

pytestmark = pytest.mark.usefixtures("request_id_check")

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openapi")
FILES = sorted(os.listdir(CORPUS))
LAMBDA = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:000000000000:function:app/invocations")
INVALID = bad_request("Invalid OpenAPI input.")

#: Per definition: {path: {verb: expected subset of GetMethod}} (checked resource by resource).
EXPECT = {
    "sam-proxy.yaml": {
        "/": {"ANY": {"authorizationType": "NONE", "methodIntegration": {
            "type": "AWS_PROXY", "httpMethod": "POST", "uri": LAMBDA, "passthroughBehavior": "WHEN_NO_MATCH",
            "timeoutInMillis": 29000, "cacheKeyParameters": []}}},
        "/{proxy+}": {"ANY": {"requestParameters": {"method.request.path.proxy": True},
                              "methodIntegration": {"type": "AWS_PROXY"}}},
    },
    "serverless.yaml": {
        "/users": {"GET": {"operationName": "listUsers"}, "POST": {"operationName": "createUser"},
                   "OPTIONS": {"methodResponses": {"200": {"statusCode": "200", "responseParameters": {
                       "method.response.header.Access-Control-Allow-Origin": False,
                       "method.response.header.Access-Control-Allow-Methods": False,
                       "method.response.header.Access-Control-Allow-Headers": False}}},
                       "methodIntegration": {"type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}}}},
        "/users/{id}": {"GET": {"operationName": "getUser", "requestParameters": {"method.request.path.id": True}},
                        "DELETE": {"operationName": "deleteUser"}},
    },
    "chalice.json": {
        "/": {"GET": {"methodResponses": {"200": {"statusCode": "200", "responseModels": {"application/json": "Empty"}}},
                      "methodIntegration": {"contentHandling": "CONVERT_TO_TEXT", "integrationResponses": {
                          "200": {"statusCode": "200"}}}}},
        "/hello/{name}": {"GET": {"requestParameters": {"method.request.path.name": True}}},
    },
    "cors-mock.yaml": {
        "/items": {"GET": {"methodResponses": {"200": {"statusCode": "200", "responseModels": {"application/json": "Items"},
                                                       "responseParameters": {"method.response.header.Access-Control-Allow-Origin": False}}}},
                   "OPTIONS": {"methodIntegration": {"integrationResponses": {"200": {"statusCode": "200", "responseParameters": {
                       "method.response.header.Access-Control-Allow-Origin": "'*'",
                       "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
                       "method.response.header.Access-Control-Allow-Headers": "'Content-Type'"}}}}}},
    },
    "cognito.yaml": {
        "/profile": {"GET": {"authorizationType": "COGNITO_USER_POOLS", "authorizationScopes": ["openid", "email"]}},
        "/public": {"GET": {"authorizationType": "NONE"}},
    },
    "token-authorizer.json": {"/orders": {"GET": {"authorizationType": "CUSTOM"}}},
    "request-authorizer.yaml": {
        "/echo/{data}": {"ANY": {"authorizationType": "CUSTOM", "requestParameters": {"method.request.path.data": True},
                                 "methodIntegration": {"passthroughBehavior": "WHEN_NO_TEMPLATES"}}},
    },
    "validators-models.yaml": {
        "/pets": {"POST": {"operationName": "CreatePet", "requestModels": {"application/json": "NewPet"},
                           "methodResponses": {"200": {"statusCode": "200", "responseModels": {"application/json": "Pet"}},
                                               "400": {"statusCode": "400", "responseModels": {"application/json": "Error"}}}},
                  "GET": {"requestParameters": {"method.request.querystring.limit": True,
                                                "method.request.header.X-Trace": False}}},
    },
    "stage-variables.yaml": {
        "/backend/{id}": {"GET": {"methodIntegration": {
            "type": "HTTP", "uri": "http://${stageVariables.backendHost}/items/{id}", "timeoutInMillis": 5000,
            "connectionType": "INTERNET",
            "requestParameters": {"integration.request.path.id": "method.request.path.id",
                                  "integration.request.header.X-Stage": "stageVariables.name"},
            "integrationResponses": {"200": {"statusCode": "200"},
                                     "404": {"statusCode": "404", "selectionPattern": "4\\d{2}"}}}}},
    },
    "binary.yaml": {
        "/image": {"GET": {"methodIntegration": {"integrationResponses": {"200": {
            "statusCode": "200", "contentHandling": "CONVERT_TO_TEXT"}}}}},
        "/upload": {"POST": {"methodIntegration": {"type": "HTTP", "contentHandling": "CONVERT_TO_BINARY"}}},
    },
    "gateway-responses.yaml": {"/ok": {"GET": {"methodIntegration": {"type": "MOCK"}}}},
    "api-keys.yaml": {"/metered": {"GET": {"apiKeyRequired": True}}, "/free": {"GET": {"apiKeyRequired": False}}},
    "iam.yaml": {"/admin": {"DELETE": {"authorizationType": "AWS_IAM"}}},
    "petstore.json": {
        "/": {"GET": {"methodResponses": {"200": {"statusCode": "200", "responseParameters": {
            "method.response.header.Content-Type": False}}}}},
        "/pets": {"GET": {"requestParameters": {"method.request.querystring.page": False,
                                                "method.request.querystring.type": False},
                          "methodResponses": {"200": {"statusCode": "200", "responseModels": {"application/json": "Pets"}}}},
                  "POST": {"operationName": "CreatePet", "requestModels": {"application/json": "NewPet"}}},
        "/pets/{petId}": {"GET": {"operationName": "GetPet", "requestParameters": {"method.request.path.petId": True}}},
    },
    "mock-selection.yaml": {"/status/{code}": {"GET": {"methodIntegration": {"integrationResponses": {
        "400": {"statusCode": "400", "selectionPattern": "4\\d{2}"},
        "500": {"statusCode": "500", "selectionPattern": "5\\d{2}"}}}}}},
    "policy-endpoint.json": {"/health": {"GET": {}}},
    "http-proxy.yaml": {"/api/{proxy+}": {"ANY": {"methodIntegration": {
        "type": "HTTP_PROXY", "httpMethod": "ANY", "cacheNamespace": "api-proxy",
        "cacheKeyParameters": ["method.request.path.proxy"], "tlsConfig": {"insecureSkipVerification": True}}}}},
    "vpc-link.yaml": {"/internal": {"GET": {"methodIntegration": {
        "connectionType": "VPC_LINK", "connectionId": "${stageVariables.vpcLinkId}"}}}},
    "aws-service.yaml": {"/messages": {"POST": {"methodIntegration": {
        "type": "AWS", "credentials": "arn:aws:iam::000000000000:role/apigw-sqs", "passthroughBehavior": "NEVER",
        "integrationResponses": {"500": {"statusCode": "500", "selectionPattern": ".*Error.*"}}}}}},
    "documentation.yaml": {"/things": {"GET": {}}},
    "nested.json": {"/a": {"HEAD": {}, "PATCH": {}}, "/a/b/c/{id}/d": {"PUT": {"requestParameters": {
        "method.request.path.id": True}}}},
    "basepath.yaml": {"/test": {"GET": {}}},
    "circular.json": {"/person": {"POST": {"requestModels": {"application/json": "Person"}}}},
    "integer-status.yaml": {"/test": {"GET": {"methodResponses": {"200": {"statusCode": "200", "responseParameters": {
        "method.response.header.Access-Control-Allow-Origin": False}}}}}},
}


def read(name):
    with open(os.path.join(CORPUS, name), "rb") as f:
        return f.read()


def subset(expected, actual, where=""):
    """Every key of `expected` is in `actual` with the same value (dicts compared recursively)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r} is not an object"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing in {actual!r}"
            subset(value, actual[key], f"{where}.{key}")
    else:
        assert expected == actual, f"{where}: expected {expected!r}, got {actual!r}"


def tree(apigw, api_id):
    """{path: {verb: GetMethod}} of an API, through GetResources(embed=methods)."""
    items = apigw.get_resources(restApiId=api_id, embed=["methods"], limit=500)["items"]
    return {item["path"]: item.get("resourceMethods", {}) for item in items}


def export(apigw, api_id, stage="test", kind="oas30", extensions="apigateway", accepts="application/json"):
    response = apigw.get_export(restApiId=api_id, stageName=stage, exportType=kind,
                                parameters={"extensions": extensions} if extensions else {}, accepts=accepts)
    return response, response["body"].read()


def normalized(text, *api_ids):
    """An export with the API ids (host, model URLs, policy ARNs) blanked."""
    for api_id in api_ids:
        text = text.replace(api_id, "API_ID")
    return json.loads(text)


def imported(apigw, name, **kwargs):
    api = apigw.import_rest_api(body=read(name), **kwargs)
    return api


@pytest.mark.parametrize("name", FILES)
def test_corpus_import_export_reimport(apigw, name):
    assert len(FILES) >= 20
    api = imported(apigw, name)
    assert status(api) == 201
    assert "tags" not in api or name == "policy-endpoint.json"
    api_id = api["id"]
    resources = tree(apigw, api_id)
    for path, methods in EXPECT[name].items():
        assert path in resources, f"{path} missing: {sorted(resources)}"
        assert sorted(resources[path]) == sorted(methods), f"{path}: {sorted(resources[path])}"
        for verb, expected in methods.items():
            method = apigw.get_method(restApiId=api_id, resourceId=next(
                r["id"] for r in apigw.get_resources(restApiId=api_id, limit=500)["items"] if r["path"] == path),
                httpMethod=verb)
            subset(expected, body(method), f"{path} {verb}")
            assert body(method) == resources[path][verb]
    # Intermediate resources exist for every prefix of every path.
    for path in EXPECT[name]:
        parts = [p for p in path.split("/") if p]
        for i in range(1, len(parts)):
            assert "/" + "/".join(parts[:i]) in resources
    apigw.create_deployment(restApiId=api_id, stageName="test")
    for kind in ("oas30", "swagger"):
        response, first = export(apigw, api_id, kind=kind)
        assert response["contentType"] == "application/octet-stream"
        assert re.fullmatch(rf'attachment; filename="{kind}_.+\.json"', response["contentDisposition"])
        again = apigw.import_rest_api(body=first, failOnWarnings=True)
        apigw.create_deployment(restApiId=again["id"], stageName="test")
        _, second = export(apigw, again["id"], kind=kind)
        ids = (api_id, again["id"])
        assert normalized(second.decode(), *ids) == normalized(first.decode(), *ids), kind
        assert tree_without_ids(apigw, again["id"]) == tree_without_ids(apigw, api_id), kind


def tree_without_ids(apigw, api_id):
    """The resource tree with ids that differ between APIs (authorizer, validator, cache namespace) blanked."""
    out = tree(apigw, api_id)
    for methods in out.values():
        for method in methods.values():
            method.pop("authorizerId", None)
            method.pop("requestValidatorId", None)
            method.get("methodIntegration", {}).pop("cacheNamespace", None)
    return out


def test_petstore_answers_like_aws(apigw):
    api = apigw.import_rest_api(body=read("petstore.json"))
    assert body(api) == {
        "id": api["id"], "name": "PetStore", "description": "Pet store with MOCK and HTTP methods",
        "createdDate": api["createdDate"], "version": "1.0", "apiKeySource": "HEADER",
        "endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "ipv4"},
        "disableExecuteApiEndpoint": False, "rootResourceId": api["rootResourceId"]}
    models = {m["name"]: m for m in apigw.get_models(restApiId=api["id"])["items"]}
    assert sorted(models) == ["NewPet", "Pet", "Pets"]
    assert json.loads(models["Pets"]["schema"]) == {"type": "array", "items": {
        "$ref": f"https://apigateway.amazonaws.com/restapis/{api['id']}/models/Pet"}}
    assert models["Pets"]["contentType"] == "application/json"
    root = api["rootResourceId"]
    method = body(apigw.get_method(restApiId=api["id"], resourceId=root, httpMethod="GET"))
    assert method == {
        "httpMethod": "GET", "authorizationType": "NONE", "apiKeyRequired": False,
        "methodResponses": {"200": {"statusCode": "200", "responseParameters": {"method.response.header.Content-Type": False}}},
        "methodIntegration": {
            "type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "passthroughBehavior": "WHEN_NO_MATCH", "timeoutInMillis": 29000, "cacheNamespace": root,
            "cacheKeyParameters": [],
            "integrationResponses": {"200": {"statusCode": "200",
                                             "responseParameters": {"method.response.header.Content-Type": "'text/html'"},
                                             "responseTemplates": {"text/html": "<html><body>Welcome</body></html>"}}}}}


def test_authorizers_validators_and_api_settings(apigw):
    token = apigw.import_rest_api(body=read("token-authorizer.json"))
    [auth] = apigw.get_authorizers(restApiId=token["id"])["items"]
    assert auth == {"id": auth["id"], "name": "TokenAuth", "type": "TOKEN", "authType": "custom",
                    "authorizerUri": LAMBDA.replace("function:app", "function:auth"),
                    "authorizerCredentials": "arn:aws:iam::000000000000:role/invoker",
                    "identitySource": "method.request.header.Authorization",
                    "identityValidationExpression": "^Bearer .+", "authorizerResultTtlInSeconds": 60}
    resources = tree(apigw, token["id"])
    assert resources["/orders"]["GET"]["authorizerId"] == auth["id"]

    cognito = apigw.import_rest_api(body=read("cognito.yaml"))
    [pool] = apigw.get_authorizers(restApiId=cognito["id"])["items"]
    assert pool["type"] == "COGNITO_USER_POOLS" and pool["authType"] == "cognito_user_pools"
    assert pool["identitySource"] == "method.request.header.Authorization"
    assert pool["providerARNs"] == ["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_ABC123"]

    request = apigw.import_rest_api(body=read("request-authorizer.yaml"))
    assert request["apiKeySource"] == "AUTHORIZER"
    [lam] = apigw.get_authorizers(restApiId=request["id"])["items"]
    assert lam["type"] == "REQUEST" and lam["authorizerResultTtlInSeconds"] == 300
    assert lam["identitySource"] == "method.request.header.X-Tenant, method.request.querystring.token"

    validated = apigw.import_rest_api(body=read("validators-models.yaml"))
    validators = {v["name"]: v for v in apigw.get_request_validators(restApiId=validated["id"])["items"]}
    assert validators["all"]["validateRequestBody"] is True and validators["params-only"]["validateRequestBody"] is False
    resources = tree(apigw, validated["id"])
    assert resources["/pets"]["POST"]["requestValidatorId"] == validators["all"]["id"]
    assert resources["/pets"]["GET"]["requestValidatorId"] == validators["params-only"]["id"]
    new_pet = apigw.get_model(restApiId=validated["id"], modelName="NewPet")
    assert new_pet["description"] == "A pet to create"

    binary = apigw.import_rest_api(body=read("binary.yaml"))
    assert binary["binaryMediaTypes"] == ["image/png", "application/octet-stream"]
    assert binary["minimumCompressionSize"] == 1024

    policy = apigw.import_rest_api(body=read("policy-endpoint.json"), parameters={"endpointConfigurationTypes": "REGIONAL"})
    assert policy["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert policy["disableExecuteApiEndpoint"] is True
    assert f"arn:aws:execute-api:us-east-1:000000000000:{policy['id']}/*" in policy["policy"]
    assert apigw.get_rest_api(restApiId=policy["id"])["tags"] == {"team": "platform"}

    responses = apigw.import_rest_api(body=read("gateway-responses.yaml"))
    missing = apigw.get_gateway_response(restApiId=responses["id"], responseType="MISSING_AUTHENTICATION_TOKEN")
    assert missing["statusCode"] == "404" and missing["defaultResponse"] is False
    assert missing["responseTemplates"] == {"application/json": '{"message": "no such route"}'}

    documented = apigw.import_rest_api(body=read("documentation.yaml"))
    parts = apigw.get_documentation_parts(restApiId=documented["id"])["items"]
    assert sorted(p["location"]["type"] for p in parts) == ["API", "METHOD"]
    ignored = apigw.import_rest_api(body=read("documentation.yaml"), parameters={"ignore": "documentation"})
    assert apigw.get_documentation_parts(restApiId=ignored["id"])["items"] == []


def test_base_path_modes(apigw):
    paths = {}
    for mode in ("ignore", "prepend", "split"):
        api = apigw.import_rest_api(body=read("basepath.yaml"), parameters={"basepath": mode})
        paths[mode] = sorted(tree(apigw, api["id"]))
    assert paths["ignore"] == ["/", "/test"]
    assert paths["prepend"] == ["/", "/v1", "/v1/public", "/v1/public/test"]
    assert paths["split"] == ["/", "/public", "/public/test"]


def test_reimported_mock_apis_answer_like_the_originals(apigw, portico):
    for name, calls in {
        "cors-mock.yaml": [("GET", "/items"), ("OPTIONS", "/items")],
        "mock-selection.yaml": [("GET", "/status/200"), ("GET", "/status/404"), ("GET", "/status/503")],
        "nested.json": [("PUT", "/a/b/c/42/d"), ("PATCH", "/a")],
        "gateway-responses.yaml": [("GET", "/ok"), ("GET", "/nowhere")],
        "integer-status.yaml": [("GET", "/test")],
    }.items():
        original = apigw.import_rest_api(body=read(name))["id"]
        apigw.create_deployment(restApiId=original, stageName="live")
        _, exported = export(apigw, original, stage="live")
        copy = apigw.import_rest_api(body=exported)["id"]
        apigw.create_deployment(restApiId=copy, stageName="live")
        for verb, path in calls:
            a = invoke(portico.endpoint, original, "live", path, method=verb)
            b = invoke(portico.endpoint, copy, "live", path, method=verb)
            assert (a.status, a.body) == (b.status, b.body), (name, verb, path)
            headers = ("Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Content-Type")
            assert [a.header(h) for h in headers] == [b.header(h) for h in headers]
    api = apigw.import_rest_api(body=read("mock-selection.yaml"))["id"]
    apigw.create_deployment(restApiId=api, stageName="live")
    assert invoke(portico.endpoint, api, "live", "/status/404").json() == {"result": "bad"}
    assert invoke(portico.endpoint, api, "live", "/status/404").status == 400
    assert invoke(portico.endpoint, api, "live", "/status/200").json() == {"result": "ok"}
    cors = apigw.import_rest_api(body=read("cors-mock.yaml"))["id"]
    apigw.create_deployment(restApiId=cors, stageName="live")
    preflight = invoke(portico.endpoint, cors, "live", "/items", method="OPTIONS")
    assert preflight.status == 200 and preflight.header("Access-Control-Allow-Methods") == "GET,OPTIONS"


def test_export_yaml_and_extension_levels(apigw):
    api = apigw.import_rest_api(body=read("token-authorizer.json"))["id"]
    apigw.create_deployment(restApiId=api, stageName="prod")
    _, as_json = export(apigw, api, stage="prod")
    response, as_yaml = export(apigw, api, stage="prod", accepts="application/yaml")
    assert response["contentDisposition"] == 'attachment; filename="oas30_2.yaml"'
    assert yaml.safe_load(as_yaml) == json.loads(as_json)
    plain = json.loads(export(apigw, api, stage="prod", extensions=None)[1])
    assert plain["servers"] == [{"url": f"https://{api}.execute-api.us-east-1.amazonaws.com/{{basePath}}",
                                 "variables": {"basePath": {"default": "prod"}}}]
    operation = plain["paths"]["/orders"]["get"]
    assert "x-amazon-apigateway-integration" not in operation
    assert operation["security"] == [{"TokenAuth": []}]
    assert "x-amazon-apigateway-authorizer" not in plain["components"]["securitySchemes"]["TokenAuth"]
    with_auth = json.loads(export(apigw, api, stage="prod", extensions="authorizers")[1])
    scheme = with_auth["components"]["securitySchemes"]["TokenAuth"]
    assert scheme["x-amazon-apigateway-authorizer"]["type"] == "token"
    assert "x-amazon-apigateway-integration" not in with_auth["paths"]["/orders"]["get"]
    swagger = json.loads(export(apigw, api, stage="prod", kind="swagger", extensions="integrations")[1])
    assert swagger["swagger"] == "2.0" and swagger["basePath"] == "/prod"
    assert swagger["host"] == f"{api}.execute-api.us-east-1.amazonaws.com"
    assert swagger["paths"]["/orders"]["get"]["x-amazon-apigateway-integration"]["type"] == "mock"
    assert err(apigw.get_export, restApiId=api, stageName="nope", exportType="oas30")[:2] == (404, "NotFoundException")


def test_put_rest_api_merge_and_overwrite(apigw):
    api = apigw.create_rest_api(name="base", binaryMediaTypes=["image/heif"])
    api_id, root = api["id"], api["rootResourceId"]
    keep = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="image")["id"]
    gone = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="legacy")["id"]
    merged = apigw.put_rest_api(restApiId=api_id, body=read("binary.yaml"), mode="merge")
    assert status(merged) == 200
    assert merged["binaryMediaTypes"] == ["image/heif", "image/png", "application/octet-stream"]
    assert merged["name"] == "binary-media" and merged["tags"] == {} and merged["rootResourceId"] == root
    paths = {r["path"]: r["id"] for r in apigw.get_resources(restApiId=api_id)["items"]}
    assert paths["/image"] == keep and paths["/legacy"] == gone and "/upload" in paths
    over = apigw.put_rest_api(restApiId=api_id, body=read("binary.yaml"), mode="overwrite")
    assert over["binaryMediaTypes"] == ["image/png", "application/octet-stream"]
    paths = {r["path"]: r["id"] for r in apigw.get_resources(restApiId=api_id)["items"]}
    assert sorted(paths) == ["/", "/image", "/upload"]
    assert paths["/"] == root and paths["/image"] == keep
    # Default mode is merge; models are replaced by name.
    apigw.put_rest_api(restApiId=api_id, body=read("petstore.json"))
    assert {"/image", "/pets", "/pets/{petId}"} <= set(tree(apigw, api_id))
    assert err(apigw.put_rest_api, restApiId="missing00", body=read("binary.yaml"))[:2] == (404, "NotFoundException")


def test_aws_cli_import_put_export(aws_cli, tmp_path):
    created = aws_cli("import-rest-api", "--body", "fileb://" + os.path.join(CORPUS, "serverless.yaml"))
    assert created["name"] == "dev-my-service"
    aws_cli("create-deployment", "--rest-api-id", created["id"], "--stage-name", "dev")
    out = tmp_path / "export.json"
    meta = aws_cli("get-export", "--rest-api-id", created["id"], "--stage-name", "dev", "--export-type", "swagger",
                   "--parameters", "extensions=integrations", str(out))
    assert meta["contentType"] == "application/octet-stream"
    document = json.loads(out.read_text())
    assert sorted(document["paths"]) == ["/users", "/users/{id}"]
    as_yaml = tmp_path / "export.yaml"
    aws_cli("get-export", "--rest-api-id", created["id"], "--stage-name", "dev", "--export-type", "swagger",
            "--parameters", "extensions=integrations", "--accepts", "application/yaml", str(as_yaml))
    assert yaml.safe_load(as_yaml.read_text()) == document
    put = aws_cli("put-rest-api", "--rest-api-id", created["id"], "--mode", "overwrite",
                  "--body", "fileb://" + os.path.join(CORPUS, "nested.json"))
    assert put["name"] == "nested"
    paths = {r["path"] for r in aws_cli("get-resources", "--rest-api-id", created["id"])["items"]}
    assert "/users" not in paths and "/a/b/c/{id}/d" in paths


def api_count(apigw):
    return len(apigw.get_rest_apis(limit=500)["items"])


def test_bad_input_is_a_400_and_creates_nothing(apigw, rest_api):
    api_id, _ = rest_api
    before = api_count(apigw)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    for bad in [b'{"key:value}', b'test:\n  value:\n    - "value ... \\"escaped\\": $var, \\"dt\\": $(var +"%a")}"\n',
                b'{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}',
                b'{"swagger": "1.2", "info": {"title": "t"}, "paths": {}}', b"[1, 2]", b"",
                ("swagger: '2.0'\ninfo: {title: bomb, version: '1'}\npaths: {}\n" + bomb).encode()]:
        assert err(apigw.import_rest_api, body=bad) == INVALID, bad[:40]
        assert err(apigw.put_rest_api, restApiId=api_id, body=bad) == INVALID
    many = {"swagger": "2.0", "info": {"title": "many", "version": "1"},
            "paths": {f"/p{i}": {} for i in range(10_000)}}
    result = err(apigw.import_rest_api, body=json.dumps(many).encode())
    assert result[:2] == (400, "BadRequestException")
    huge = {"swagger": "2.0", "info": {"title": "huge", "version": "1"}, "paths": {}, "x-pad": "x" * (7 * 1024 * 1024)}
    result = err(apigw.import_rest_api, body=json.dumps(huge).encode())
    assert result == INVALID
    huge["x-pad"] = "x" * (10 * 1024 * 1024)
    assert err(apigw.import_rest_api, body=json.dumps(huge).encode())[0] in (400, 413)
    circular = {"swagger": "2.0", "info": {"title": "loop", "version": "1"},
                "parameters": {"a": {"$ref": "#/parameters/b"}, "b": {"$ref": "#/parameters/a"}},
                "paths": {"/x": {"get": {"parameters": [{"$ref": "#/parameters/a"}], "responses": {}}}}}
    result = err(apigw.import_rest_api, body=json.dumps(circular).encode(), failOnWarnings=True)
    assert result[:2] == (400, "BadRequestException") and result[2].startswith("Warnings found during import:")
    broken = {"swagger": "2.0", "info": {"title": "broken", "version": "1"}, "paths": {
        "/ok": {"get": {"responses": {}, "x-amazon-apigateway-integration": {"type": "mock"}}},
        "/bad": {"get": {"responses": {}, "x-amazon-apigateway-integration": {
            "type": "http", "httpMethod": "GET", "uri": "not-a-url"}}}}}
    assert err(apigw.import_rest_api, body=json.dumps(broken).encode()) == bad_request(
        "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/bad': "
        "Invalid HTTP endpoint specified for URI")
    untyped = {"swagger": "2.0", "info": {"title": "untyped", "version": "1"}, "paths": {
        "/": {"get": {"responses": {}, "x-amazon-apigateway-integration": {"uri": "http://example.com"}}}}}
    assert err(apigw.import_rest_api, body=json.dumps(untyped).encode()) == bad_request(
        "Unable to parse API definition because of a malformed integration at path /.")
    ok = read("nested.json")
    assert err(apigw.import_rest_api, body=ok, parameters={"basepath": "sideways"})[:2] == (400, "BadRequestException")
    assert err(apigw.import_rest_api, body=ok, parameters={"endpointConfigurationTypes": "MOON"})[:2] == \
        (400, "BadRequestException")
    assert err(apigw.put_rest_api, restApiId=api_id, body=ok, mode="replace")[:2] == (400, "ValidationException")
    assert api_count(apigw) == before
    # The API a failed put targeted is unchanged.
    assert err(apigw.put_rest_api, restApiId=api_id, body=json.dumps(broken).encode(), mode="overwrite")[0] == 400
    assert apigw.get_rest_api(restApiId=api_id)["name"] != "broken"


def test_warnings_are_listed(apigw):
    definition = {"swagger": "2.0", "info": {"title": "warned", "version": "1"}, "paths": {
        "/x": {"get": {"parameters": [{"name": "c", "in": "formData", "type": "string"}],
                       "responses": {"default": {"description": "any"}},
                       "x-amazon-apigateway-integration": {"type": "mock"}}}}}
    api = apigw.import_rest_api(body=json.dumps(definition).encode())
    assert status(api) == 201 and len(api["warnings"]) == 2
    assert api_count(apigw) >= 1


def test_recorded_quirks(apigw):
    """Recorded on AWS: a non-string request parameter is dropped with a warning; an empty identitySource or
    authorizerCredentials reads as absent (the scheme's header is the identity source); an
    integration may be a `$ref`; path variables are required parameters even when undeclared."""
    definition = {
        "openapi": "3.0.1", "info": {"title": "quirks", "version": "1"},
        "components": {
            "securitySchemes": {"Auth0": {
                "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "oauth2",
                "x-amazon-apigateway-authorizer": {"type": "token", "authorizerUri": LAMBDA,
                                                   "authorizerCredentials": "", "identitySource": ""}}},
            "x-integrations": {"echo": {"type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
                                        "requestParameters": {"integration.request.header.a": "'x'",
                                                              "integration.request.header.nothing": True},
                                        "responses": {"default": {"statusCode": 200}}}}},
        "paths": {"/echo/{data}": {"get": {
            "security": [{"Auth0": []}], "responses": {"200": {"description": "ok"}},
            "x-amazon-apigateway-integration": {"$ref": "#/components/x-integrations/echo"}}}}}
    api = apigw.import_rest_api(body=json.dumps(definition).encode())
    # The dropped parameter is named in AWS's warning (recorded: test_import_rest_api_with_base_path_oas30).
    assert api["warnings"] == [
        "Invalid format for 'requestParameters'. Expected type string for property "
        "'integration.request.header.nothing' of resource '/echo/{data}' and method 'GET' but got 'true'"]
    [auth] = apigw.get_authorizers(restApiId=api["id"])["items"]
    assert auth["identitySource"] == "method.request.header.Authorization" and "authorizerCredentials" not in auth
    method = tree(apigw, api["id"])["/echo/{data}"]["GET"]
    assert method["requestParameters"] == {"method.request.path.data": True}
    assert method["methodIntegration"]["requestParameters"] == {"integration.request.header.a": "'x'"}
    assert method["methodIntegration"]["integrationResponses"] == {"200": {"statusCode": "200"}}
    assert method["authorizationType"] == "CUSTOM" and method["authorizerId"] == auth["id"]


def test_export_layout_as_recorded_on_aws(apigw):
    """The layout of LocalStack's AWS-recorded exports of a Swagger pet store (parameter order aside)."""
    api = apigw.import_rest_api(body=read("petstore.json"))["id"]
    apigw.create_deployment(restApiId=api, stageName="local")
    swagger = json.loads(export(apigw, api, stage="local", kind="swagger", extensions=None)[1])
    assert list(swagger)[:6] == ["swagger", "info", "host", "basePath", "schemes", "paths"]
    assert swagger["info"] == {"description": "Pet store with MOCK and HTTP methods", "version": "1.0", "title": "PetStore"}
    assert swagger["paths"]["/"]["get"] == {
        "consumes": ["application/json"], "produces": ["text/html"],
        "responses": {"200": {"description": "200 response", "headers": {"Content-Type": {"type": "string"}}}}}
    assert swagger["paths"]["/pets"]["post"] == {
        "operationId": "CreatePet", "consumes": ["application/json"], "produces": ["application/json"],
        "parameters": [{"in": "body", "name": "NewPet", "required": True, "schema": {"$ref": "#/definitions/NewPet"}}],
        "responses": {"200": {"description": "200 response", "schema": {"$ref": "#/definitions/Pet"}}}}
    assert swagger["definitions"]["Pets"] == {"type": "array", "items": {"$ref": "#/definitions/Pet"}}
    oas = json.loads(export(apigw, api, stage="local", extensions=None)[1])
    assert sorted(oas["paths"]["/pets"]["get"]["parameters"], key=lambda p: p["name"]) == [
        {"name": "page", "in": "query", "schema": {"type": "string"}},
        {"name": "type", "in": "query", "schema": {"type": "string"}}]
    assert oas["paths"]["/pets/{petId}"]["get"]["parameters"] == [
        {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}}]
    assert oas["paths"]["/"]["get"]["responses"]["200"]["content"] == {}


def test_inline_schemas_become_models(apigw):
    """AWS names a model made from an inline schema `MODEL` and six hex digits (seen in its exports)."""
    item = {"type": "object", "properties": {"id": {"type": "integer"}}}
    definition = {"swagger": "2.0", "info": {"title": "inline", "version": "1"},
                  "definitions": {"Pet": {"type": "object"}},
                  "paths": {"/a": {"post": {
                      "parameters": [{"in": "body", "name": "b", "schema": item}],
                      "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}},
                      "x-amazon-apigateway-integration": {"type": "mock"}},
                      "put": {"parameters": [{"in": "body", "name": "b", "schema": item}], "responses": {}}}}}
    api = apigw.import_rest_api(body=json.dumps(definition).encode())
    assert "warnings" not in api
    methods = tree(apigw, api["id"])["/a"]
    body_model = methods["POST"]["requestModels"]["application/json"]
    assert re.fullmatch(r"MODEL[0-9a-f]{6}", body_model) and methods["PUT"]["requestModels"]["application/json"] == body_model
    list_model = methods["POST"]["methodResponses"]["200"]["responseModels"]["application/json"]
    schema = json.loads(apigw.get_model(restApiId=api["id"], modelName=list_model)["schema"])
    assert schema["items"] == {"$ref": f"https://apigateway.amazonaws.com/restapis/{api['id']}/models/Pet"}
    assert sorted(m["name"] for m in apigw.get_models(restApiId=api["id"])["items"]) == sorted({"Pet", body_model, list_model})


def test_stage_variables_in_imported_uris_reach_the_backend(apigw, portico, http_backend):
    for source in ("original", "re-imported"):
        api = apigw.import_rest_api(body=read("stage-variables.yaml"))["id"]
        if source == "re-imported":
            apigw.create_deployment(restApiId=api, stageName="x")
            api = apigw.import_rest_api(body=export(apigw, api, stage="x")[1])["id"]
        apigw.create_deployment(restApiId=api, stageName="blue",
                                variables={"backendHost": f"127.0.0.1:{http_backend.port}", "name": "blue"})
        http_backend.clear()
        reply = invoke(portico.endpoint, api, "blue", "/backend/7")
        assert reply.status == 200, (source, reply.text)
        seen = http_backend.last()
        assert (seen["path"], seen["headers"]["x-stage"]) == ("/items/7", "blue"), source


def test_server_stays_responsive_during_a_large_import(apigw, portico):
    paths = {f"/g{i % 50}/p{i}": {"get": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {
        "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
        "responses": {"default": {"statusCode": "200"}}}}} for i in range(3000)}
    definition = json.dumps({"swagger": "2.0", "info": {"title": "large", "version": "1"}, "paths": paths}).encode()
    result = {}
    worker = threading.Thread(target=lambda: result.update(api=portico.client().import_rest_api(body=definition)))
    worker.start()
    slowest = 0.0
    while worker.is_alive():
        start = time.perf_counter()
        apigw.get_rest_apis(limit=1)
        slowest = max(slowest, time.perf_counter() - start)
    worker.join()
    assert len(apigw.get_resources(restApiId=result["api"]["id"], limit=500)["items"]) == 500
    assert slowest < 2.0


def test_imports_and_puts_survive_restart(fresh_server):
    apigw = fresh_server.client()
    api = apigw.import_rest_api(body=read("validators-models.yaml"))["id"]
    other = apigw.import_rest_api(body=read("petstore.json"))["id"]
    apigw.put_rest_api(restApiId=other, body=read("binary.yaml"), mode="overwrite")
    merged = apigw.create_rest_api(name="merge-target")["id"]
    apigw.put_rest_api(restApiId=merged, body=read("cognito.yaml"))
    before = {i: (tree(apigw, i), apigw.get_models(restApiId=i)["items"], apigw.get_authorizers(restApiId=i)["items"],
                  apigw.get_request_validators(restApiId=i)["items"]) for i in (api, other, merged)}
    assert sorted(before[other][0]) == ["/", "/image", "/upload"] and before[other][1] == []
    fresh_server.kill9()
    fresh_server.start()
    apigw = fresh_server.client()
    after = {i: (tree(apigw, i), apigw.get_models(restApiId=i)["items"], apigw.get_authorizers(restApiId=i)["items"],
                 apigw.get_request_validators(restApiId=i)["items"]) for i in (api, other, merged)}
    assert after == before
