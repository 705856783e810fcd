"""Helpers for invocation tests: build a MOCK API, deploy it, and call it over plain HTTP."""
import json
import urllib.request
import urllib.error


def mock_method(apigw, api_id, resource_id, verb="GET", request_template='{"statusCode": 200}', responses=None,
                method_responses=None, request_parameters=None, integration_extra=None):
    """PutMethod + MOCK integration + method/integration responses.

    responses: list of dicts passed to put_integration_response (statusCode required).
    """
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=verb, authorizationType="NONE",
                     **({"requestParameters": request_parameters} if request_parameters else {}))
    kwargs = dict(restApiId=api_id, resourceId=resource_id, httpMethod=verb, type="MOCK")
    if request_template is not None:
        kwargs["requestTemplates"] = {"application/json": request_template}
    kwargs.update(integration_extra or {})
    apigw.put_integration(**kwargs)
    for response in responses or [{"statusCode": "200", "selectionPattern": ""}]:
        code = response["statusCode"]
        params = (method_responses or {}).get(code)
        apigw.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod=verb, statusCode=code,
                                  **({"responseParameters": params} if params else {}))
        apigw.put_integration_response(restApiId=api_id, resourceId=resource_id, httpMethod=verb, **response)


def add_resource(apigw, api_id, parent_id, part):
    return apigw.create_resource(restApiId=api_id, parentId=parent_id, pathPart=part)["id"]


def url_forms(endpoint, api_id, stage, path):
    """The three equivalent invocation URLs (host form as (url, host header))."""
    port = endpoint.rsplit(":", 1)[1]
    path = path if path.startswith("/") else "/" + path
    return [
        (f"{endpoint}/_aws/execute-api/{api_id}/{stage}{path}", None),
        (f"{endpoint}/restapis/{api_id}/{stage}/_user_request_{path}", None),
        (f"{endpoint}/{stage}{path}", f"{api_id}.execute-api.localhost.localstack.cloud:{port}"),
    ]


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


def call(url, method="GET", body=None, headers=None, host=None, timeout=10):
    data = body if isinstance(body, (bytes, type(None))) else body.encode()
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, dict(response.headers.items()), response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers.items()), error.read())


def invoke(endpoint, api_id, stage, path, **kwargs):
    url, host = url_forms(endpoint, api_id, stage, path)[0]
    return call(url, host=host, **kwargs)
