"""--verify-signatures: Signature Version 4 on the management API and on AWS_IAM methods,
signed by boto3, botocore's signers and the aws CLI, against a private server."""
import json
import os
import subprocess
import tempfile
import urllib.request

import boto3
import pytest
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from conftest import PorticoProcess
from invoke_helpers import call, mock_method

KEY, SECRET = "AKIDPORTICOTEST", "portico/secret+key"


@pytest.fixture(scope="module")
def signed_server():
    directory = tempfile.mkdtemp(prefix="portico-sig-")
    path = os.path.join(directory, "credentials")
    with open(path, "w") as f:
        f.write(f"[default]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n")
    server = PorticoProcess(extra_env={"PORTICO_VERIFY_SIGNATURES": "1", "PORTICO_CREDENTIALS_FILE": path}).start()
    yield server
    server.cleanup()


def client(server, key=KEY, secret=SECRET):
    return boto3.client("apigateway", endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        config=Config(retries={"max_attempts": 1}))


def error(call_, **kwargs):
    with pytest.raises(ClientError) as excinfo:
        call_(**kwargs)
    response = excinfo.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]


def test_boto3_signed_with_known_credentials_is_served(signed_server):
    apigw = client(signed_server)
    created = apigw.create_rest_api(name="signed")
    assert apigw.get_rest_api(restApiId=created["id"])["name"] == "signed"


def test_wrong_secret_is_invalid_signature(signed_server):
    assert error(client(signed_server, secret="wrong").get_rest_apis) == (
        403, "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
        "Access Key and signing method. Consult the service documentation for details.")


def test_unknown_access_key_is_unrecognized_client(signed_server):
    assert error(client(signed_server, key="AKIDSTRANGER").get_rest_apis) == (
        403, "UnrecognizedClientException", "The security token included in the request is invalid.")


def test_unsigned_and_incomplete_requests(signed_server):
    reply = call(signed_server.endpoint + "/restapis")
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType").startswith("MissingAuthenticationTokenException")
    reply = call(signed_server.endpoint + "/restapis", headers={
        "Authorization": f"AWS4-HMAC-SHA256 Credential={KEY}/20260101/us-east-1/apigateway/aws4_request",
        "X-Amz-Date": "20260101T000000Z"})
    assert reply.status == 403
    assert reply.header("x-amzn-ErrorType").startswith("IncompleteSignatureException")
    assert "Authorization header requires 'Signature' parameter." in reply.json()["message"]


def test_aws_cli_signed_call_is_served(signed_server):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET, AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
    out = subprocess.run(["aws", "--endpoint-url", signed_server.endpoint, "--output", "json", "apigateway",
                          "get-rest-apis"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "items" in json.loads(out.stdout)
    env["AWS_SECRET_ACCESS_KEY"] = "wrong"
    out = subprocess.run(["aws", "--endpoint-url", signed_server.endpoint, "apigateway", "get-rest-apis"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode != 0 and "InvalidSignatureException" in out.stderr


def iam_api(signed_server):
    apigw = client(signed_server)
    created = apigw.create_rest_api(name="iam")
    api_id, root = created["id"], created["rootResourceId"]
    mock_method(apigw, api_id, root, responses=[{
        "statusCode": "200", "selectionPattern": "",
        "responseTemplates": {"application/json": '{"caller":"$context.identity.caller"}'}}])
    apigw.update_method(restApiId=api_id, resourceId=root, httpMethod="GET",
                        patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return f"{signed_server.endpoint}/_aws/execute-api/{api_id}/dev/"


def signed_get(url, key=KEY, secret=SECRET, presign=False):
    request = AWSRequest(method="GET", url=url)
    credentials = Credentials(key, secret)
    if presign:
        SigV4QueryAuth(credentials, "execute-api", "us-east-1", expires=60).add_auth(request)
    else:
        SigV4Auth(credentials, "execute-api", "us-east-1").add_auth(request)
    prepared = request.prepare()
    return call(prepared.url, headers={k: v for k, v in prepared.headers.items() if k.lower() != "host"})


def test_aws_iam_method_verifies_signatures(signed_server):
    url = iam_api(signed_server)
    reply = signed_get(url)
    assert reply.status == 200, reply.text
    assert reply.json() == {"caller": KEY}
    reply = signed_get(url, presign=True)
    assert reply.status == 200, reply.text
    unsigned = call(url)
    assert unsigned.status == 403
    assert unsigned.json() == {"message": "Missing Authentication Token"}
    wrong = signed_get(url, secret="wrong")
    assert wrong.status == 403
    assert wrong.header("x-amzn-ErrorType") == "InvalidSignatureException"
    assert wrong.json()["message"].startswith("The request signature we calculated does not match")
    stranger = signed_get(url, key="AKIDSTRANGER")
    assert stranger.status == 403
    assert stranger.json() == {"message": "The security token included in the request is invalid."}


def test_lambda_api_verifies_signatures(signed_server):
    def lambda_client(secret=SECRET):
        return boto3.client("lambda", endpoint_url=signed_server.endpoint, region_name="us-east-1",
                            aws_access_key_id=KEY, aws_secret_access_key=secret,
                            config=Config(retries={"max_attempts": 1}))
    assert lambda_client().list_functions()["Functions"] == []
    status, code, _ = error(lambda_client(secret="wrong").list_functions)
    assert (status, code) == (403, "InvalidSignatureException")
    unsigned = urllib.request.Request(signed_server.endpoint + "/2015-03-31/functions/")
    try:
        urllib.request.urlopen(unsigned, timeout=5)
        raise AssertionError("an unsigned Lambda API call was served")
    except urllib.error.HTTPError as refused:
        assert refused.code == 403 and refused.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
