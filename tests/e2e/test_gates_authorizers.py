"""Lambda authorizers (TOKEN and REQUEST) enforced at invocation, through a loopback Lambda Invoke API.

AWS's answers: a missing identity source or a token failing its validation expression is 401
`{"message":"Unauthorized"}` without calling the function; a function failing with `Unauthorized` is
401; a policy that denies is 403 `{"Message":"User is not authorized to access this resource[ with an
explicit deny]"}`; any other failure is 500 `{"message":null}` (AuthorizerConfigurationException).
Results are cached per stage for authorizerResultTtlInSeconds (default 300) and flushed by
FlushStageAuthorizersCache; TestInvokeAuthorizer runs an authorizer with AWS's answer shape."""
import json
import time

import pytest

from backend_helpers import raw_call, steps, trace_of
from backend_servers import FunctionError, function_uri
from invoke_helpers import add_resource

ACCOUNT = "000000000000"


def policy(effect, resource="*", principal="user-1", context=None, usage_key=None):
    output = {"principalId": principal,
              "policyDocument": {"Version": "2012-10-17",
                                 "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]}}
    if context is not None:
        output["context"] = context
    if usage_key is not None:
        output["usageIdentifierKey"] = usage_key
    return output


@pytest.fixture
def api(lambda_apigw):
    created = lambda_apigw.create_rest_api(name="gates-authorizers")
    return created["id"], created["rootResourceId"]


def token_authorizer(apigw, api_id, function="auth", **extra):
    kwargs = dict(restApiId=api_id, name="tok", type="TOKEN", authorizerUri=function_uri(function),
                  identitySource="method.request.header.Authorization")
    kwargs.update(extra)
    return apigw.create_authorizer(**kwargs)["id"]


def protect(apigw, api_id, resource_id, authorizer_id, verb="GET", type="AWS_PROXY", uri=None, **integration):
    """A method guarded by the authorizer: AWS_PROXY to the `backend` function, or MOCK."""
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=verb, authorizationType="CUSTOM",
                     authorizerId=authorizer_id)
    if type != "MOCK":
        integration.update(integrationHttpMethod="POST", uri=uri or function_uri("backend"))
    apigw.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod=verb, type=type, **integration)


def backend_events(lambda_backend):
    return [call["event"] for call in lambda_backend.invocations if call["function"].endswith(":backend")]


def authorizer_events(lambda_backend, name="auth"):
    return [call["event"] for call in lambda_backend.invocations if call["function"].endswith(":" + name)]


def test_token_authorizer_allows_and_hands_principal_and_context_to_the_proxy_event(lambda_apigw, lambda_portico, api,
                                                                                   lambda_backend):
    api_id, root = api
    pets = add_resource(lambda_apigw, api_id, root, "pets")
    lambda_backend.functions["auth"] = lambda event: policy(
        "Allow", context={"tier": "gold", "count": 3, "admin": True}, usage_key="usage-key-1")
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "ok"}
    authorizer = token_authorizer(lambda_apigw, api_id, authorizerResultTtlInSeconds=0)
    protect(lambda_apigw, api_id, pets, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")

    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/pets", headers=[("Authorization", "Bearer t0k")])
    assert reply.status == 200, reply.text
    assert authorizer_events(lambda_backend) == [{
        "type": "TOKEN", "authorizationToken": "Bearer t0k",
        "methodArn": f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{api_id}/dev/GET/pets"}]
    [event] = backend_events(lambda_backend)
    authorizer_context = event["requestContext"]["authorizer"]
    assert authorizer_context["principalId"] == "user-1"
    # REST APIs hand context values on as strings.
    assert authorizer_context["tier"] == "gold"
    assert authorizer_context["count"] == "3"
    assert authorizer_context["admin"] == "true"
    assert isinstance(authorizer_context["integrationLatency"], int)


def test_authorizer_context_reaches_templates_and_mappings(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["auth"] = lambda event: policy("Allow", principal="alice", context={"role": "admin"})
    authorizer = token_authorizer(lambda_apigw, api_id)
    protect(lambda_apigw, api_id, root, authorizer, type="MOCK",
            requestTemplates={"application/json": '{"statusCode": 200}'})
    lambda_apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                     responseParameters={"method.response.header.X-Principal": False})
    lambda_apigw.put_integration_response(
        restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
        responseParameters={"method.response.header.X-Principal": "context.authorizer.principalId"},
        responseTemplates={"application/json": '{"who":"$context.authorizer.principalId","role":"$context.authorizer.role"}'})
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")

    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "abc")])
    assert reply.status == 200, reply.text
    assert reply.json() == {"who": "alice", "role": "admin"}
    assert reply.header("X-Principal") == "alice"


