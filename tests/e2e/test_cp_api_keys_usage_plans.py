"""API keys, usage plans, usage-plan keys and usage: shapes, AWS's messages, the patch paths
deploy tools send (Terraform, Zappa), and restart persistence."""
import datetime

import pytest

from cp_support import bad_request, body, conflict, err, not_found, status

pytestmark = pytest.mark.usefixtures("request_id_check")

KEY_NOT_FOUND = not_found("Invalid API Key identifier specified")
PLAN_NOT_FOUND = not_found("Invalid Usage Plan ID specified")


@pytest.fixture
def staged_api(apigw, mock_method):
    api_id, _ = mock_method
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id


def test_api_key_shapes(apigw):
    created = apigw.create_api_key(name="k1")
    assert status(created) == 201
    kid = created["id"]
    assert set(body(created)) == {"id", "value", "name", "enabled", "createdDate", "lastUpdatedDate", "stageKeys"}
    assert created["enabled"] is False and created["stageKeys"] == [] and len(created["value"]) == 40
    got = apigw.get_api_key(apiKey=kid)
    assert "value" not in got and got["tags"] == {}
    assert apigw.get_api_key(apiKey=kid, includeValue=True)["value"] == created["value"]
    listed = apigw.get_api_keys()["items"]
    assert [k["id"] for k in listed] == [kid] and "value" not in listed[0] and "tags" not in listed[0]
    assert apigw.get_api_keys(includeValues=True)["items"][0]["value"] == created["value"]
    nameless = apigw.create_api_key(name="", value="")
    assert "name" not in nameless and len(nameless["value"]) == 40


def test_api_key_validation(apigw):
    create = apigw.create_api_key
    assert err(create, name="a" * 1025) == bad_request("Invalid API Key name, can be at most 1024 characters.")
    assert err(create, name="k", value="short") == bad_request("API Key value should be at least 20 characters")
    assert err(create, name="k", value="a" * 129) == bad_request("API Key value exceeds maximum size of 128 characters")
    assert err(create, name="k", description="a" * 125001) == bad_request("Invalid API Key description specified.")
    given = create(name="mine", value="x" * 30, enabled=True, customerId="c-1")
    assert given["value"] == "x" * 30 and given["enabled"] is True and given["customerId"] == "c-1"
    assert err(create, name="dup", value="x" * 30) == conflict("API Key already exists")
    assert err(apigw.get_api_key, apiKey="missing") == KEY_NOT_FOUND
    assert err(apigw.delete_api_key, apiKey="missing") == KEY_NOT_FOUND
    assert len(apigw.get_api_keys()["items"]) == 1


def test_get_api_keys_filters_and_pages(apigw):
    for name in ("test-key-1", "test-key-2", "other"):
        apigw.create_api_key(name=name)
    assert {k["name"] for k in apigw.get_api_keys(nameQuery="test-key")["items"]} == {"test-key-1", "test-key-2"}
    assert apigw.get_api_keys(nameQuery="TEST-key")["items"] == []
    assert apigw.get_api_keys(nameQuery="key-1")["items"] == []
    first = apigw.get_api_keys(limit=2)
    assert len(first["items"]) == 2 and "position" in first
    rest = apigw.get_api_keys(limit=2, position=first["position"])
    assert len(rest["items"]) == 1 and "position" not in rest
    assert apigw.get_api_keys(limit=-1)["items"] == []


def test_update_api_key(apigw, staged_api):
    kid = apigw.create_api_key(name="k")["id"]
    update = apigw.update_api_key
    updated = update(apiKey=kid, patchOperations=[
        {"op": "replace", "path": "/name", "value": "renamed"}, {"op": "replace", "path": "/enabled", "value": "true"},
        {"op": "replace", "path": "/description", "value": "d"}, {"op": "replace", "path": "/customerId", "value": "c"},
        {"op": "add", "path": "/stages", "value": f"{staged_api}/dev"}])
    assert updated["name"] == "renamed" and updated["enabled"] is True and updated["customerId"] == "c"
    assert updated["stageKeys"] == [f"{staged_api}/dev"] and updated["tags"] == {} and "value" not in updated
    assert update(apiKey=kid, patchOperations=[{"op": "replace", "path": "/enabled", "value": "not-a-boolean"}])["enabled"] is False
    assert update(apiKey=kid, patchOperations=[{"op": "remove", "path": "/stages", "value": f"{staged_api}/dev"}])["stageKeys"] == []
    assert err(update, apiKey=kid, patchOperations=[{"op": "replace", "path": "/id", "value": "x"}]) == bad_request(
        "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]")
    assert err(update, apiKey=kid, patchOperations=[{"op": "add", "path": "/stages", "value": "nope/dev"}]) == \
        bad_request("Invalid REST API identifier specified")


