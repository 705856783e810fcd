"""Invoking deployed APIs through custom domain names: Host routing by base path mappings,
`$context.domainName` / `domainPrefix`, 403 for unmapped base paths and disabled default endpoints."""
import subprocess

from invoke_helpers import add_resource, call, mock_method, url_forms

CERT = "arn:aws:acm:us-east-1:000000000000:certificate/abc"
TEMPLATE = ('{"domain":"$context.domainName","prefix":"$context.domainPrefix","path":"$context.path",'
            '"stage":"$context.stage","resource":"$context.resourcePath","id":"$input.params(\'id\')"}')


def deployed(apigw, api):
    """`/pets/{id}` GET (MOCK rendering TEMPLATE) on stages dev and prod."""
    api_id, root = api
    pets = add_resource(apigw, api_id, root, "pets")
    pet = add_resource(apigw, api_id, pets, "{id}")
    mock_method(apigw, api_id, pet, responses=[
        {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": TEMPLATE}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    apigw.create_deployment(restApiId=api_id, stageName="prod")
    return api_id


def host_call(portico, host, path, **kwargs):
    return call(portico.endpoint + path, host=host, **kwargs)


def test_base_path_mappings_route_by_host(apigw, portico, api):
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, stage="prod")   # (none)
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, basePath="v1", stage="dev")
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, basePath="any")  # stage from path
    port = portico.port

    reply = host_call(portico, f"api.example.com:{port}", "/pets/1")
    assert reply.status == 200, reply.text
    assert reply.json() == {"domain": f"api.example.com:{port}", "prefix": "api", "path": "/pets/1", "stage": "prod",
                            "resource": "/pets/{id}", "id": "1"}

    reply = host_call(portico, f"api.example.com:{port}", "/v1/pets/2")
    assert reply.json()["stage"] == "dev" and reply.json()["path"] == "/v1/pets/2"

    reply = host_call(portico, f"api.example.com:{port}", "/any/dev/pets/3")
    assert reply.json()["stage"] == "dev" and reply.json()["id"] == "3"
    reply = host_call(portico, f"api.example.com:{port}", "/any/prod/pets/4")
    assert reply.json()["stage"] == "prod"
    # An unknown stage under a stage-less mapping: the API's missing-token answer.
    reply = host_call(portico, f"api.example.com:{port}", "/any/nope/pets/4")
    assert reply.status == 403 and reply.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"


def test_host_forms_port_case_and_trailing_dot(apigw, portico, api):
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, stage="dev")
    for host in ["api.example.com", "API.EXAMPLE.COM", f"Api.Example.Com:{portico.port}", "api.example.com.",
                 f"api.example.com.:{portico.port}"]:
        reply = host_call(portico, host, "/pets/9")
        assert reply.status == 200, (host, reply.text)
        assert reply.json()["domain"] == host
        assert reply.json()["prefix"] == host.split(".")[0]


def test_curl_resolve_reaches_the_domain(apigw, portico, api):
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="shop.example.net", regionalCertificateArn=CERT,
                             endpointConfiguration={"types": ["REGIONAL"]})
    apigw.create_base_path_mapping(domainName="shop.example.net", restApiId=api_id, basePath="store", stage="dev")
    port = portico.port
    out = subprocess.run(["curl", "-s", "--resolve", f"shop.example.net:{port}:127.0.0.1",
                          f"http://shop.example.net:{port}/store/pets/5"], capture_output=True, text=True, timeout=20)
    assert out.returncode == 0, out.stderr
    assert '"stage":"dev"' in out.stdout and '"prefix":"shop"' in out.stdout and '"path":"/store/pets/5"' in out.stdout


def test_unmapped_base_path_is_forbidden(apigw, portico, api):
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, basePath="v1", stage="dev")
    for path in ["/v2/pets/1", "/", "/V1/pets/1", "/pets/1"]:
        reply = host_call(portico, "api.example.com", path)
        assert reply.status == 403, path
        assert reply.json() == {"message": "Forbidden"}
        assert reply.header("x-amzn-RequestId")
    # A domain without any mapping is the same answer.
    apigw.create_domain_name(domainName="empty.example.com", certificateArn=CERT)
    assert host_call(portico, "empty.example.com", "/pets/1").status == 403


