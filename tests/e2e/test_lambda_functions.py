"""Lambda functions hosted by Portico: the Lambda API through boto3's `lambda` client, real
handlers run as local processes behind the Runtime API (Python under Portico's bootstrap and
under awslambdaric, Node, a provided.al2023 shell bootstrap), and bad input.

Error types and messages as recorded against AWS (LocalStack's
tests/aws/services/lambda_/test_lambda_api.snapshot.json and test_lambda.snapshot.json)."""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time

import pytest
from botocore.exceptions import ClientError

from conftest import PorticoProcess, error_of
from lambda_support import ROLE, children_of, create, node_runtime, python_runtime, symlink_zip, zip_of

ECHO = """
import json, os, sys
def handler(event, context):
    print("handling", json.dumps(event))
    return {"event": event, "pid": os.getpid(), "requestId": context.aws_request_id,
            "remaining": context.get_remaining_time_in_millis(), "arn": context.invoked_function_arn,
            "env": {k: os.environ.get(k) for k in ["AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
                    "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_LAMBDA_RUNTIME_API", "_HANDLER",
                    "LAMBDA_TASK_ROOT", "AWS_ACCESS_KEY_ID", "GREETING"]},
            "cwd": os.getcwd()}
"""

FAILS = """
def handler(event, context):
    raise ValueError("bad input: " + str(event.get("n")))
"""


@pytest.fixture(scope="module")
def server():
    process = PorticoProcess(extra_env={"PORTICO_LAMBDA_PYTHON_CLIENT": "builtin"})
    process.extra_env["PORTICO_LAMBDA_LOG_DIR"] = os.path.join(process.data_dir, "function-logs")
    process.start()
    yield process
    process.cleanup()


@pytest.fixture
def lam(server):
    client = server.client("lambda")
    for function in client.list_functions()["Functions"]:
        client.delete_function(FunctionName=function["FunctionName"])
    return client


def invoke(client, name, event=None, **extra):
    response = client.invoke(FunctionName=name, Payload=json.dumps(event if event is not None else {}), **extra)
    payload = response["Payload"].read()
    return response, json.loads(payload) if payload else None


