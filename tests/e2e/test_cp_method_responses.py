"""MethodResponse operations: Put (201), Get, Update (201!), Delete (204)."""
import pytest

from cp_support import (METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, STATUS_NOT_FOUND, bad_request, body, err,
                        is_client_error, not_found, op_clause, status, status_clause, validation)

pytestmark = pytest.mark.usefixtures("request_id_check")

HEADER = "/responseParameters/method.response.header.my-header"
JSON_MODEL = "/responseModels/application~1json"
PARAM_NOT_FOUND = not_found("Invalid parameter name specified")
CONTENT_TYPE_NOT_FOUND = not_found("Content-Type specified was not found")


@pytest.fixture
def with_response(apigw, mock_method):
    """GET on the root with a MOCK integration and a 200 method response with a header and a model."""
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                              responseParameters={"method.response.header.my-header": False},
                              responseModels={"application/json": "Empty"})
    return api_id, root


def update(apigw, api_id, root, *ops, code="200", verb="GET"):
    return apigw.update_method_response(restApiId=api_id, resourceId=root, httpMethod=verb, statusCode=code,
                                        patchOperations=list(ops))


def update_err(apigw, api_id, root, *ops, code="200", verb="GET"):
    return err(apigw.update_method_response, restApiId=api_id, resourceId=root, httpMethod=verb, statusCode=code,
               patchOperations=list(ops))


def get(apigw, api_id, root, code="200"):
    return apigw.get_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode=code)


def test_lifecycle_with_empty_maps(apigw, mock_method):
    api_id, root = mock_method
    created = apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                        responseParameters={}, responseModels={})
    assert status(created) == 201
    assert body(created) == {"responseModels": {}, "responseParameters": {}, "statusCode": "200"}
    got = get(apigw, api_id, root)
    assert status(got) == 200
    assert body(got) == body(created)
    added = update(apigw, api_id, root, {"op": "add", "path": HEADER, "value": "true"},
                   {"op": "add", "path": JSON_MODEL, "value": "Empty"})
    assert status(added) == 201
    expected = {"responseModels": {"application/json": "Empty"},
                "responseParameters": {"method.response.header.my-header": True}, "statusCode": "200"}
    assert body(added) == expected
    replaced = update(apigw, api_id, root, {"op": "replace", "path": HEADER, "value": "true"},
                      {"op": "replace", "path": JSON_MODEL, "value": "Empty"})
    assert status(replaced) == 201
    assert body(replaced) == expected
    method = apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET")
    assert method["methodResponses"] == {"200": expected}
    deleted = apigw.delete_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    assert status(deleted) == 204
    assert body(deleted) == {}
    assert is_client_error(err(apigw.get_method_response, restApiId=api_id, resourceId=root, httpMethod="GET",
                               statusCode="200"), "NotFoundException")
    assert "methodResponses" not in apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET")


def test_put_without_maps_has_only_status_code(apigw, mock_method):
    api_id, root = mock_method
    created = apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    assert body(created) == {"statusCode": "200"}
    assert body(get(apigw, api_id, root)) == {"statusCode": "200"}


def test_put_replaces_wholesale(apigw, with_response):
    api_id, root = with_response
    again = apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                      responseModels={"application/json": "Error"})
    assert status(again) == 201
    assert body(get(apigw, api_id, root)) == {"responseModels": {"application/json": "Error"}, "statusCode": "200"}


def test_remove_all_then_add(apigw, with_response):
    api_id, root = with_response
    removed = update(apigw, api_id, root, {"op": "remove", "path": HEADER, "value": "true"},
                     {"op": "remove", "path": JSON_MODEL, "value": "Empty"})
    assert status(removed) == 201
    assert body(removed) == {"statusCode": "200"}
    added = update(apigw, api_id, root, {"op": "add", "path": HEADER, "value": "true"},
                   {"op": "add", "path": JSON_MODEL, "value": "Empty"})
    assert body(added) == {"responseModels": {"application/json": "Empty"},
                           "responseParameters": {"method.response.header.my-header": True}, "statusCode": "200"}


def test_bad_ops_are_validation_errors(apigw, with_response):
    api_id, root = with_response
    before = body(get(apigw, api_id, root))
    clause = lambda i: op_clause("updateMethodResponseInput", i, "wrong_op")  # noqa: E731
    bad_header = {"op": "wrong_op", "path": HEADER, "value": "true"}
    bad_model = {"op": "wrong_op", "path": JSON_MODEL, "value": "Empty"}
    assert update_err(apigw, api_id, root, bad_header) == validation(clause(1))
    assert update_err(apigw, api_id, root, bad_model) == validation(clause(1))
    assert update_err(apigw, api_id, root, bad_header, bad_model) == validation(clause(1), clause(2))
    assert update_err(apigw, api_id, root, bad_header, bad_model, bad_header, bad_model) == \
        validation(clause(1), clause(2), clause(3), clause(4))
    assert update_err(apigw, api_id, root, bad_header, {"op": "remove", "path": JSON_MODEL, "value": "Empty"},
                      bad_model) == validation(clause(1), clause(3))
    assert body(get(apigw, api_id, root)) == before


