"""Models and request validators: CRUD, AWS's messages, references from methods, restart."""
import json

import pytest

from cp_support import api_not_found, bad_request, body, conflict, err, not_found, status

pytestmark = pytest.mark.usefixtures("request_id_check")

SCHEMA = json.dumps({"title": "Pet", "type": "object", "properties": {"name": {"type": "string"}}})
EMPTY_SCHEMA = bad_request("Model schema must have at least 1 property or array items defined")


def test_request_validator_lifecycle(apigw, rest_api):
    api_id, _ = rest_api
    created = apigw.create_request_validator(restApiId=api_id, name="body-only", validateRequestBody=True)
    assert status(created) == 201
    vid = created["id"]
    assert body(created) == {"id": vid, "name": "body-only", "validateRequestBody": True, "validateRequestParameters": False}
    assert body(apigw.get_request_validator(restApiId=api_id, requestValidatorId=vid)) == body(created)
    assert [v["id"] for v in apigw.get_request_validators(restApiId=api_id)["items"]] == [vid]
    updated = apigw.update_request_validator(restApiId=api_id, requestValidatorId=vid, patchOperations=[
        {"op": "replace", "path": "/validateRequestParameters", "value": "true"},
        {"op": "replace", "path": "/validateRequestBody"}])
    assert updated["validateRequestParameters"] is True and updated["validateRequestBody"] is False
    assert status(apigw.delete_request_validator(restApiId=api_id, requestValidatorId=vid)) == 202
    assert err(apigw.get_request_validator, restApiId=api_id, requestValidatorId=vid) == \
        not_found("Invalid Request Validator identifier specified")
    assert apigw.get_request_validators(restApiId=api_id)["items"] == []


def test_request_validator_errors(apigw, rest_api):
    api_id, _ = rest_api
    assert err(apigw.create_request_validator, restApiId="nope", name="v") == \
        bad_request("Invalid REST API identifier specified")
    assert err(apigw.get_request_validators, restApiId="nope") == api_not_found("nope")
    # Below an unknown API, Get, Update and Delete report the validator missing (recorded on AWS).
    missing = not_found("Invalid Request Validator identifier specified")
    assert err(apigw.get_request_validator, restApiId="nope", requestValidatorId="v1") == missing
    assert err(apigw.delete_request_validator, restApiId="nope", requestValidatorId="v1") == missing
    assert err(apigw.update_request_validator, restApiId="nope", requestValidatorId="v1",
               patchOperations=[{"op": "replace", "path": "/name", "value": "n"}]) == missing
    vid = apigw.create_request_validator(restApiId=api_id, name="v")["id"]
    update = apigw.update_request_validator
    assert err(update, restApiId=api_id, requestValidatorId=vid,
               patchOperations=[{"op": "add", "path": "/validateRequestBody", "value": "true"}]) == \
        bad_request("Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose supported operations")
    assert err(update, restApiId=api_id, requestValidatorId=vid,
               patchOperations=[{"op": "replace", "path": "/invalidPath", "value": "x"}]) == \
        bad_request("Invalid patch path  '/invalidPath' specified for op 'replace'. "
                    "Must be one of: [/name, /validateRequestParameters, /validateRequestBody]")
    assert err(update, restApiId=api_id, requestValidatorId=vid,
               patchOperations=[{"op": "replace", "path": "/name", "value": ""}]) == \
        bad_request("Request Validator name cannot be blank")
    assert apigw.get_request_validator(restApiId=api_id, requestValidatorId=vid)["name"] == "v"


def test_methods_reference_existing_validators_only(apigw, rest_api):
    api_id, root = rest_api
    assert err(apigw.put_method, restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE",
               requestValidatorId="missing") == bad_request("Invalid Request Validator identifier specified")
    vid = apigw.create_request_validator(restApiId=api_id, name="v")["id"]
    method = apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE",
                              requestValidatorId=vid)
    assert method["requestValidatorId"] == vid


def test_new_apis_have_the_empty_and_error_models(apigw, rest_api):
    api_id, _ = rest_api
    models = {m["name"]: m for m in apigw.get_models(restApiId=api_id)["items"]}
    assert set(models) == {"Empty", "Error"}
    assert models["Empty"]["description"] == "This is a default empty schema model"
    assert json.loads(models["Empty"]["schema"]) == {"$schema": "http://json-schema.org/draft-04/schema#",
                                                      "title": "Empty Schema", "type": "object"}
    assert json.loads(models["Error"]["schema"])["properties"] == {"message": {"type": "string"}}
    assert models["Error"]["contentType"] == "application/json"


