"""Request validation at invocation: validators (parameters, body), models by content type,
`$ref` between models, gateway responses, TestInvokeMethod, CreateModel/UpdateModel schema checks
and bad input (loops, huge and deep bodies, pathological patterns). Facts: LocalStack's AWS-recorded
snapshot test_apigateway_common::test_api_gateway_request_validator and AWS's developer guide."""
import http.client
import json
import time
import urllib.parse

import pytest

from cp_support import bad_request, err
from invoke_helpers import add_resource, invoke, mock_method

AB_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-04/schema#", "title": "testSchema", "type": "object",
    "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]})
INVALID_BODY = {"message": "Invalid request body"}


def raw(portico, api_id, stage, path, method="GET", body=None, headers=None):
    """One request with exactly the given headers (no Content-Type added)."""
    host = portico.endpoint.split("//", 1)[1]
    conn = http.client.HTTPConnection(host, timeout=30)
    conn.request(method, f"/_aws/execute-api/{api_id}/{stage}{path}", body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def post_json(portico, api_id, path, payload, headers=None, stage="dev", method="POST"):
    text = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return raw(portico, api_id, stage, path, method=method, body=text,
               headers={"Content-Type": "application/json", **(headers or {})})


def validated_api(apigw, api_id, root, body=True, params=True, models=None, request_parameters=None, verbs=("GET", "POST")):
    """/nested/{test} with a validator, MOCK methods answering {"ok": true}."""
    nested = add_resource(apigw, api_id, root, "nested")
    resource = add_resource(apigw, api_id, nested, "{test}")
    validator = apigw.create_request_validator(restApiId=api_id, name="v", validateRequestBody=body,
                                               validateRequestParameters=params)["id"]
    for verb in verbs:
        mock_method(apigw, api_id, resource, verb=verb, responses=[
            {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"ok": true}'}}])
        ops = [{"op": "replace", "path": "/requestValidatorId", "value": validator}]
        for key, required in (request_parameters or {}).items():
            ops.append({"op": "add", "path": f"/requestParameters/{key}", "value": str(required).lower()})
        for content_type, model in (models or {}).items():
            ops.append({"op": "add", "path": "/requestModels/" + content_type.replace("/", "~1"), "value": model})
        apigw.update_method(restApiId=api_id, resourceId=resource, httpMethod=verb, patchOperations=ops)
    return resource, validator


REQUIRED = {"method.request.path.test": True, "method.request.querystring.qs1": True,
            "method.request.header.x-header-param": True}


def test_missing_parameters_of_each_location_in_key_order(apigw, portico, api):
    api_id, root = api
    resource, _ = validated_api(apigw, api_id, root, body=False, request_parameters={
        **REQUIRED, "method.request.path.issuer": True, "method.request.querystring.optional": False})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    status, headers, data = raw(portico, api_id, "dev", "/nested/value", method="POST", body="{}")
    assert status == 400
    assert json.loads(data) == {"message": "Missing required request parameters: [x-header-param, issuer, qs1]"}
    assert headers["x-amzn-errortype"] == "BadRequestException"
    status, _, data = raw(portico, api_id, "dev", "/nested/value?qs1=test")
    assert json.loads(data) == {"message": "Missing required request parameters: [x-header-param, issuer]"}
    # Header names are case-insensitive; a blank value is missing.
    status, _, data = raw(portico, api_id, "dev", "/nested/value?qs1=", headers={"X-HEADER-PARAM": "t"})
    assert json.loads(data) == {"message": "Missing required request parameters: [issuer, qs1]"}


def test_all_parameters_present_passes_and_header_case_does_not_matter(apigw, portico, api):
    api_id, root = api
    validated_api(apigw, api_id, root, body=False, request_parameters=REQUIRED)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    status, _, data = raw(portico, api_id, "dev", "/nested/value?qs1=test", headers={"X-Header-PARAM": "t"})
    assert (status, json.loads(data)) == (200, {"ok": True})
    # Only the parameters are checked: any body passes.
    status, _, _ = post_json(portico, api_id, "/nested/value?qs1=1", "not json", headers={"x-header-param": "t"})
    assert status == 200


def test_parameters_checked_before_body(apigw, portico, api):
    api_id, root = api
    apigw.create_model(restApiId=api_id, name="testSchema", contentType="application/json", schema=AB_SCHEMA)
    validated_api(apigw, api_id, root, request_parameters=REQUIRED, models={"application/json": "testSchema"})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    status, _, data = post_json(portico, api_id, "/nested/value", {"test": "test"})
    assert json.loads(data) == {"message": "Missing required request parameters: [x-header-param, qs1]"}
    ok = {"x-header-param": "t"}
    status, _, data = post_json(portico, api_id, "/nested/value?qs1=1", {"a": 1, "b": 2}, headers=ok)
    assert (status, json.loads(data)) == (200, {"ok": True})
    status, headers, data = post_json(portico, api_id, "/nested/value?qs1=1", {"test": "test"}, headers=ok)
    assert (status, json.loads(data)) == (400, INVALID_BODY)
    assert headers["x-amzn-errortype"] == "BadRequestException"
    # GET without a body, with and without a JSON content type: validated as {} → missing a, b.
    status, _, data = raw(portico, api_id, "dev", "/nested/value?qs1=1", headers=ok)
    assert (status, json.loads(data)) == (400, INVALID_BODY)
    status, _, data = raw(portico, api_id, "dev", "/nested/value?qs1=1", headers={**ok, "Content-Type": "application/json"})
    assert (status, json.loads(data)) == (400, INVALID_BODY)


def test_body_model_by_content_type_default_and_empty(apigw, portico, api):
    api_id, root = api
    apigw.create_model(restApiId=api_id, name="testSchema", contentType="application/json", schema=AB_SCHEMA)
    apigw.create_model(restApiId=api_id, name="Str", contentType="application/json", schema=json.dumps({"type": "string"}))
    resource, _ = validated_api(apigw, api_id, root, params=False, models={"application/json": "testSchema"}, verbs=("POST",))
    other = add_resource(apigw, api_id, root, "other")
    validator = apigw.get_request_validators(restApiId=api_id)["items"][0]["id"]
    for verb, models in (("POST", {"$default": "Str"}), ("PUT", None)):
        mock_method(apigw, api_id, other, verb=verb, responses=[
            {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"ok": true}'}}])
        ops = [{"op": "replace", "path": "/requestValidatorId", "value": validator}]
        for content_type, model in (models or {}).items():
            ops.append({"op": "add", "path": "/requestModels/" + content_type, "value": model})
        apigw.update_method(restApiId=api_id, resourceId=other, httpMethod=verb, patchOperations=ops)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    # A content type with no model (and no $default) is not validated.
    status, _, _ = raw(portico, api_id, "dev", "/nested/x", method="POST", body="anything", headers={"Content-Type": "text/plain"})
    assert status == 200
    # Parameters of the content type are ignored, its case too.
    status, _, data = raw(portico, api_id, "dev", "/nested/x", method="POST", body='{"a": 1}',
                          headers={"Content-Type": "Application/JSON; charset=utf-8"})
    assert (status, json.loads(data)) == (400, INVALID_BODY)
    # A body that is not JSON is invalid.
    status, _, data = post_json(portico, api_id, "/nested/x", "{not json")
    assert (status, json.loads(data)) == (400, INVALID_BODY)
    # $default applies to every content type.
    assert post_json(portico, api_id, "/other", '"a string"')[0] == 200
    assert raw(portico, api_id, "dev", "/other", method="POST", body="3", headers={"Content-Type": "text/plain"})[0] == 400
    # No models: validated against Empty (an object); an empty body is {}.
    assert post_json(portico, api_id, "/other", {"any": 1}, method="PUT")[0] == 200
    assert raw(portico, api_id, "dev", "/other", method="PUT")[0] == 200
    assert post_json(portico, api_id, "/other", [1, 2], method="PUT")[0] == 400


def test_ref_between_models_by_model_url(apigw, portico, api):
    api_id, root = api
    base = f"https://apigateway.amazonaws.com/restapis/{api_id}/models/"
    apigw.create_model(restApiId=api_id, name="Tag", contentType="application/json", schema=json.dumps(
        {"type": "object", "properties": {"key": {"type": "string", "minLength": 1}}, "required": ["key"]}))
    apigw.create_model(restApiId=api_id, name="Pet", contentType="application/json", schema=json.dumps(
        {"type": "object", "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"$ref": base + "Tag"}}},
         "required": ["name"]}))
    validated_api(apigw, api_id, root, params=False, models={"application/json": "Pet"}, verbs=("POST",))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert post_json(portico, api_id, "/nested/x", {"name": "rex", "tags": [{"key": "a"}]})[0] == 200
    assert post_json(portico, api_id, "/nested/x", {"name": "rex", "tags": [{"key": ""}]})[0] == 400
    assert post_json(portico, api_id, "/nested/x", {"name": "rex", "tags": [{}]})[0] == 400


def test_validation_error_string_in_a_customised_gateway_response(apigw, portico, api):
    api_id, root = api
    apigw.create_model(restApiId=api_id, name="testSchema", contentType="application/json", schema=AB_SCHEMA)
    validated_api(apigw, api_id, root, params=False, models={"application/json": "testSchema"}, verbs=("POST",))
    apigw.put_gateway_response(restApiId=api_id, responseType="BAD_REQUEST_BODY", statusCode="422", responseTemplates={
        "application/json": '{"m": "$context.error.message", "v": "$util.escapeJavaScript($context.error.validationErrorString)",'
                            ' "t": "$context.error.responseType"}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    status, _, data = post_json(portico, api_id, "/nested/x", {"a": "x"})
    assert status == 422
    assert json.loads(data) == {"m": "Invalid request body", "t": "BAD_REQUEST_BODY",
                                "v": '[object has missing required properties (["b"])]'}
    # Members are checked in name order, each against its own keywords.
    status, _, data = post_json(portico, api_id, "/nested/x", {"b": "y", "a": "x"})
    assert json.loads(data)["v"] == (
        '[instance type (string) does not match any allowed primitive type (allowed: ["integer","number"]), '
        'instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])]')


def test_validator_changes_take_effect_on_redeploy(apigw, portico, api):
    api_id, root = api
    apigw.create_model(restApiId=api_id, name="testSchema", contentType="application/json", schema=AB_SCHEMA)
    _, validator = validated_api(apigw, api_id, root, models={"application/json": "testSchema"},
                                 request_parameters=REQUIRED, verbs=("POST",))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert post_json(portico, api_id, "/nested/x", {"test": 1})[0] == 400
    apigw.update_request_validator(restApiId=api_id, requestValidatorId=validator, patchOperations=[
        {"op": "replace", "path": "/validateRequestBody", "value": "false"},
        {"op": "replace", "path": "/validateRequestParameters", "value": "false"}])
    assert post_json(portico, api_id, "/nested/x", {"test": 1})[0] == 400  # the deployment froze it
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert post_json(portico, api_id, "/nested/x", {"test": 1})[0] == 200


def test_test_invoke_method_validates(apigw, api):
    api_id, root = api
    apigw.create_model(restApiId=api_id, name="testSchema", contentType="application/json", schema=AB_SCHEMA)
    resource, _ = validated_api(apigw, api_id, root, models={"application/json": "testSchema"},
                                request_parameters={"method.request.header.x-h": True}, verbs=("POST",))
    answer = apigw.test_invoke_method(restApiId=api_id, resourceId=resource, httpMethod="POST",
                                      pathWithQueryString="/nested/x", body='{"a": 1}', headers={"x-h": "1"})
    assert answer["status"] == 400
    assert json.loads(answer["body"]) == INVALID_BODY
    assert ('Request body does not match model schema for content type application/json: '
            '[object has missing required properties (["b"])]') in answer["log"]
    answer = apigw.test_invoke_method(restApiId=api_id, resourceId=resource, httpMethod="POST",
                                      pathWithQueryString="/nested/x", body='{"a": 1, "b": 2}')
    assert answer["status"] == 400
    assert json.loads(answer["body"]) == {"message": "Missing required request parameters: [x-h]"}
    answer = apigw.test_invoke_method(restApiId=api_id, resourceId=resource, httpMethod="POST",
                                      pathWithQueryString="/nested/x", body='{"a": 1, "b": 2}', headers={"x-h": "1"})
    assert answer["status"] == 200


INVALID_MODEL = bad_request("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]")


@pytest.mark.parametrize("schema", ["{not json", '{"required": []}', '{"type": "strin"}', '{"minLength": -1}',
                                    '{"pattern": "("}', '{"properties": {"a": 3}}', "[]"])
def test_create_model_refuses_invalid_draft4(apigw, api, schema):
    api_id, _ = api
    assert err(apigw.create_model, restApiId=api_id, name="Bad", contentType="application/json", schema=schema) == INVALID_MODEL
    assert [m["name"] for m in apigw.get_models(restApiId=api_id)["items"]] == ["Empty", "Error"]


def test_update_model_refuses_invalid_draft4_and_non_canonical_refs(apigw, api):
    api_id, _ = api
    good = json.dumps({"type": "object"})
    apigw.create_model(restApiId=api_id, name="M", contentType="application/json", schema=good)
    assert err(apigw.update_model, restApiId=api_id, modelName="M",
               patchOperations=[{"op": "replace", "path": "/schema", "value": '{"type": 5}'}]) == INVALID_MODEL
    assert err(apigw.create_model, restApiId=api_id, name="R", contentType="application/json",
               schema=json.dumps({"$ref": "http://example.com/x"})) == \
        bad_request("Invalid model specified: Validation Result: warnings : [], errors : [Model reference must be in canonical form]")
    assert apigw.get_model(restApiId=api_id, modelName="M")["schema"] == good
    base = f"https://apigateway.amazonaws.com/restapis/{api_id}/models/"
    apigw.create_model(restApiId=api_id, name="R", contentType="application/json",
                       schema=json.dumps({"$ref": base + "M", "definitions": {"x": {"$ref": "#/definitions/x"}}}))


def test_bad_input_is_answered_without_5xx(apigw, portico, api):
    api_id, root = api
    base = f"https://apigateway.amazonaws.com/restapis/{api_id}/models/"
    # A $ref loop between two models, a model recursive through itself, a pathological pattern.
    apigw.create_model(restApiId=api_id, name="A", contentType="application/json", schema=json.dumps({"$ref": base + "B"}))
    apigw.create_model(restApiId=api_id, name="B", contentType="application/json", schema=json.dumps({"$ref": base + "A"}))
    apigw.create_model(restApiId=api_id, name="Node", contentType="application/json", schema=json.dumps(
        {"type": "object", "properties": {"next": {"$ref": base + "Node"}, "items": {"type": "array",
                                                                                   "items": {"pattern": "^(a+)+$"}}}}))
    validator = apigw.create_request_validator(restApiId=api_id, name="body", validateRequestBody=True)["id"]
    for part, model in (("loop", "A"), ("node", "Node")):
        resource = add_resource(apigw, api_id, root, part)
        mock_method(apigw, api_id, resource, verb="POST")
        apigw.update_method(restApiId=api_id, resourceId=resource, httpMethod="POST", patchOperations=[
            {"op": "replace", "path": "/requestValidatorId", "value": validator},
            {"op": "add", "path": "/requestModels/application~1json", "value": model}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert post_json(portico, api_id, "/loop", {})[0] == 400
    deep = '{"next":' * 2000 + "{}" + "}" * 2000
    assert post_json(portico, api_id, "/node", deep)[0] == 400
    nested = "[" * 100_000 + "]" * 100_000
    assert post_json(portico, api_id, "/node", nested)[0] == 400
    assert post_json(portico, api_id, "/node", {"items": ["a"] * 20_000})[0] == 200
    started = time.monotonic()
    status, _, _ = post_json(portico, api_id, "/node", {"items": ["a" * 40 + "!"] * 100})
    assert status == 400
    assert time.monotonic() - started < 10
    assert post_json(portico, api_id, "/node", {"next": {"next": {}}})[0] == 200


def test_deployed_validators_and_models_survive_kill9(fresh_server):
    apigw = fresh_server.client()
    created = apigw.create_rest_api(name="durable")
    api_id, root = created["id"], created["rootResourceId"]
    apigw.create_model(restApiId=api_id, name="testSchema", contentType="application/json", schema=AB_SCHEMA)
    validated_api(apigw, api_id, root, request_parameters=REQUIRED, models={"application/json": "testSchema"}, verbs=("POST",))
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    fresh_server.kill9()
    fresh_server.start()
    ok = {"x-header-param": "t"}
    assert post_json(fresh_server, api_id, "/nested/x?qs1=1", {"a": 1}, headers=ok)[0] == 400
    assert post_json(fresh_server, api_id, "/nested/x?qs1=1", {"a": 1, "b": 2}, headers=ok)[0] == 200
    status, _, data = post_json(fresh_server, api_id, "/nested/x", {"a": 1, "b": 2})
    assert json.loads(data) == {"message": "Missing required request parameters: [x-header-param, qs1]"}