def test_create_get_list_delete(lam):
    package = zip_of({"handler.py": ECHO})
    created = lam.create_function(FunctionName="echo", Runtime=python_runtime(), Role=ROLE, Handler="handler.handler",
                                  Code={"ZipFile": package}, Timeout=5, MemorySize=256, Description="d",
                                  Environment={"Variables": {"GREETING": "hi"}})
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    arn = "arn:aws:lambda:us-east-1:000000000000:function:echo"
    assert created["FunctionArn"] == arn
    assert created["State"] == "Pending" and created["StateReasonCode"] == "Creating"
    assert created["CodeSha256"] == base64.b64encode(hashlib.sha256(package).digest()).decode()
    assert created["CodeSize"] == len(package)
    assert (created["Timeout"], created["MemorySize"], created["Version"], created["PackageType"]) == (5, 256, "$LATEST", "Zip")
    assert created["Environment"] == {"Variables": {"GREETING": "hi"}}
    got = lam.get_function(FunctionName="echo")
    assert got["Configuration"]["State"] == "Active"
    assert got["Configuration"]["LastUpdateStatus"] == "Successful"
    assert lam.get_function_configuration(FunctionName=arn)["FunctionName"] == "echo"
    assert [f["FunctionName"] for f in lam.list_functions()["Functions"]] == ["echo"]
    lam.get_waiter("function_active_v2").wait(FunctionName="echo")
    assert lam.delete_function(FunctionName="echo")["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as raised:
        lam.get_function(FunctionName="echo")
    assert error_of(raised) == (404, "ResourceNotFoundException", "Function not found: " + arn)
    with pytest.raises(ClientError) as raised:
        lam.invoke(FunctionName="echo", Payload=b"{}")
    assert error_of(raised) == (404, "ResourceNotFoundException", "Function not found: " + arn + ":$LATEST")


def test_create_conflict_and_bad_parameters(lam):
    create(lam, "dup", {"handler.py": ECHO})
    with pytest.raises(ClientError) as raised:
        create(lam, "dup", {"handler.py": ECHO})
    assert error_of(raised) == (409, "ResourceConflictException", "Function already exist: dup")
    with pytest.raises(ClientError) as raised:
        create(lam, "old", {"handler.py": ECHO}, runtime="python3.7")
    assert error_of(raised)[1] == "InvalidParameterValueException"
    assert "The runtime parameter of python3.7 is no longer supported" in error_of(raised)[2]
    with pytest.raises(ClientError) as raised:
        create(lam, "jvm", {"handler.py": ECHO}, runtime="java21")
    status, code, message = error_of(raised)
    assert (status, code) == (400, "InvalidParameterValueException")
    assert "cannot run java21" in message
    with pytest.raises(ClientError) as raised:
        lam.create_function(FunctionName="r", Runtime=python_runtime(), Role="r1", Handler="h.h",
                            Code={"ZipFile": zip_of({"h.py": ""})})
    assert error_of(raised)[:2] == (400, "ValidationException")
    with pytest.raises(ClientError) as raised:
        create(lam, "t", {"handler.py": ECHO}, Timeout=901)
    assert error_of(raised)[:2] == (400, "ValidationException")
    assert [f["FunctionName"] for f in lam.list_functions()["Functions"]] == ["dup"]


def test_invoke_python_builtin_bootstrap(lam, server):
    create(lam, "echo", {"handler.py": ECHO}, Environment={"Variables": {"GREETING": "hello"}})
    response, result = invoke(lam, "echo", {"a": [1, 2]}, LogType="Tail")
    assert response["StatusCode"] == 200 and response["ExecutedVersion"] == "$LATEST"
    assert "FunctionError" not in response
    assert result["event"] == {"a": [1, 2]}
    env = result["env"]
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == "echo"
    assert env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST"
    assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "128"
    assert env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/echo"
    assert "[$LATEST]" in env["AWS_LAMBDA_LOG_STREAM_NAME"]
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert env["AWS_ENDPOINT_URL"] == server.endpoint
    assert env["AWS_LAMBDA_RUNTIME_API"].startswith("127.0.0.1:")
    assert env["_HANDLER"] == "handler.handler"
    assert env["GREETING"] == "hello"
    assert env["LAMBDA_TASK_ROOT"] == result["cwd"]
    assert result["arn"] == "arn:aws:lambda:us-east-1:000000000000:function:echo"
    assert 0 < result["remaining"] <= 3000
    log = base64.b64decode(response["LogResult"]).decode()
    assert log.startswith("START RequestId: " + result["requestId"] + " Version: $LATEST")
    assert 'handling {"a": [1, 2]}' in log
    assert "END RequestId: " + result["requestId"] in log
    assert "REPORT RequestId: " + result["requestId"] in log and "Init Duration" in log
    # The environment stays warm: the same process answers the next invocation.
    _, again = invoke(lam, "echo", {"b": 1})
    assert again["pid"] == result["pid"] and again["requestId"] != result["requestId"]


def test_log_directory_and_aws_cli(lam, server):
    package = tempfile.mktemp(suffix=".zip")
    with open(package, "wb") as handle:
        handle.write(zip_of({"handler.py": ECHO}))
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
               AWS_PAGER="")
    base = ["aws", "--endpoint-url", server.endpoint, "--output", "json", "lambda"]
    created = subprocess.run(base + ["create-function", "--function-name", "cli", "--runtime", python_runtime(),
                                     "--handler", "handler.handler", "--role", ROLE, "--zip-file", "fileb://" + package],
                             capture_output=True, text=True, env=env, timeout=60)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["FunctionName"] == "cli"
    out = tempfile.mktemp(suffix=".json")
    invoked = subprocess.run(base + ["invoke", "--function-name", "cli", "--payload", '{"via": "cli"}', out],
                             capture_output=True, text=True, env=env, timeout=60)
    assert invoked.returncode == 0, invoked.stderr
    result = json.load(open(out))
    assert result["event"] == {"via": "cli"}
    os.remove(out)
    os.remove(package)
    log = open(os.path.join(server.data_dir, "function-logs", "cli.log")).read()
    request_id = result["requestId"]
    assert f"{request_id} START RequestId: {request_id} Version: $LATEST" in log
    assert f'{request_id} handling {{"via": "cli"}}' in log
    assert f"{request_id} REPORT RequestId: {request_id}" in log


