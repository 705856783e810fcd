"""What deploy tools send (Terraform, Serverless, Zappa, Chalice), replayed call by call."""
import json

import pytest

from cp_support import bad_request, err, status

pytestmark = pytest.mark.usefixtures("request_id_check")


@pytest.fixture
def stage(apigw, mock_method):
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200", selectionPattern="")
    deployment = apigw.create_deployment(restApiId=api_id)["id"]
    apigw.create_stage(restApiId=api_id, stageName="dev", deploymentId=deployment)
    return api_id, root, deployment


def settings(apigw, api_id):
    return apigw.get_stage(restApiId=api_id, stageName="dev")["methodSettings"]


def test_method_settings_paths_as_terraform_and_serverless_send_them(apigw, stage):
    api_id, _, _ = stage
    ops = [
        {"op": "replace", "path": "/*/*/metrics/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "-1"},
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "-1.000000"},
        # Terraform's method_path keeps raw slashes; the AWS-documented form escapes them.
        {"op": "replace", "path": "/path1/path2/GET/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/~1pets~1{id}/POST/logging/dataTrace", "value": "true"},
    ]
    updated = apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=ops)
    every = updated["methodSettings"]["*/*"]
    assert every["metricsEnabled"] is True and every["loggingLevel"] == "INFO"
    assert every["throttlingBurstLimit"] == -1 and every["throttlingRateLimit"] == -1.0
    # New entries start from */* (recorded on AWS).
    assert updated["methodSettings"]["path1/path2/GET"]["cachingEnabled"] is True
    assert updated["methodSettings"]["path1/path2/GET"]["metricsEnabled"] is True
    assert updated["methodSettings"]["pets/{id}/POST"]["dataTraceEnabled"] is True
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[{"op": "remove", "path": "/path1/path2/GET"}])
    assert set(settings(apigw, api_id)) == {"*/*", "pets/{id}/POST"}


def test_removing_a_missing_method_setting(apigw, stage):
    api_id, _, _ = stage
    assert err(apigw.update_stage, restApiId=api_id, stageName="dev", patchOperations=[{"op": "remove", "path": "/*/*"}]) == \
        bad_request("Cannot remove method setting */* because there is no method setting for this method ")


def test_canary_promotion_with_copy(apigw, stage):
    api_id, _, first = stage
    second = apigw.create_deployment(restApiId=api_id)["id"]
    update = apigw.update_stage
    assert err(update, restApiId=api_id, stageName="dev",
               patchOperations=[{"op": "copy", "path": "/deploymentId", "from": "/canarySettings/deploymentId"}]) == \
        bad_request("Promotion not available. Canary does not exist.")
    assert err(update, restApiId=api_id, stageName="dev",
               patchOperations=[{"op": "copy", "path": "/canarySettings/stageVariableOverrides", "from": "/variables"}]) == \
        bad_request("Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. "
                    "Valid copy:path are [/deploymentId, /variables] and valid copy:from are "
                    "[/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]")
    update(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/variables/a", "value": "stage"},
        {"op": "replace", "path": "/variables/b", "value": "kept"},
        {"op": "replace", "path": "/canarySettings/deploymentId", "value": second},
        {"op": "replace", "path": "/canarySettings/stageVariableOverrides/a", "value": "canary"}])
    promoted = update(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"},
        {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
        {"op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"}])
    assert promoted["deploymentId"] == second
    assert promoted["variables"] == {"a": "canary", "b": "kept"}
    assert promoted["canarySettings"]["percentTraffic"] == 0.0
    third = apigw.create_deployment(restApiId=api_id)["id"]
    update(restApiId=api_id, stageName="dev", patchOperations=[{"op": "replace", "path": "/canarySettings/deploymentId", "value": third}])
    assert err(apigw.delete_deployment, restApiId=api_id, deploymentId=third) == \
        bad_request("Active stages with canary settings pointing to this deployment must be moved or deleted")
    # The first deployment is free now; the second is held by the stage and its canary.
    assert status(apigw.delete_deployment(restApiId=api_id, deploymentId=first)) == 202
    assert err(apigw.delete_deployment, restApiId=api_id, deploymentId=second) == \
        bad_request("Active stages pointing to this deployment must be moved or deleted")


