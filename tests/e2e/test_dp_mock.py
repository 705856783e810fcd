"""Invoking deployed MOCK APIs: URL forms, selection patterns, parameters, templates, overrides."""
import time

import pytest

from invoke_helpers import add_resource, call, invoke, mock_method, url_forms


def test_three_url_forms_answer_the_same(apigw, portico, api):
    api_id, root = api
    pets = add_resource(apigw, api_id, root, "pets")
    mock_method(apigw, api_id, pets, responses=[
        {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"pets": []}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    for url, host in url_forms(portico.endpoint, api_id, "dev", "/pets"):
        reply = call(url, host=host)
        assert reply.status == 200, (url, reply.text)
        assert reply.json() == {"pets": []}
        assert reply.header("Content-Type") == "application/json"
        assert reply.header("x-amzn-RequestId")
        assert reply.header("x-amz-apigw-id")


def test_missing_route_is_403_missing_authentication_token(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/nothing/here")
    assert reply.status == 403
    assert reply.json() == {"message": "Missing Authentication Token"}
    assert reply.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"
    # An existing path with an undefined method is the same answer.
    reply = invoke(portico.endpoint, api_id, "dev", "/", method="DELETE")
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"


def test_selection_patterns_choose_the_integration_response(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root,
                request_template='{"statusCode": $input.params(\'code\')}',
                responses=[
                    {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"r": "default"}'}},
                    {"statusCode": "400", "selectionPattern": "4\\d\\d", "responseTemplates": {"application/json": '{"r": "4xx"}'}},
                    {"statusCode": "500", "selectionPattern": "5\\d{2}", "responseTemplates": {"application/json": '{"r": "5xx"}'}},
                ])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    for code, expected_status, expected in [("200", 200, "default"), ("404", 400, "4xx"), ("503", 500, "5xx"),
                                            ("302", 200, "default")]:
        reply = invoke(portico.endpoint, api_id, "dev", f"/?code={code}")
        assert reply.status == expected_status, (code, reply.text)
        assert reply.json() == {"r": expected}


def test_selection_pattern_matches_the_whole_value(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, request_template='{"statusCode": 404}', responses=[
        {"statusCode": "200", "selectionPattern": ""},
        {"statusCode": "401", "selectionPattern": "40"},   # only a prefix: must not match
        {"statusCode": "402", "selectionPattern": "4.4"},
    ])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert invoke(portico.endpoint, api_id, "dev", "/").status == 402


def test_no_match_and_no_default_is_500(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, request_template='{"statusCode": 200}',
                responses=[{"statusCode": "400", "selectionPattern": "4\\d\\d"}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 500
    assert reply.body == b'{"message": "Internal server error"}'
    assert reply.header("x-amzn-ErrorType") == "InternalServerErrorException"


def test_response_parameters_from_every_source(apigw, portico, api):
    api_id, root = api
    headers = {f"method.response.header.{n}": False for n in ["X-Static", "X-Req", "X-Stage", "X-Path"]}
    mock_method(apigw, api_id, root, method_responses={"200": headers}, responses=[{
        "statusCode": "200", "selectionPattern": "",
        "responseParameters": {
            "method.response.header.X-Static": "'fixed'",
            "method.response.header.X-Req": "context.requestId",
            "method.response.header.X-Stage": "stageVariables.color",
            "method.response.header.X-Path": "context.resourcePath",
        }}])
    apigw.create_deployment(restApiId=api_id, stageName="dev", variables={"color": "blue"})
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 200
    assert reply.header("X-Static") == "fixed"
    assert reply.header("X-Req") == reply.header("x-amzn-RequestId")
    assert reply.header("X-Stage") == "blue"
    assert reply.header("X-Path") == "/"


def test_templates_see_params_context_and_stage_variables(apigw, portico, api):
    api_id, root = api
    pet = add_resource(apigw, api_id, add_resource(apigw, api_id, root, "pets"), "{petId}")
    template = ('{"id": "$input.params(\'petId\')", "q": "$input.params(\'q\')", "stage": "$context.stage", '
                '"method": "$context.httpMethod", "resourcePath": "$context.resourcePath", "v": "$stageVariables.v"}')
    mock_method(apigw, api_id, pet, responses=[{"statusCode": "200", "selectionPattern": "",
                                                 "responseTemplates": {"application/json": template}}])
    apigw.create_deployment(restApiId=api_id, stageName="prod", variables={"v": "42"})
    reply = invoke(portico.endpoint, api_id, "prod", "/pets/7?q=x")
    assert reply.json() == {"id": "7", "q": "x", "stage": "prod", "method": "GET",
                            "resourcePath": "/pets/{petId}", "v": "42"}


def test_request_body_reaches_the_response_template(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, verb="POST", responses=[{
        "statusCode": "200", "selectionPattern": "",
        "responseTemplates": {"application/json": '{"echo": $input.json(\'$\')}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/", method="POST", body='{"a": [1, 2]}',
                   headers={"Content-Type": "application/json"})
    assert reply.status == 200
    # The MOCK backend has no body: $input in the response template reads the integration response.
    assert reply.json() == {"echo": {}}


def test_response_override_status_and_header(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, responses=[{
        "statusCode": "200", "selectionPattern": "",
        "responseTemplates": {"application/json":
            '#set($context.responseOverride.status = 418)#set($context.responseOverride.header.X-Tea = "pot"){"brewed": true}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 418
    assert reply.header("X-Tea") == "pot"
    assert reply.json() == {"brewed": True}


def test_response_override_in_the_request_template(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root,
                request_template='#set($context.responseOverride.status = 444){"statusCode": 200}',
                responses=[{"statusCode": "200", "selectionPattern": "",
                            "responseTemplates": {"application/json": '{"s": "$context.responseOverride.status"}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 444
    assert reply.json() == {"s": "444"}


@pytest.mark.parametrize("behavior,content_type,expected", [
    ("WHEN_NO_MATCH", "application/json", 200),
    ("WHEN_NO_MATCH", "text/plain", 200),
    ("NEVER", "application/json", 200),
    ("NEVER", "text/plain", 415),
    ("WHEN_NO_TEMPLATES", "text/plain", 415),
])
def test_passthrough_behaviors(apigw, portico, api, behavior, content_type, expected):
    api_id, root = api
    mock_method(apigw, api_id, root, verb="POST", integration_extra={"passthroughBehavior": behavior})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/", method="POST", body='{"statusCode": 200}',
                   headers={"Content-Type": content_type})
    assert reply.status == expected, reply.text
    if expected == 415:
        assert reply.json() == {"message": "Unsupported Media Type"}


def test_proxy_and_any_routing_precedence(apigw, portico, api):
    api_id, root = api
    def tagged(resource, tag, verb="GET"):
        mock_method(apigw, api_id, resource, verb=verb, responses=[{
            "statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": f'{{"hit": "{tag}"}}'}}])
    items = add_resource(apigw, api_id, root, "items")
    tagged(items, "items-literal")
    item = add_resource(apigw, api_id, items, "{id}")
    tagged(item, "items-param")
    proxy = add_resource(apigw, api_id, root, "{proxy+}")
    tagged(proxy, "greedy-any", verb="ANY")
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert invoke(portico.endpoint, api_id, "dev", "/items").json() == {"hit": "items-literal"}
    assert invoke(portico.endpoint, api_id, "dev", "/items/9").json() == {"hit": "items-param"}
    assert invoke(portico.endpoint, api_id, "dev", "/other/deep/path").json() == {"hit": "greedy-any"}
    assert invoke(portico.endpoint, api_id, "dev", "/other", method="DELETE").json() == {"hit": "greedy-any"}


def test_deployment_is_a_snapshot(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, responses=[{"statusCode": "200", "selectionPattern": "",
                                                  "responseTemplates": {"application/json": '{"v": 1}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    apigw.update_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                      patchOperations=[{"op": "replace", "path": "/responseTemplates/application~1json",
                                                        "value": '{"v": 2}'}])
    assert invoke(portico.endpoint, api_id, "dev", "/").json() == {"v": 1}
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert invoke(portico.endpoint, api_id, "dev", "/").json() == {"v": 2}


def test_custom_gateway_response(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root)
    apigw.put_gateway_response(restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
                               responseParameters={"gatewayresponse.header.X-Why": "'no-route'"},
                               responseTemplates={"application/json": '{"error": $context.error.messageString, "type": "$context.error.responseType"}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/missing")
    assert reply.status == 404
    assert reply.header("X-Why") == "no-route"
    assert reply.json() == {"error": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN"}


def test_default_5xx_customisation_applies_to_internal_errors(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, responses=[{"statusCode": "400", "selectionPattern": "4\\d\\d"}])
    apigw.put_gateway_response(restApiId=api_id, responseType="DEFAULT_5XX", statusCode="599",
                               responseTemplates={"application/json": '{"oops": "$context.error.responseType"}'})
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert reply.status == 599
    assert reply.json() == {"oops": "API_CONFIGURATION_ERROR"}


def test_catastrophic_selection_pattern_is_bounded(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, request_template='{"statusCode": 200}', responses=[
        {"statusCode": "200", "selectionPattern": ""},
        {"statusCode": "500", "selectionPattern": "(2+)+0"},
    ])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.time()
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    assert time.time() - started < 5
    assert reply.status in (200, 500)


def test_template_bomb_is_bounded(apigw, portico, api):
    api_id, root = api
    bomb = '#foreach($i in [1..100000])#foreach($j in [1..100000])x#end#end'
    mock_method(apigw, api_id, root, responses=[{"statusCode": "200", "selectionPattern": "",
                                                  "responseTemplates": {"application/json": bomb}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    started = time.time()
    reply = invoke(portico.endpoint, api_id, "dev", "/", timeout=30)
    assert time.time() - started < 10
    assert reply.status in (200, 500)


def test_deployments_survive_restart(fresh_server):
    apigw = fresh_server.client()
    created = apigw.create_rest_api(name="durable")
    api_id, root = created["id"], created["rootResourceId"]
    mock_method(apigw, api_id, root, responses=[{"statusCode": "200", "selectionPattern": "",
                                                  "responseTemplates": {"application/json": '{"alive": true}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    fresh_server.restart()
    assert invoke(fresh_server.endpoint, api_id, "dev", "/").json() == {"alive": True}


def test_trace_explains_the_answer(apigw, portico, api):
    api_id, root = api
    mock_method(apigw, api_id, root, responses=[{"statusCode": "200", "selectionPattern": "",
                                                  "responseTemplates": {"application/json": '{"t": 1}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    reply = invoke(portico.endpoint, api_id, "dev", "/")
    trace_path = reply.header("x-portico-trace")
    assert trace_path == "/_portico/invocations/" + reply.header("x-amzn-RequestId")
    trace = call(portico.endpoint + trace_path).json()
    steps = [step["step"] for step in trace["steps"]]
    assert steps[0] == "started"
    assert "route" in steps and "selection" in steps and steps[-1] == "methodResponse"


def test_test_invoke_method(apigw, api):
    api_id, root = api
    pet = add_resource(apigw, api_id, add_resource(apigw, api_id, root, "pets"), "{petId}")
    mock_method(apigw, api_id, pet, responses=[{"statusCode": "200", "selectionPattern": "",
                                                 "responseTemplates": {"application/json": '{"petId": "$input.params(\'petId\')"}'}}])
    result = apigw.test_invoke_method(restApiId=api_id, resourceId=pet, httpMethod="GET", pathWithQueryString="/pets/123")
    assert result["status"] == 200
    assert result["body"] == '{"petId": "123"}'
    assert result["headers"] == {"Content-Type": "application/json"}
    assert result["multiValueHeaders"] == {"Content-Type": ["application/json"]}
    log = result["log"].splitlines()
    assert log[0].startswith("Execution log for request ")
    assert log[2].endswith(" : HTTP Method: GET, Resource Path: /pets/123")
    assert log[3].endswith(" : Method request path: {petId=123}")
    assert log[-1].endswith(" : Method completed with status: 200")
    assert isinstance(result["latency"], int)