def test_function_error_is_unhandled(lam):
    create(lam, "fails", {"handler.py": FAILS})
    response, payload = invoke(lam, "fails", {"n": 7})
    assert response["StatusCode"] == 200 and response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "ValueError" and payload["errorMessage"] == "bad input: 7"
    assert isinstance(payload["stackTrace"], list)


def test_event_and_dry_run(lam, server):
    marker = tempfile.mktemp(prefix="portico-event-")
    create(lam, "event", {"handler.py": "def handler(event, context):\n    open(event['path'], 'w').write('ran')\n"})
    response = lam.invoke(FunctionName="event", InvocationType="Event", Payload=json.dumps({"path": marker}))
    assert response["StatusCode"] == 202
    deadline = time.time() + 10
    while not os.path.exists(marker) and time.time() < deadline:
        time.sleep(0.05)
    assert open(marker).read() == "ran"
    os.remove(marker)
    assert lam.invoke(FunctionName="event", InvocationType="DryRun")["StatusCode"] == 204


def test_concurrent_invocations_start_more_environments(lam):
    create(lam, "slow", {"handler.py": "import os, time\ndef handler(event, context):\n    time.sleep(0.6)\n    return os.getpid()\n"})
    invoke(lam, "slow")  # one warm environment
    results = []

    def call():
        results.append(invoke(lam, "slow")[1])

    threads = [threading.Thread(target=call) for _ in range(4)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 4
    assert time.time() - started < 2.4


def test_timeout_kills_the_environment(lam, server):
    create(lam, "sleeper", {"handler.py": "import time, os\ndef handler(event, context):\n    if event.get('sleep'):\n        time.sleep(30)\n    return os.getpid()\n"},
           Timeout=1)
    _, first_pid = invoke(lam, "sleeper")
    started = time.time()
    response, payload = invoke(lam, "sleeper", {"sleep": True})
    assert time.time() - started < 5
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Sandbox.Timedout"
    assert payload["errorMessage"].endswith("Error: Task timed out after 1.00 seconds")
    time.sleep(0.3)
    assert not os.path.exists(f"/proc/{first_pid}") or open(f"/proc/{first_pid}/stat").read().split()[2] != "S"
    # A fresh environment answers the next invocation.
    _, pid = invoke(lam, "sleeper")
    assert pid != first_pid
    assert children_of(server.proc.pid)[1] == []


def test_forking_sigterm_ignoring_handler_is_killed_whole(lam, server):
    create(lam, "forker", {"handler.py": "import os, signal, subprocess, time\n"
                                         "def handler(event, context):\n"
                                         "    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                                         "    child = subprocess.Popen(['sleep', '300'])\n"
                                         "    open(event['path'], 'w').write(str(child.pid))\n"
                                         "    time.sleep(30)\n"}, Timeout=1)
    path = tempfile.mktemp(prefix="portico-fork-")
    response, payload = invoke(lam, "forker", {"path": path})
    assert payload["errorType"] == "Sandbox.Timedout"
    child = int(open(path).read())
    os.remove(path)
    time.sleep(0.3)
    state = open(f"/proc/{child}/stat").read().rsplit(")", 1)[1].split()[0] if os.path.exists(f"/proc/{child}") else "gone"
    assert state in ("Z", "gone")


def test_loud_handler_keeps_portico_responsive(lam, server):
    create(lam, "loud", {"handler.py": "import sys\n"
                                       "def handler(event, context):\n"
                                       "    sys.stdout.write('x' * 3_000_000)\n"
                                       "    for i in range(20000):\n"
                                       "        print('line', i)\n"
                                       "    return 'done'\n"})
    response, payload = invoke(lam, "loud", LogType="Tail")
    assert payload == "done"
    assert len(base64.b64decode(response["LogResult"])) <= 4096
    assert lam.list_functions()["Functions"]


def test_environment_dying_while_idle_is_replaced(lam):
    create(lam, "mortal", {"handler.py": "import os\ndef handler(event, context):\n    return os.getpid()\n"})
    _, pid = invoke(lam, "mortal")
    os.kill(pid, 9)
    time.sleep(0.3)
    response, again = invoke(lam, "mortal")
    assert "FunctionError" not in response and again != pid


def test_init_errors(lam, server):
    create(lam, "raises", {"handler.py": "raise Exception('Runtime startup fails')\n"})
    response, payload = invoke(lam, "raises")
    assert response["FunctionError"] == "Unhandled"
    assert (payload["errorType"], payload["errorMessage"]) == ("Exception", "Runtime startup fails")
    create(lam, "exits", {"handler.py": "import sys\nsys.exit(3)\n"})
    response, payload = invoke(lam, "exits")
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.ExitError"
    assert payload["errorMessage"].endswith("Error: Runtime exited with error: exit status 3")
    create(lam, "missing", {"other.py": ""})
    _, payload = invoke(lam, "missing")
    assert payload["errorType"] == "Runtime.ImportModuleError"
    assert payload["errorMessage"].startswith("Unable to import module 'handler'")
    create(lam, "nohandler", {"handler.py": "x = 1\n"})
    _, payload = invoke(lam, "nohandler")
    assert payload["errorType"] == "Runtime.HandlerNotFound"
    time.sleep(0.2)
    assert children_of(server.proc.pid)[1] == []


def test_payload_limits(lam):
    create(lam, "big", {"handler.py": "def handler(event, context):\n    return 'x' * event['n']\n"})
    with pytest.raises(ClientError) as raised:
        lam.invoke(FunctionName="big", Payload=json.dumps({"n": 1, "pad": "y" * (7 * 1024 * 1024)}))
    assert error_of(raised) == (413, "RequestEntityTooLargeException",
                                "Request must be smaller than 6291456 bytes for the InvokeFunction operation")
    response, payload = invoke(lam, "big", {"n": 7 * 1024 * 1024})
    assert response["FunctionError"] == "Unhandled"
    assert payload == {"errorMessage": "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                       "errorType": "Function.ResponseSizeTooLarge"}
    _, payload = invoke(lam, "big", {"n": 3})
    assert payload == "xxx"
    with pytest.raises(ClientError) as raised:
        lam.invoke(FunctionName="big", Payload=b"not json")
    assert error_of(raised)[:2] == (400, "InvalidRequestContentException")


def test_bad_packages_change_nothing(lam, server):
    escape = tempfile.mktemp(prefix="portico-escape-")
    name = os.path.relpath(escape, "/")
    for package in [zip_of({"../../../../../../../../" + name: "pwned", "handler.py": ""}),
                    zip_of({"/" + name: "pwned", "handler.py": ""}),
                    symlink_zip("link", "/etc/passwd"),
                    b"this is not a zip file"]:
        with pytest.raises(ClientError) as raised:
            lam.create_function(FunctionName="bad", Runtime=python_runtime(), Role=ROLE, Handler="handler.handler",
                                Code={"ZipFile": package})
        assert error_of(raised) == (400, "InvalidParameterValueException",
                                    "Could not unzip uploaded file. Please check your file, then try to upload again.")
    assert not os.path.exists(escape)
    assert lam.list_functions()["Functions"] == []
    assert not os.path.exists(os.path.join(server.data_dir, "lambda", "functions", "bad"))


def test_updates_restart_environments(lam):
    create(lam, "up", {"handler.py": "import os\ndef handler(event, context):\n    return ['v1', os.environ.get('MODE')]\n"})
    assert invoke(lam, "up")[1] == ["v1", None]
    updated = lam.update_function_configuration(FunctionName="up", Environment={"Variables": {"MODE": "blue"}}, Timeout=9)
    assert updated["Timeout"] == 9 and updated["LastUpdateStatus"] == "InProgress"
    lam.get_waiter("function_updated_v2").wait(FunctionName="up")
    assert invoke(lam, "up")[1] == ["v1", "blue"]
    code = lam.update_function_code(FunctionName="up", ZipFile=zip_of(
        {"handler.py": "import os\ndef handler(event, context):\n    return ['v2', os.environ.get('MODE')]\n"}))
    assert code["CodeSha256"] != updated["CodeSha256"]
    assert invoke(lam, "up")[1] == ["v2", "blue"]


def test_permissions_are_stored(lam):
    create(lam, "perm", {"handler.py": ECHO})
    with pytest.raises(ClientError) as raised:
        lam.get_policy(FunctionName="perm")
    assert error_of(raised) == (404, "ResourceNotFoundException", "No policy is associated with the given resource.")
    added = lam.add_permission(FunctionName="perm", StatementId="apigw", Action="lambda:InvokeFunction",
                               Principal="apigateway.amazonaws.com",
                               SourceArn="arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/")
    statement = json.loads(added["Statement"])
    assert statement == {"Sid": "apigw", "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"},
                         "Action": "lambda:InvokeFunction",
                         "Resource": "arn:aws:lambda:us-east-1:000000000000:function:perm",
                         "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/"}}}
    with pytest.raises(ClientError) as raised:
        lam.add_permission(FunctionName="perm", StatementId="apigw", Action="lambda:InvokeFunction",
                           Principal="apigateway.amazonaws.com")
    assert error_of(raised)[:2] == (409, "ResourceConflictException")
    policy = json.loads(lam.get_policy(FunctionName="perm")["Policy"])
    assert policy["Version"] == "2012-10-17" and policy["Statement"] == [statement]
    lam.remove_permission(FunctionName="perm", StatementId="apigw")
    with pytest.raises(ClientError) as raised:
        lam.remove_permission(FunctionName="perm", StatementId="apigw")
    assert error_of(raised) == (404, "ResourceNotFoundException", "Statement apigw is not found in resource policy.")


