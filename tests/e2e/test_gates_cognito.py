"""Cognito user-pool authorizers against moto's Cognito: a real `moto_server` issues the tokens and
serves the pool's key set at `/{userPoolId}/.well-known/jwks.json`; Portico runs with
`PORTICO_COGNITO_ENDPOINT` pointing at it.

AWS's rules: RS256 signature against the pool's keys, `exp`, issuer among the authorizer's
providerARNs, `token_use`; a method without authorizationScopes takes ID tokens, one with scopes takes
access tokens carrying one of them; anything else is 401 `{"message":"Unauthorized"}`; a key set that
cannot be fetched is 500 AuthorizerConfigurationException. Claims reach `$context.authorizer.claims`."""
import signal
import subprocess
import time
import urllib.request

import pytest
from joserfc import jwk, jwt
from moto.utilities.utils import load_resource

from backend_helpers import raw_call
from backend_servers import function_uri, refused_port
from conftest import PorticoProcess, make_client

PASSWORD = "Passw0rd!Passw0rd"


@pytest.fixture(scope="module")
def moto():
    port = refused_port()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    yield url
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def cognito_portico(moto, _lambda_backend_server):
    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_COGNITO_ENDPOINT": moto,
                                                       "PORTICO_LAMBDA_ENDPOINT": _lambda_backend_server.url}).start()
    yield server
    server.cleanup()


@pytest.fixture(scope="module")
def pool(moto):
    """A user pool with a user `alice` (in group `admins`), signed in: its id, ARN and tokens."""
    idp = make_client(moto, "cognito-idp")
    pool_id = idp.create_user_pool(PoolName="gates")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web",
                                            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "alice@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD, Permanent=True)
    tokens = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                     AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})["AuthenticationResult"]
    return {"id": pool_id, "arn": f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool_id}",
            "id_token": tokens["IdToken"], "access_token": tokens["AccessToken"], "client_id": client_id}


@pytest.fixture
def apigw(cognito_portico):
    req = urllib.request.Request(cognito_portico.endpoint + "/moto-api/reset", method="POST")
    urllib.request.urlopen(req, timeout=5).read()
    return cognito_portico.client()


def claims_method(apigw, api_id, resource_id, authorizer_id, scopes=None):
    """GET guarded by the Cognito authorizer, a MOCK answering some of the claims."""
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod="GET", authorizationType="COGNITO_USER_POOLS",
                     authorizerId=authorizer_id, **({"authorizationScopes": scopes} if scopes else {}))
    apigw.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(
        restApiId=api_id, resourceId=resource_id, httpMethod="GET", statusCode="200",
        responseTemplates={"application/json": '{"user":"$context.authorizer.claims[\'cognito:username\']",'
                                               '"use":"$context.authorizer.claims.token_use",'
                                               '"sub":"$context.authorizer.claims.sub"}'})


@pytest.fixture
def api(apigw, pool):
    """An API with `/` (ID tokens) and `/admin` (access tokens with the admin scope) behind the pool."""
    created = apigw.create_rest_api(name="gates-cognito")
    api_id, root = created["id"], created["rootResourceId"]
    authorizer = apigw.create_authorizer(restApiId=api_id, name="pool", type="COGNITO_USER_POOLS",
                                         providerARNs=[pool["arn"]], identitySource="method.request.header.Authorization")["id"]
    claims_method(apigw, api_id, root, authorizer)
    admin = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="admin")["id"]
    claims_method(apigw, api_id, admin, authorizer, scopes=["aws.cognito.signin.user.admin"])
    other = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="other")["id"]
    claims_method(apigw, api_id, other, authorizer, scopes=["orders/read"])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id, authorizer


def call(portico, api_id, path, token=None):
    headers = [("Authorization", token)] if token is not None else []
    return raw_call(portico.endpoint, api_id, "dev", path, headers=headers)


