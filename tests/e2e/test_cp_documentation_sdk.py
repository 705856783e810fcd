"""Documentation parts and versions (with import), SDK types, stage caches, model templates."""
import json

import pytest

from cp_support import api_not_found, bad_request, body, err, not_found, status, validation

pytestmark = pytest.mark.usefixtures("request_id_check")

PART_NOT_FOUND = not_found("Invalid Documentation part identifier specified")


def test_documentation_part_path_defaults_to_root_and_list_order(apigw, rest_api):
    api_id, _ = rest_api
    create = apigw.create_documentation_part
    response = create(restApiId=api_id, location={"type": "RESPONSE", "method": "GET", "statusCode": "200"}, properties="{}")
    assert response["location"] == {"type": "RESPONSE", "path": "/", "method": "GET", "statusCode": "200"}
    create(restApiId=api_id, location={"type": "MODEL", "name": "Empty"}, properties="{}")
    create(restApiId=api_id, location={"type": "METHOD", "method": "GET"}, properties="{}")
    create(restApiId=api_id, location={"type": "API"}, properties="{}")
    # Listed by location (AWS's recorded order for an imported API: API, METHOD, MODEL, RESPONSE).
    items = apigw.get_documentation_parts(restApiId=api_id)["items"]
    assert [(i["location"]["type"], i["location"].get("path")) for i in items] == \
        [("API", None), ("METHOD", "/"), ("MODEL", None), ("RESPONSE", "/")]
    # An unknown type: AWS's own order of the value set (recorded).
    assert err(create, restApiId=api_id, location={"type": "INVALID"}, properties="{}") == validation(
        "Value 'INVALID' at 'createDocumentationPartInput.location.type' failed to satisfy constraint: Member must "
        "satisfy enum value set: [RESPONSE_BODY, RESPONSE, METHOD, MODEL, AUTHORIZER, RESPONSE_HEADER, RESOURCE, "
        "PATH_PARAMETER, REQUEST_BODY, QUERY_PARAMETER, API, REQUEST_HEADER]")


def test_documentation_part_lifecycle(apigw, rest_api):
    api_id, _ = rest_api
    created = apigw.create_documentation_part(restApiId=api_id, location={"type": "API"},
                                              properties=json.dumps({"description": "the API"}))
    assert status(created) == 201
    pid = created["id"]
    assert body(created) == {"id": pid, "location": {"type": "API"}, "properties": json.dumps({"description": "the API"})}
    method = apigw.create_documentation_part(restApiId=api_id, location={"type": "METHOD", "path": "/pets", "method": "GET"},
                                             properties='{"summary": "list"}')
    assert method["location"] == {"type": "METHOD", "path": "/pets", "method": "GET"}
    assert {p["id"] for p in apigw.get_documentation_parts(restApiId=api_id)["items"]} == {pid, method["id"]}
    assert [p["id"] for p in apigw.get_documentation_parts(restApiId=api_id, type="METHOD")["items"]] == [method["id"]]
    updated = apigw.update_documentation_part(restApiId=api_id, documentationPartId=pid, patchOperations=[
        {"op": "replace", "path": "/properties", "value": '{"description": "changed"}'}])
    assert updated["properties"] == '{"description": "changed"}'
    assert status(apigw.delete_documentation_part(restApiId=api_id, documentationPartId=pid)) == 202
    assert err(apigw.delete_documentation_part, restApiId=api_id, documentationPartId=pid) == PART_NOT_FOUND


def test_documentation_part_errors(apigw, rest_api):
    api_id, _ = rest_api
    assert err(apigw.create_documentation_part, restApiId="test-fake-rest-id", location={"type": "API"}, properties="{}") == \
        api_not_found("test-fake-rest-id")
    assert err(apigw.get_documentation_part, restApiId="api_id", documentationPartId="x") == PART_NOT_FOUND
    assert err(apigw.delete_documentation_part, restApiId="api_id", documentationPartId="x") == api_not_found("api_id")
    pid = apigw.create_documentation_part(restApiId=api_id, location={"type": "API"}, properties="{}")["id"]
    update = apigw.update_documentation_part
    assert err(update, restApiId=api_id, documentationPartId=pid, patchOperations=[{"op": "add", "path": "/properties", "value": "{}"}]) == \
        bad_request("Invalid patch path  '/properties' specified for op 'add'. Please choose supported operations")
    assert err(update, restApiId=api_id, documentationPartId=pid, patchOperations=[{"op": "replace", "path": "/invalidPath", "value": "x"}]) == \
        bad_request("Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/properties]")


