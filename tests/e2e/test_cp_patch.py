"""The one patch engine behind every Update* operation: op validation, both path-message styles,
JSON-pointer escapes, and all-or-nothing application."""
import pytest

from cp_support import bad_request, body, err, is_client_error, op_clause, status, validation

pytestmark = pytest.mark.usefixtures("request_id_check")


@pytest.fixture
def full(apigw, mock_method):
    """Root GET with MOCK integration, a 200 method response and a 200 integration response,
    plus a child resource `/pets`: (api_id, root, pets)."""
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   selectionPattern="")
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    return api_id, root, pets


def snapshot(apigw, api_id):
    """Everything a patch could touch: the API and every resource with its methods in full."""
    resources = apigw.get_resources(restApiId=api_id, embed=["methods"])["items"]
    return body(apigw.get_rest_api(restApiId=api_id)), sorted(resources, key=lambda item: item["path"])


def updaters(apigw, api_id, root, pets):
    """(name, input name, call taking patchOperations) for every Update* operation."""
    return [
        ("UpdateRestApi", "updateRestApiInput",
         lambda ops: apigw.update_rest_api(restApiId=api_id, patchOperations=ops)),
        ("UpdateResource", "updateResourceInput",
         lambda ops: apigw.update_resource(restApiId=api_id, resourceId=pets, patchOperations=ops)),
        ("UpdateMethod", "updateMethodInput",
         lambda ops: apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=ops)),
        ("UpdateMethodResponse", "updateMethodResponseInput",
         lambda ops: apigw.update_method_response(restApiId=api_id, resourceId=root, httpMethod="GET",
                                                  statusCode="200", patchOperations=ops)),
        ("UpdateIntegration", "updateIntegrationInput",
         lambda ops: apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET",
                                              patchOperations=ops)),
        ("UpdateIntegrationResponse", "updateIntegrationResponseInput",
         lambda ops: apigw.update_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET",
                                                       statusCode="200", patchOperations=ops)),
    ]


def failure(call, ops):
    return err(lambda **_: call(ops))


def test_bad_ops_are_one_joined_validation_error_everywhere(apigw, full):
    api_id, root, pets = full
    before = snapshot(apigw, api_id)
    for name, input_name, call in updaters(apigw, api_id, root, pets):
        ops = [{"op": "wrong", "path": "/anything", "value": "x"},
               {"op": "replace", "path": "/whatever", "value": "x"},
               {"op": "bad", "path": "/x"}]
        assert failure(call, ops) == validation(op_clause(input_name, 1), op_clause(input_name, 3, "bad")), name
    assert snapshot(apigw, api_id) == before


def test_empty_patch_changes_nothing(apigw, full):
    api_id, root, pets = full
    before = snapshot(apigw, api_id)
    for name, _, call in updaters(apigw, api_id, root, pets):
        assert status(call([])) in (200, 201), name
    assert snapshot(apigw, api_id) == before


#: The operations whose bare-style path messages are recorded on AWS.
RECORDED_BARE = {"UpdateRestApi", "UpdateMethod", "UpdateMethodResponse"}


@pytest.mark.parametrize("op", ["add", "remove", "replace", "move", "copy", "test"])
def test_unknown_path_bare_style(apigw, full, op):
    api_id, root, pets = full
    for name, _, call in updaters(apigw, api_id, root, pets):
        if name == "UpdateResource":
            continue
        result = failure(call, [{"op": op, "path": "/wrong/path", "value": "x", "from": "/x"}])
        if name in RECORDED_BARE:
            assert result == bad_request("Invalid patch path /wrong/path"), name
        else:
            assert is_client_error(result, "BadRequestException"), name


def test_unknown_path_quoted_style(apigw, full):
    api_id, root, pets = full
    call = updaters(apigw, api_id, root, pets)[1][2]
    assert failure(call, [{"op": "replace", "path": "/wrong"}]) == bad_request(
        "Invalid patch path  '/wrong' specified for op 'replace'. Must be one of: [/parentId, /pathPart]")
    for op in ("add", "remove", "move", "copy", "test"):
        assert failure(call, [{"op": op, "path": "/pathPart", "value": "x"}]) == bad_request(
            f"Invalid patch path  '/pathPart' specified for op '{op}'. Please choose supported operations")


