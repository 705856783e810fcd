"""The control plane through the aws CLI: `--endpoint-url` and `AWS_ENDPOINT_URL_APIGATEWAY`."""
import json
import os
import subprocess

import pytest


def cli_env(**extra):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
               AWS_PAGER="")
    env.pop("AWS_ENDPOINT_URL", None)
    env.pop("AWS_ENDPOINT_URL_APIGATEWAY", None)
    env.update(extra)
    return env


def test_seed_flow_with_endpoint_url(apigw, aws_cli):
    api = aws_cli("create-rest-api", "--name", "cli-api", "--description", "from the cli")
    assert api["name"] == "cli-api" and api["description"] == "from the cli"
    assert api["endpointConfiguration"] == {"ipAddressType": "ipv4", "types": ["EDGE"]}
    api_id, root = api["id"], api["rootResourceId"]
    # Set-up through boto3 (each CLI call costs most of a second).
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    apigw.put_method(restApiId=api_id, resourceId=pets, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=pets, httpMethod="GET", type="MOCK")
    where = ["--rest-api-id", api_id, "--resource-id", pets, "--http-method", "GET", "--status-code", "200"]
    put = aws_cli("put-integration-response", *where, "--selection-pattern", "", "--response-templates",
                  '{"application/json": "{\\"ok\\": true}"}')
    assert put == {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"ok": true}'}}
    updated = aws_cli("update-integration-response", *where, "--patch-operations", json.dumps([
        {"op": "replace", "path": "/selectionPattern", "value": "2\\d{2}"},
        {"op": "remove", "path": "/responseTemplates/application~1json"}]))
    assert updated == {"statusCode": "200", "selectionPattern": "2\\d{2}"}
    assert aws_cli("get-integration-response", *where) == updated
    resources = aws_cli("get-resources", "--rest-api-id", api_id, "--embed", "methods")
    by_path = {item["path"]: item for item in resources["items"]}
    assert set(by_path) == {"/", "/pets"}
    assert by_path["/pets"]["resourceMethods"]["GET"]["methodIntegration"]["integrationResponses"] == {"200": updated}
    assert aws_cli("delete-integration-response", *where) == {}
    assert aws_cli("delete-rest-api", "--rest-api-id", api_id) == {}
    assert apigw.get_rest_apis()["items"] == []


def test_errors_through_the_cli(apigw, aws_cli):
    api = aws_cli("create-rest-api", "--name", "cli-errors")
    bad = aws_cli("get-integration-response", "--rest-api-id", api["id"], "--resource-id", api["rootResourceId"],
                  "--http-method", "GET", "--status-code", "wrong", check=False)
    assert bad["returncode"] != 0
    assert ("An error occurred (ValidationException) when calling the GetIntegrationResponse operation: "
            "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [1-5]\\d\\d") in bad["stderr"]
    missing = aws_cli("get-method", "--rest-api-id", api["id"], "--resource-id", api["rootResourceId"],
                      "--http-method", "GET", check=False)
    assert ("An error occurred (NotFoundException) when calling the GetMethod operation: "
            "Invalid Method identifier specified") in missing["stderr"]
    unknown = aws_cli("get-rest-api", "--rest-api-id", "nope", check=False)
    assert "Invalid API identifier specified 000000000000:nope" in unknown["stderr"]


@pytest.mark.parametrize("variable", ["AWS_ENDPOINT_URL_API_GATEWAY", "AWS_ENDPOINT_URL"])
def test_endpoint_environment_variables(apigw, portico, variable):
    # The service-specific name comes from the service id "API Gateway": AWS_ENDPOINT_URL_API_GATEWAY
    # (botocore's configprovider); there is no AWS_ENDPOINT_URL_APIGATEWAY in the SDKs.
    env = cli_env(**{variable: portico.endpoint})
    created = subprocess.run(["aws", "--output", "json", "apigateway", "create-rest-api", "--name", "via-env"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert created.returncode == 0, created.stderr
    api_id = json.loads(created.stdout)["id"]
    # The same server answers to boto3, so the CLI really went to Portico.
    assert apigw.get_rest_api(restApiId=api_id)["name"] == "via-env"
    listed = subprocess.run(["aws", "--output", "json", "apigateway", "get-rest-apis", "--max-items", "5"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert [item["id"] for item in json.loads(listed.stdout)["items"]] == [api_id]


def test_cli_paginates_with_position(apigw, aws_cli):
    ids = {apigw.create_rest_api(name=f"p{n}")["id"] for n in range(3)}
    # --page-size makes the CLI send limit=1 and follow `position` until it is absent.
    listed = aws_cli("get-rest-apis", "--page-size", "1")
    assert {item["id"] for item in listed["items"]} == ids
    first = aws_cli("get-rest-apis", "--max-items", "1")
    assert len(first["items"]) == 1 and "NextToken" in first