def test_node_function(lam):
    runtime = node_runtime()
    assert runtime, "node is needed on the PATH"
    create(lam, "node", {"index.js": "exports.handler = async (event, context) => ({ sum: event.a + event.b, id: context.awsRequestId, name: process.env.AWS_LAMBDA_FUNCTION_NAME });\n"
                                     "exports.fails = async () => { throw new TypeError('nope'); };\n"},
           runtime=runtime, handler="index.handler")
    response, payload = invoke(lam, "node", {"a": 2, "b": 3})
    assert "FunctionError" not in response
    assert payload["sum"] == 5 and payload["name"] == "node" and payload["id"]
    lam.update_function_configuration(FunctionName="node", Handler="index.fails")
    response, payload = invoke(lam, "node")
    assert response["FunctionError"] == "Unhandled"
    assert (payload["errorType"], payload["errorMessage"]) == ("TypeError", "nope")


BOOTSTRAP = """#!/bin/sh
set -eu
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
  ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  rm -f "$HEADERS"
  curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"shell\\": true, \\"got\\": $EVENT}" >/dev/null
done
"""


def test_provided_al2023_shell_bootstrap(lam):
    assert shutil.which("curl"), "curl is needed on the PATH"
    create(lam, "shell", {"bootstrap": (BOOTSTRAP, 0o755)}, runtime="provided.al2023", handler="unused")
    response, payload = invoke(lam, "shell", {"x": 1})
    assert "FunctionError" not in response
    assert payload == {"shell": True, "got": {"x": 1}}
    assert invoke(lam, "shell", {"x": 2})[1] == {"shell": True, "got": {"x": 2}}