def test_model_lifecycle(apigw, rest_api):
    api_id, _ = rest_api
    created = apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json",
                                 description="a pet", schema=SCHEMA)
    assert status(created) == 201
    assert body(created) == {"id": created["id"], "name": "Pet", "description": "a pet", "schema": SCHEMA,
                             "contentType": "application/json"}
    assert body(apigw.get_model(restApiId=api_id, modelName="Pet")) == body(created)
    assert [m["name"] for m in apigw.get_models(restApiId=api_id)["items"]] == ["Empty", "Error", "Pet"]
    new_schema = json.dumps({"title": "Updated", "type": "object"})
    updated = apigw.update_model(restApiId=api_id, modelName="Pet",
                                 patchOperations=[{"op": "replace", "path": "/schema", "value": new_schema}])
    assert updated["schema"] == new_schema
    assert status(apigw.delete_model(restApiId=api_id, modelName="Pet")) == 202
    assert err(apigw.get_model, restApiId=api_id, modelName="Pet") == not_found("Invalid model name specified: Pet")


def test_model_errors(apigw, rest_api):
    api_id, _ = rest_api
    create = apigw.create_model
    assert err(create, restApiId="abcde0", name="Pet", contentType="application/json", schema=SCHEMA) == \
        api_not_found("abcde0")
    assert err(apigw.get_model, restApiId="abcde0", modelName="Pet") == not_found("Invalid model name specified: Pet")
    assert err(create, restApiId=api_id, name="", contentType="application/json", schema=SCHEMA) == \
        bad_request("Model name must be non-empty")
    assert err(create, restApiId=api_id, name="E", contentType="application/json", schema="") == EMPTY_SCHEMA
    assert err(create, restApiId=api_id, name="E", contentType="application/json") == EMPTY_SCHEMA
    create(restApiId=api_id, name="Pet", contentType="application/json", schema=SCHEMA)
    assert err(create, restApiId=api_id, name="Pet", contentType="application/json", schema=SCHEMA) == \
        conflict("Model name already exists for this REST API")
    update = apigw.update_model
    assert err(update, restApiId=api_id, modelName="Pet", patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]) == \
        bad_request("Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]")
    assert err(update, restApiId=api_id, modelName="Pet", patchOperations=[{"op": "add", "path": "/wrong-path", "value": "x"}]) == \
        bad_request("Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations")
    assert err(update, restApiId=api_id, modelName="Pet", patchOperations=[{"op": "replace", "path": "/schema", "value": ""}]) == \
        EMPTY_SCHEMA
    assert apigw.get_model(restApiId=api_id, modelName="Pet")["schema"] == SCHEMA


def test_a_model_in_use_cannot_be_deleted(apigw, rest_api):
    api_id, root = rest_api
    apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json", schema=SCHEMA)
    assert err(apigw.put_method, restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="NONE",
               requestModels={"application/json": "Missing"}) == bad_request("Invalid model identifier specified: Missing")
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="NONE",
                     requestModels={"application/json": "Pet"})
    assert err(apigw.delete_model, restApiId=api_id, modelName="Pet") == \
        conflict("Cannot delete model 'Pet', is referenced in method request: //ANY")
    child = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="test")["id"]
    apigw.delete_method(restApiId=api_id, resourceId=root, httpMethod="ANY")
    apigw.put_method(restApiId=api_id, resourceId=child, httpMethod="ANY", authorizationType="NONE",
                     requestModels={"application/json": "Pet"})
    assert err(apigw.delete_model, restApiId=api_id, modelName="Pet") == \
        conflict("Cannot delete model 'Pet', is referenced in method request: /test/ANY")


def test_models_and_validators_survive_restart(fresh_server):
    apigw = fresh_server.client()
    api_id = apigw.create_rest_api(name="durable")["id"]
    apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json", schema=SCHEMA)
    vid = apigw.create_request_validator(restApiId=api_id, name="v", validateRequestParameters=True)["id"]
    fresh_server.restart()
    apigw = fresh_server.client()
    assert apigw.get_model(restApiId=api_id, modelName="Pet")["schema"] == SCHEMA
    assert {m["name"] for m in apigw.get_models(restApiId=api_id)["items"]} == {"Empty", "Error", "Pet"}
    assert apigw.get_request_validator(restApiId=api_id, requestValidatorId=vid)["validateRequestParameters"] is True