def test_usage_plan_lifecycle(apigw, staged_api):
    created = apigw.create_usage_plan(name="gold", description="d", apiStages=[{"apiId": staged_api, "stage": "dev"}],
                                      throttle={"rateLimit": 2, "burstLimit": 1},
                                      quota={"limit": 10, "period": "DAY", "offset": 0}, tags={"t": "v"})
    assert status(created) == 201
    pid = created["id"]
    assert body(created) == {"id": pid, "name": "gold", "description": "d", "apiStages": [{"apiId": staged_api, "stage": "dev"}],
                             "throttle": {"burstLimit": 1, "rateLimit": 2.0}, "quota": {"limit": 10, "offset": 0, "period": "DAY"},
                             "tags": {"t": "v"}}
    minimal = apigw.create_usage_plan(name="bronze")
    assert body(minimal) == {"id": minimal["id"], "name": "bronze", "apiStages": []}
    assert apigw.get_usage_plan(usagePlanId=minimal["id"])["tags"] == {}
    listed = {p["name"]: p for p in apigw.get_usage_plans()["items"]}
    assert set(listed) == {"gold", "bronze"} and "tags" not in listed["gold"]
    assert status(apigw.delete_usage_plan(usagePlanId=minimal["id"])) == 202
    assert err(apigw.get_usage_plan, usagePlanId=minimal["id"]) == PLAN_NOT_FOUND


def test_update_usage_plan_paths(apigw, staged_api):
    pid = apigw.create_usage_plan(name="p", apiStages=[{"apiId": staged_api, "stage": "dev"}])["id"]
    update = apigw.update_usage_plan
    updated = update(usagePlanId=pid, patchOperations=[
        {"op": "replace", "path": "/throttle/burstLimit", "value": "100"},
        {"op": "replace", "path": "/throttle/rateLimit", "value": "200"},
        {"op": "replace", "path": "/quota/period", "value": "MONTH"},
        {"op": "replace", "path": "/quota/limit", "value": "5000"},
        # Terraform: the resource path keeps its raw slashes.
        {"op": "replace", "path": f"/apiStages/{staged_api}:dev/throttle//pets/GET/rateLimit", "value": "10"},
        {"op": "replace", "path": f"/apiStages/{staged_api}:dev/throttle//pets/GET/burstLimit", "value": "5"}])
    assert updated["throttle"] == {"burstLimit": 100, "rateLimit": 200.0}
    assert updated["quota"] == {"limit": 5000, "offset": 0, "period": "MONTH"}
    assert updated["apiStages"] == [{"apiId": staged_api, "stage": "dev", "throttle": {"/pets/GET": {"burstLimit": 5, "rateLimit": 10.0}}}]
    assert updated["tags"] == {}
    cleared = update(usagePlanId=pid, patchOperations=[{"op": "remove", "path": "/throttle"}, {"op": "remove", "path": "/quota"},
                                                        {"op": "remove", "path": "/apiStages", "value": f"{staged_api}:dev"}])
    assert "throttle" not in cleared and "quota" not in cleared and cleared["apiStages"] == []
    assert err(update, usagePlanId="nope", patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]) == PLAN_NOT_FOUND
    assert err(update, usagePlanId=pid, patchOperations=[{"op": "remove", "path": "/apiStages"}]) == \
        bad_request("Invalid API Stage specified")
    assert err(update, usagePlanId=pid, patchOperations=[{"op": "remove", "path": "/apiStages", "value": "fakevalue"}]) == \
        bad_request("Invalid API Stage specified")
    assert err(update, usagePlanId=pid, patchOperations=[{"op": "add", "path": "/apiStages", "value": f"{staged_api}b:dev"}]) == \
        not_found(f"Invalid API Stage {{api: {staged_api}b, stage: dev}} specified for usageplan {pid}")
    assert err(update, usagePlanId=pid, patchOperations=[{"op": "remove", "path": "/apiStages", "value": f"{staged_api}:fake"}]) == \
        not_found(f"Invalid API Stage {{api: {staged_api}, stage: fake}} specified for usageplan {pid}")


