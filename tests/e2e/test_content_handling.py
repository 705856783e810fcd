"""contentHandling and binaryMediaTypes, as AWS's conversion table, through an HTTP integration.
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
"""
import base64
import json

import pytest

from backend_helpers import integrate, raw_call
from backend_servers import BINARY_BODY

TEXT = b'{"hello": "world"}'


def make_api(apigw, backend, path, binary_types, request_handling=None, response_handling=None, template=None):
    api = apigw.create_rest_api(name="ch", **({"binaryMediaTypes": binary_types} if binary_types else {}))
    api_id, root = api["id"], api["rootResourceId"]
    response = {"statusCode": "200"}
    if response_handling:
        response["contentHandling"] = response_handling
    extra = {}
    if request_handling:
        extra["contentHandling"] = request_handling
    if template is not None:
        extra["requestTemplates"] = {"application/json": template}
    integrate(apigw, api_id, root, verb="POST", type="HTTP", uri=backend.url + path, responses=[response], **extra)
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id


@pytest.mark.parametrize("content_type,handling,expected", [
    # Text request: untouched, or base64-decoded with CONVERT_TO_BINARY.
    ("application/json", None, lambda body: body),
    ("application/json", "CONVERT_TO_BINARY", lambda body: base64.b64decode(body)),
    ("application/json", "CONVERT_TO_TEXT", lambda body: body),
    # Binary request (Content-Type in binaryMediaTypes): untouched, or base64-encoded with CONVERT_TO_TEXT.
    ("image/png", None, lambda body: body),
    ("image/png", "CONVERT_TO_BINARY", lambda body: body),
    ("image/png", "CONVERT_TO_TEXT", lambda body: base64.b64encode(body)),
])
def test_request_conversion(apigw, portico, http_backend, content_type, handling, expected):
    api_id = make_api(apigw, http_backend, "/echo/in", ["image/png"], request_handling=handling)
    payload = base64.b64encode(TEXT) if handling == "CONVERT_TO_BINARY" and content_type == "application/json" else BINARY_BODY
    if content_type == "application/json" and handling != "CONVERT_TO_BINARY":
        payload = TEXT
    reply = raw_call(portico.endpoint, api_id, "dev", "/", method="POST",
                     headers=[("Content-Type", content_type)], body=payload)
    assert reply.status == 200, reply.text
    received = base64.b64decode(http_backend.last()["bodyBase64"])
    assert received == expected(payload)


@pytest.mark.parametrize("accept,handling,expected", [
    # Binary integration response (application/octet-stream is a binary media type here).
    ("application/octet-stream", None, "binary"),
    ("application/json", None, "base64"),
    ("application/octet-stream", "CONVERT_TO_TEXT", "base64"),
    ("application/json", "CONVERT_TO_TEXT", "base64"),
    ("application/json", "CONVERT_TO_BINARY", "binary"),
    ("application/octet-stream", "CONVERT_TO_BINARY", "binary"),
])
def test_binary_response_conversion(apigw, portico, http_backend, accept, handling, expected):
    api_id = make_api(apigw, http_backend, "/x/binary", ["application/octet-stream"], response_handling=handling)
    reply = raw_call(portico.endpoint, api_id, "dev", "/", method="POST", headers=[("Accept", accept)], body=b"{}")
    assert reply.status == 200
    assert reply.body == (BINARY_BODY if expected == "binary" else base64.b64encode(BINARY_BODY))


def test_text_stays_text_without_handling(apigw, portico, http_backend):
    api_id = make_api(apigw, http_backend, "/x/text", ["image/png"])
    reply = raw_call(portico.endpoint, api_id, "dev", "/", method="POST", body=b"{}")
    assert reply.status == 200
    assert reply.body == b"plain text from backend"