def test_id_token_is_accepted_and_claims_reach_templates(cognito_portico, api, pool):
    api_id, _ = api
    reply = call(cognito_portico, api_id, "/", pool["id_token"])
    assert reply.status == 200, reply.text
    body = reply.json()
    assert body["user"] == "alice"
    assert body["use"] == "id"
    assert body["sub"]
    # The "Bearer " prefix is accepted too.
    assert call(cognito_portico, api_id, "/", "Bearer " + pool["id_token"]).status == 200


def test_claims_reach_the_proxy_event(apigw, cognito_portico, pool, lambda_backend):
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "{}"}
    created = apigw.create_rest_api(name="cognito-proxy")
    proxied, root = created["id"], created["rootResourceId"]
    authorizer = apigw.create_authorizer(restApiId=proxied, name="pool", type="COGNITO_USER_POOLS",
                                         providerARNs=[pool["arn"]], identitySource="method.request.header.Authorization")["id"]
    apigw.put_method(restApiId=proxied, resourceId=root, httpMethod="GET", authorizationType="COGNITO_USER_POOLS",
                     authorizerId=authorizer)
    apigw.put_integration(restApiId=proxied, resourceId=root, httpMethod="GET", type="AWS_PROXY",
                          integrationHttpMethod="POST", uri=function_uri("backend"))
    apigw.create_deployment(restApiId=proxied, stageName="dev")
    reply = call(cognito_portico, proxied, "/", pool["id_token"])
    assert reply.status == 200, reply.text
    claims = lambda_backend.last()["event"]["requestContext"]["authorizer"]["claims"]
    assert claims["cognito:username"] == "alice"
    assert claims["token_use"] == "id"
    assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool['id']}"


def test_access_tokens_need_one_of_the_methods_scopes(cognito_portico, api, pool):
    api_id, _ = api
    allowed = call(cognito_portico, api_id, "/admin", pool["access_token"])
    assert allowed.status == 200, allowed.text
    assert allowed.json()["use"] == "access"
    for path, token in (("/other", pool["access_token"]), ("/admin", pool["id_token"]), ("/", pool["access_token"])):
        reply = call(cognito_portico, api_id, path, token)
        assert reply.status == 401, (path, reply.text)
        assert reply.json() == {"message": "Unauthorized"}
        assert reply.header("x-amzn-ErrorType") == "UnauthorizedException"


def forged(pool, key, **overrides):
    now = int(time.time())
    claims = {"iss": f"https://cognito-idp.us-east-1.amazonaws.com/{pool['id']}", "sub": "someone",
              "aud": pool["client_id"], "token_use": "id", "iat": now, "exp": now + 3600, "cognito:username": "mallory"}
    claims.update(overrides)
    return jwt.encode({"alg": "RS256", "kid": "dummy"}, claims, key)


def test_bad_tokens_are_401(cognito_portico, api, pool):
    api_id, _ = api
    moto_key = jwk.RSAKey.import_key(load_resource("moto.cognitoidp.models", "resources/jwks-private.json"))
    stranger = jwk.RSAKey.generate_key(2048, parameters={"kid": "dummy"})
    header, payload, signature = pool["id_token"].split(".")
    bad = [
        None,                                                         # no identity source: 401 before any check
        "not-a-jwt",
        f"{header}.{payload}.{signature[:-4]}AAAA",                   # tampered signature
        forged(pool, stranger),                                       # signed by another key
        forged(pool, moto_key, exp=int(time.time()) - 60),            # expired, correctly signed
        forged(pool, moto_key, iss="https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other"),
        forged(pool, moto_key, token_use="refresh"),
    ]
    for token in bad:
        reply = call(cognito_portico, api_id, "/", token)
        assert reply.status == 401, (token, reply.text)
        assert reply.json() == {"message": "Unauthorized"}
    # The same forging, correctly signed and live, is accepted: the checks above are what failed.
    assert call(cognito_portico, api_id, "/", forged(pool, moto_key)).json()["user"] == "mallory"


