"""IntegrationResponse operations (the seed): Put (201), Get, Update, Delete (204)."""
import json

import pytest

from cp_support import (INTEGRATION_NOT_FOUND, METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, STATUS_NOT_FOUND,
                        bad_request, body, err, is_client_error, serialization, status, status_clause, validation)

pytestmark = pytest.mark.usefixtures("request_id_check")


def put(apigw, api_id, root, code="200", verb="GET", **kwargs):
    return apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod=verb, statusCode=code,
                                          **kwargs)


def get(apigw, api_id, root, code="200", verb="GET"):
    return apigw.get_integration_response(restApiId=api_id, resourceId=root, httpMethod=verb, statusCode=code)


def update(apigw, api_id, root, *ops, code="200"):
    return apigw.update_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode=code,
                                             patchOperations=list(ops))


def test_lifecycle(apigw, mock_method):
    api_id, root = mock_method
    created = put(apigw, api_id, root, responseTemplates={"application/json": '"created"'}, selectionPattern="")
    assert status(created) == 201
    expected = {"responseTemplates": {"application/json": '"created"'}, "selectionPattern": "", "statusCode": "200"}
    assert body(created) == expected
    got = get(apigw, api_id, root)
    assert status(got) == 200
    assert body(got) == expected
    updated = update(apigw, api_id, root, {"op": "replace", "path": "/selectionPattern", "value": "updated-pattern"})
    assert status(updated) == 200
    assert body(updated) == dict(expected, selectionPattern="updated-pattern")
    overwritten = put(apigw, api_id, root, responseTemplates={"application/json": "overwrite"},
                      selectionPattern="overwrite-pattern")
    assert status(overwritten) == 201
    final = {"responseTemplates": {"application/json": "overwrite"}, "selectionPattern": "overwrite-pattern",
             "statusCode": "200"}
    assert body(overwritten) == final
    method = body(apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET"))
    assert method == {
        "apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "GET",
        "methodIntegration": {"cacheKeyParameters": [], "cacheNamespace": root, "integrationResponses": {"200": final},
                              "passthroughBehavior": "WHEN_NO_MATCH",
                              "requestTemplates": {"application/json": '{"statusCode": 200}'},
                              "timeoutInMillis": 29000, "type": "MOCK"}}
    deleted = apigw.delete_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    assert status(deleted) == 204
    assert body(deleted) == {}
    assert err(apigw.get_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
               statusCode="200") == STATUS_NOT_FOUND
    integration = apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET")["methodIntegration"]
    assert "integrationResponses" not in integration


def test_overwrite_replaces_wholesale(apigw, mock_method):
    api_id, root = mock_method
    put(apigw, api_id, root, selectionPattern="a", responseTemplates={"text/plain": "x"}, contentHandling="CONVERT_TO_TEXT")
    put(apigw, api_id, root)
    assert body(get(apigw, api_id, root)) == {"statusCode": "200"}


def test_template_values(apigw, loose_apigw, mock_method):
    api_id, root = mock_method
    for template in (None, ""):
        created = loose_apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET",
                                                       statusCode="200", selectionPattern="",
                                                       responseTemplates={"application/json": template})
        assert body(created) == {"responseTemplates": {"application/json": None}, "selectionPattern": "",
                                 "statusCode": "200"}
        assert body(get(apigw, api_id, root)) == body(created)
    assert body(put(apigw, api_id, root, selectionPattern="")) == {"selectionPattern": "", "statusCode": "200"}
    empty = put(apigw, api_id, root, selectionPattern="2\\d{2}", responseTemplates={})
    assert body(empty) == {"responseTemplates": {}, "selectionPattern": "2\\d{2}", "statusCode": "200"}
    assert body(get(apigw, api_id, root)) == body(empty)


def test_optional_members(apigw, mock_method):
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                              responseParameters={"method.response.header.X-Id": False})
    created = put(apigw, api_id, root, contentHandling="CONVERT_TO_BINARY",
                  responseParameters={"method.response.header.X-Id": "integration.response.header.id"})
    assert body(created) == {"contentHandling": "CONVERT_TO_BINARY", "statusCode": "200",
                             "responseParameters": {"method.response.header.X-Id": "integration.response.header.id"}}
    assert body(get(apigw, api_id, root)) == body(created)


def test_update_paths(apigw, mock_method):
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                              responseParameters={"method.response.header.X-Id": False})
    put(apigw, api_id, root, selectionPattern="")
    updated = update(apigw, api_id, root,
                     {"op": "add", "path": "/responseTemplates/application~1json", "value": '{"a": 1}'},
                     {"op": "add", "path": "/responseParameters/method.response.header.X-Id", "value": "'static'"},
                     {"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_TEXT"},
                     {"op": "replace", "path": "/selectionPattern", "value": "4\\d{2}"})
    assert body(updated) == {"statusCode": "200", "selectionPattern": "4\\d{2}", "contentHandling": "CONVERT_TO_TEXT",
                             "responseTemplates": {"application/json": '{"a": 1}'},
                             "responseParameters": {"method.response.header.X-Id": "'static'"}}
    removed = update(apigw, api_id, root, {"op": "remove", "path": "/responseTemplates/application~1json"},
                     {"op": "remove", "path": "/responseParameters/method.response.header.X-Id"},
                     {"op": "remove", "path": "/contentHandling"})
    assert body(removed) == {"statusCode": "200", "selectionPattern": "4\\d{2}"}
    assert body(get(apigw, api_id, root)) == body(removed)


