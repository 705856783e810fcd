"""A first end-to-end check: the seed operation round-trips through boto3."""
import pytest
from botocore.exceptions import ClientError

from conftest import error_of


def test_get_integration_response_round_trip(apigw):
    api = apigw.create_rest_api(name="smoke")
    root = api["rootResourceId"]
    apigw.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK")
    put = apigw.put_integration_response(restApiId=api["id"], resourceId=root, httpMethod="GET",
                                         statusCode="200", selectionPattern="")
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 201
    got = apigw.get_integration_response(restApiId=api["id"], resourceId=root, httpMethod="GET", statusCode="200")
    assert got["statusCode"] == "200"
    assert got["selectionPattern"] == ""
    assert "responseTemplates" not in got
    with pytest.raises(ClientError) as excinfo:
        apigw.get_integration_response(restApiId=api["id"], resourceId=root, httpMethod="GET", statusCode="wrong")
    assert error_of(excinfo) == (400, "ValidationException",
                                 "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy "
                                 "constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d")
