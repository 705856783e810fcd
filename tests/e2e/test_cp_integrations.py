"""Integration operations: PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration."""
import pytest

from cp_support import (INTEGRATION_NOT_FOUND, METHOD_NOT_FOUND, RESOURCE_NOT_FOUND, bad_request, body, err,
                        is_client_error, serialization, status, validation)

pytestmark = pytest.mark.usefixtures("request_id_check")

LAMBDA_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:000000000000:function:MyLambda/invocations")
S3_URI = "arn:aws:apigateway:us-east-1:s3:path/b/k"
ROLE = "arn:aws:iam::000000000000:role/service-role/testfunction-role-oe783psq"


@pytest.fixture
def get_method(apigw, rest_api):
    """The root with GET (no integration yet): (api_id, root)."""
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    return api_id, root


def put(apigw, api_id, root, **kwargs):
    return apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", **kwargs)


def defaults(root, **extra):
    out = {"cacheKeyParameters": [], "cacheNamespace": root, "passthroughBehavior": "WHEN_NO_MATCH",
           "timeoutInMillis": 29000}
    out.update(extra)
    return out


def test_mock_drops_uri_and_http_method(apigw, get_method):
    api_id, root = get_method
    created = put(apigw, api_id, root, type="MOCK", uri="http://example.com", integrationHttpMethod="POST")
    assert status(created) == 201
    assert body(created) == defaults(root, type="MOCK")
    got = apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET")
    assert status(got) == 200
    assert body(got) == body(created)


@pytest.mark.parametrize("kind", ["HTTP", "HTTP_PROXY"])
def test_http_types_get_connection_type(apigw, get_method, kind):
    api_id, root = get_method
    created = put(apigw, api_id, root, type=kind, uri="http://example.com", integrationHttpMethod="POST")
    assert body(created) == defaults(root, type=kind, connectionType="INTERNET", httpMethod="POST",
                                     uri="http://example.com")


