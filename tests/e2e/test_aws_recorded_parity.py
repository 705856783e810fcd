"""AWS's recorded answers that LocalStack's AWS-validated snapshot tests showed Portico missing.

Each test asserts what the snapshot recorded against real AWS (the LocalStack test it comes from
is named in the test's comment; `scripts/localstack-parity.sh` runs that suite against Portico).
"""

import json
import requests

from backend_helpers import integrate, raw_call
from conftest import PorticoProcess, make_client
from cp_support import bad_request, err


def _pets_api(apigw):
    """/pets (GET, MOCK) and /pets/{petId} (GET, MOCK answering the path parameter)."""
    api = apigw.create_rest_api(name="test-invoke")
    api_id, root = api["id"], api["rootResourceId"]
    pets = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="pets")["id"]
    pet = apigw.create_resource(restApiId=api_id, parentId=pets, pathPart="{petId}")["id"]
    apigw.put_method(restApiId=api_id, resourceId=pet, httpMethod="GET", authorizationType="NONE",
                     requestParameters={"method.request.path.petId": True})
    apigw.put_integration(restApiId=api_id, resourceId=pet, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=pet, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=pet, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": '{"petId": "$input.params(\'petId\')"}'})
    return api_id, pet


def test_test_invoke_with_a_path_the_resource_does_not_match_has_no_path_parameters(apigw):
    # TestApigatewayTestInvoke::test_invoke_test_method, "test-invoke-method-get-pets-id-bad-path".
    api_id, pet = _pets_api(apigw)
    bad = apigw.test_invoke_method(restApiId=api_id, resourceId=pet, httpMethod="GET",
                                   pathWithQueryString="/random/test")
    assert bad["status"] == 200 and json.loads(bad["body"]) == {"petId": ""}
    log = bad["log"].splitlines()
    assert log[2].endswith(" : HTTP Method: GET, Resource Path: /random/test")
    assert log[3].endswith(" : Method request path: {}")
    good = apigw.test_invoke_method(restApiId=api_id, resourceId=pet, httpMethod="GET", pathWithQueryString="/pets/123")
    assert json.loads(good["body"]) == {"petId": "123"}
    assert good["log"].splitlines()[3].endswith(" : Method request path: {petId=123}")
    # No path: the resource's own path, its template names standing for themselves.
    bare = apigw.test_invoke_method(restApiId=api_id, resourceId=pet, httpMethod="GET")
    assert json.loads(bare["body"]) == {"petId": "{petId}"}


def test_test_invoke_runs_the_any_method_and_an_undefined_host_variable_fails_before_sending(apigw):
    # TestApigatewayTestInvoke::test_failed_invoke_test_method, "test-invoke-failure".
    api = apigw.create_rest_api(name="test failed invoke")
    api_id, root = api["id"], api["rootResourceId"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="ANY", type="HTTP_PROXY",
                          uri="https://${stageVariables.testHost}", integrationHttpMethod="ANY")
    result = apigw.test_invoke_method(restApiId=api_id, resourceId=root, httpMethod="GET", body="")
    assert result["status"] == 500
    assert json.loads(result["body"]) == {"message": "Internal server error"}
    assert result["headers"] == {"x-amzn-ErrorType": "InternalServerErrorException"}
    lines = [line.split(" : ", 1)[-1] for line in result["log"].splitlines()]
    assert lines[2:] == [
        "HTTP Method: GET, Resource Path: /",
        "Method request path: {}",
        "Method request query string: {}",
        "Method request headers: {}",
        "Method request body before transformations: ",
        "Execution failed due to configuration error: Invalid endpoint address",
        "Method completed with status: 500",
    ]
    # A verb with neither its own method nor ANY is still unknown.
    other = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="get-only")["id"]
    apigw.put_method(restApiId=api_id, resourceId=other, httpMethod="GET", authorizationType="NONE")
    assert err(apigw.test_invoke_method, restApiId=api_id, resourceId=other, httpMethod="HEAD")[:3] == \
        (404, "NotFoundException", "Invalid Method identifier specified")


def test_apis_made_in_one_second_list_in_creation_order(apigw):
    # TestApiGatewayApiRestApi::test_list_and_delete_apis: the list, sorted by createdDate (whole
    # seconds on the wire), keeps the creation order of APIs made within one second.
    names = [f"api-{index}" for index in range(6)]
    for name in names:
        apigw.create_rest_api(name=name)
    listed = apigw.get_rest_apis()["items"]
    assert [api["name"] for api in sorted(listed, key=lambda api: api["createdDate"])] == names
    assert all(api["createdDate"].microsecond == 0 for api in listed)
    raw = requests.get(f"{apigw.meta.endpoint_url}/restapis").json()["item"]
    assert all(isinstance(api["createdDate"], int) for api in raw)