def test_update_precedence(apigw, with_response):
    api_id, root = with_response
    replace = {"op": "replace", "path": HEADER, "value": "true"}
    assert update_err(apigw, api_id, root, replace, code="201") == STATUS_NOT_FOUND
    assert update_err(apigw, api_id, root, replace, code="wrong") == validation(status_clause())
    assert update_err(apigw, api_id, root, {"op": "wrong_op", "path": HEADER, "value": "true"}, code="wrong") == \
        validation(op_clause("updateMethodResponseInput", 1, "wrong_op"), status_clause())
    assert update_err(apigw, "wrong", root, replace, code="wrong") == validation(status_clause())
    assert update_err(apigw, api_id, "wrong", replace) == RESOURCE_NOT_FOUND
    assert update_err(apigw, api_id, root, replace, verb="POST") == METHOD_NOT_FOUND


def test_update_missing_entries(apigw, mock_method):
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    assert update_err(apigw, api_id, root, {"op": "remove", "path": HEADER, "value": "true"}) == PARAM_NOT_FOUND
    assert update_err(apigw, api_id, root, {"op": "remove", "path": JSON_MODEL, "value": "Empty"}) == \
        CONTENT_TYPE_NOT_FOUND
    assert update_err(apigw, api_id, root, {"op": "remove", "path": "/wrong/method.response.header.my-header",
                                            "value": "true"}) == \
        bad_request("Invalid patch path /wrong/method.response.header.my-header")


def test_update_wrong_names(apigw, with_response):
    api_id, root = with_response
    before = body(get(apigw, api_id, root))
    assert update_err(apigw, api_id, root, {"op": "replace", "path": "/responseParameters/wrong",
                                            "value": "true"}) == PARAM_NOT_FOUND
    assert update_err(apigw, api_id, root, {"op": "remove", "path": "/responseParameters/wrong",
                                            "value": "true"}) == PARAM_NOT_FOUND
    assert update_err(apigw, api_id, root, {"op": "replace", "path": "/responseModels/wrong",
                                            "value": "Empty"}) == CONTENT_TYPE_NOT_FOUND
    assert update_err(apigw, api_id, root, {"op": "remove", "path": "/responseModels/wrong",
                                            "value": "Empty"}) == CONTENT_TYPE_NOT_FOUND
    # A failing later op undoes an earlier valid one.
    assert update_err(apigw, api_id, root, {"op": "remove", "path": HEADER},
                      {"op": "remove", "path": "/responseModels/wrong"}) == CONTENT_TYPE_NOT_FOUND
    assert body(get(apigw, api_id, root)) == before


@pytest.mark.parametrize("call", ["put", "get", "delete"])
def test_status_code_pattern_checked_before_existence(apigw, call):
    operation = getattr(apigw, f"{call}_method_response")
    assert err(operation, restApiId="fake-api", resourceId="fake", httpMethod="GET", statusCode="wrong") == \
        validation(status_clause())


def test_unknown_parents(apigw, mock_method):
    # Recorded for UpdateMethodResponse only (test_update_precedence); Put/Get/Delete are
    # asserted as 404 NotFoundException.
    api_id, root = mock_method
    for call in (apigw.put_method_response, apigw.get_method_response, apigw.delete_method_response):
        for where in (dict(restApiId="fake-api", resourceId=root, httpMethod="GET"),
                      dict(restApiId=api_id, resourceId="fake", httpMethod="GET"),
                      dict(restApiId=api_id, resourceId=root, httpMethod="POST")):
            assert is_client_error(err(call, statusCode="200", **where), "NotFoundException"), (call, where)
    for call in (apigw.get_method_response, apigw.delete_method_response):
        assert is_client_error(err(call, restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="404"),
                               "NotFoundException")


def test_put_unknown_model(apigw, mock_method):
    # Not recorded for method responses (recorded for PutMethod); Portico answers 400 BadRequestException.
    api_id, root = mock_method
    assert is_client_error(err(apigw.put_method_response, restApiId=api_id, resourceId=root, httpMethod="GET",
                               statusCode="200", responseModels={"application/json": "petModel"}),
                           "BadRequestException")
    assert "methodResponses" not in apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET")
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    assert is_client_error(update_err(apigw, api_id, root, {"op": "add", "path": JSON_MODEL, "value": "petModel"}),
                           "BadRequestException")
    assert body(get(apigw, api_id, root)) == {"statusCode": "200"}