def test_vpc_link_and_update_connection_id(apigw, get_method):
    api_id, root = get_method
    uri = "http://my-vpclink-test-nlb-1234567890abcdef.us-east-1.amazonaws.com"
    created = put(apigw, api_id, root, type="HTTP_PROXY", uri=uri, integrationHttpMethod="GET",
                  connectionType="VPC_LINK", connectionId="${stageVariables.vpcLinkId}")
    expected = defaults(root, type="HTTP_PROXY", uri=uri, httpMethod="GET", connectionType="VPC_LINK",
                        connectionId="${stageVariables.vpcLinkId}")
    assert body(created) == expected
    assert body(apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET")) == expected
    updated = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/connectionId", "value": "${stageVariables.vpcLinkIdBeta}"}])
    assert status(updated) == 200
    expected["connectionId"] = "${stageVariables.vpcLinkIdBeta}"
    assert body(updated) == expected
    assert body(apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET")) == expected


def test_aws_types_have_no_connection_type(apigw, get_method):
    api_id, root = get_method
    s3 = put(apigw, api_id, root, type="AWS", uri=S3_URI, integrationHttpMethod="POST", credentials=ROLE)
    assert body(s3) == defaults(root, type="AWS", uri=S3_URI, httpMethod="POST", credentials=ROLE)
    for kind in ("AWS", "AWS_PROXY"):
        created = put(apigw, api_id, root, type=kind, uri=LAMBDA_URI, integrationHttpMethod="POST")
        assert body(created) == defaults(root, type=kind, uri=LAMBDA_URI, httpMethod="POST")


def test_optional_members_echo(apigw, rest_api):
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE",
                     requestParameters={"method.request.querystring.q": False})
    created = put(apigw, api_id, root, type="HTTP", uri="https://example.com/{q}", integrationHttpMethod="GET",
                  requestParameters={"integration.request.path.q": "method.request.querystring.q",
                                     "integration.request.header.x-static": "'fixed'"},
                  requestTemplates={"application/json": "#set($a = 1)$a"},
                  passthroughBehavior="NEVER", contentHandling="CONVERT_TO_TEXT", timeoutInMillis=5000,
                  cacheNamespace="ns", cacheKeyParameters=["method.request.querystring.q"],
                  tlsConfig={"insecureSkipVerification": True})
    out = body(created)
    assert out == {"type": "HTTP", "uri": "https://example.com/{q}", "httpMethod": "GET", "connectionType": "INTERNET",
                   "requestParameters": {"integration.request.path.q": "method.request.querystring.q",
                                         "integration.request.header.x-static": "'fixed'"},
                   "requestTemplates": {"application/json": "#set($a = 1)$a"},
                   "passthroughBehavior": "NEVER", "contentHandling": "CONVERT_TO_TEXT", "timeoutInMillis": 5000,
                   "cacheNamespace": "ns", "cacheKeyParameters": ["method.request.querystring.q"],
                   "tlsConfig": {"insecureSkipVerification": True}}
    method = apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET")
    assert method["methodIntegration"] == out


def test_mock_template_that_is_not_json_is_kept(apigw, get_method):
    api_id, root = get_method
    created = put(apigw, api_id, root, type="MOCK", requestTemplates={"application/json": "{statusCode: 200}"})
    assert created["requestTemplates"] == {"application/json": "{statusCode: 200}"}


def test_put_again_replaces(apigw, get_method):
    api_id, root = get_method
    put(apigw, api_id, root, type="HTTP", uri="http://example.com", integrationHttpMethod="POST",
        requestTemplates={"application/json": "x"})
    again = put(apigw, api_id, root, type="MOCK")
    assert status(again) == 201
    assert body(apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET")) == \
        defaults(root, type="MOCK")


def test_put_validation(apigw, get_method):
    api_id, root = get_method
    cases = [
        (dict(type="HTTP", uri="http://example.com"), bad_request("Enumeration value for HttpMethod must be non-empty")),
        (dict(type="HTTP_PROXY", uri="http://example.com"),
         bad_request("Enumeration value for HttpMethod must be non-empty")),
        (dict(type="AWS", uri="http://example.com"), bad_request("Enumeration value for HttpMethod must be non-empty")),
        (dict(type="HTTP", uri="non-valid-http", integrationHttpMethod="POST"),
         bad_request("Invalid HTTP endpoint specified for URI")),
        (dict(type="HTTP_PROXY", uri="non-valid-http", integrationHttpMethod="POST"),
         bad_request("Invalid HTTP endpoint specified for URI")),
        (dict(type="AWS", uri="non-valid-arn", integrationHttpMethod="POST"),
         bad_request("Invalid ARN specified in the request")),
        (dict(type="AWS", uri="arn:aws:iam::0000000000:role/service-role/asdf", integrationHttpMethod="POST"),
         bad_request("AWS ARN for integration must contain path or action")),
        (dict(type="AWS_PROXY", uri=S3_URI, integrationHttpMethod="POST", credentials=ROLE),
         bad_request("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream "
                     "invocations.")),
    ]
    for kwargs, expected in cases:
        assert err(apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET", **kwargs) == \
            expected, kwargs
    assert err(apigw.get_integration, restApiId=api_id, resourceId=root, httpMethod="GET") == INTEGRATION_NOT_FOUND


def test_wrong_type_is_validated_before_existence(loose_apigw, rest_api):
    api_id, root = rest_api
    expected = validation("Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: "
                          "Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]")
    assert err(loose_apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET",
               type="HTTPS_PROXY") == expected
    assert err(loose_apigw.put_integration, restApiId="fake-api", resourceId="fake", httpMethod="GET",
               type="HTTPS_PROXY") == expected


def test_boolean_request_parameter_is_a_serialization_error(loose_apigw, get_method):
    api_id, root = get_method
    expected = serialization("class java.lang.Boolean can not be converted to an String")
    for parameters in ({True: True}, {"integration.request.path.testPath": True}):
        assert err(loose_apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET",
                   type="HTTP_PROXY", requestParameters=parameters) == expected


def test_unknown_parents(apigw, rest_api):
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="NONE")
    mock = dict(type="MOCK", integrationHttpMethod="GET", requestTemplates={"application/json": '{"statusCode": 200}'})
    assert err(apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET", **mock) == METHOD_NOT_FOUND
    assert err(apigw.put_integration, restApiId=api_id, resourceId="badresource", httpMethod="GET", **mock) == \
        RESOURCE_NOT_FOUND
    # Inferred, not recorded, for an unknown API under PutIntegration: asserted by type.
    assert is_client_error(err(apigw.put_integration, restApiId="fake-api", resourceId=root, httpMethod="POST",
                               **mock), "NotFoundException")
    assert err(apigw.get_integration, restApiId="fake-api", resourceId=root, httpMethod="GET") == RESOURCE_NOT_FOUND
    assert err(apigw.get_integration, restApiId=api_id, resourceId="fake", httpMethod="GET") == RESOURCE_NOT_FOUND
    assert err(apigw.get_integration, restApiId=api_id, resourceId=root, httpMethod="GET") == METHOD_NOT_FOUND
    assert err(apigw.get_integration, restApiId=api_id, resourceId=root, httpMethod="POST") == INTEGRATION_NOT_FOUND


def test_update_paths(apigw, rest_api):
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE",
                     requestParameters={"method.request.header.h": False})
    put(apigw, api_id, root, type="HTTP", uri="http://example.com", integrationHttpMethod="POST")
    updated = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/uri", "value": "https://example.org/x"},
        {"op": "replace", "path": "/httpMethod", "value": "PUT"},
        {"op": "replace", "path": "/timeoutInMillis", "value": "1000"},
        {"op": "replace", "path": "/passthroughBehavior", "value": "WHEN_NO_TEMPLATES"},
        {"op": "replace", "path": "/cacheNamespace", "value": "ns2"},
        {"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_BINARY"},
        {"op": "replace", "path": "/credentials", "value": ROLE},
        {"op": "add", "path": "/cacheKeyParameters/method.request.header.h"},
        {"op": "add", "path": "/requestParameters/integration.request.header.h", "value": "method.request.header.h"},
        {"op": "add", "path": "/requestTemplates/application~1json", "value": "{}"},
        {"op": "replace", "path": "/tlsConfig/insecureSkipVerification", "value": "true"},
    ])
    assert status(updated) == 200
    assert body(updated) == {
        "type": "HTTP", "uri": "https://example.org/x", "httpMethod": "PUT", "connectionType": "INTERNET",
        "timeoutInMillis": 1000, "passthroughBehavior": "WHEN_NO_TEMPLATES", "cacheNamespace": "ns2",
        "contentHandling": "CONVERT_TO_BINARY", "credentials": ROLE,
        "cacheKeyParameters": ["method.request.header.h"],
        "requestParameters": {"integration.request.header.h": "method.request.header.h"},
        "requestTemplates": {"application/json": "{}"}, "tlsConfig": {"insecureSkipVerification": True}}
    removed = apigw.update_integration(restApiId=api_id, resourceId=root, httpMethod="GET", patchOperations=[
        {"op": "remove", "path": "/cacheKeyParameters/method.request.header.h"},
        {"op": "remove", "path": "/requestParameters/integration.request.header.h"},
        {"op": "remove", "path": "/requestTemplates/application~1json"},
        {"op": "remove", "path": "/credentials"},
    ])
    out = body(removed)
    assert out["cacheKeyParameters"] == []
    for key in ("requestParameters", "requestTemplates", "credentials"):
        assert key not in out
    assert body(apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET")) == out


def test_update_errors_change_nothing(apigw, get_method):
    # Texts for UpdateIntegration errors are not recorded on AWS; only the classes are asserted.
    api_id, root = get_method
    put(apigw, api_id, root, type="HTTP", uri="http://example.com", integrationHttpMethod="POST")
    before = body(apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET"))
    for ops in ([{"op": "replace", "path": "/nope", "value": "x"}],
                [{"op": "replace", "path": "/uri", "value": "https://changed.example"},
                 {"op": "replace", "path": "/timeoutInMillis", "value": "abc"}],
                [{"op": "replace", "path": "/uri", "value": "not-a-url"}]):
        assert is_client_error(err(apigw.update_integration, restApiId=api_id, resourceId=root, httpMethod="GET",
                                   patchOperations=ops), "BadRequestException"), ops
    assert body(apigw.get_integration(restApiId=api_id, resourceId=root, httpMethod="GET")) == before
    assert is_client_error(err(apigw.update_integration, restApiId=api_id, resourceId=root, httpMethod="POST",
                               patchOperations=[]), "NotFoundException")


def test_delete(apigw, get_method):
    api_id, root = get_method
    put(apigw, api_id, root, type="MOCK")
    deleted = apigw.delete_integration(restApiId=api_id, resourceId=root, httpMethod="GET")
    assert status(deleted) == 204
    assert body(deleted) == {}
    assert "methodIntegration" not in apigw.get_method(restApiId=api_id, resourceId=root, httpMethod="GET")
    assert err(apigw.get_integration, restApiId=api_id, resourceId=root, httpMethod="GET") == INTEGRATION_NOT_FOUND
    # DeleteIntegration's errors are not recorded on AWS: asserted by type.
    for resource in (root, "fake"):
        assert is_client_error(err(apigw.delete_integration, restApiId=api_id, resourceId=resource, httpMethod="GET"),
                               "NotFoundException")


def test_unrecorded_enum_and_range_checks(loose_apigw, get_method):
    # Not recorded on AWS: Portico answers 400 (ValidationException for the contentHandling enum,
    # BadRequestException for passthroughBehavior and timeouts outside 50..29000).
    api_id, root = get_method
    assert is_client_error(err(loose_apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET",
                               type="MOCK", contentHandling="CONVERT_TO_NOTHING"), "ValidationException")
    assert is_client_error(err(loose_apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET",
                               type="MOCK", passthroughBehavior="SOMETIMES"), "BadRequestException")
    assert is_client_error(err(loose_apigw.put_integration, restApiId=api_id, resourceId=root, httpMethod="GET",
                               type="MOCK", timeoutInMillis=10), "BadRequestException")
