"""Helpers for the real-backend tests: wire a method to an HTTP/Lambda integration, call it with
repeated headers, and read its invocation trace."""
import http.client
import json
import urllib.parse
import urllib.request

from invoke_helpers import Reply


def integrate(apigw, api_id, resource_id, verb="GET", type="HTTP", uri=None, integration_http_method=None,
              method_parameters=None, responses=None, method_responses=None, **integration):
    """PutMethod + PutIntegration (+ method/integration responses for non-proxy types).

    responses: list of put_integration_response kwargs (statusCode required); defaults to one default
    200 response for HTTP/AWS. method_responses: {status: responseParameters} for PutMethodResponse.
    """
    # Mapping sources must be declared on the method request (AWS validates this at PutIntegration).
    declared = dict(method_parameters or {})
    for source in (integration.get("requestParameters") or {}).values():
        if source.startswith("method.request.") and source.count(".") >= 3 and not source.startswith("method.request.body"):
            declared.setdefault(source, False)
    apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=verb, authorizationType="NONE",
                     **({"requestParameters": declared} if declared else {}))
    kwargs = dict(restApiId=api_id, resourceId=resource_id, httpMethod=verb, type=type, uri=uri,
                  integrationHttpMethod=integration_http_method or ("POST" if type.startswith("AWS") else verb))
    kwargs.update(integration)
    apigw.put_integration(**kwargs)
    if responses is None:
        responses = [] if type.endswith("_PROXY") else [{"statusCode": "200"}]
    for response in responses:
        code = response["statusCode"]
        params = (method_responses or {}).get(code)
        apigw.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod=verb, statusCode=code,
                                  **({"responseParameters": params} if params else {}))
        apigw.put_integration_response(restApiId=api_id, resourceId=resource_id, httpMethod=verb, **response)


def invoke_url(endpoint, api_id, stage, path):
    path = path if path.startswith("/") else "/" + path
    return f"{endpoint}/_aws/execute-api/{api_id}/{stage}{path}"


def raw_call(endpoint, api_id, stage, path, method="GET", headers=(), body=None, timeout=10):
    """A request with headers given as a list of pairs (repeated names allowed)."""
    parsed = urllib.parse.urlsplit(invoke_url(endpoint, api_id, stage, path))
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=timeout)
    target = parsed.path + ("?" + parsed.query if parsed.query else "")
    connection.putrequest(method, target, skip_accept_encoding=True)
    for name, value in headers:
        connection.putheader(name, value)
    data = body.encode() if isinstance(body, str) else body
    if data is not None:
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    reply = Reply(response.status, dict(response.getheaders()), response.read())
    reply.header_list = response.getheaders()
    connection.close()
    return reply


def header_values(reply, name):
    """Every value of a response header (case-insensitive), in order."""
    pairs = getattr(reply, "header_list", None) or list(reply.headers.items())
    return [value for key, value in pairs if key.lower() == name.lower()]


def trace_of(endpoint, reply):
    """The invocation trace a response points to (`x-portico-trace`)."""
    location = reply.header("x-portico-trace")
    assert location and location.startswith("/_portico/invocations/"), reply.headers
    with urllib.request.urlopen(endpoint + location, timeout=5) as response:
        return json.loads(response.read())


def steps(trace, name):
    return [step for step in trace["steps"] if step["step"] == name]
