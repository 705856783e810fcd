"""Method operations: PutMethod, GetMethod, UpdateMethod, DeleteMethod."""
import pytest

from cp_support import (METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, bad_request, body, err, is_client_error, status)

pytestmark = pytest.mark.usefixtures("request_id_check")

NO_AUTHORIZER = ("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS "
                 "requires a valid authorizer.")
BAD_VERB = "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"


def put(apigw, api_id, resource, verb="ANY", **kwargs):
    kwargs.setdefault("authorizationType", "NONE")
    return apigw.put_method(restApiId=api_id, resourceId=resource, httpMethod=verb, **kwargs)


def get(apigw, api_id, resource, verb="ANY"):
    return apigw.get_method(restApiId=api_id, resourceId=resource, httpMethod=verb)


def update(apigw, api_id, resource, *ops, verb="ANY"):
    return apigw.update_method(restApiId=api_id, resourceId=resource, httpMethod=verb, patchOperations=list(ops))


def update_err(apigw, api_id, resource, *ops, verb="ANY"):
    return err(apigw.update_method, restApiId=api_id, resourceId=resource, httpMethod=verb, patchOperations=list(ops))


def test_put_get_delete_lifecycle(apigw, rest_api):
    api_id, root = rest_api
    created = put(apigw, api_id, root)
    assert status(created) == 201
    assert body(created) == {"apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "ANY"}
    got = get(apigw, api_id, root)
    assert status(got) == 200
    assert body(got) == body(created)
    deleted = apigw.delete_method(restApiId=api_id, resourceId=root, httpMethod="ANY")
    assert status(deleted) == 204
    assert body(deleted) == {}
    assert err(apigw.get_method, restApiId=api_id, resourceId=root, httpMethod="ANY") == METHOD_NOT_FOUND
    assert err(apigw.delete_method, restApiId=api_id, resourceId=root, httpMethod="ANY") == METHOD_NOT_FOUND
    assert "resourceMethods" not in apigw.get_resource(restApiId=api_id, resourceId=root)


def test_put_with_optional_members(apigw, rest_api):
    api_id, root = rest_api
    created = body(put(apigw, api_id, root, "POST", authorizationType="none", apiKeyRequired=True,
                       operationName="CreatePet", requestModels={"application/json": "Empty"},
                       requestParameters={"method.request.querystring.q_optional": False,
                                          "method.request.querystring.q_required": True,
                                          "method.request.header.h_optional": False,
                                          "method.request.header.h_required": True,
                                          "method.request.path.id": True}))
    assert created == {
        "apiKeyRequired": True, "authorizationType": "NONE", "httpMethod": "POST", "operationName": "CreatePet",
        "requestModels": {"application/json": "Empty"},
        "requestParameters": {"method.request.querystring.q_optional": False,
                              "method.request.querystring.q_required": True,
                              "method.request.header.h_optional": False,
                              "method.request.header.h_required": True,
                              "method.request.path.id": True}}
    assert body(get(apigw, api_id, root, "POST")) == created


def test_put_aws_iam(apigw, rest_api):
    api_id, root = rest_api
    assert put(apigw, api_id, root, "GET", authorizationType="AWS_IAM")["authorizationType"] == "AWS_IAM"


def test_put_validation_in_recorded_precedence(apigw, rest_api):
    api_id, root = rest_api
    cases = [
        (dict(restApiId="fake-api", resourceId=root, httpMethod="WRONG"), RESOURCE_NOT_FOUND),
        (dict(restApiId=api_id, resourceId="fake-resource-id", httpMethod="WRONG"), RESOURCE_NOT_FOUND),
        (dict(restApiId=api_id, resourceId=root, httpMethod="WRONG"), bad_request(BAD_VERB)),
        (dict(restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="CUSTOM"),
         bad_request(NO_AUTHORIZER)),
        (dict(restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="COGNITO_USER_POOLS"),
         bad_request(NO_AUTHORIZER)),
        (dict(restApiId=api_id, resourceId=root, httpMethod="ANY", requestValidatorId="fake-validator"),
         bad_request("Invalid Request Validator identifier specified")),
        (dict(restApiId=api_id, resourceId=root, httpMethod="ANY", requestModels={"application/json": "petModel"}),
         bad_request("Invalid model identifier specified: petModel")),
        (dict(restApiId=api_id, resourceId=root, httpMethod="GET",
              requestParameters={"method.request.querystring.optional": False,
                                 "method.request.header.optional": False}),
         bad_request("Parameter names must be unique across querystring, header and path")),
    ]
    for kwargs, expected in cases:
        kwargs.setdefault("authorizationType", "NONE")
        assert err(apigw.put_method, **kwargs) == expected, kwargs
    assert "resourceMethods" not in apigw.get_resource(restApiId=api_id, resourceId=root)


def test_put_request_parameter_key_that_is_no_expression(apigw, loose_apigw, rest_api):
    api_id, root = rest_api
    ok = loose_apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE",
                                requestParameters={"method.request.path.testPath": True})
    assert ok["requestParameters"] == {"method.request.path.testPath": True}
    assert err(loose_apigw.put_method, restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="NONE",
               requestParameters={"method.request.path.testPath": True, True: True}) == bad_request(
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
        "[Invalid mapping expression specified: true]")