def test_creation_order_within_a_second_survives_a_restart(fresh_server):
    # The store keeps the fraction of a second the wire leaves out.
    client = make_client(fresh_server.endpoint)
    names = [f"api-{index}" for index in range(6)]
    for name in names:
        client.create_rest_api(name=name)
    keys = [client.create_api_key(name=f"key-{index}")["id"] for index in range(4)]
    fresh_server.restart()
    client = make_client(fresh_server.endpoint)
    assert [api["name"] for api in client.get_rest_apis()["items"]] == names
    assert [key["id"] for key in client.get_api_keys()["items"]] == keys[::-1]


def test_api_keys_list_newest_first_with_an_opaque_position(apigw):
    # TestApigatewayApiKeysCrud::test_get_api_keys: "get-api-keys-after-create-2" lists the second
    # key first; "get-apis-keys-pagination" has a position that is none of the keys' ids.
    first = apigw.create_api_key(name="test-key-aaa")["id"]
    second = apigw.create_api_key(name="test-key-bbb")["id"]
    assert [key["id"] for key in apigw.get_api_keys()["items"]] == [second, first]
    assert [key["id"] for key in apigw.get_api_keys(nameQuery="test-key")["items"]] == [second, first]
    page = apigw.get_api_keys(limit=1)
    assert [key["id"] for key in page["items"]] == [second]
    assert page["position"] not in (first, second)
    rest = apigw.get_api_keys(limit=1, position=page["position"])
    assert [key["id"] for key in rest["items"]] == [first] and "position" not in rest
    assert err(apigw.get_api_keys, position=first)[:3] == (400, "BadRequestException", "Invalid position parameter")
    # test_get_usage_plan_api_keys, "get-up-keys": a plan's keys list the same way.
    plan = apigw.create_usage_plan(name="plan")["id"]
    for key in (first, second):
        apigw.create_usage_plan_key(usagePlanId=plan, keyId=key, keyType="API_KEY")
    assert [key["id"] for key in apigw.get_usage_plan_keys(usagePlanId=plan)["items"]] == [second, first]


def test_custom_id_tag_refuses_uppercase(apigw):
    # test_apigateway_basic.py::test_create_rest_api_with_invalid_custom_id (LocalStack's extension).
    assert err(apigw.create_rest_api, name="gw", tags={"_custom_id_": "testId123"}) == \
        bad_request("The RestApiId 'testId123' cannot contain uppercase characters")
    assert apigw.get_rest_apis()["items"] == []


def test_private_api_host_name_with_a_vpc_endpoint_reaches_the_api(apigw, portico):
    # TestApigatewayRouting::test_routing_with_custom_api_id: `{apiId}-vpce-{id}.execute-api…`.
    api = apigw.create_rest_api(name="vpce", tags={"_custom_id_": "custom-api-id"})
    api_id, root = api["id"], api["rootResourceId"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": '{"message": "routing ok"}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    port = portico.endpoint.rsplit(":", 1)[1]
    for label in ("custom-api-id", "custom-api-id-vpce-aabbaabbaabbaabba"):
        answer = requests.get(f"http://127.0.0.1:{port}/dev/",
                              headers={"Host": f"{label}.execute-api.localhost.localstack.cloud:{port}"})
        assert (answer.status_code, answer.json()) == (200, {"message": "routing ok"}), label


def test_connection_close_is_answered_with_connection_close(apigw, portico, mock_method):
    # TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_http: a client sending
    # `Connection: close` gets `Connection: close` back (every recorded answer has it).
    api_id, root = mock_method
    apigw.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                   responseTemplates={"application/json": "{}"})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    url = f"{portico.endpoint}/_aws/execute-api/{api_id}/dev/"
    closing = requests.get(url, headers={"Connection": "close"})
    assert closing.status_code == 200 and closing.headers["Connection"] == "close"
    with requests.Session() as session:
        assert "Connection" not in session.get(url).headers


def test_import_warns_of_integration_request_parameters_that_are_not_strings(apigw):
    # test_import_rest_api_with_base_path_oas30, "put-rest-api-oas30-srv-url": the parameter is
    # left out and AWS's warning names it with the resource path after basepath handling.
    spec = {
        "openapi": "3.0.1", "info": {"title": "t", "version": "2.0"},
        "servers": [{"url": "https://testdomain.com/base-url/part/"}],
        "paths": {"/test": {"get": {
            "responses": {"200": {"description": "ok"}},
            "x-amazon-apigateway-integration": {
                "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
                "requestParameters": {"integration.request.header.double-single": "'True'",
                                      "integration.request.header.nothing": True},
            },
        }}},
    }
    expected = {
        "ignore": "/test", "prepend": "/base-url/part/test", "split": "/part/test",
    }
    for mode, path in expected.items():
        api_id = apigw.create_rest_api(name=f"import-{mode}")["id"]
        answer = apigw.put_rest_api(restApiId=api_id, mode="overwrite", body=json.dumps(spec).encode(),
                                    parameters={"basepath": mode})
        assert answer["warnings"] == [
            "Invalid format for 'requestParameters'. Expected type string for property "
            f"'integration.request.header.nothing' of resource '{path}' and method 'GET' but got 'true'"
        ], mode
        resource = next(item for item in apigw.get_resources(restApiId=api_id)["items"] if item["path"] == path)
        integration = apigw.get_integration(restApiId=api_id, resourceId=resource["id"], httpMethod="GET")
        assert integration["requestParameters"] == {"integration.request.header.double-single": "'True'"}


