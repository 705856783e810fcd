"""Authorizers: TOKEN, REQUEST and COGNITO_USER_POOLS, AWS's recorded shapes, methods that use them."""
import pytest

from cp_support import api_not_found, bad_request, body, conflict, err, not_found, status

pytestmark = pytest.mark.usefixtures("request_id_check")

URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations"
POOL = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_ABC123"
NOT_FOUND = not_found("Invalid Authorizer identifier specified")


def test_token_authorizer_shape_and_lifecycle(apigw, rest_api):
    api_id, _ = rest_api
    created = apigw.create_authorizer(restApiId=api_id, name="lambda_authorizer", type="TOKEN", authorizerUri=URI,
                                      identitySource="method.request.header.Auth")
    assert status(created) == 201
    aid = created["id"]
    # Recorded on AWS: authType is added, no TTL unless given.
    assert body(created) == {"id": aid, "name": "lambda_authorizer", "type": "TOKEN", "authType": "custom",
                             "authorizerUri": URI, "identitySource": "method.request.header.Auth"}
    assert body(apigw.get_authorizer(restApiId=api_id, authorizerId=aid)) == body(created)
    assert [a["id"] for a in apigw.get_authorizers(restApiId=api_id)["items"]] == [aid]
    updated = apigw.update_authorizer(restApiId=api_id, authorizerId=aid, patchOperations=[
        {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "60"},
        {"op": "replace", "path": "/identityValidationExpression", "value": "^x-[a-z]+"}])
    assert updated["authorizerResultTtlInSeconds"] == 60 and updated["identityValidationExpression"] == "^x-[a-z]+"
    assert status(apigw.delete_authorizer(restApiId=api_id, authorizerId=aid)) == 202
    assert err(apigw.get_authorizer, restApiId=api_id, authorizerId=aid) == NOT_FOUND


def test_request_and_cognito_authorizers(apigw, rest_api):
    api_id, _ = rest_api
    request = apigw.create_authorizer(restApiId=api_id, name="req", type="REQUEST", authorizerUri=URI,
                                      identitySource="method.request.header.X-Id, method.request.querystring.token",
                                      authorizerResultTtlInSeconds=300)
    assert request["authType"] == "custom" and request["authorizerResultTtlInSeconds"] == 300
    uncached = apigw.create_authorizer(restApiId=api_id, name="req0", type="REQUEST", authorizerUri=URI,
                                       authorizerResultTtlInSeconds=0)
    assert "identitySource" not in uncached
    cognito = apigw.create_authorizer(restApiId=api_id, name="pool", type="COGNITO_USER_POOLS", providerARNs=[POOL],
                                      identitySource="method.request.header.Authorization")
    assert cognito["authType"] == "cognito_user_pools" and cognito["providerARNs"] == [POOL] and "authorizerUri" not in cognito


def test_authorizer_errors(apigw, rest_api):
    api_id, _ = rest_api
    create = apigw.create_authorizer
    assert err(create, restApiId="test-fake-rest-id", name="a", type="TOKEN", authorizerUri=URI,
               identitySource="method.request.header.Auth") == \
        conflict("Unable to complete operation due to concurrent modification. Please try again later.")
    assert err(apigw.get_authorizers, restApiId="test-fake-rest-id") == api_not_found("test-fake-rest-id")
    for bad in (dict(authorizerUri="not-an-arn", identitySource="method.request.header.Auth"),
                dict(authorizerUri=URI, identitySource="header.Auth"),
                dict(authorizerUri=URI, identitySource="method.request.header.Auth", authorizerResultTtlInSeconds=3601)):
        code, kind, _ = err(create, restApiId=api_id, name="a", type="TOKEN", **bad)
        assert (code, kind) == (400, "BadRequestException"), bad
    code, kind, _ = err(create, restApiId=api_id, name="p", type="COGNITO_USER_POOLS", identitySource="method.request.header.A")
    assert (code, kind) == (400, "BadRequestException")
    assert apigw.get_authorizers(restApiId=api_id)["items"] == []


def test_methods_use_existing_authorizers(apigw, rest_api):
    api_id, root = rest_api
    aid = apigw.create_authorizer(restApiId=api_id, name="a", type="TOKEN", authorizerUri=URI,
                                  identitySource="method.request.header.Auth")["id"]
    method = apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="CUSTOM",
                              authorizerId=aid, apiKeyRequired=True)
    assert {k: method[k] for k in ("authorizationType", "authorizerId", "apiKeyRequired")} == \
        {"authorizationType": "CUSTOM", "authorizerId": aid, "apiKeyRequired": True}
    code, kind, _ = err(apigw.delete_authorizer, restApiId=api_id, authorizerId=aid)
    assert (code, kind) == (409, "ConflictException")
    pool = apigw.create_authorizer(restApiId=api_id, name="pool", type="COGNITO_USER_POOLS", providerARNs=[POOL],
                                   identitySource="method.request.header.Authorization")["id"]
    scoped = apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="COGNITO_USER_POOLS",
                              authorizerId=pool, authorizationScopes=["email"])
    assert scoped["authorizationScopes"] == ["email"]


def test_authorizers_survive_restart(fresh_server):
    apigw = fresh_server.client()
    api_id = apigw.create_rest_api(name="durable")["id"]
    aid = apigw.create_authorizer(restApiId=api_id, name="a", type="TOKEN", authorizerUri=URI,
                                  identitySource="method.request.header.Auth")["id"]
    fresh_server.restart()
    assert fresh_server.client().get_authorizer(restApiId=api_id, authorizerId=aid)["name"] == "a"
