"""Shared fixtures: a real `portico serve` on a free loopback port, boto3 and aws CLI clients.

Set PORTICO_BIN to the binary (scripts/test.sh does); defaults to .build/debug/portico.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

import boto3
import pytest
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("PORTICO_BIN", os.path.join(ROOT, ".build", "debug", "portico"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PorticoProcess:
    """One Portico server process; can be stopped, killed (-9) and restarted on the same data."""

    def __init__(self, data_dir=None, in_memory=False, extra_env=None):
        self.port = free_port()
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="portico-e2e-")
        self.in_memory = in_memory
        self.extra_env = extra_env or {}
        self.proc = None
        self.log_path = os.path.join(self.data_dir, "server.log")

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=20.0):
        args = [BIN, "serve", "--port", str(self.port), "--data-dir", self.data_dir]
        if self.in_memory:
            args.append("--in-memory")
        env = dict(os.environ, **self.extra_env)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"portico exited: {open(self.log_path).read()}")
            try:
                with urllib.request.urlopen(self.endpoint + "/_portico/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("portico did not become healthy")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def restart(self):
        self.stop()
        return self.start()

    def client(self, service="apigateway"):
        return make_client(self.endpoint, service)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def make_client(endpoint, service="apigateway"):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )


@pytest.fixture(scope="session")
def portico():
    server = PorticoProcess().start()
    yield server
    server.cleanup()


@pytest.fixture
def apigw(portico):
    """A boto3 apigateway client against a freshly reset server."""
    req = urllib.request.Request(portico.endpoint + "/moto-api/reset", method="POST")
    urllib.request.urlopen(req, timeout=5).read()
    return portico.client()


@pytest.fixture
def fresh_server():
    """A private server (for restart / kill -9 tests)."""
    server = PorticoProcess().start()
    yield server
    server.cleanup()


@pytest.fixture
def aws_cli(portico):
    """Runs `aws apigateway ...` against the server and returns parsed JSON (or raises)."""

    def run(*args, check=True):
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
        cmd = ["aws", "--endpoint-url", portico.endpoint, "--output", "json", "apigateway", *args]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        if check and out.returncode != 0:
            raise RuntimeError(out.stderr)
        if out.returncode != 0:
            return {"returncode": out.returncode, "stderr": out.stderr}
        return json.loads(out.stdout) if out.stdout.strip() else {}

    return run


def error_of(excinfo):
    """(status, code, message) of a botocore ClientError."""
    response = excinfo.value.response
    return (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"])


# ---------------------------------------------------------------------------------------------
# Control-plane suite (test_cp_*.py) fixtures.


@pytest.fixture
def request_id_check(apigw):
    """Fails the test if any boto3 response (success or error) lacked `x-amzn-RequestId`."""
    missing = []

    def check(http_response, model, **kwargs):
        if not http_response.headers.get("x-amzn-RequestId"):
            missing.append(model.name)

    apigw.meta.events.register("after-call", check)
    yield
    assert not missing, f"responses without x-amzn-RequestId: {missing}"


@pytest.fixture
def rest_api(apigw):
    """A fresh REST API on a reset server: (api_id, root_resource_id)."""
    api = apigw.create_rest_api(name="cp-test")
    return api["id"], api["rootResourceId"]


@pytest.fixture
def mock_method(apigw, rest_api):
    """A REST API whose root has GET with a MOCK integration: (api_id, root_resource_id)."""
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK",
                          requestTemplates={"application/json": '{"statusCode": 200}'})
    return api_id, root


@pytest.fixture
def loose_apigw(portico, apigw):
    """A boto3 client without client-side parameter validation (to send wrongly typed members)."""
    return boto3.client(
        "apigateway", endpoint_url=portico.endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, parameter_validation=False),
    )


# ---------------------------------------------------------------------------------------------
# Real-backend suite (test_backends_*.py) fixtures: loopback HTTP and Lambda Invoke API servers.


@pytest.fixture(scope="session")
def _http_backend_server():
    from backend_servers import HttpBackend
    server = HttpBackend()
    yield server
    server.close()


@pytest.fixture
def http_backend(_http_backend_server):
    """The loopback HTTP backend, its request log cleared."""
    _http_backend_server.clear()
    return _http_backend_server


@pytest.fixture(scope="session")
def _lambda_backend_server():
    from backend_servers import LambdaBackend
    server = LambdaBackend()
    yield server
    server.close()


@pytest.fixture
def lambda_backend(_lambda_backend_server):
    """The loopback Lambda Invoke API, with no functions and an empty invocation log."""
    _lambda_backend_server.clear()
    return _lambda_backend_server


@pytest.fixture(scope="session")
def lambda_portico(_lambda_backend_server):
    """A private server whose Lambda integrations call the loopback Lambda server."""
    server = PorticoProcess(in_memory=True,
                            extra_env={"PORTICO_LAMBDA_ENDPOINT": _lambda_backend_server.url}).start()
    yield server
    server.cleanup()


@pytest.fixture
def lambda_apigw(lambda_portico):
    """A boto3 apigateway client against the freshly reset Lambda-enabled server."""
    req = urllib.request.Request(lambda_portico.endpoint + "/moto-api/reset", method="POST")
    urllib.request.urlopen(req, timeout=5).read()
    return lambda_portico.client()


@pytest.fixture
def api(apigw, request):
    """A fresh RestApi named after the test module: (id, root resource id)."""
    created = apigw.create_rest_api(name=request.module.__name__.removeprefix("test_"))
    return created["id"], created["rootResourceId"]
