"""Access logs end to end: a stage's accessLogSettings rendered per invocation and written to
PORTICO_ACCESS_LOG_DIR (one file per log group), or to standard output."""
import json
import os
import tempfile
import time

import pytest

from conftest import PorticoProcess
from invoke_helpers import invoke, mock_method

GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:API-Gateway-Access-Logs/pets"
FILE = "API-Gateway-Access-Logs_pets.log"


@pytest.fixture(scope="module")
def logged_server():
    log_dir = tempfile.mkdtemp(prefix="portico-access-")
    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_ACCESS_LOG_DIR": log_dir}).start()
    yield server, log_dir
    server.cleanup()


def lines(path, count, timeout=5.0):
    """The file's lines once it has at least `count` (the writer runs off the request path)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path):
            with open(path) as f:
                found = f.read().splitlines()
            if len(found) >= count:
                return found
        time.sleep(0.02)
    raise AssertionError(f"{path} did not reach {count} lines")


def deploy(apigw, fmt):
    created = apigw.create_rest_api(name="logged")
    api_id, root = created["id"], created["rootResourceId"]
    mock_method(apigw, api_id, root, responses=[
        {"statusCode": "200", "selectionPattern": "", "responseTemplates": {"application/json": '{"ok": true}'}}])
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": GROUP},
        {"op": "replace", "path": "/accessLogSettings/format", "value": fmt}])
    return api_id


def test_json_format_with_unknown_variables(logged_server):
    server, log_dir = logged_server
    apigw = server.client()
    fmt = json.dumps({"requestId": "$context.requestId", "ip": "$context.identity.sourceIp",
                      "method": "$context.httpMethod", "resourcePath": "$context.resourcePath",
                      "status": "$context.status", "length": "$context.responseLength",
                      "error": "$context.error.message", "type": "$context.error.responseType",
                      "unknown": "$context.no.such.thing", "epoch": "$context.requestTimeEpoch",
                      "latency": "$context.responseLatency", "protocol": "$context.protocol"})
    api_id = deploy(apigw, fmt)
    ok = invoke(server.endpoint, api_id, "dev", "/")
    missing = invoke(server.endpoint, api_id, "dev", "/nothing")
    found = [json.loads(line) for line in lines(os.path.join(log_dir, FILE), 2)[-2:]]
    first, second = found
    assert first["requestId"] == ok.header("x-amzn-RequestId")
    assert (first["ip"], first["method"], first["resourcePath"], first["status"], first["length"]) == \
        ("127.0.0.1", "GET", "/", "200", str(len(ok.body)))
    assert (first["error"], first["type"], first["unknown"], first["protocol"]) == ("-", "-", "-", "HTTP/1.1")
    assert first["epoch"].isdigit() and first["latency"].isdigit()
    assert second["requestId"] == missing.header("x-amzn-RequestId")
    assert (second["status"], second["error"], second["type"], second["resourcePath"]) == \
        ("403", "Missing Authentication Token", "MISSING_AUTHENTICATION_TOKEN", "-")


def test_clf_format_and_removal(logged_server):
    server, log_dir = logged_server
    apigw = server.client()
    clf = ('$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] '
           '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength '
           '$context.requestId')
    api_id = deploy(apigw, clf)
    path = os.path.join(log_dir, FILE)
    before = len(lines(path, 0)) if os.path.exists(path) else 0
    reply = invoke(server.endpoint, api_id, "dev", "/")
    line = lines(path, before + 1)[-1]
    request_id = reply.header("x-amzn-RequestId")
    assert line.startswith('127.0.0.1 - - [')
    assert line.endswith(f'] "GET / HTTP/1.1" 200 {len(reply.body)} {request_id}')
    # Without settings nothing more is written.
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[{"op": "remove", "path": "/accessLogSettings"}])
    invoke(server.endpoint, api_id, "dev", "/")
    time.sleep(0.3)
    assert len(lines(path, before + 1)) == before + 1


def test_standard_output_when_asked():
    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_ACCESS_LOG_STDOUT": "1"}).start()
    try:
        apigw = server.client()
        api_id = deploy(apigw, "ACCESS $context.requestId $context.status $context.stage")
        reply = invoke(server.endpoint, api_id, "dev", "/")
        expected = f"ACCESS {reply.header('x-amzn-RequestId')} 200 dev"
        deadline = time.time() + 5
        while time.time() < deadline:
            with open(server.log_path) as f:
                if expected in f.read():
                    break
            time.sleep(0.02)
        else:
            raise AssertionError("line not on standard output")
    finally:
        server.cleanup()


def test_off_by_default(portico, apigw):
    api_id = deploy(apigw, "$context.requestId")
    assert invoke(portico.endpoint, api_id, "dev", "/").status == 200
    assert not os.path.exists(os.path.join(portico.data_dir, FILE))


def test_a_missing_directory_is_refused_at_start():
    server = PorticoProcess(in_memory=True, extra_env={"PORTICO_ACCESS_LOG_DIR": "/nonexistent/portico-access-logs"})
    try:
        with pytest.raises(RuntimeError) as excinfo:
            server.start(timeout=10)
        assert "--access-log-dir must name an existing directory" in str(excinfo.value)
    finally:
        server.cleanup()