def test_provided_without_bootstrap(lam):
    create(lam, "nobootstrap", {"main.sh": "echo"}, runtime="provided.al2023", handler="unused")
    response, payload = invoke(lam, "nobootstrap")
    assert response["FunctionError"] == "Unhandled"
    assert payload["errorType"] == "Runtime.InvalidEntrypoint"
    assert payload["errorMessage"].endswith("/bootstrap]")
    assert "Couldn't find valid bootstrap(s): [" in payload["errorMessage"]


def test_hot_reload_directory(lam):
    directory = tempfile.mkdtemp(prefix="portico-hot-")
    with open(os.path.join(directory, "handler.py"), "w") as handle:
        handle.write("def handler(event, context):\n    return 'from disk'\n")
    lam.create_function(FunctionName="hot", Runtime=python_runtime(), Role=ROLE, Handler="handler.handler",
                        Code={"S3Bucket": "hot-reload", "S3Key": directory})
    assert invoke(lam, "hot")[1] == "from disk"
    # A change to a file starts a fresh environment with the new code.
    time.sleep(0.6)
    with open(os.path.join(directory, "handler.py"), "w") as handle:
        handle.write("def handler(event, context):\n    return 'changed on disk'\n")
    time.sleep(0.6)
    assert invoke(lam, "hot")[1] == "changed on disk"
    lam.delete_function(FunctionName="hot")
    assert os.path.exists(os.path.join(directory, "handler.py"))
    shutil.rmtree(directory)