def test_put_unknown_authorization_type(apigw, rest_api):
    # Not recorded on AWS: Portico answers 400 BadRequestException.
    api_id, root = rest_api
    assert is_client_error(err(apigw.put_method, restApiId=api_id, resourceId=root, httpMethod="GET",
                               authorizationType="FOO"), "BadRequestException")


def test_put_existing_method_conflicts(apigw, rest_api):
    # Not recorded on AWS (recollection: 409 ConflictException); the first method is kept.
    api_id, root = rest_api
    put(apigw, api_id, root, "GET", operationName="first")
    assert is_client_error(err(apigw.put_method, restApiId=api_id, resourceId=root, httpMethod="GET",
                               authorizationType="NONE"), "ConflictException")
    assert get(apigw, api_id, root, "GET")["operationName"] == "first"


def test_get_method_embeds_responses_and_integration(apigw, rest_api):
    api_id, root = rest_api
    put(apigw, api_id, root, "GET")
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   selectionPattern="")
    got = body(get(apigw, api_id, root, "GET"))
    assert got["methodResponses"] == {"200": {"statusCode": "200"}}
    integration = got["methodIntegration"]
    assert integration["integrationResponses"] == {"200": {"selectionPattern": "", "statusCode": "200"}}
    assert integration["type"] == "MOCK"
    assert integration["requestTemplates"] == {"application/json": '{"statusCode": 200}'}


def test_get_method_unknown_parents(apigw, rest_api):
    api_id, root = rest_api
    assert err(apigw.get_method, restApiId=api_id, resourceId=root, httpMethod="GET") == METHOD_NOT_FOUND
    # Unknown resource / API under Get/DeleteMethod: not recorded on AWS, asserted by type.
    for call in (apigw.get_method, apigw.delete_method):
        assert is_client_error(err(call, restApiId=api_id, resourceId="fake", httpMethod="GET"), "NotFoundException")
        assert is_client_error(err(call, restApiId="fake-api", resourceId=root, httpMethod="GET"), "NotFoundException")


