"""RestApi operations: CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi.

Shapes, defaults, status codes and messages as recorded on AWS.
"""
import datetime
import json
import re

import pytest
import requests

from cp_support import (api_not_found, bad_request, body, conflict, err, is_client_error, op_clause, status,
                        validation)

pytestmark = pytest.mark.usefixtures("request_id_check")

DEFAULT_KEYS = {"apiKeySource", "createdDate", "disableExecuteApiEndpoint", "endpointConfiguration", "id", "name",
                "rootResourceId"}

TYPES_CLAUSE = ("Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: "
                "Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]")
IP_CLAUSE = ("Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy "
             "constraint: Member must satisfy enum value set: [ipv4, dualstack]")


def test_create_defaults(apigw):
    created = apigw.create_rest_api(name="plain")
    assert status(created) == 201
    out = body(created)
    assert set(out) == DEFAULT_KEYS
    assert out["name"] == "plain"
    assert out["apiKeySource"] == "HEADER"
    assert out["disableExecuteApiEndpoint"] is False
    assert out["endpointConfiguration"] == {"ipAddressType": "ipv4", "types": ["EDGE"]}
    assert re.fullmatch(r"[a-z0-9]{10}", out["id"])
    assert re.fullmatch(r"[a-z0-9]{10}", out["rootResourceId"])
    assert isinstance(out["createdDate"], datetime.datetime)


def test_created_date_is_whole_epoch_seconds_on_the_wire(apigw, portico):
    api_id = apigw.create_rest_api(name="wire")["id"]
    raw = requests.get(f"{portico.endpoint}/restapis/{api_id}", timeout=5)
    assert raw.status_code == 200
    created = raw.json()["createdDate"]
    assert isinstance(created, int)
    assert abs(created - datetime.datetime.now().timestamp()) < 120


def test_create_with_optional_members(apigw):
    created = body(apigw.create_rest_api(
        name="full", description="this is my api", version="v1", binaryMediaTypes=["image/png"],
        minimumCompressionSize=1024, apiKeySource="AUTHORIZER", disableExecuteApiEndpoint=True,
        tags={"MY_TAG1": "MY_VALUE1"}))
    assert set(created) == DEFAULT_KEYS | {"description", "version", "binaryMediaTypes", "minimumCompressionSize",
                                           "tags"}
    assert created["description"] == "this is my api"
    assert created["version"] == "v1"
    assert created["binaryMediaTypes"] == ["image/png"]
    assert created["minimumCompressionSize"] == 1024
    assert created["apiKeySource"] == "AUTHORIZER"
    assert created["disableExecuteApiEndpoint"] is True
    assert created["tags"] == {"MY_TAG1": "MY_VALUE1"}


def test_create_with_empty_binary_media_types_leaves_the_key_out(apigw):
    created = body(apigw.create_rest_api(name="bin", binaryMediaTypes=[]))
    assert set(created) == DEFAULT_KEYS


def test_tags_shown_on_create_get_and_list(apigw):
    api_id = apigw.create_rest_api(name="tagged", description="this is my api", tags={"MY_TAG1": "MY_VALUE1"})["id"]
    assert apigw.get_rest_api(restApiId=api_id)["tags"] == {"MY_TAG1": "MY_VALUE1"}
    [item] = apigw.get_rest_apis()["items"]
    assert item["tags"] == {"MY_TAG1": "MY_VALUE1"}


@pytest.mark.parametrize("config, expected", [
    ({"types": ["EDGE"]}, {"ipAddressType": "ipv4", "types": ["EDGE"]}),
    ({"types": ["REGIONAL"]}, {"ipAddressType": "ipv4", "types": ["REGIONAL"]}),
    ({"types": ["PRIVATE"]}, {"ipAddressType": "dualstack", "types": ["PRIVATE"]}),
    ({"types": ["EDGE"], "ipAddressType": "dualstack"}, {"ipAddressType": "dualstack", "types": ["EDGE"]}),
    ({"types": ["REGIONAL"], "ipAddressType": "ipv4"}, {"ipAddressType": "ipv4", "types": ["REGIONAL"]}),
])
def test_endpoint_configuration_defaults(apigw, config, expected):
    created = apigw.create_rest_api(name="ep", endpointConfiguration=config)
    assert status(created) == 201
    assert created["endpointConfiguration"] == expected