def test_delete_ends_environments_and_no_zombies(lam, server):
    create(lam, "gone", {"handler.py": ECHO})
    invoke(lam, "gone")
    live, _ = children_of(server.proc.pid)
    assert live
    lam.delete_function(FunctionName="gone")
    for client in lam.list_functions()["Functions"]:
        lam.delete_function(FunctionName=client["FunctionName"])
    deadline = time.time() + 5
    while children_of(server.proc.pid) != ([], []) and time.time() < deadline:
        time.sleep(0.05)
    assert children_of(server.proc.pid) == ([], [])


def test_functions_are_durable(fresh_server):
    client = fresh_server.client("lambda")
    create(client, "kept", {"handler.py": "def handler(event, context):\n    return event['v'] * 2\n"})
    fresh_server.kill9()
    fresh_server.start()
    client = fresh_server.client("lambda")
    assert client.get_function(FunctionName="kept")["Configuration"]["Handler"] == "handler.handler"
    assert invoke(client, "kept", {"v": 21})[1] == 42


def test_awslambdaric_when_installed():
    """Python under the official runtime interface client (tests/e2e/requirements.txt installs it)."""
    import importlib.util
    assert importlib.util.find_spec("awslambdaric"), "awslambdaric must be installed (scripts/install-deps.sh)"
    process = PorticoProcess().start()
    try:
        client = process.client("lambda")
        create(client, "ric", {"handler.py": ECHO + "\n" + FAILS.replace("def handler", "def fails")})
        response, payload = invoke(client, "ric", {"k": "v"}, LogType="Tail")
        assert "FunctionError" not in response, payload
        assert payload["event"] == {"k": "v"} and payload["env"]["AWS_LAMBDA_FUNCTION_NAME"] == "ric"
        client.update_function_configuration(FunctionName="ric", Handler="handler.fails")
        response, payload = invoke(client, "ric", {"n": 1})
        assert response["FunctionError"] == "Unhandled"
        assert (payload["errorType"], payload["errorMessage"]) == ("ValueError", "bad input: 1")
        # awslambdaric and Portico's own bootstrap are told apart by the process's command line.
        invoke(client, "ric", {"n": 2})
        live, _ = children_of(process.proc.pid)
        assert any(b"awslambdaric" in open(f"/proc/{child}/cmdline", "rb").read() for child in live)
    finally:
        process.cleanup()


