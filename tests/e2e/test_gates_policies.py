"""Resource policies (RestApi `policy`) enforced at invocation (with the VPC endpoint and VPC calls to
PRIVATE APIs come from), per-profile identity policies for AWS_IAM methods under --verify-signatures
(execute-api:Invoke and execute-api:InvalidateCache), and AWS's refusal of one key in two usage plans
of one stage. Driven through boto3 and plain HTTP."""
import json
import os
import tempfile

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from backend_helpers import steps, trace_of
from conftest import PorticoProcess, error_of
from invoke_helpers import call, invoke, mock_method

ACCOUNT = "000000000000"
MASKED = "********0000"
INVALID_POLICY = ("Invalid policy document. Please check the policy syntax and ensure that Principals are valid.")


def document(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(resource="execute-api:/*", principal="*", **extra):
    return {"Effect": "Allow", "Principal": principal, "Action": "execute-api:Invoke", "Resource": resource, **extra}


def deny(resource="execute-api:/*", principal="*", **extra):
    return {"Effect": "Deny", "Principal": principal, "Action": "execute-api:Invoke", "Resource": resource, **extra}


def mock_api(apigw, policy=None, verb="GET", authorization="NONE"):
    created = apigw.create_rest_api(name="policies", **({"policy": policy} if policy else {}))
    api_id, root = created["id"], created["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    for resource in (root, pets):
        mock_method(apigw, api_id, resource, verb=verb, responses=[{
            "statusCode": "200", "selectionPattern": "",
            "responseTemplates": {"application/json": '{"ok":true}'}}])
        if authorization != "NONE":
            apigw.update_method(restApiId=api_id, resourceId=resource, httpMethod=verb,
                                patchOperations=[{"op": "replace", "path": "/authorizationType", "value": authorization}])
    return api_id


def deploy(apigw, api_id, stage="dev"):
    apigw.create_deployment(restApiId=api_id, stageName=stage)


def set_policy(apigw, api_id, policy):
    apigw.update_rest_api(restApiId=api_id, patchOperations=[{"op": "replace", "path": "/policy", "value": policy}])


def arn(api_id, rest):
    return f"arn:aws:execute-api:us-east-1:{MASKED}:{api_id}/{rest}"


def test_no_policy_is_open(apigw, portico):
    api_id = mock_api(apigw)
    deploy(apigw, api_id)
    assert invoke(portico.endpoint, api_id, "dev", "/pets").status == 200


def test_allow_policy_lets_anyone_through(apigw, portico):
    api_id = mock_api(apigw, policy=document(allow()))
    deploy(apigw, api_id)
    reply = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert reply.status == 200, reply.text


def test_implicit_deny_when_the_policy_allows_something_else(apigw, portico):
    api_id = mock_api(apigw, policy=document(allow("execute-api:/*/POST/*")))
    deploy(apigw, api_id)
    reply = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType") == "AccessDeniedException"
    assert reply.json() == {"Message": f"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                                       f"{arn(api_id, 'dev/GET/pets')} because no resource-based policy allows the "
                                       f"execute-api:Invoke action"}


def test_explicit_deny_by_source_ip(apigw, portico):
    loopback = {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}
    api_id = mock_api(apigw, policy=document(allow(), deny("execute-api:/*/GET/pets", Condition=loopback)))
    deploy(apigw, api_id)
    reply = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType") == "AccessDeniedException"
    assert reply.json() == {"Message": f"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                                       f"{arn(api_id, 'dev/GET/pets')} with an explicit deny in a resource-based policy"}
    [decision] = steps(trace_of(portico.endpoint, reply), "resourcePolicy")
    assert {key: decision[key] for key in ("action", "decision", "principal", "statement")} == {
        "action": "execute-api:Invoke", "decision": "explicitDeny", "principal": "anonymous", "statement": 1}
    # The root is not covered by the deny.
    assert invoke(portico.endpoint, api_id, "dev", "/").status == 200


def test_x_forwarded_for_is_not_trusted(apigw, portico):
    only_ten = {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
    api_id = mock_api(apigw, policy=document(allow(Condition=only_ten)))
    deploy(apigw, api_id)
    reply = invoke(portico.endpoint, api_id, "dev", "/pets", headers={"X-Forwarded-For": "10.1.2.3"})
    assert reply.status == 403
    assert "because no resource-based policy allows" in reply.json()["Message"]


def test_policy_takes_effect_on_deployment(apigw, portico):
    api_id = mock_api(apigw)
    deploy(apigw, api_id)
    set_policy(apigw, api_id, document(deny()))
    assert invoke(portico.endpoint, api_id, "dev", "/pets").status == 200
    deploy(apigw, api_id)
    assert invoke(portico.endpoint, api_id, "dev", "/pets").status == 403
    set_policy(apigw, api_id, document(allow()))
    deploy(apigw, api_id)
    assert invoke(portico.endpoint, api_id, "dev", "/pets").status == 200


def test_customised_access_denied_response_applies(apigw, portico):
    api_id = mock_api(apigw, policy=document(deny()))
    apigw.put_gateway_response(restApiId=api_id, responseType="ACCESS_DENIED", statusCode="418",
                               responseTemplates={"application/json": '{"why":"$context.error.message"}'})
    deploy(apigw, api_id)
    reply = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert reply.status == 418
    assert reply.json()["why"].endswith("with an explicit deny in a resource-based policy")


def test_invalid_policies_are_refused(apigw):
    for bad in ("not json", json.dumps({"Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke",
                                                        "Resource": "*"}]}),
                document(allow(principal={"AWS": "nobody"})), document({"Effect": "Maybe", "Principal": "*",
                                                                         "Action": "*", "Resource": "*"})):
        with pytest.raises(ClientError) as excinfo:
            apigw.create_rest_api(name="bad", policy=bad)
        assert error_of(excinfo) == (400, "BadRequestException", INVALID_POLICY)
    api_id = apigw.create_rest_api(name="good")["id"]
    with pytest.raises(ClientError) as excinfo:
        set_policy(apigw, api_id, "{")
    assert excinfo.value.response["Error"]["Message"] == INVALID_POLICY
    assert "policy" not in apigw.get_rest_api(restApiId=api_id)
    spec = {"openapi": "3.0.1", "info": {"title": "x", "version": "1"}, "paths": {},
            "x-amazon-apigateway-policy": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}
    with pytest.raises(ClientError) as excinfo:
        apigw.put_rest_api(restApiId=api_id, mode="overwrite", body=json.dumps(spec))
    assert excinfo.value.response["Error"]["Message"] == INVALID_POLICY


def test_lambda_authorizer_and_resource_policy_combine_as_table_a(lambda_apigw, lambda_portico, lambda_backend):
    from backend_servers import function_uri

    def output(effect, resource):
        return {"principalId": "u", "policyDocument": {"Version": "2012-10-17", "Statement": [
            {"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]}}

    answers = {"silent": output("Allow", "arn:aws:execute-api:*:*:other/*"), "deny": output("Deny", "*")}
    lambda_backend.functions["auth"] = lambda event: answers[event["authorizationToken"]]
    api = lambda_apigw.create_rest_api(name="table-a", policy=document(
        allow("execute-api:/*/GET/open"), deny("execute-api:/*/GET/closed")))
    api_id, root = api["id"], api["rootResourceId"]
    authorizer = lambda_apigw.create_authorizer(
        restApiId=api_id, name="tok", type="TOKEN", authorizerUri=function_uri("auth"),
        identitySource="method.request.header.Authorization", authorizerResultTtlInSeconds=0)["id"]
    for part in ("open", "closed", "neither"):
        resource = lambda_apigw.create_resource(restApiId=api_id, parentId=root, pathPart=part)["id"]
        mock_method(lambda_apigw, api_id, resource)
        lambda_apigw.update_method(restApiId=api_id, resourceId=resource, httpMethod="GET", patchOperations=[
            {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
            {"op": "replace", "path": "/authorizerId", "value": authorizer}])
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    endpoint = lambda_portico.endpoint

    def get(path, token):
        return invoke(endpoint, api_id, "dev", path, headers={"Authorization": token})

    # The authorizer is silent, the resource policy allows: allowed.
    assert get("/open", "silent").status == 200
    # Both silent: the authorizer's implicit deny.
    silent = get("/neither", "silent")
    assert (silent.status, silent.json()) == (403, {"Message": "User is not authorized to access this resource"})
    # An explicit deny in the authorizer's policy wins over the resource policy's allow.
    denied = get("/open", "deny")
    assert (denied.status, denied.json()) == (
        403, {"Message": "User is not authorized to access this resource with an explicit deny"})
    # An explicit deny in the resource policy refuses before the authorizer runs.
    calls = len(lambda_backend.invocations)
    closed = get("/closed", "silent")
    assert closed.status == 403
    assert closed.json()["Message"].endswith("with an explicit deny in a resource-based policy")
    assert len(lambda_backend.invocations) == calls


# Identity policies: AWS_IAM methods under --verify-signatures, one IAM user per profile.

PROFILES = {
    "admin": ("AKIDADMIN", "admin/secret", None),
    "reader": ("AKIDREADER", "reader/secret", {"Statement": [
        {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/GET/*"}]}),
    "walled": ("AKIDWALLED", "walled/secret", {"Statement": [
        {"Effect": "Allow", "Action": "execute-api:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/GET/pets"}]}),
    "refresher": ("AKIDREFRESH", "refresh/secret", {"Statement": [
        {"Effect": "Allow", "Action": ["execute-api:Invoke", "execute-api:InvalidateCache"], "Resource": "*"}]}),
    "outsider": ("AKIDOUTSIDER", "outsider/secret", {"Statement": [
        {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}]}),
}


@pytest.fixture(scope="module")
def iam_server():
    directory = tempfile.mkdtemp(prefix="portico-policies-")
    lines = []
    for name, (key, secret, policy) in PROFILES.items():
        lines += [f"[{name}]", f"aws_access_key_id = {key}", f"aws_secret_access_key = {secret}"]
        if name == "outsider":
            lines.append("aws_account_id = 111122223333")
        if name == "refresher":
            with open(os.path.join(directory, "refresher.json"), "w") as f:
                json.dump(policy, f, indent=2)
            lines.append("portico_policy_file = refresher.json")
        elif policy is not None:
            lines.append("portico_policy = " + json.dumps(policy))
    path = os.path.join(directory, "credentials")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    server = PorticoProcess(extra_env={"PORTICO_VERIFY_SIGNATURES": "1", "PORTICO_CREDENTIALS_FILE": path}).start()
    yield server
    server.cleanup()


def admin_client(server):
    import boto3
    key, secret, _ = PROFILES["admin"]
    return boto3.client("apigateway", endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret)


def signed(url, profile, method="GET", headers=None):
    key, secret, _ = PROFILES[profile]
    request = AWSRequest(method=method, url=url, headers=headers or {})
    SigV4Auth(Credentials(key, secret), "execute-api", "us-east-1").add_auth(request)
    prepared = request.prepare()
    return call(prepared.url, method=method, headers={k: v for k, v in prepared.headers.items() if k.lower() != "host"})


def iam_api(apigw, policy=None, cached=False):
    created = apigw.create_rest_api(name="iam-policies", **({"policy": policy} if policy else {}))
    api_id, root = created["id"], created["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    for verb in ("GET", "POST"):
        mock_method(apigw, api_id, pets, verb=verb, responses=[{
            "statusCode": "200", "selectionPattern": "",
            "responseTemplates": {"application/json": '{"request":"$context.requestId"}'}}])
        apigw.update_method(restApiId=api_id, resourceId=pets, httpMethod=verb,
                            patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"}])
    if cached:
        apigw.create_deployment(restApiId=api_id, stageName="dev", cacheClusterEnabled=True, cacheClusterSize="0.5")
        apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
            {"op": "replace", "path": "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "value": "FAIL_WITH_403"}])
    else:
        apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id, f"{apigw.meta.endpoint_url}/_aws/execute-api/{api_id}/dev/pets"


def test_a_profile_without_a_policy_may_call_anything(iam_server):
    _, url = iam_api(admin_client(iam_server))
    assert signed(url, "admin").status == 200
    assert signed(url, "admin", method="POST").status == 200


def test_identity_policy_allows_and_implicitly_denies(iam_server):
    api_id, url = iam_api(admin_client(iam_server))
    assert signed(url, "reader").status == 200
    reply = signed(url, "reader", method="POST")
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType") == "AccessDeniedException"
    assert reply.json() == {"Message": f"User: arn:aws:iam::{ACCOUNT}:user/reader is not authorized to perform: "
                                       f"execute-api:Invoke on resource: {arn(api_id, 'dev/POST/pets')} because no "
                                       f"identity-based policy allows the execute-api:Invoke action"}


def test_identity_policy_explicit_deny(iam_server):
    api_id, url = iam_api(admin_client(iam_server))
    reply = signed(url, "walled")
    assert reply.status == 403
    assert reply.json() == {"Message": f"User: arn:aws:iam::{ACCOUNT}:user/walled is not authorized to perform: "
                                       f"execute-api:Invoke on resource: {arn(api_id, 'dev/GET/pets')} with an explicit "
                                       f"deny in an identity-based policy"}
    assert signed(url, "walled", method="POST").status == 200


def test_same_account_allow_in_either_policy_is_enough(iam_server):
    apigw = admin_client(iam_server)
    # The resource policy allows the reader's POST its identity policy is silent on.
    policy = document(allow("execute-api:/*/POST/pets", principal={"AWS": f"arn:aws:iam::{ACCOUNT}:user/reader"}))
    _, url = iam_api(apigw, policy=policy)
    assert signed(url, "reader", method="POST").status == 200
    # An explicit deny in the resource policy wins over an identity allow.
    api_id, url = iam_api(apigw, policy=document(allow(), deny("execute-api:/*/GET/*", principal={"AWS": ACCOUNT})))
    reply = signed(url, "admin")
    assert reply.status == 403
    assert reply.json()["Message"] == (
        f"User: arn:aws:iam::{ACCOUNT}:user/admin is not authorized to perform: execute-api:Invoke on resource: "
        f"{arn(api_id, 'dev/GET/pets')} with an explicit deny in a resource-based policy")


def test_cross_account_callers_need_both_policies(iam_server):
    apigw = admin_client(iam_server)
    api_id, url = iam_api(apigw)
    reply = signed(url, "outsider")
    assert reply.status == 403
    assert reply.json()["Message"] == (
        f"User: arn:aws:iam::111122223333:user/outsider is not authorized to perform: execute-api:Invoke on resource: "
        f"{arn(api_id, 'dev/GET/pets')} because no resource-based policy allows the execute-api:Invoke action")
    _, url = iam_api(apigw, policy=document(allow(principal={"AWS": "111122223333"})))
    assert signed(url, "outsider").status == 200


def test_invalidate_cache_needs_the_permission(iam_server):
    _, url = iam_api(admin_client(iam_server), cached=True)
    first = signed(url, "reader").json()["request"]
    assert signed(url, "reader").json()["request"] == first  # served from the cache
    refused = signed(url, "reader", headers={"Cache-Control": "max-age=0"})
    assert (refused.status, refused.json()) == (403, {"message": "Unauthorized"})
    refreshed = signed(url, "refresher", headers={"Cache-Control": "max-age=0"})
    assert refreshed.status == 200 and refreshed.json()["request"] != first
    # A profile without a policy is the account's administrator.
    assert signed(url, "admin", headers={"Cache-Control": "max-age=0"}).json()["request"] not in (first, refreshed.json()["request"])


def test_a_bad_identity_policy_stops_the_server():
    directory = tempfile.mkdtemp(prefix="portico-badpolicy-")
    path = os.path.join(directory, "credentials")
    with open(path, "w") as f:
        f.write("[bad]\naws_access_key_id = AKIDBAD\naws_secret_access_key = s\nportico_policy = {\"Statement\": 1}\n")
    server = PorticoProcess(extra_env={"PORTICO_VERIFY_SIGNATURES": "1", "PORTICO_CREDENTIALS_FILE": path})
    with pytest.raises(RuntimeError, match="profile bad: the identity policy is not an IAM policy"):
        server.start(timeout=10)
    server.cleanup()


# One key in two usage plans of one API stage.

def conflict(call_, **kwargs):
    with pytest.raises(ClientError) as excinfo:
        call_(**kwargs)
    return error_of(excinfo)


def test_a_key_cannot_join_two_plans_of_one_stage(apigw):
    api_id = mock_api(apigw)
    deploy(apigw, api_id, "dev")
    deploy(apigw, api_id, "prod")
    first = apigw.create_usage_plan(name="first", apiStages=[{"apiId": api_id, "stage": "dev"}])["id"]
    second = apigw.create_usage_plan(name="second", apiStages=[{"apiId": api_id, "stage": "dev"}])["id"]
    other = apigw.create_usage_plan(name="other", apiStages=[{"apiId": api_id, "stage": "prod"}])["id"]
    key = apigw.create_api_key(name="k", enabled=True)["id"]
    apigw.create_usage_plan_key(usagePlanId=first, keyId=key, keyType="API_KEY")
    assert conflict(apigw.create_usage_plan_key, usagePlanId=second, keyId=key, keyType="API_KEY") == (
        409, "ConflictException",
        f"Usage Plan {second} cannot be added because API Key {key} cannot reference multiple Usage Plans with the "
        f"same API Stage: {api_id}:dev")
    assert apigw.get_usage_plan_keys(usagePlanId=second)["items"] == []
    # Another stage is fine; adding the first plan's stage to it afterwards is not.
    apigw.create_usage_plan_key(usagePlanId=other, keyId=key, keyType="API_KEY")
    assert conflict(apigw.update_usage_plan, usagePlanId=other,
                    patchOperations=[{"op": "add", "path": "/apiStages", "value": f"{api_id}:dev"}])[:2] == (
        409, "ConflictException")
    assert apigw.get_usage_plan(usagePlanId=other)["apiStages"] == [{"apiId": api_id, "stage": "prod"}]
    # Once the key left the first plan, the second may have it.
    apigw.delete_usage_plan_key(usagePlanId=first, keyId=key)
    apigw.create_usage_plan_key(usagePlanId=second, keyId=key, keyType="API_KEY")


# Private APIs: the VPC endpoint (aws:SourceVpce) and VPC (aws:SourceVpc) a call is taken to come from.

VPCE = "vpce-0123456789abcdef0"
OTHER_VPCE = "vpce-0fedcba9876543210"
VPC = "vpc-0a1b2c3d4e5f60718"


def private_policy(vpce):
    """AWS's resource policy for a private API: anyone may invoke, but only through `vpce`."""
    return document(allow(), deny(Condition={"StringNotEquals": {"aws:SourceVpce": vpce}}))


def private_api(apigw, policy, vpc_endpoint_ids=(VPCE,), types=("PRIVATE",)):
    configuration = {"types": list(types), **({"vpcEndpointIds": list(vpc_endpoint_ids)} if vpc_endpoint_ids else {})}
    created = apigw.create_rest_api(name="private", policy=policy, endpointConfiguration=configuration)
    api_id, root = created["id"], created["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    mock_method(apigw, api_id, pets, responses=[{
        "statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"ok":true}'}}])
    deploy(apigw, api_id)
    return api_id


def through_host(portico, host_name):
    return call(f"{portico.endpoint}/dev/pets", host=f"{host_name}:{portico.port}")


def explicit_deny(api_id):
    return {"Message": f"User: anonymous is not authorized to perform: execute-api:Invoke on resource: "
                       f"{arn(api_id, 'dev/GET/pets')} with an explicit deny in a resource-based policy"}


def test_private_api_with_awss_policy_through_its_endpoint(apigw, portico):
    api_id = private_api(apigw, private_policy(VPCE))
    plain = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert plain.status == 200, plain.text
    [decision] = steps(trace_of(portico.endpoint, plain), "resourcePolicy")
    assert (decision["decision"], decision["privateApi"], decision["sourceVpce"]) == ("allowed", True, VPCE)
    assert "sourceVpc" not in decision
    for host in (f"{api_id}-{VPCE}.execute-api.us-east-1.amazonaws.com",
                 f"{api_id}-{VPCE}.execute-api.localhost.localstack.cloud",
                 f"{api_id}.execute-api.us-east-1.amazonaws.com"):
        reply = through_host(portico, host)
        assert (reply.status, reply.json()) == (200, {"ok": True}), (host, reply.text)


def test_private_api_refuses_another_endpoint(apigw, portico):
    api_id = private_api(apigw, private_policy(VPCE))
    reply = through_host(portico, f"{api_id}-{OTHER_VPCE}.execute-api.us-east-1.amazonaws.com")
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType") == "AccessDeniedException"
    assert reply.json() == explicit_deny(api_id)
    [decision] = steps(trace_of(portico.endpoint, reply), "resourcePolicy")
    assert (decision["decision"], decision["sourceVpce"]) == ("explicitDeny", OTHER_VPCE)


def test_private_api_whose_policy_names_another_endpoint(apigw, portico):
    api_id = private_api(apigw, private_policy(OTHER_VPCE))
    reply = invoke(portico.endpoint, api_id, "dev", "/pets")
    assert (reply.status, reply.json()) == (403, explicit_deny(api_id))


def test_x_apigw_api_id_through_an_endpoints_public_name(apigw, portico):
    api_id = private_api(apigw, private_policy(VPCE))
    public_name = f"{VPCE}-abcd1234.execute-api.us-east-1.vpce.amazonaws.com:{portico.port}"
    reply = call(f"{portico.endpoint}/dev/pets", host=public_name, headers={"x-apigw-api-id": api_id})
    assert (reply.status, reply.json()) == (200, {"ok": True}), reply.text
    # On Portico's own host too; the ops endpoints stay Portico's.
    assert call(f"{portico.endpoint}/dev/pets", headers={"x-apigw-api-id": api_id}).status == 200
    health = call(f"{portico.endpoint}/_portico/health", headers={"x-apigw-api-id": api_id})
    assert health.status == 200 and "x-portico-trace" not in {key.lower() for key in health.headers}
    # With two associated endpoints the header names neither.
    two = private_api(apigw, private_policy(VPCE), vpc_endpoint_ids=(VPCE, OTHER_VPCE))
    refused = call(f"{portico.endpoint}/dev/pets", host=public_name, headers={"x-apigw-api-id": two})
    assert (refused.status, refused.json()) == (403, explicit_deny(two))


def test_regional_api_has_no_vpc_keys(apigw, portico):
    api_id = private_api(apigw, private_policy(VPCE), types=("REGIONAL",), vpc_endpoint_ids=())
    reply = through_host(portico, f"{api_id}-{VPCE}.execute-api.us-east-1.amazonaws.com")
    assert (reply.status, reply.json()) == (403, explicit_deny(api_id))
    [decision] = steps(trace_of(portico.endpoint, reply), "resourcePolicy")
    assert "privateApi" not in decision and "sourceVpce" not in decision


def test_vpc_id_setting_supplies_source_vpc(apigw, portico):
    policy = document(allow(Condition={"StringEquals": {"aws:SourceVpc": VPC}}))
    # Without --vpc-id the key is absent and the allow does not apply.
    api_id = private_api(apigw, policy)
    assert invoke(portico.endpoint, api_id, "dev", "/pets").status == 403
    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_VPC_ID": VPC}).start()
    try:
        client = server.client()
        api_id = private_api(client, policy)
        reply = invoke(server.endpoint, api_id, "dev", "/pets")
        assert reply.status == 200, reply.text
        [decision] = steps(trace_of(server.endpoint, reply), "resourcePolicy")
        assert (decision["sourceVpc"], decision["sourceVpce"]) == (VPC, VPCE)
        other = private_api(client, document(allow(Condition={"StringEquals": {"aws:SourceVpc": "vpc-0000000000000000a"}})))
        assert invoke(server.endpoint, other, "dev", "/pets").status == 403
    finally:
        server.cleanup()


def test_a_malformed_vpc_id_stops_the_server():
    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_VPC_ID": "subnet-12345678"})
    with pytest.raises(RuntimeError, match="--vpc-id takes a VPC id"):
        server.start()
    server.cleanup()
