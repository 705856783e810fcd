"""Canary releases end to end: CreateDeployment with canarySettings, the canary's share of
traffic, stage variable overrides, `$context.isCanaryRequest`, promotion through UpdateStage."""
import json

from invoke_helpers import invoke


def canary_api(apigw, api, message):
    """GET / (MOCK) whose answer names the deployment and its variables; deployed to `dev`."""
    api_id, root = api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    set_message(apigw, api_id, root, message)
    first = apigw.create_deployment(restApiId=api_id, stageName="dev",
                                    variables={"testVar": "default", "defaultVar": "default"})
    return api_id, root, first["id"]


def set_message(apigw, api_id, root, message):
    template = {"message": message, "variable": "$stageVariables.testVar",
                "nonExistingDefault": "$stageVariables.noStageVar", "nonOverridden": "$stageVariables.defaultVar",
                "isCanary": "$context.isCanaryRequest", "deployment": "$context.deploymentId"}
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   selectionPattern="", responseTemplates={"application/json": json.dumps(template)})


def get(portico, api_id):
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200, reply.text
    return reply.json()


def test_invoking_a_canary_at_0_and_100_percent(apigw, portico, api):
    api_id, root, first = canary_api(apigw, api, "default deployment")
    # Without a canary, isCanaryRequest is absent.
    assert get(portico, api_id)["isCanary"] == ""
    set_message(apigw, api_id, root, "canary deployment")
    second = apigw.create_deployment(restApiId=api_id, stageName="dev", canarySettings={
        "percentTraffic": 0, "stageVariableOverrides": {"testVar": "canary", "noStageVar": "canary"}})["id"]
    stage = apigw.get_stage(restApiId=api_id, stageName="dev")
    assert stage["deploymentId"] == first
    assert stage["canarySettings"] == {"deploymentId": second, "percentTraffic": 0.0,
                                       "stageVariableOverrides": {"testVar": "canary", "noStageVar": "canary"},
                                       "useStageCache": False}
    for _ in range(20):
        assert get(portico, api_id) == {"message": "default deployment", "variable": "default", "nonExistingDefault": "",
                                        "nonOverridden": "default", "isCanary": "false", "deployment": first}
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "100.0"}])
    for _ in range(20):
        assert get(portico, api_id) == {"message": "canary deployment", "variable": "canary",
                                        "nonExistingDefault": "canary", "nonOverridden": "default", "isCanary": "true",
                                        "deployment": second}


def test_a_share_of_traffic_reaches_the_canary(apigw, portico, api):
    api_id, root, _ = canary_api(apigw, api, "default deployment")
    set_message(apigw, api_id, root, "canary deployment")
    apigw.create_deployment(restApiId=api_id, stageName="dev", canarySettings={"percentTraffic": 30.0})
    canary = sum(get(portico, api_id)["isCanary"] == "true" for _ in range(400))
    # 400 draws at 30%: mean 120, standard deviation ~9.2; 60..180 is beyond six deviations.
    assert 60 <= canary <= 180, canary


def test_promotion_through_update_stage(apigw, portico, api):
    api_id, root, _ = canary_api(apigw, api, "default deployment")
    set_message(apigw, api_id, root, "canary deployment")
    second = apigw.create_deployment(restApiId=api_id, stageName="dev", canarySettings={
        "percentTraffic": 10, "stageVariableOverrides": {"testVar": "canary"}})["id"]
    # Promote as the console does: copy the canary over the stage, then drop the canary.
    promoted = apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"},
        {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
        {"op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"},
    ])
    assert promoted["deploymentId"] == second
    assert promoted["variables"] == {"testVar": "canary", "defaultVar": "default"}
    assert promoted["canarySettings"]["percentTraffic"] == 0.0
    for _ in range(10):
        body = get(portico, api_id)
        assert (body["message"], body["variable"], body["isCanary"], body["deployment"]) == \
            ("canary deployment", "canary", "false", second)
    removed = apigw.update_stage(restApiId=api_id, stageName="dev",
                                 patchOperations=[{"op": "remove", "path": "/canarySettings"}])
    assert "canarySettings" not in removed
    body = get(portico, api_id)
    assert (body["message"], body["isCanary"]) == ("canary deployment", "")


def test_canary_created_by_update_stage_and_validation(apigw, portico, api):
    api_id, root, first = canary_api(apigw, api, "default deployment")
    set_message(apigw, api_id, root, "second")
    second = apigw.create_deployment(restApiId=api_id)["id"]
    stage = apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/canarySettings/deploymentId", "value": second}])
    assert stage["canarySettings"] == {"deploymentId": second, "percentTraffic": 0.0, "useStageCache": False}
    assert get(portico, api_id)["deployment"] == first
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "100"}])
    assert get(portico, api_id)["deployment"] == second
    # A canary cannot hold a deployment that does not exist, and its deployment cannot be deleted.
    try:
        apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": "/canarySettings/deploymentId", "value": "nope"}])
        raise AssertionError("accepted an unknown deployment")
    except apigw.exceptions.BadRequestException as error:
        assert error.response["Error"]["Message"] == "Deployment id does not exist"
    try:
        apigw.delete_deployment(restApiId=api_id, deploymentId=second)
        raise AssertionError("deleted the canary's deployment")
    except apigw.exceptions.BadRequestException as error:
        assert "canary settings" in error.response["Error"]["Message"]


def test_canary_deployment_validation_changes_nothing(apigw, portico, api):
    """AWS's recorded refusals for CreateDeployment with canarySettings; no deployment is made."""
    api_id, _, first = canary_api(apigw, api, "default deployment")
    cases = [
        ({}, "Invalid deployment content specified.Non null and non empty stageName must be provided for canary "
             "deployment. Provided value is null"),
        ({"stageName": ""}, "Invalid deployment content specified.Non null and non empty stageName must be provided "
                            "for canary deployment. Provided value is "),
        ({"stageName": "non-existing"}, "Invalid deployment content specified.Stage non-existing must already be "
                                        "created before making a canary release deployment"),
    ]
    for extra, message in cases:
        try:
            apigw.create_deployment(restApiId=api_id, canarySettings={"percentTraffic": 50}, **extra)
            raise AssertionError(f"accepted {extra}")
        except apigw.exceptions.BadRequestException as error:
            assert error.response["Error"]["Message"] == message
    assert [d["id"] for d in apigw.get_deployments(restApiId=api_id)["items"]] == [first]
    assert "canarySettings" not in apigw.get_stage(restApiId=api_id, stageName="dev")
    assert get(portico, api_id)["isCanary"] == ""