def test_versions_and_aliases(lam):
    def code(tag):
        return zip_of({"handler.py": f"import os\ndef handler(event, context):\n    return ['{tag}', os.environ['AWS_LAMBDA_FUNCTION_VERSION'], context.invoked_function_arn]\n"})
    arn = "arn:aws:lambda:us-east-1:000000000000:function:ver"
    lam.create_function(FunctionName="ver", Runtime=python_runtime(), Role=ROLE, Handler="handler.handler",
                        Code={"ZipFile": code("one")})
    v1 = lam.publish_version(FunctionName="ver")
    assert (v1["Version"], v1["FunctionArn"]) == ("1", arn + ":1")
    assert lam.publish_version(FunctionName="ver")["Version"] == "1"  # nothing changed
    lam.update_function_code(FunctionName="ver", ZipFile=code("two"))
    assert lam.publish_version(FunctionName="ver")["Version"] == "2"
    lam.update_function_code(FunctionName="ver", ZipFile=code("three"))
    versions = lam.list_versions_by_function(FunctionName="ver")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2"]
    assert invoke(lam, "ver")[1] == ["three", "$LATEST", arn]
    response, payload = invoke(lam, "ver", Qualifier="1")
    assert payload == ["one", "1", arn + ":1"] and response["ExecutedVersion"] == "1"
    assert invoke(lam, arn + ":2")[1] == ["two", "2", arn + ":2"]
    alias = lam.create_alias(FunctionName="ver", Name="live", FunctionVersion="1")
    assert alias["AliasArn"] == arn + ":live" and alias["FunctionVersion"] == "1"
    with pytest.raises(ClientError) as raised:
        lam.create_alias(FunctionName="ver", Name="live", FunctionVersion="1")
    assert error_of(raised) == (409, "ResourceConflictException", "Alias already exists: " + arn + ":live")
    with pytest.raises(ClientError) as raised:
        lam.create_alias(FunctionName="ver", Name="bad", FunctionVersion="10")
    assert error_of(raised) == (404, "ResourceNotFoundException", "Function not found: " + arn + ":10")
    response, payload = invoke(lam, "ver", Qualifier="live")
    assert payload == ["one", "1", arn + ":live"] and response["ExecutedVersion"] == "1"
    lam.update_alias(FunctionName="ver", Name="live", FunctionVersion="2")
    assert invoke(lam, "ver", Qualifier="live")[1][0] == "two"
    assert [a["Name"] for a in lam.list_aliases(FunctionName="ver")["Aliases"]] == ["live"]
    assert lam.get_function(FunctionName="ver", Qualifier="live")["Configuration"]["Version"] == "2"
    with pytest.raises(ClientError) as raised:
        lam.get_alias(FunctionName="ver", Name="gone")
    assert error_of(raised) == (404, "ResourceNotFoundException", "Alias not found: " + arn + ":gone")
    with pytest.raises(ClientError) as raised:
        invoke(lam, "ver", Qualifier="nope")
    assert error_of(raised) == (404, "ResourceNotFoundException", "Function not found: " + arn + ":nope")
    with pytest.raises(ClientError) as raised:
        lam.delete_function(FunctionName="ver", Qualifier="$LATEST")
    assert error_of(raised) == (400, "InvalidParameterValueException",
                                "$LATEST version cannot be deleted without deleting the function.")
    lam.delete_alias(FunctionName="ver", Name="live")
    lam.delete_function(FunctionName="ver", Qualifier="1")
    assert [v["Version"] for v in lam.list_versions_by_function(FunctionName="ver")["Versions"]] == ["$LATEST", "2"]
    assert invoke(lam, "ver", Qualifier="2")[1][0] == "two"


def test_reserved_concurrency(lam):
    create(lam, "reserved", {"handler.py": "import os, time\ndef handler(event, context):\n    time.sleep(0.4)\n    return os.getpid()\n"})
    assert lam.get_function_concurrency(FunctionName="reserved").get("ReservedConcurrentExecutions") is None
    assert lam.put_function_concurrency(FunctionName="reserved", ReservedConcurrentExecutions=0)[
        "ReservedConcurrentExecutions"] == 0
    with pytest.raises(ClientError) as raised:
        lam.invoke(FunctionName="reserved", Payload=b"{}")
    assert error_of(raised) == (429, "TooManyRequestsException", "Rate Exceeded.")
    assert raised.value.response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"
    assert lam.invoke(FunctionName="reserved", InvocationType="Event", Payload=b"{}")["StatusCode"] == 202
    # One reserved environment: concurrent invocations share it, one after another.
    lam.put_function_concurrency(FunctionName="reserved", ReservedConcurrentExecutions=1)
    assert lam.get_function(FunctionName="reserved")["Concurrency"] == {"ReservedConcurrentExecutions": 1}
    results = []
    threads = [threading.Thread(target=lambda: results.append(invoke(lam, "reserved")[1])) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3 and len(set(results)) == 1
    with pytest.raises(ClientError) as raised:
        lam.put_function_concurrency(FunctionName="reserved", ReservedConcurrentExecutions=5000)
    assert error_of(raised)[:2] == (400, "InvalidParameterValueException")
    lam.delete_function_concurrency(FunctionName="reserved")
    assert lam.get_function_concurrency(FunctionName="reserved").get("ReservedConcurrentExecutions") is None