def test_validation_expression_matches_the_audience(apigw, cognito_portico, pool):
    created = apigw.create_rest_api(name="cognito-audience")
    api_id, root = created["id"], created["rootResourceId"]
    for name, expression in (("right", pool["client_id"]), ("wrong", "^someone-else$")):
        authorizer = apigw.create_authorizer(restApiId=api_id, name=name, type="COGNITO_USER_POOLS",
                                             providerARNs=[pool["arn"]], identityValidationExpression=expression,
                                             identitySource="method.request.header.Authorization")["id"]
        resource = apigw.create_resource(restApiId=api_id, parentId=root, pathPart=name)["id"]
        claims_method(apigw, api_id, resource, authorizer)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert call(cognito_portico, api_id, "/right", pool["id_token"]).status == 200
    wrong = call(cognito_portico, api_id, "/wrong", pool["id_token"])
    assert (wrong.status, wrong.json()) == (401, {"message": "Unauthorized"})


def test_unreachable_key_set_is_an_authorizer_configuration_error(pool):
    server = PorticoProcess(in_memory=True,
                            extra_env={"PORTICO_COGNITO_ENDPOINT": f"http://127.0.0.1:{refused_port()}"}).start()
    try:
        apigw = server.client()
        created = apigw.create_rest_api(name="unreachable")
        authorizer = apigw.create_authorizer(restApiId=created["id"], name="pool", type="COGNITO_USER_POOLS",
                                             providerARNs=[pool["arn"]],
                                             identitySource="method.request.header.Authorization")["id"]
        claims_method(apigw, created["id"], created["rootResourceId"], authorizer)
        apigw.create_deployment(restApiId=created["id"], stageName="dev")
        reply = call(server, created["id"], "/", pool["id_token"])
        assert reply.status == 500
        assert reply.body == b'{"message":null}'
        assert reply.header("x-amzn-ErrorType") == "AuthorizerConfigurationException"
    finally:
        server.cleanup()


def test_test_invoke_authorizer_answers_the_claims(apigw, api, pool):
    api_id, authorizer = api
    answer = apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=authorizer,
                                          headers={"Authorization": pool["id_token"]})
    assert answer["clientStatus"] == 200
    assert answer["claims"]["cognito:username"] == "alice"
    assert answer["claims"]["token_use"] == "id"
    assert answer["claims"]["iss"].endswith(pool["id"])
    refused = apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=authorizer,
                                           headers={"Authorization": "nope"})
    assert refused["clientStatus"] == 401
    assert "claims" not in refused


def test_resource_policy_must_allow_after_the_token(apigw, cognito_portico, pool):
    """AWS's Cognito flow with a resource policy: an explicit deny refuses before the token is
    looked at; after a good token the policy must allow."""
    import json
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/open"},
        {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/closed"}]}
    created = apigw.create_rest_api(name="cognito-policy", policy=json.dumps(policy))
    api_id, root = created["id"], created["rootResourceId"]
    authorizer = apigw.create_authorizer(restApiId=api_id, name="pool", type="COGNITO_USER_POOLS",
                                         providerARNs=[pool["arn"]], identitySource="method.request.header.Authorization")["id"]
    for part in ("open", "closed", "silent"):
        resource = apigw.create_resource(restApiId=api_id, parentId=root, pathPart=part)["id"]
        claims_method(apigw, api_id, resource, authorizer)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert call(cognito_portico, api_id, "/open", pool["id_token"]).status == 200
    assert call(cognito_portico, api_id, "/open").status == 401
    silent = call(cognito_portico, api_id, "/silent", pool["id_token"])
    assert silent.status == 403
    assert silent.json()["Message"].endswith("because no resource-based policy allows the execute-api:Invoke action")
    closed = call(cognito_portico, api_id, "/closed")
    assert closed.status == 403
    assert closed.json()["Message"].endswith("with an explicit deny in a resource-based policy")