@pytest.mark.parametrize("kwargs, expected", [
    ({"description": ""}, bad_request("Description cannot be an empty string")),
    ({"minimumCompressionSize": -1}, bad_request("Invalid minimum compression size, must be between 0 and 10485760")),
    ({"minimumCompressionSize": 10485761},
     bad_request("Invalid minimum compression size, must be between 0 and 10485760")),
    ({"endpointConfiguration": {"types": []}},
     bad_request("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.")),
    ({"endpointConfiguration": {"types": ["EDGE", "REGIONAL"]}},
     bad_request("Cannot create an api with multiple Endpoint Types.")),
    ({"endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "ipv4"}},
     bad_request("Only dualstack ipAddressType is supported for Private APIs.")),
    ({"endpointConfiguration": {"types": ["EDGE"], "ipAddressType": "wrong"}}, validation(IP_CLAUSE)),
    ({"endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "wrong"}}, validation(IP_CLAUSE)),
    ({"endpointConfiguration": {"types": ["wrong"], "ipAddressType": "ipv4"}}, validation(TYPES_CLAUSE)),
    ({"endpointConfiguration": {"ipAddressType": "wrong", "types": ["wrong"]}}, validation(TYPES_CLAUSE, IP_CLAUSE)),
    ({"endpointConfiguration": {"types": ["wrong"], "ipAddressType": "wrong"}}, validation(TYPES_CLAUSE, IP_CLAUSE)),
    # Constraint validation wins over the business checks of description and compression size.
    ({"description": "", "minimumCompressionSize": -1,
      "endpointConfiguration": {"ipAddressType": "wrong", "types": ["wrong"]}}, validation(TYPES_CLAUSE, IP_CLAUSE)),
    ({"description": "", "endpointConfiguration": {"types": ["wrong"]}}, validation(TYPES_CLAUSE)),
    # The description check runs before the compression-size and private/ipv4 checks.
    ({"description": "", "minimumCompressionSize": -1,
      "endpointConfiguration": {"ipAddressType": "ipv4", "types": ["EDGE"]}},
     bad_request("Description cannot be an empty string")),
    ({"description": "", "endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "ipv4"}},
     bad_request("Description cannot be an empty string")),
])
def test_create_errors_create_nothing(apigw, kwargs, expected):
    assert err(apigw.create_rest_api, name="bad", **kwargs) == expected
    assert apigw.get_rest_apis()["items"] == []


def test_custom_id_tag_fixes_the_id(apigw, portico):
    # LocalStack's and moto's `_custom_id_` extension: the tag names the id and stays a tag.
    created = apigw.create_rest_api(name="fixed", tags={"_custom_id_": "my-api_1"})
    assert created["id"] == "my-api_1"
    assert created["tags"] == {"_custom_id_": "my-api_1"}
    assert apigw.get_rest_api(restApiId="my-api_1")["name"] == "fixed"
    apigw.put_method(restApiId="my-api_1", resourceId=created["rootResourceId"], httpMethod="GET",
                     authorizationType="NONE")
    apigw.put_integration(restApiId="my-api_1", resourceId=created["rootResourceId"], httpMethod="GET",
                          type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_integration_response(restApiId="my-api_1", resourceId=created["rootResourceId"], httpMethod="GET",
                                   statusCode="200", responseTemplates={"application/json": '{"ok": 1}'})
    apigw.create_deployment(restApiId="my-api_1", stageName="dev")
    answer = requests.get(f"{portico.endpoint}/_aws/execute-api/my-api_1/dev/")
    assert (answer.status_code, answer.json()) == (200, {"ok": 1})
    # The same id twice is a conflict that creates nothing; a bad id is refused.
    assert err(apigw.create_rest_api, name="again", tags={"_custom_id_": "my-api_1"}) == \
        conflict("A REST API with the id my-api_1 already exists")
    assert err(apigw.create_rest_api, name="bad", tags={"_custom_id_": "a/b"})[:2] == (400, "BadRequestException")
    # Host names ignore case, so an uppercase id is refused (LocalStack's message).
    assert err(apigw.create_rest_api, name="bad", tags={"_custom_id_": "testId123"}) == \
        bad_request("The RestApiId 'testId123' cannot contain uppercase characters")
    assert [api["name"] for api in apigw.get_rest_apis()["items"]] == ["fixed"]


def test_get_rest_api_carries_empty_tags(apigw):
    created = body(apigw.create_rest_api(name="get-me", description="d"))
    got = apigw.get_rest_api(restApiId=created["id"])
    assert status(got) == 200
    assert body(got) == dict(created, tags={})


def test_get_unknown_and_upper_case_ids(apigw):
    api_id = apigw.create_rest_api(name="lower case api")["id"]
    assert err(apigw.get_rest_api, restApiId="api_id") == api_not_found("api_id")
    assert err(apigw.get_rest_api, restApiId=api_id.upper()) == api_not_found(api_id.upper())


def test_get_rest_apis_lists_without_tags_and_empty_list_is_present(apigw):
    listed = apigw.get_rest_apis()
    assert status(listed) == 200
    assert listed["items"] == []
    first = body(apigw.create_rest_api(name="one", description="this is my api"))
    second = body(apigw.create_rest_api(name="two", description="this is my api2"))
    items = sorted(apigw.get_rest_apis()["items"], key=lambda item: item["name"])
    assert items == [first, second]
    assert all("tags" not in item for item in items)
    assert "position" not in apigw.get_rest_apis()


def test_get_rest_apis_paging(apigw):
    ids = {apigw.create_rest_api(name=f"api-{n}")["id"] for n in range(5)}
    seen = []
    page = apigw.get_rest_apis(limit=2)
    pages = 0
    while True:
        pages += 1
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        if "position" not in page:
            break
        page = apigw.get_rest_apis(limit=2, position=page["position"])
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == ids


def test_get_rest_apis_limit_out_of_range_is_not_an_error(apigw):
    # Recorded for GetApiKeys (same paging front end): limit=-1 answers 200.
    apigw.create_rest_api(name="only")
    assert status(apigw.get_rest_apis(limit=-1)) == 200


def test_get_rest_apis_unknown_position_is_a_client_error(apigw):
    # Not recorded on AWS: Portico answers 400 BadRequestException.
    apigw.create_rest_api(name="only")
    assert is_client_error(err(apigw.get_rest_apis, position="nonsense"), "BadRequestException")


def test_delete_rest_api(apigw):
    first = apigw.create_rest_api(name="one")["id"]
    second = apigw.create_rest_api(name="two")["id"]
    deleted = apigw.delete_rest_api(restApiId=first)
    assert status(deleted) == 202
    assert body(deleted) == {}
    assert [item["id"] for item in apigw.get_rest_apis()["items"]] == [second]
    assert err(apigw.get_rest_api, restApiId=first) == api_not_found(first)
    # DeleteRestApi on an unknown id is not recorded on AWS: asserted by type.
    assert is_client_error(err(apigw.delete_rest_api, restApiId=first), "NotFoundException")


# --- UpdateRestApi ---------------------------------------------------------------------------

def update(apigw, api_id, *ops):
    return apigw.update_rest_api(restApiId=api_id, patchOperations=list(ops))


def test_update_binary_media_types_add_replace_remove(apigw):
    api_id = apigw.create_rest_api(name="bin", description="this is my api")["id"]
    added = update(apigw, api_id, {"op": "add", "path": "/binaryMediaTypes/image~1png"},
                   {"op": "add", "path": "/binaryMediaTypes/image~1jpeg"})
    assert status(added) == 200
    assert added["binaryMediaTypes"] == ["image/png", "image/jpeg"]
    assert added["description"] == "this is my api"
    assert added["tags"] == {}
    replaced = update(apigw, api_id, {"op": "replace", "path": "/binaryMediaTypes/image~1png", "value": "image/gif"})
    assert replaced["binaryMediaTypes"] == ["image/jpeg", "image/gif"]
    removed = update(apigw, api_id, {"op": "remove", "path": "/binaryMediaTypes/image~1gif"},
                     {"op": "remove", "path": "/description"})
    assert removed["binaryMediaTypes"] == ["image/jpeg"]
    assert "description" not in removed
    assert apigw.get_rest_api(restApiId=api_id)["binaryMediaTypes"] == ["image/jpeg"]


def test_update_binary_media_types_dash_and_base_path(apigw):
    api_id = apigw.create_rest_api(name="bin", description="this is my api")["id"]
    dashed = update(apigw, api_id, {"op": "add", "path": "/binaryMediaTypes/-", "value": "image/png"})
    assert dashed["binaryMediaTypes"] == ["-"]
    for op in ({"op": "add", "path": "/binaryMediaTypes", "value": "image/gif"},
               {"op": "replace", "path": "/binaryMediaTypes", "value": "image/gif"},
               {"op": "remove", "path": "/binaryMediaTypes"}):
        assert err(apigw.update_rest_api, restApiId=api_id, patchOperations=[op]) == \
            bad_request("Invalid patch path /binaryMediaTypes")
    assert apigw.get_rest_api(restApiId=api_id)["binaryMediaTypes"] == ["-"]


def test_update_minimum_compression_size(apigw):
    api_id = apigw.create_rest_api(name="zip", description="this is my api")["id"]
    path = "/minimumCompressionSize"
    assert update(apigw, api_id, {"op": "replace", "path": path, "value": "10"})["minimumCompressionSize"] == 10
    assert "minimumCompressionSize" not in update(apigw, api_id, {"op": "replace", "path": path, "value": ""})
    assert update(apigw, api_id, {"op": "replace", "path": path, "value": "10"})["minimumCompressionSize"] == 10
    # The guide: omitting the value disables compression too.
    assert "minimumCompressionSize" not in update(apigw, api_id, {"op": "replace", "path": path})
    assert update(apigw, api_id, {"op": "replace", "path": path, "value": "0"})["minimumCompressionSize"] == 0
    for value in ("-1", "test"):
        assert err(apigw.update_rest_api, restApiId=api_id,
                   patchOperations=[{"op": "replace", "path": path, "value": value}]) == \
            bad_request("Invalid minimum compression size, must be between 0 and 10485760")
    assert err(apigw.update_rest_api, restApiId=api_id,
               patchOperations=[{"op": "add", "path": path, "value": "10"}]) == \
        bad_request("Invalid patch operation specified. Must be one of: [replace]")
    assert apigw.get_rest_api(restApiId=api_id)["minimumCompressionSize"] == 0


def test_update_endpoint_configuration(apigw):
    api_id = apigw.create_rest_api(name="ep")["id"]
    types = "/endpointConfiguration/types/0"
    ip = "/endpointConfiguration/ipAddressType"
    private = update(apigw, api_id, {"op": "replace", "path": types, "value": "EDGE"},
                     {"op": "replace", "path": types, "value": "REGIONAL"},
                     {"op": "replace", "path": types, "value": "PRIVATE"})
    assert private["endpointConfiguration"] == {"ipAddressType": "dualstack", "types": ["PRIVATE"]}
    cases = [
        ({"op": "replace", "path": ip, "value": "ipv4"},
         bad_request("Only dualstack ipAddressType is supported for Private APIs.")),
        ({"op": "replace", "path": ip, "value": "wrong"}, bad_request("ipAddressType must be either ipv4 or dualstack.")),
        ({"op": "replace", "path": types, "value": "wrong"},
         bad_request("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE")),
        ({"op": "remove", "path": ip, "value": "dualstack"},
         bad_request("Invalid patch operation specified. Must be one of: [replace]")),
        ({"op": "remove", "path": types, "value": "EDGE"},
         bad_request("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")),
    ]
    for op, expected in cases:
        assert err(apigw.update_rest_api, restApiId=api_id, patchOperations=[op]) == expected, op
    kept = update(apigw, api_id, {"op": "replace", "path": ip, "value": "dualstack"})
    assert kept["endpointConfiguration"] == {"ipAddressType": "dualstack", "types": ["PRIVATE"]}
    regional = update(apigw, api_id, {"op": "replace", "path": types, "value": "REGIONAL"},
                      {"op": "replace", "path": ip, "value": "ipv4"})
    assert regional["endpointConfiguration"] == {"ipAddressType": "ipv4", "types": ["REGIONAL"]}


def test_update_scalar_members(apigw):
    api_id = apigw.create_rest_api(name="old")["id"]
    out = update(apigw, api_id, {"op": "replace", "path": "/name", "value": "new"},
                 {"op": "replace", "path": "/description", "value": "described"},
                 {"op": "replace", "path": "/version", "value": "v2"},
                 {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"},
                 {"op": "replace", "path": "/disableExecuteApiEndpoint", "value": "true"})
    assert (out["name"], out["description"], out["version"], out["apiKeySource"], out["disableExecuteApiEndpoint"]) \
        == ("new", "described", "v2", "AUTHORIZER", True)
    assert body(apigw.get_rest_api(restApiId=api_id)) == body(out)


def test_update_policy_rewrites_execute_api_resources(apigw):
    api_id = apigw.create_rest_api(name="pol")["id"]
    statement = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/*"]}]}
    out = update(apigw, api_id, {"op": "replace", "path": "/policy", "value": json.dumps(statement)})
    # AWS returns the policy as a JSON text whose quotes are backslash-escaped.
    assert '\\"' in out["policy"]
    policy = json.loads(out["policy"].encode().decode("unicode_escape"))
    assert policy == {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
         "Resource": f"arn:aws:execute-api:us-east-1:000000000000:{api_id}/*"}]}
    assert apigw.get_rest_api(restApiId=api_id)["policy"] == out["policy"]


def test_update_bad_ops_are_validation_errors_before_paths(apigw):
    api_id = apigw.create_rest_api(name="ops")["id"]
    ip = {"op": "wrong", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"}
    types = {"op": "wrong", "path": "/endpointConfiguration/types/0", "value": "EDGE"}
    base = {"op": "wrong", "path": "/binaryMediaTypes", "value": "image/gif"}
    clause = lambda i: op_clause("updateRestApiInput", i)  # noqa: E731
    assert err(apigw.update_rest_api, restApiId=api_id, patchOperations=[ip, ip]) == validation(clause(1), clause(2))
    assert err(apigw.update_rest_api, restApiId=api_id, patchOperations=[types, types]) == \
        validation(clause(1), clause(2))
    assert err(apigw.update_rest_api, restApiId=api_id, patchOperations=[ip, types, base]) == \
        validation(clause(1), clause(2), clause(3))


def test_update_unknown_api(apigw):
    assert err(apigw.update_rest_api, restApiId="api_id",
               patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]) == api_not_found("api_id")