def test_import_documentation_parts(apigw, rest_api):
    api_id, _ = rest_api
    spec = """
openapi: 3.0.0
info: {title: pets, version: "1"}
paths: {}
x-amazon-apigateway-documentation:
  version: "1.0"
  documentationParts:
    - location: {type: API}
      properties: {description: Pets API}
    - location: {type: METHOD, path: /pets, method: GET}
      properties: {summary: List pets}
    - location: {type: MODEL, name: Pet}
      properties: {title: Pet}
"""
    result = apigw.import_documentation_parts(restApiId=api_id, mode="overwrite", body=spec.encode())
    assert status(result) == 200 and len(result["ids"]) == 3 and "warnings" not in result
    parts = apigw.get_documentation_parts(restApiId=api_id)["items"]
    assert {p["location"]["type"] for p in parts} == {"API", "METHOD", "MODEL"}
    assert json.loads(next(p for p in parts if p["location"]["type"] == "API")["properties"]) == {"description": "Pets API"}
    again = apigw.import_documentation_parts(restApiId=api_id, mode="overwrite", body=spec.encode())
    assert len(apigw.get_documentation_parts(restApiId=api_id)["items"]) == 3 and set(again["ids"]).isdisjoint(result["ids"])
    assert err(apigw.import_documentation_parts, restApiId=api_id, mode="overwrite", body=b"{not: [valid") == \
        bad_request("Unable to build importer with provided input.")


def test_documentation_versions(apigw, mock_method):
    api_id, _ = mock_method
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    created = apigw.create_documentation_version(restApiId=api_id, documentationVersion="v123", stageName="dev")
    assert status(created) == 201 and set(body(created)) == {"version", "createdDate"}
    assert apigw.get_stage(restApiId=api_id, stageName="dev")["documentationVersion"] == "v123"
    updated = apigw.update_documentation_version(restApiId=api_id, documentationVersion="v123", patchOperations=[
        {"op": "replace", "path": "/description", "value": "doc version new"}])
    assert updated["description"] == "doc version new"
    assert [v["version"] for v in apigw.get_documentation_versions(restApiId=api_id)["items"]] == ["v123"]
    assert status(apigw.delete_documentation_version(restApiId=api_id, documentationVersion="v123")) == 202


def test_sdk_types_and_get_sdk(apigw, mock_method):
    api_id, _ = mock_method
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    types = {t["id"]: t for t in apigw.get_sdk_types()["items"]}
    assert {"android", "java", "javascript", "objectivec", "ruby", "swift"} <= set(types)
    assert apigw.get_sdk_type(id="java")["friendlyName"] == "Java SDK"
    code, kind, _ = err(apigw.get_sdk_type, id="cobol")
    assert (code, kind) == (404, "NotFoundException")
    assert err(apigw.get_sdk, restApiId="nope", stageName="dev", sdkType="java")[0] == 404
    code, kind, message = err(apigw.get_sdk, restApiId=api_id, stageName="dev", sdkType="javascript")
    assert (code, kind) == (501, "NotImplementedException") and "SDK" in message


def test_flush_stage_caches(apigw, mock_method):
    api_id, _ = mock_method
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert status(apigw.flush_stage_cache(restApiId=api_id, stageName="dev")) == 202
    assert status(apigw.flush_stage_authorizers_cache(restApiId=api_id, stageName="dev")) == 202
    assert err(apigw.flush_stage_cache, restApiId=api_id, stageName="nope") == not_found("Invalid stage identifier specified")


def test_model_template(apigw, rest_api):
    api_id, _ = rest_api
    schema = {"type": "object", "properties": {"a": {"type": "number"}, "op": {"type": "string"},
                                               "tags": {"type": "array", "items": {"type": "string"}}}}
    apigw.create_model(restApiId=api_id, name="Calc", contentType="application/json", schema=json.dumps(schema))
    template = apigw.get_model_template(restApiId=api_id, modelName="Calc")["value"]
    assert template.startswith("#set($inputRoot = $input.path('$'))\n{")
    assert '"a" : $inputRoot.a,' in template and '"op" : "$inputRoot.op",' in template
    assert "#foreach($elem in $inputRoot.tags)" in template
    assert err(apigw.get_model_template, restApiId=api_id, modelName="Nope") == not_found("Invalid model name specified: Nope")