def test_a_lone_base_path_server_variable_is_the_base_path(apigw):
    # test_import_rest_api_with_base_path_oas30, "get-resources-oas30-srv-var": the URL does not
    # use the variable, yet prepend adds `/base-var` and split removes it.
    spec = {
        "openapi": "3.0.1", "info": {"title": "t", "version": "2.0"},
        "servers": [{"url": "https://testdomain.com", "variables": {"basePath": {"default": "/base-var"}}}],
        "paths": {"/test": {"get": {
            "responses": {"200": {"description": "ok"}},
            "x-amazon-apigateway-integration": {"type": "mock"},
        }}},
    }
    expected = {"ignore": ["/", "/test"], "prepend": ["/", "/base-var", "/base-var/test"], "split": ["/", "/test"]}
    for mode, paths in expected.items():
        api_id = apigw.create_rest_api(name=f"import-{mode}")["id"]
        apigw.put_rest_api(restApiId=api_id, mode="overwrite", body=json.dumps(spec).encode(), parameters={"basepath": mode})
        assert sorted(item["path"] for item in apigw.get_resources(restApiId=api_id)["items"]) == paths, mode


def test_trace_id_header_only_on_answers_a_mapped_backend_gave(apigw, portico, api, http_backend):
    # Recorded: TestApiGatewayHeaderRemapping (HTTP has it; HTTP_PROXY and configuration errors
    # have not) and test_invocation_trace_id (MOCK has not).
    api_id, root = api
    resources = {name: apigw.create_resource(restApiId=api_id, parentId=root, pathPart=name)["id"]
                 for name in ("http", "proxy", "mock", "broken")}
    integrate(apigw, api_id, resources["http"], type="HTTP", uri=f"{http_backend.url}/http")
    integrate(apigw, api_id, resources["proxy"], type="HTTP_PROXY", uri=f"{http_backend.url}/proxy")
    apigw.put_method(restApiId=api_id, resourceId=resources["mock"], httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=resources["mock"], httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    apigw.put_method_response(restApiId=api_id, resourceId=resources["mock"], httpMethod="GET", statusCode="200")
    apigw.put_integration_response(restApiId=api_id, resourceId=resources["mock"], httpMethod="GET", statusCode="200")
    integrate(apigw, api_id, resources["broken"], type="HTTP", uri="https://${stageVariables.nothing}")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    expected = {"http": (200, True), "proxy": (200, False), "mock": (200, False), "broken": (500, False)}
    for name, (status, traced) in expected.items():
        reply = raw_call(portico.endpoint, api_id, "dev", f"/{name}")
        assert reply.status == status, (name, reply.text)
        names = {header.lower() for header, _ in reply.header_list}
        assert ("x-amzn-trace-id" in names) == traced, name
        assert "x-amz-apigw-id" in names, name


def test_http_proxy_ignores_request_templates(apigw, portico, api, http_backend):
    # TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_http[HTTP_PROXY],
    # "full-integration": the backend gets the client's (empty) body, not the template's output.
    api_id, root = api
    resource = apigw.create_resource(restApiId=api_id, parentId=root, pathPart="proxied")["id"]
    integrate(apigw, api_id, resource, verb="ANY", type="HTTP_PROXY", uri=f"{http_backend.url}/proxied",
              integration_http_method="POST", passthroughBehavior="NEVER",
              requestTemplates={"application/json": '{"templated": true}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = raw_call(portico.endpoint, api_id, "dev", "/proxied", headers=[("Content-Type", "application/json")])
    assert reply.status == 200, reply.text
    assert http_backend.last()["body"] in (b"", "")
    reply = raw_call(portico.endpoint, api_id, "dev", "/proxied", method="POST", body='{"client": 1}',
                     headers=[("Content-Type", "text/plain")])
    assert reply.status == 200, reply.text
    assert http_backend.last()["body"] in (b'{"client": 1}', '{"client": 1}')


def test_no_trace_header_leaves_only_aws_headers():
    # For comparing answers with AWS's (scripts/localstack-parity.sh): no x-portico-trace, and the
    # trace is still there under the request id.
    server = PorticoProcess(extra_env={"PORTICO_NO_TRACE_HEADER": "1"}).start()
    try:
        client = make_client(server.endpoint)
        api = client.create_rest_api(name="quiet")
        api_id, root = api["id"], api["rootResourceId"]
        client.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        client.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                               requestTemplates={"application/json": '{"statusCode": 200}'})
        client.put_method_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
        client.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
        client.create_deployment(restApiId=api_id, stageName="dev")
        answer = requests.get(f"{server.endpoint}/_aws/execute-api/{api_id}/dev/")
        assert answer.status_code == 200
        assert "x-portico-trace" not in answer.headers
        trace = requests.get(f"{server.endpoint}/_portico/invocations/{answer.headers['x-amzn-RequestId']}")
        assert trace.status_code == 200
    finally:
        server.cleanup()