def test_terraform_create_before_destroy_redeploy(apigw, stage):
    api_id, _, old = stage
    new = apigw.create_deployment(restApiId=api_id, description="v2")["id"]
    assert err(apigw.delete_deployment, restApiId=api_id, deploymentId=old) == \
        bad_request("Active stages pointing to this deployment must be moved or deleted")
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[{"op": "replace", "path": "/deploymentId", "value": new}])
    assert status(apigw.delete_deployment(restApiId=api_id, deploymentId=old)) == 202
    assert [d["id"] for d in apigw.get_deployments(restApiId=api_id)["items"]] == [new]


def test_a_stage_with_a_cache_cluster_is_available(apigw, stage):
    api_id, _, deployment = stage
    created = apigw.create_stage(restApiId=api_id, stageName="cached", deploymentId=deployment, cacheClusterEnabled=True)
    assert created["cacheClusterStatus"] == "AVAILABLE" and created["cacheClusterSize"] == "0.5"
    resized = apigw.update_stage(restApiId=api_id, stageName="cached", patchOperations=[
        {"op": "replace", "path": "/cacheClusterSize", "value": "1.6"}])
    assert resized["cacheClusterSize"] == "1.6" and resized["cacheClusterStatus"] == "AVAILABLE"
    off = apigw.update_stage(restApiId=api_id, stageName="cached", patchOperations=[
        {"op": "replace", "path": "/cacheClusterEnabled", "value": "false"}])
    assert off["cacheClusterStatus"] == "NOT_AVAILABLE"


def test_clearing_values_with_replace_and_no_value(apigw, stage):
    api_id, root, _ = stage
    apigw.update_rest_api(restApiId=api_id, patchOperations=[{"op": "replace", "path": "/minimumCompressionSize", "value": "10"}])
    cleared = apigw.update_rest_api(restApiId=api_id, patchOperations=[{"op": "replace", "path": "/minimumCompressionSize"}])
    assert "minimumCompressionSize" not in cleared
    chalice = apigw.update_rest_api(restApiId=api_id, patchOperations=[{"op": "replace", "path": "/minimumCompressionSize", "value": ""}])
    assert "minimumCompressionSize" not in chalice
    method = apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/operationName", "value": "op"}])
    assert method["operationName"] == "op"
    method = apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/operationName"}, {"op": "replace", "path": "/requestValidatorId"}])
    assert "operationName" not in method and "requestValidatorId" not in method
    integration = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_TEXT"}])
    assert integration["contentHandling"] == "CONVERT_TO_TEXT"
    integration = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/contentHandling", "value": ""}])
    assert "contentHandling" not in integration


def test_escaped_keys_and_endpoint_type_as_chalice_and_zappa_send_them(apigw, stage):
    api_id, root, _ = stage
    api = apigw.update_rest_api(restApiId=api_id, patchOperations=[{"op": "add", "path": "/binaryMediaTypes/*~1*"}])
    assert api["binaryMediaTypes"] == ["*/*"]
    api = apigw.update_rest_api(restApiId=api_id, patchOperations=[{"op": "replace", "path": "/endpointConfiguration/types/EDGE",
                                                                    "value": "REGIONAL"}])
    assert api["endpointConfiguration"]["types"] == ["REGIONAL"]
    integration = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "add", "path": "/requestTemplates/application~1xml", "value": "<x/>"}])
    assert integration["requestTemplates"]["application/xml"] == "<x/>"


def test_policy_is_returned_as_an_escaped_json_string(apigw):
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                                                        "Resource": "*"}]}
    api_id = apigw.create_rest_api(name="p", policy=json.dumps(policy))["id"]
    text = apigw.get_rest_api(restApiId=api_id)["policy"]
    assert isinstance(text, str) and '\\"' in text
    assert json.loads(text.replace('\\"', '"'))["Statement"][0]["Effect"] == "Allow"
    # The caller's key order is kept (Terraform compares the text it sent).
    unescaped = text.replace('\\"', '"')
    assert unescaped.index('"Version"') < unescaped.index('"Statement"')
    assert unescaped.index('"Effect"') < unescaped.index('"Principal"') < unescaped.index('"Action"')


def test_get_rest_apis_pages_with_limit_500_and_position(apigw):
    ids = {apigw.create_rest_api(name=f"api-{i}")["id"] for i in range(7)}
    assert {a["id"] for a in apigw.get_rest_apis(limit=500)["items"]} == ids
    seen, position = set(), None
    while True:
        page = apigw.get_rest_apis(limit=3, **({"position": position} if position else {}))
        seen |= {a["id"] for a in page["items"]}
        position = page.get("position")
        if not position:
            break
    assert seen == ids