def test_missing_or_invalid_token_is_401_without_calling_the_function(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["auth"] = lambda event: policy("Allow")
    authorizer = token_authorizer(lambda_apigw, api_id, identityValidationExpression="^Bearer [a-z]+$")
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")

    for headers in ([], [("Authorization", "")], [("Authorization", "Bearer 123")]):
        reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=headers)
        assert reply.status == 401, reply.text
        assert reply.json() == {"message": "Unauthorized"}
        assert reply.header("x-amzn-ErrorType") == "UnauthorizedException"
    assert lambda_backend.invocations == []
    trace = trace_of(lambda_portico.endpoint, reply)
    assert steps(trace, "error")[0]["gatewayResponseType"] == "UNAUTHORIZED"


def test_policy_denials_are_403_with_aws_messages(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    answers = {
        "deny": policy("Deny"),
        "elsewhere": policy("Allow", resource=f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{api_id}/dev/POST/*"),
        "wild": policy("Allow", resource=f"arn:aws:execute-api:*:*:{api_id}/?ev/GET/*"),
    }
    lambda_backend.functions["auth"] = lambda event: answers[event["authorizationToken"]]
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "in"}
    authorizer = token_authorizer(lambda_apigw, api_id, authorizerResultTtlInSeconds=0)
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")

    explicit = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "deny")])
    assert explicit.status == 403
    assert explicit.body == b'{"Message":"User is not authorized to access this resource with an explicit deny"}'
    assert explicit.header("x-amzn-ErrorType") == "AccessDeniedException"
    implicit = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "elsewhere")])
    assert implicit.status == 403
    assert implicit.body == b'{"Message":"User is not authorized to access this resource"}'
    allowed = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "wild")])
    assert allowed.status == 200, allowed.text
    assert backend_events(lambda_backend) and len(backend_events(lambda_backend)) == 1
    decisions = steps(trace_of(lambda_portico.endpoint, explicit), "authorizerPolicy")
    assert decisions[0]["decision"] == "explicitDeny"


def test_function_failures_are_401_or_500(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    answers = {
        "unauthorized": FunctionError("Unauthorized"),
        "boom": FunctionError("database down"),
        "garbage": ["not", "a", "policy"],
        "nopolicy": {"principalId": "x"},
        "nested": policy("Allow", context={"deep": {"no": 1}}),
    }
    lambda_backend.functions["auth"] = lambda event: answers[event["authorizationToken"]]
    authorizer = token_authorizer(lambda_apigw, api_id, authorizerResultTtlInSeconds=0)
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")

    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "unauthorized")])
    assert (reply.status, reply.json()) == (401, {"message": "Unauthorized"})
    for token in ("boom", "garbage", "nopolicy", "nested"):
        reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", token)])
        assert reply.status == 500, (token, reply.text)
        assert reply.body == b'{"message":null}'
        assert reply.header("x-amzn-ErrorType") == "AuthorizerConfigurationException"
    assert backend_events(lambda_backend) == []


def test_unknown_function_is_an_authorizer_configuration_error(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    authorizer = token_authorizer(lambda_apigw, api_id, function="missing")
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "t")])
    assert reply.status == 500
    assert reply.header("x-amzn-ErrorType") == "AuthorizerConfigurationException"


def test_a_hanging_authorizer_is_cut_off_after_ten_seconds(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api

    def hang(event):
        time.sleep(12)
        return policy("Allow")

    lambda_backend.functions["auth"] = hang
    authorizer = token_authorizer(lambda_apigw, api_id)
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.monotonic()
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "t")], timeout=30)
    elapsed = time.monotonic() - started
    assert reply.status == 500
    assert reply.header("x-amzn-ErrorType") == "AuthorizerConfigurationException"
    assert 9.5 < elapsed < 11.5, elapsed


def test_results_are_cached_per_token_and_flushed(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    pets = add_resource(lambda_apigw, api_id, root, "pets")
    lambda_backend.functions["auth"] = lambda event: policy(
        "Allow", resource=f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{api_id}/dev/GET/")
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "in"}
    authorizer = token_authorizer(lambda_apigw, api_id)  # default TTL: 300 seconds
    protect(lambda_apigw, api_id, root, authorizer)
    protect(lambda_apigw, api_id, pets, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")

    def call(path="/", token="a"):
        return raw_call(lambda_portico.endpoint, api_id, "dev", path, headers=[("Authorization", token)]).status

    assert call() == 200
    assert call() == 200
    assert len(authorizer_events(lambda_backend)) == 1
    # The cached policy is evaluated against each method ARN it serves: /pets is not allowed.
    assert call("/pets") == 403
    assert len(authorizer_events(lambda_backend)) == 1
    assert call(token="b") == 200
    assert len(authorizer_events(lambda_backend)) == 2
    lambda_apigw.flush_stage_authorizers_cache(restApiId=api_id, stageName="dev")
    assert call() == 200
    assert len(authorizer_events(lambda_backend)) == 3


def test_zero_ttl_calls_the_function_every_time(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["auth"] = lambda event: policy("Allow")
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "in"}
    authorizer = token_authorizer(lambda_apigw, api_id, authorizerResultTtlInSeconds=0)
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    for _ in range(3):
        assert raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "a")]).status == 200
    assert len(authorizer_events(lambda_backend)) == 3


REQUEST_EVENT_KEYS = {"type", "methodArn", "resource", "path", "httpMethod", "headers", "multiValueHeaders",
                      "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables",
                      "requestContext"}


def test_request_authorizer_event_and_identity_sources(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    pets = add_resource(lambda_apigw, api_id, root, "pets")
    pet = add_resource(lambda_apigw, api_id, pets, "{petId}")
    lambda_backend.functions["auth"] = lambda event: policy("Allow", principal=event["queryStringParameters"]["who"])
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": json.dumps(event["requestContext"]["authorizer"])}
    authorizer = lambda_apigw.create_authorizer(
        restApiId=api_id, name="req", type="REQUEST", authorizerUri=function_uri("auth"),
        identitySource="method.request.header.X-Key, method.request.querystring.who, stageVariables.env",
        authorizerResultTtlInSeconds=60)["id"]
    protect(lambda_apigw, api_id, pet, authorizer, verb="POST")
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"env": "test"})

    missing = raw_call(lambda_portico.endpoint, api_id, "dev", "/pets/9?who=bob", method="POST")
    assert (missing.status, missing.json()) == (401, {"message": "Unauthorized"})
    reply = raw_call(lambda_portico.endpoint, api_id, "dev", "/pets/9?who=bob&who=carol", method="POST",
                     headers=[("X-Key", "k1")], body="{}")
    assert reply.status == 200, reply.text
    assert reply.json()["principalId"] == "carol"
    [event] = authorizer_events(lambda_backend)
    assert set(event) == REQUEST_EVENT_KEYS
    assert event["type"] == "REQUEST"
    assert event["methodArn"] == f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{api_id}/dev/POST/pets/9"
    assert event["resource"] == "/pets/{petId}"
    assert event["path"] == "/pets/9"
    assert event["httpMethod"] == "POST"
    assert event["queryStringParameters"] == {"who": "carol"}
    assert event["multiValueQueryStringParameters"] == {"who": ["bob", "carol"]}
    assert event["pathParameters"] == {"petId": "9"}
    assert event["stageVariables"] == {"env": "test"}
    assert {k.lower(): v for k, v in event["headers"].items()}["x-key"] == "k1"
    assert event["requestContext"]["resourcePath"] == "/pets/{petId}"
    assert "authorizer" not in event["requestContext"]
    # Cached by all identity values: the same ones again do not call the function.
    raw_call(lambda_portico.endpoint, api_id, "dev", "/pets/9?who=bob&who=carol", method="POST",
             headers=[("X-Key", "k1")], body="{}")
    assert len(authorizer_events(lambda_backend)) == 1


def test_authorizer_changes_take_effect_with_the_next_deployment(lambda_apigw, lambda_portico, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["auth"] = lambda event: policy("Allow")
    lambda_backend.functions["other"] = lambda event: policy("Deny")
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "in"}
    authorizer = token_authorizer(lambda_apigw, api_id, authorizerResultTtlInSeconds=0)
    protect(lambda_apigw, api_id, root, authorizer)
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    lambda_apigw.update_authorizer(restApiId=api_id, authorizerId=authorizer, patchOperations=[
        {"op": "replace", "path": "/authorizerUri", "value": function_uri("other")}])
    assert raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "a")]).status == 200
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert raw_call(lambda_portico.endpoint, api_id, "dev", "/", headers=[("Authorization", "a")]).status == 403


def test_test_invoke_authorizer_answers_aws_shape(lambda_apigw, api, lambda_backend):
    api_id, _ = api
    lambda_backend.functions["auth"] = lambda event: policy("Allow", principal="tester", context={"k": "v"})
    authorizer = token_authorizer(lambda_apigw, api_id)
    answer = lambda_apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=authorizer,
                                                 headers={"Authorization": "secret-token"})
    assert answer["clientStatus"] == 200
    assert answer["principalId"] == "tester"
    assert json.loads(answer["policy"])["Statement"][0]["Effect"] == "Allow"
    assert isinstance(answer["latency"], int)
    log = answer["log"]
    assert f"Starting authorizer: {authorizer} for request:" in log
    assert "Incoming identity: ***oken" in log
    assert "secret-token" not in log.split("Endpoint request body")[0]
    assert "Authorizer result body before parsing:" in log
    [event] = authorizer_events(lambda_backend)
    assert event["methodArn"] == f"arn:aws:execute-api:us-east-1:{ACCOUNT}:{api_id}/ESTestInvoke-stage/GET/"

    missing = lambda_apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=authorizer, headers={})
    assert missing["clientStatus"] == 401
    assert "principalId" not in missing
    lambda_backend.functions["auth"] = lambda event: FunctionError("kaboom")
    failed = lambda_apigw.test_invoke_authorizer(restApiId=api_id, authorizerId=authorizer,
                                                 headers={"Authorization": "x"})
    assert failed["clientStatus"] == 500


def test_test_invoke_authorizer_checks_existence(lambda_apigw, api):
    api_id, _ = api
    with pytest.raises(lambda_apigw.exceptions.NotFoundException) as missing:
        lambda_apigw.test_invoke_authorizer(restApiId=api_id, authorizerId="nope")
    assert missing.value.response["Error"]["Message"] == "Invalid Authorizer identifier specified"


def test_test_invoke_method_skips_the_authorizer(lambda_apigw, api, lambda_backend):
    api_id, root = api
    lambda_backend.functions["backend"] = lambda event: {"statusCode": 200, "body": "direct"}
    authorizer = token_authorizer(lambda_apigw, api_id)
    protect(lambda_apigw, api_id, root, authorizer)
    answer = lambda_apigw.test_invoke_method(restApiId=api_id, resourceId=root, httpMethod="GET")
    assert answer["status"] == 200
    assert answer["body"] == "direct"
    assert authorizer_events(lambda_backend) == []