def test_update_errors_change_nothing(apigw, mock_method):
    # Not recorded on AWS beyond the op enum: Portico answers 4xx with the classes asserted here.
    api_id, root = mock_method
    put(apigw, api_id, root, selectionPattern="keep")
    for ops in ([{"op": "replace", "path": "/nope", "value": "x"}],
                [{"op": "replace", "path": "/selectionPattern", "value": "changed"},
                 {"op": "add", "path": "/responseTemplates/123", "value": "x"}],
                [{"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_NOTHING"}]):
        assert is_client_error(err(apigw.update_integration_response, restApiId=api_id, resourceId=root,
                                   httpMethod="GET", statusCode="200", patchOperations=ops), "BadRequestException"), ops
    assert body(get(apigw, api_id, root)) == {"selectionPattern": "keep", "statusCode": "200"}
    assert is_client_error(err(apigw.update_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
                               statusCode="500", patchOperations=[]), "NotFoundException")


@pytest.mark.parametrize("call", ["put", "get", "update", "delete"])
def test_status_code_pattern_checked_before_existence(apigw, call):
    operation = getattr(apigw, f"{call}_integration_response")
    kwargs = {"patchOperations": []} if call == "update" else {}
    assert err(operation, restApiId="fake-api", resourceId="fake", httpMethod="GET", statusCode="wrong", **kwargs) == \
        validation(status_clause())


def test_unknown_parents(apigw, rest_api):
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="NONE")
    for call in (apigw.put_integration_response, apigw.get_integration_response):
        assert err(call, restApiId="wrong-api", resourceId=root, httpMethod="POST", statusCode="200") == \
            RESOURCE_NOT_FOUND
        assert err(call, restApiId=api_id, resourceId="wrong-resource", httpMethod="POST", statusCode="200") == \
            RESOURCE_NOT_FOUND
        assert err(call, restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200") == METHOD_NOT_FOUND
    assert err(apigw.get_integration_response, restApiId=api_id, resourceId=root, httpMethod="POST",
               statusCode="200") == INTEGRATION_NOT_FOUND
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="POST", type="MOCK")
    assert err(apigw.get_integration_response, restApiId=api_id, resourceId=root, httpMethod="POST",
               statusCode="201") == STATUS_NOT_FOUND


def test_put_without_integration(apigw, rest_api):
    # Not recorded on AWS: Portico answers 404 NotFoundException.
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    assert is_client_error(err(apigw.put_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
                               statusCode="200"), "NotFoundException")


def test_delete_errors(apigw, mock_method):
    api_id, root = mock_method
    put(apigw, api_id, root, responseTemplates={"application/json": json.dumps("created")}, selectionPattern="")
    cases = [
        (dict(restApiId=api_id, resourceId="bad-resource", httpMethod="GET", statusCode="200"), RESOURCE_NOT_FOUND),
        (dict(restApiId="bad-api-id", resourceId=root, httpMethod="GET", statusCode="200"), RESOURCE_NOT_FOUND),
        (dict(restApiId=api_id, resourceId=root, httpMethod="POST", statusCode="200"), INTEGRATION_NOT_FOUND),
        (dict(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="201"), STATUS_NOT_FOUND),
        (dict(restApiId=api_id, resourceId=root, httpMethod="WRONG", statusCode="200"), INTEGRATION_NOT_FOUND),
    ]
    for kwargs, expected in cases:
        assert err(apigw.delete_integration_response, **kwargs) == expected, kwargs
    assert body(get(apigw, api_id, root))["statusCode"] == "200"


def test_template_type_and_content_type_errors(apigw, loose_apigw, mock_method):
    api_id, root = mock_method
    assert err(loose_apigw.put_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
               statusCode="200", selectionPattern="", responseTemplates={"application/json": 123}) == serialization(
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String")
    assert err(apigw.put_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
               statusCode="200", selectionPattern="", responseTemplates={"123": "x"}) == bad_request(
        "Validation Result: warnings : [], errors : [Invalid content type specified: 123]")
    assert err(apigw.get_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
               statusCode="200") == STATUS_NOT_FOUND


def test_unrecorded_response_parameter_checks(apigw, mock_method):
    # Not recorded on AWS: Portico answers 400 BadRequestException for a key that is not
    # `method.response.header.{name}`, for an undeclared header, and for a bad source expression.
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                              responseParameters={"method.response.header.X-Id": False})
    for parameters in ({"wrong": "'x'"}, {"method.response.header.Undeclared": "'x'"},
                       {"method.response.header.X-Id": "nonsense"}):
        assert is_client_error(err(apigw.put_integration_response, restApiId=api_id, resourceId=root,
                                   httpMethod="GET", statusCode="200", responseParameters=parameters),
                               "BadRequestException"), parameters
    assert err(apigw.get_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
               statusCode="200") == STATUS_NOT_FOUND