def test_usage_plan_keys(apigw):
    pid = apigw.create_usage_plan(name="p")["id"]
    keys = [apigw.create_api_key(name=f"test-key-{i}") for i in range(2)]
    member = apigw.create_usage_plan_key(usagePlanId=pid, keyId=keys[0]["id"], keyType="API_KEY")
    assert status(member) == 201
    assert body(member) == {"id": keys[0]["id"], "name": "test-key-0", "type": "API_KEY", "value": keys[0]["value"]}
    apigw.create_usage_plan_key(usagePlanId=pid, keyId=keys[1]["id"], keyType="API_KEY")
    assert len(apigw.get_usage_plan_keys(usagePlanId=pid)["items"]) == 2
    assert [k["name"] for k in apigw.get_usage_plan_keys(usagePlanId=pid, nameQuery="test-key-1")["items"]] == ["test-key-1"]
    assert apigw.get_usage_plan_keys(usagePlanId=pid, nameQuery="TEST")["items"] == []
    assert apigw.get_usage_plan_keys(usagePlanId="bad-id")["items"] == []
    assert body(apigw.get_usage_plan_key(usagePlanId=pid, keyId=keys[0]["id"])) == body(member)
    assert [p["id"] for p in apigw.get_usage_plans(keyId=keys[0]["id"])["items"]] == [pid]
    assert err(apigw.create_usage_plan_key, usagePlanId=pid, keyId="missing", keyType="API_KEY") == KEY_NOT_FOUND
    assert err(apigw.create_usage_plan_key, usagePlanId="nope", keyId=keys[0]["id"], keyType="API_KEY") == PLAN_NOT_FOUND
    assert status(apigw.delete_usage_plan_key(usagePlanId=pid, keyId=keys[1]["id"])) == 202
    apigw.delete_api_key(apiKey=keys[0]["id"])
    assert apigw.get_usage_plan_keys(usagePlanId=pid)["items"] == []


def test_usage_is_reported_per_key_and_day(apigw):
    pid = apigw.create_usage_plan(name="p", quota={"limit": 100, "period": "DAY"})["id"]
    kid = apigw.create_api_key(name="k")["id"]
    apigw.create_usage_plan_key(usagePlanId=pid, keyId=kid, keyType="API_KEY")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = (today - datetime.timedelta(days=2)).isoformat()
    usage = apigw.get_usage(usagePlanId=pid, startDate=start, endDate=today.isoformat())
    assert usage["usagePlanId"] == pid and usage["startDate"] == start and usage["endDate"] == today.isoformat()
    assert usage["items"] == {kid: [[0, 100], [0, 100], [0, 100]]}
    updated = apigw.update_usage(usagePlanId=pid, keyId=kid, patchOperations=[{"op": "replace", "path": "/remaining", "value": "40"}])
    assert updated["items"] == {kid: [[60, 40]]}
    assert err(apigw.get_usage, usagePlanId="nope", startDate=start, endDate=start) == PLAN_NOT_FOUND


def test_import_api_keys(apigw):
    pid = apigw.create_usage_plan(name="p")["id"]
    csv = ("Name,Key,Description,Enabled,UsagePlanIds\n"
           f"first,{'a' * 20},imported,TRUE,{pid}\n"
           "second,short,bad,FALSE,\n")
    result = apigw.import_api_keys(body=csv.encode(), format="csv")
    assert status(result) == 201 and len(result["ids"]) == 1 and len(result["warnings"]) == 1
    key = apigw.get_api_key(apiKey=result["ids"][0], includeValue=True)
    assert key["name"] == "first" and key["value"] == "a" * 20 and key["enabled"] is True
    assert [k["id"] for k in apigw.get_usage_plan_keys(usagePlanId=pid)["items"]] == result["ids"]
    refused = err(apigw.import_api_keys, body=f"Key\n{'b' * 20}\nshort\n".encode(), format="csv", failOnWarnings=True)
    assert refused[0] == 400 and refused[1] == "BadRequestException"
    assert len(apigw.get_api_keys()["items"]) == 1


def test_keys_and_plans_survive_restart(fresh_server):
    apigw = fresh_server.client()
    kid = apigw.create_api_key(name="durable", enabled=True)["id"]
    pid = apigw.create_usage_plan(name="p", quota={"limit": 5, "period": "WEEK"})["id"]
    apigw.create_usage_plan_key(usagePlanId=pid, keyId=kid, keyType="API_KEY")
    fresh_server.restart()
    apigw = fresh_server.client()
    assert apigw.get_api_key(apiKey=kid)["enabled"] is True
    assert apigw.get_usage_plan(usagePlanId=pid)["quota"]["period"] == "WEEK"
    assert [k["id"] for k in apigw.get_usage_plan_keys(usagePlanId=pid)["items"]] == [kid]