def test_update_add_replace_remove(apigw, rest_api):
    api_id, root = rest_api
    put(apigw, api_id, root)
    added = update(apigw, api_id, root,
                   {"op": "add", "path": "/requestParameters/method.request.querystring.optional", "value": "true"},
                   {"op": "add", "path": "/requestModels/application~1json", "value": "Empty"})
    assert status(added) == 200
    assert body(added) == {"apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "ANY",
                           "requestModels": {"application/json": "Empty"},
                           "requestParameters": {"method.request.querystring.optional": True}}
    replaced = update(apigw, api_id, root,
                      {"op": "replace", "path": "/operationName", "value": "ReplacedOperationName"},
                      {"op": "replace", "path": "/apiKeyRequired", "value": "true"},
                      {"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"},
                      {"op": "replace", "path": "/requestParameters/method.request.querystring.optional",
                       "value": "false"})
    assert body(replaced) == {"apiKeyRequired": True, "authorizationType": "AWS_IAM", "httpMethod": "ANY",
                              "operationName": "ReplacedOperationName",
                              "requestModels": {"application/json": "Empty"},
                              "requestParameters": {"method.request.querystring.optional": False}}
    removed = update(apigw, api_id, root,
                     {"op": "remove", "path": "/requestParameters/method.request.querystring.optional",
                      "value": "true"},
                     {"op": "remove", "path": "/requestModels/application~1json", "value": "Empty"})
    assert body(removed) == {"apiKeyRequired": True, "authorizationType": "AWS_IAM", "httpMethod": "ANY",
                             "operationName": "ReplacedOperationName"}
    assert body(get(apigw, api_id, root)) == body(removed)


def test_update_validation(apigw, rest_api):
    api_id, root = rest_api
    assert update_err(apigw, "fake-api", root) == RESOURCE_NOT_FOUND
    assert update_err(apigw, api_id, "fake-resource-id") == RESOURCE_NOT_FOUND
    assert update_err(apigw, api_id, root, {"op": "replace", "path": "/operationName", "value": "x"},
                      verb="GET") == METHOD_NOT_FOUND
    created = body(put(apigw, api_id, root, apiKeyRequired=True))
    assert created == {"apiKeyRequired": True, "authorizationType": "NONE", "httpMethod": "ANY"}
    cases = [
        ({"op": "add", "path": "/operationName", "value": "operationName"},
         bad_request("Invalid patch operation specified. Must be one of: [replace]")),
        ({"op": "add", "path": "/requestValidatorId", "value": "wrong-id"},
         bad_request("Invalid patch operation specified. Must be one of: [replace]")),
        ({"op": "add", "path": "/httpMethod", "value": "PUT"}, bad_request("Invalid patch path /httpMethod")),
        ({"op": "replace", "path": "/requestParameters", "value": "method.request.querystring.optional=false"},
         bad_request("Invalid patch path /requestParameters")),
        ({"op": "add", "path": "/requestModels/application/json", "value": "Empty"},
         bad_request("Invalid patch path /requestModels/application/json")),
        ({"op": "replace", "path": "/authorizationType", "value": "CUSTOM"}, bad_request(NO_AUTHORIZER)),
        ({"op": "replace", "path": "/requestValidatorId", "value": "fake-id"},
         bad_request("Invalid Request Validator identifier specified")),
    ]
    for op, expected in cases:
        assert update_err(apigw, api_id, root, op) == expected, op
    assert update_err(apigw, api_id, root, {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
                      {"op": "replace", "path": "/authorizerId", "value": "abc123"}) == bad_request(NO_AUTHORIZER)
    assert body(get(apigw, api_id, root)) == created
    # Any value but "true" reads as false, without an error.
    assert body(update(apigw, api_id, root, {"op": "replace", "path": "/apiKeyRequired", "value": "whatever"})) == \
        {"apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "ANY"}
    # An authorizer id on a method without authorization is ignored.
    assert body(update(apigw, api_id, root, {"op": "replace", "path": "/authorizerId", "value": "abc123"})) == \
        {"apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "ANY"}


def test_update_model_must_exist(apigw, rest_api):
    # Recorded for PutMethod only; asserted by type for UpdateMethod.
    api_id, root = rest_api
    put(apigw, api_id, root)
    assert is_client_error(update_err(apigw, api_id, root, {"op": "add", "path": "/requestModels/application~1json",
                                                            "value": "petModel"}), "BadRequestException")
    assert "requestModels" not in get(apigw, api_id, root)
