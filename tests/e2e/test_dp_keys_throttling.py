"""API keys, usage plans (throttling, quotas, usage), stage and account throttling, through
boto3 and plain HTTP against the running binary."""
import time

from conftest import PorticoProcess
from invoke_helpers import add_resource, invoke, mock_method

IDENTITY = '{"key":"$context.identity.apiKey","keyId":"$context.identity.apiKeyId"}'


def keyed_api(apigw, api, required=True):
    """GET /pets (MOCK, answering the key from $context), apiKeyRequired, deployed on dev."""
    api_id, root = api
    pets = add_resource(apigw, api_id, root, "pets")
    mock_method(apigw, api_id, pets, responses=[
        {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": IDENTITY}}])
    apigw.update_method(restApiId=api_id, resourceId=pets, httpMethod="GET",
                        patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": str(required).lower()}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id, pets


def key_in_plan(apigw, api_id, **plan):
    key = apigw.create_api_key(name="k", enabled=True)
    created = apigw.create_usage_plan(name="plan", apiStages=[{"apiId": api_id, "stage": "dev"}], **plan)
    apigw.create_usage_plan_key(usagePlanId=created["id"], keyId=key["id"], keyType="API_KEY")
    return key, created["id"]


def test_api_key_required_answers_403_without_a_valid_key(apigw, portico, api):
    api_id, _ = keyed_api(apigw, api)
    key, _ = key_in_plan(apigw, api_id)
    loose = apigw.create_api_key(name="loose", enabled=True)
    for headers in [{}, {"x-api-key": "not-a-key"}, {"x-api-key": loose["value"]}]:
        reply = invoke(portico.endpoint, api_id, "dev", "/pets", headers=headers)
        assert reply.status == 403, headers
        assert reply.json() == {"message": "Forbidden"}
        assert reply.header("x-amzn-ErrorType") == "ForbiddenException"
    reply = invoke(portico.endpoint, api_id, "dev", "/pets", headers={"X-API-Key": key["value"]})
    assert reply.status == 200, reply.text
    assert reply.json() == {"key": key["value"], "keyId": key["id"]}
    apigw.update_api_key(apiKey=key["id"], patchOperations=[{"op": "replace", "path": "/enabled", "value": "false"}])
    assert invoke(portico.endpoint, api_id, "dev", "/pets", headers={"x-api-key": key["value"]}).status == 403


def test_invalid_api_key_gateway_response_is_used(apigw, portico, api):
    api_id, _ = keyed_api(apigw, api)
    apigw.put_gateway_response(restApiId=api_id, responseType="INVALID_API_KEY", statusCode="401",
                               responseTemplates={"application/json": '{"error":"$context.error.responseType"}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert reply.status == 401
    assert reply.json() == {"error": "INVALID_API_KEY"}


def test_usage_plan_throttle_answers_429_after_the_burst(apigw, portico, api):
    api_id, _ = keyed_api(apigw, api)
    key, _ = key_in_plan(apigw, api_id, throttle={"rateLimit": 0.5, "burstLimit": 2})
    replies = [invoke(portico.endpoint, api_id, "dev", "/pets", headers={"x-api-key": key["value"]}) for _ in range(3)]
    assert [r.status for r in replies] == [200, 200, 429]
    assert replies[2].json() == {"message": "Too Many Requests"}
    assert replies[2].header("x-amzn-ErrorType") == "TooManyRequestsException"


def test_quota_exceeded_then_get_usage_counts_and_update_usage_restores(apigw, portico, api):
    api_id, _ = keyed_api(apigw, api)
    key, plan_id = key_in_plan(apigw, api_id, quota={"limit": 3, "period": "DAY"})
    headers = {"x-api-key": key["value"]}
    statuses = [invoke(portico.endpoint, api_id, "dev", "/pets", headers=headers).status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    reply = invoke(portico.endpoint, api_id, "dev", "/pets", headers=headers)
    assert reply.json() == {"message": "Limit Exceeded"}
    assert reply.header("x-amzn-ErrorType") == "LimitExceededException"
    today = time.strftime("%Y-%m-%d", time.gmtime())
    usage = wait_for_usage(apigw, plan_id, key["id"], today, used=3)
    assert usage["items"][key["id"]] == [[3, 0]]
    updated = apigw.update_usage(usagePlanId=plan_id, keyId=key["id"],
                                 patchOperations=[{"op": "replace", "path": "/remaining", "value": "2"}])
    assert updated["items"][key["id"]] == [[1, 2]]
    statuses = [invoke(portico.endpoint, api_id, "dev", "/pets", headers=headers).status for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_stage_method_settings_throttle(apigw, portico, api):
    api_id, _ = keyed_api(apigw, api, required=False)
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "1000"},
        {"op": "replace", "path": "/~1pets/GET/throttling/burstLimit", "value": "1"},
        {"op": "replace", "path": "/~1pets/GET/throttling/rateLimit", "value": "0.1"},
    ])
    statuses = [invoke(portico.endpoint, api_id, "dev", "/pets").status for _ in range(2)]
    assert statuses == [200, 429]


def test_usage_survives_a_restart(fresh_server):
    apigw = fresh_server.client()
    created = apigw.create_rest_api(name="keys")
    api_id, _ = keyed_api(apigw, (created["id"], created["rootResourceId"]))
    key, plan_id = key_in_plan(apigw, api_id, quota={"limit": 5, "period": "MONTH"})
    headers = {"x-api-key": key["value"]}
    for _ in range(2):
        assert invoke(fresh_server.endpoint, api_id, "dev", "/pets", headers=headers).status == 200
    today = time.strftime("%Y-%m-%d", time.gmtime())
    wait_for_usage(apigw, plan_id, key["id"], today, used=2)
    fresh_server.restart()
    apigw = fresh_server.client()
    usage = apigw.get_usage(usagePlanId=plan_id, startDate=today, endDate=today)
    assert usage["items"][key["id"]][0][0] == 2
    statuses = [invoke(fresh_server.endpoint, api_id, "dev", "/pets", headers=headers).status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def wait_for_usage(apigw, plan_id, key_id, day, used, timeout=3.0):
    """GetUsage until the day shows `used` calls (written within a second of the calls)."""
    deadline = time.time() + timeout
    while True:
        usage = apigw.get_usage(usagePlanId=plan_id, keyId=key_id, startDate=day, endDate=day)
        if usage.get("items", {}).get(key_id, [[0]])[0][0] == used or time.time() > deadline:
            assert usage["items"][key_id][0][0] == used, usage
            return usage
        time.sleep(0.1)


def test_account_throttle_flag_limits_every_invocation():
    server = PorticoProcess(extra_env={"PORTICO_ACCOUNT_THROTTLE": "0.1,2"}).start()
    try:
        apigw = server.client()
        created = apigw.create_rest_api(name="account")
        api_id, _ = keyed_api(apigw, (created["id"], created["rootResourceId"]), required=False)
        replies = [invoke(server.endpoint, api_id, "dev", "/pets") for _ in range(3)]
        assert [r.status for r in replies] == [200, 200, 429]
        assert replies[2].json() == {"message": "Too Many Requests"}
        # GetAccount keeps answering the account's own settings (AWS's defaults).
        assert apigw.get_account()["throttleSettings"] == {"burstLimit": 5000, "rateLimit": 10000.0}
    finally:
        server.cleanup()