def test_mappings_follow_updates_and_deletes(apigw, portico, api):
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, basePath="v1", stage="dev")
    assert host_call(portico, "api.example.com", "/v1/pets/1").json()["stage"] == "dev"
    apigw.update_base_path_mapping(domainName="api.example.com", basePath="v1",
                                   patchOperations=[{"op": "replace", "path": "/stage", "value": "prod"}])
    assert host_call(portico, "api.example.com", "/v1/pets/1").json()["stage"] == "prod"
    apigw.delete_base_path_mapping(domainName="api.example.com", basePath="v1")
    assert host_call(portico, "api.example.com", "/v1/pets/1").status == 403
    apigw.delete_domain_name(domainName="api.example.com")
    # No longer a domain: the host is just the server again (the management API answers).
    assert host_call(portico, "api.example.com", "/v1/pets/1").status != 200


def test_disabled_default_endpoint_is_forbidden_after_deployment(apigw, portico, api):
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, stage="dev")
    apigw.update_rest_api(restApiId=api_id, patchOperations=[
        {"op": "replace", "path": "/disableExecuteApiEndpoint", "value": "True"}])
    # AWS applies the setting when the stage is next deployed.
    assert call(*url_forms(portico.endpoint, api_id, "dev", "/pets/1")[0]).status == 200
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    for url, host in url_forms(portico.endpoint, api_id, "dev", "/pets/1"):
        reply = call(url, host=host)
        assert reply.status == 403, url
        assert reply.json() == {"message": "Forbidden"}
    reply = host_call(portico, "api.example.com", "/pets/1")
    assert reply.status == 200 and reply.json()["stage"] == "dev"



def test_proxy_event_through_a_domain(lambda_apigw, lambda_portico, lambda_backend):
    """The Lambda proxy event keeps the base path in `path` and `requestContext.path`, as users
    report AWS sends it; `domainName` is the Host and `domainPrefix` its first label."""
    from backend_helpers import integrate
    from backend_servers import function_uri

    created = lambda_apigw.create_rest_api(name="domain-proxy")
    api_id, root = created["id"], created["rootResourceId"]
    pet = add_resource(lambda_apigw, api_id, add_resource(lambda_apigw, api_id, root, "pets"), "{petId}")
    lambda_backend.functions["events"] = lambda event: {"statusCode": 200, "body": "ok"}
    integrate(lambda_apigw, api_id, pet, "GET", "AWS_PROXY", uri=function_uri("events"))
    lambda_apigw.create_deployment(restApiId=api_id, stageName="dev")
    lambda_apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    lambda_apigw.create_base_path_mapping(domainName="api.example.com", restApiId=api_id, basePath="v1", stage="dev")
    reply = call(lambda_portico.endpoint + "/v1/pets/42", host="api.example.com")
    assert reply.status == 200, reply.text
    event = lambda_backend.last()["event"]
    assert event["path"] == "/v1/pets/42" and event["resource"] == "/pets/{petId}"
    assert event["pathParameters"] == {"petId": "42"}
    context = event["requestContext"]
    assert (context["path"], context["stage"], context["domainName"], context["domainPrefix"]) == \
        ("/v1/pets/42", "dev", "api.example.com", "api")


def test_a_domain_named_like_the_server_keeps_the_management_api(apigw, portico, api):
    """Requests signed for `apigateway` and the ops endpoints are never a custom domain's."""
    api_id = deployed(apigw, api)
    apigw.create_domain_name(domainName="127.0.0.1", certificateArn=CERT)
    apigw.create_base_path_mapping(domainName="127.0.0.1", restApiId=api_id, stage="dev")
    # boto3 signs for apigateway: still the management API on this host.
    assert apigw.get_rest_api(restApiId=api_id)["id"] == api_id
    assert call(portico.endpoint + "/_portico/health").status == 200
    # An unsigned request on the same host is the domain's.
    reply = call(portico.endpoint + "/pets/8")
    assert reply.status == 200 and reply.json()["stage"] == "dev"
    apigw.delete_domain_name(domainName="127.0.0.1")
