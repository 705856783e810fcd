"""Durability under `kill -9`: every write the server acknowledged survives a SIGKILL that
lands while 64 clients are still writing.

The test starts a private server (its own loopback port and temporary --data-dir), runs 64
writer threads (one boto3 client each) that create REST APIs, resources and MOCK methods with
integration responses, records each call that returned success, SIGKILLs the server
mid-load, restarts it on the same data directory and reads every acknowledged object back by
id. A call that was in flight when the server died is not acknowledged and not checked.
Bounded: at most WRITES_PER_WRITER calls per writer and RUN_SECONDS of load.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

from conftest import PorticoProcess, free_port

WRITERS = 64
WRITES_PER_WRITER = 400          # hard cap per thread; the kill comes long before on any sane machine
KILL_AFTER_ACKED = 600           # SIGKILL once this many writes were acknowledged ...
KILL_AFTER_SECONDS = 20.0        # ... or after this long, whichever comes first
RUN_SECONDS = 60.0               # writers stop after this long regardless


def _client(endpoint):
    # Each thread gets its own session: boto3's default session is not thread-safe.
    return boto3.session.Session().client(
        "apigateway", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=15,
                      max_pool_connections=2))


class Writer(threading.Thread):
    """Creates objects in a loop; appends ("kind", ids..., expected) for each acknowledged call."""

    def __init__(self, index, client, stop, deadline):
        super().__init__(daemon=True)
        self.index = index
        self.client = client
        self.stop = stop
        self.deadline = deadline
        self.acked = []
        self.failure = None
        self.failed_at = None
        self.calls = 0

    def call(self, op, **kwargs):
        self.calls += 1
        return getattr(self.client, op)(**kwargs)

    def run(self):
        c = self.client
        n = 0
        api_id = root = None
        try:
            while not self.stop.is_set() and self.calls < WRITES_PER_WRITER and time.time() < self.deadline:
                if api_id is None or n % 4 == 0:
                    name = f"w{self.index}-a{n}"
                    api = self.call("create_rest_api", name=name, description=f"writer {self.index}")
                    api_id, root = api["id"], api["rootResourceId"]
                    self.acked.append(("api", api_id, name))
                part = f"r{n}"
                res = self.call("create_resource", restApiId=api_id, parentId=root, pathPart=part)
                self.acked.append(("resource", api_id, res["id"], part))
                self.call("put_method", restApiId=api_id, resourceId=res["id"], httpMethod="GET",
                          authorizationType="NONE")
                self.acked.append(("method", api_id, res["id"]))
                self.call("put_integration", restApiId=api_id, resourceId=res["id"], httpMethod="GET",
                          type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
                self.acked.append(("integration", api_id, res["id"]))
                template = f'{{"writer": {self.index}, "n": {n}}}'
                self.call("put_integration_response", restApiId=api_id, resourceId=res["id"],
                          httpMethod="GET", statusCode="200", selectionPattern="",
                          responseTemplates={"application/json": template})
                self.acked.append(("integration_response", api_id, res["id"], template))
                n += 1
        except Exception as e:  # the kill: connection refused / reset on the in-flight call
            self.failed_at = time.time()
            self.failure = e


def _check(client, record):
    """None when the acknowledged write is present and intact, else a description."""
    kind = record[0]
    try:
        if kind == "api":
            _, api_id, name = record
            got = client.get_rest_api(restApiId=api_id)
            return None if got["name"] == name else f"{record}: name {got['name']!r}"
        if kind == "resource":
            _, api_id, res_id, part = record
            got = client.get_resource(restApiId=api_id, resourceId=res_id)
            return None if got.get("pathPart") == part else f"{record}: pathPart {got.get('pathPart')!r}"
        if kind == "method":
            _, api_id, res_id = record
            got = client.get_method(restApiId=api_id, resourceId=res_id, httpMethod="GET")
            return None if got["httpMethod"] == "GET" else f"{record}: {got['httpMethod']}"
        if kind == "integration":
            _, api_id, res_id = record
            got = client.get_integration(restApiId=api_id, resourceId=res_id, httpMethod="GET")
            return None if got["type"] == "MOCK" else f"{record}: type {got['type']}"
        if kind == "integration_response":
            _, api_id, res_id, template = record
            got = client.get_integration_response(restApiId=api_id, resourceId=res_id, httpMethod="GET",
                                                  statusCode="200")
            actual = got.get("responseTemplates", {}).get("application/json")
            return None if actual == template else f"{record}: template {actual!r}"
    except Exception as e:
        return f"{record}: {type(e).__name__}: {e}"
    return f"{record}: unknown kind"


def test_acknowledged_writes_survive_kill9():
    server = PorticoProcess()
    try:
        server.start()
        clients = [_client(server.endpoint) for _ in range(WRITERS)]
        stop = threading.Event()
        started = time.time()
        writers = [Writer(i, clients[i], stop, started + RUN_SECONDS) for i in range(WRITERS)]
        for w in writers:
            w.start()

        while time.time() - started < KILL_AFTER_SECONDS:
            if sum(len(w.acked) for w in writers) >= KILL_AFTER_ACKED:
                break
            time.sleep(0.02)
        alive_at_kill = sum(w.is_alive() for w in writers)
        killed_at = time.time()
        server.kill9()
        stop.set()
        for w in writers:
            w.join(timeout=30)
        assert not any(w.is_alive() for w in writers), "writers did not stop after the kill"

        acked = [r for w in writers for r in w.acked]
        early = [f"writer {w.index}: {w.failure!r}" for w in writers
                 if w.failed_at is not None and w.failed_at < killed_at]
        assert not early, "writes failed before the kill:\n" + "\n".join(early[:10])
        crashed = [w.failure for w in writers if w.failure is not None]
        # The kill must land mid-load: writers still running, and some calls cut off by it.
        assert alive_at_kill == WRITERS, f"only {alive_at_kill} writers were still running at the kill"
        assert crashed, "no writer saw the kill"
        assert len(acked) >= 100, f"too little load before the kill ({len(acked)} acknowledged writes)"
        print(f"kill -9 after {killed_at - started:.1f}s: {len(acked)} acknowledged writes, "
              f"{len(crashed)} writers cut off mid-call")

        # Restart on the same data directory (a fresh port: the old one may linger).
        server.port = free_port()
        server.start()
        verifiers = [_client(server.endpoint) for _ in range(8)]
        with ThreadPoolExecutor(max_workers=len(verifiers)) as pool:
            chunks = [acked[i::len(verifiers)] for i in range(len(verifiers))]
            results = pool.map(lambda pair: [_check(pair[0], r) for r in pair[1]], zip(verifiers, chunks))
            missing = [m for chunk in results for m in chunk if m is not None]
        assert not missing, (f"{len(missing)} of {len(acked)} acknowledged writes lost after kill -9 "
                             f"(killed {killed_at - started:.1f}s into the load):\n" + "\n".join(missing[:20]))
    finally:
        server.cleanup()