def test_missing_path_prints_null(apigw, full):
    api_id, root, pets = full
    for name, _, call in updaters(apigw, api_id, root, pets):
        if name == "UpdateResource":
            continue
        result = failure(call, [{"op": "replace", "value": "x"}])
        if name in RECORDED_BARE:
            assert result == bad_request("Invalid patch path null"), name
        else:
            assert is_client_error(result, "BadRequestException"), name


def test_missing_path_quoted_style(apigw, full):
    # Not recorded on AWS for the quoted family; Portico answers 400 BadRequestException.
    api_id, root, pets = full
    call = updaters(apigw, api_id, root, pets)[1][2]
    assert is_client_error(failure(call, [{"op": "replace", "value": "x"}]), "BadRequestException")


def test_missing_op(apigw, full):
    # Not recorded on AWS; Portico answers 400 BadRequestException and changes nothing.
    api_id, root, pets = full
    before = snapshot(apigw, api_id)
    for name, _, call in updaters(apigw, api_id, root, pets):
        assert is_client_error(failure(call, [{"path": "/description", "value": "x"}])), name
    assert snapshot(apigw, api_id) == before


def test_slash_escapes(apigw, full):
    api_id, root, _ = full
    api = apigw.update_rest_api(restApiId=api_id, patchOperations=[
        {"op": "add", "path": "/binaryMediaTypes/application~1vnd.a~0b+json"}])
    assert api["binaryMediaTypes"] == ["application/vnd.a~b+json"]
    method = apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "add", "path": "/requestModels/application~1json", "value": "Empty"}])
    assert method["requestModels"] == {"application/json": "Empty"}
    response = apigw.update_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                            patchOperations=[{"op": "add", "path": "/responseModels/text~1plain",
                                                              "value": "Empty"}])
    assert response["responseModels"] == {"text/plain": "Empty"}
    integration = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "add", "path": "/requestTemplates/application~1xml", "value": "<a/>"}])
    assert integration["requestTemplates"]["application/xml"] == "<a/>"
    ir = apigw.update_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                           patchOperations=[{"op": "add", "path": "/responseTemplates/text~1html",
                                                             "value": "<p/>"}])
    assert ir["responseTemplates"] == {"text/html": "<p/>"}
    # An unescaped slash is a different (unknown) path (recorded for UpdateMethod).
    assert err(apigw.update_method, restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "add", "path": "/requestModels/text/html", "value": "Empty"}]) == \
        bad_request("Invalid patch path /requestModels/text/html")
    assert is_client_error(err(apigw.update_integration_response, restApiId=api_id, resourceId=root, httpMethod="GET",
                               statusCode="200", patchOperations=[{"op": "add", "path": "/responseTemplates/text/html",
                                                                   "value": "x"}]), "BadRequestException")


@pytest.mark.parametrize("index", range(6))
def test_a_failing_later_op_undoes_earlier_ones(apigw, full, index):
    api_id, root, pets = full
    name, _, call = updaters(apigw, api_id, root, pets)[index]
    valid = {
        "UpdateRestApi": {"op": "replace", "path": "/name", "value": "renamed"},
        "UpdateResource": {"op": "replace", "path": "/pathPart", "value": "dogs"},
        "UpdateMethod": {"op": "replace", "path": "/operationName", "value": "renamed"},
        "UpdateMethodResponse": {"op": "add", "path": "/responseModels/application~1json", "value": "Empty"},
        "UpdateIntegration": {"op": "replace", "path": "/timeoutInMillis", "value": "1000"},
        "UpdateIntegrationResponse": {"op": "replace", "path": "/selectionPattern", "value": "renamed"},
    }[name]
    before = snapshot(apigw, api_id)
    result = failure(call, [valid, {"op": "replace", "path": "/no/such/path", "value": "x"}])
    assert result[:2] == (400, "BadRequestException"), name
    assert snapshot(apigw, api_id) == before
    assert status(call([valid])) in (200, 201)
    assert snapshot(apigw, api_id) != before
