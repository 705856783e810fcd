"""Several Portico instances on one PostgreSQL database (`--database-url`), end to end.

A private PostgreSQL cluster (Debian's packages, initdb into a temporary directory, a free
loopback port) and two Portico instances, A and B, on it. Writes through one are read through the
other within 100 ms; a deployment made through one is invoked through the other; concurrent
writers on both never lose a write; SIGKILL of one under writers loses nothing acknowledged; the
database restarted mid-run makes writes fail with ServiceUnavailableException while reads keep
serving, and the instances reconnect. The fixture fails (never skips) when PostgreSQL cannot start.
"""
import json
import os
import signal
import statistics
import subprocess
import threading
import time
import urllib.request

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import BIN, PorticoProcess, error_of, free_port
from invoke_helpers import add_resource, call, invoke, mock_method
from pg_cluster import PASSWORD, PostgresCluster, wait_until

VISIBLE_WITHIN = 0.1  # seconds: a write through one instance, readable through the other


@pytest.fixture(scope="module")
def cluster():
    try:
        pg = PostgresCluster().init()
    except Exception as error:  # a missing or broken PostgreSQL fails the suite, never skips it
        pytest.fail(f"cannot start PostgreSQL for the --database-url tests: {error}")
    yield pg
    pg.cleanup()


def _instance(cluster):
    return PorticoProcess(extra_env={"PORTICO_DATABASE_URL": cluster.url}).start()


@pytest.fixture(scope="module")
def pair(cluster):
    a, b = _instance(cluster), _instance(cluster)
    yield a, b
    a.cleanup()
    b.cleanup()


def _client(endpoint):
    return boto3.session.Session().client(
        "apigateway", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=40, max_pool_connections=4))


@pytest.fixture
def clients(pair):
    a, b = pair
    urllib.request.urlopen(urllib.request.Request(a.endpoint + "/moto-api/reset", method="POST"), timeout=5).read()
    ca, cb = _client(a.endpoint), _client(b.endpoint)
    # The reset reaches B too.
    assert wait_until(lambda: not cb.get_rest_apis()["items"], timeout=2) is not None
    return ca, cb


def _found(call):
    try:
        call()
        return True
    except ClientError as error:
        if error.response["Error"]["Code"] == "NotFoundException":
            return False
        raise


def test_create_through_one_read_through_the_other_within_100ms(clients):
    ca, cb = clients
    delays = []
    for i in range(20):
        api = ca.create_rest_api(name=f"cross-{i}")
        delay = wait_until(lambda: _found(lambda: cb.get_rest_api(restApiId=api["id"])), timeout=2)
        assert delay is not None, f"API {api['id']} never appeared on the other instance"
        delays.append(delay)
    delays.sort()
    print(f"cross-instance visibility: p50 {statistics.median(delays) * 1000:.1f} ms, "
          f"max {delays[-1] * 1000:.1f} ms")
    assert delays[-2] < VISIBLE_WITHIN, f"visibility delays (s): {delays}"


def test_updates_and_deletes_cross_instances(clients):
    ca, cb = clients
    api = ca.create_rest_api(name="edits")
    api_id, root = api["id"], api["rootResourceId"]
    mock_method(ca, api_id, root, responses=[{"statusCode": "200", "selectionPattern": "",
                                              "responseTemplates": {"application/json": "v1"}}])

    def template():
        try:
            got = cb.get_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
        except ClientError:
            return None
        return got.get("responseTemplates", {}).get("application/json")

    assert wait_until(lambda: template() == "v1", timeout=VISIBLE_WITHIN * 5) is not None
    # An update through B is seen by A; the RestApi's own document changing keeps its resources.
    cb.put_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200",
                                selectionPattern="", responseTemplates={"application/json": "v2"})
    cb.update_rest_api(restApiId=api_id, patchOperations=[{"op": "replace", "path": "/description", "value": "d"}])
    assert wait_until(lambda: ca.get_rest_api(restApiId=api_id).get("description") == "d", timeout=1) is not None
    got = ca.get_integration_response(restApiId=api_id, resourceId=root, httpMethod="GET", statusCode="200")
    assert got["responseTemplates"] == {"application/json": "v2"}
    # Account-level documents travel too.
    key = ca.create_api_key(name="shared", enabled=True)
    assert wait_until(lambda: _found(lambda: cb.get_api_key(apiKey=key["id"])), timeout=1) is not None
    ca.delete_rest_api(restApiId=api_id)
    assert wait_until(lambda: not _found(lambda: cb.get_rest_api(restApiId=api_id)), timeout=1) is not None


def test_deploy_through_one_invoke_through_the_other(clients, pair):
    ca, cb = clients
    a, b = pair
    api = ca.create_rest_api(name="deployed")
    api_id, root = api["id"], api["rootResourceId"]
    pets = add_resource(ca, api_id, root, "pets")
    mock_method(ca, api_id, pets, responses=[{"statusCode": "200", "selectionPattern": "",
                                              "responseTemplates": {"application/json": '{"from": "first"}'}}])
    ca.create_deployment(restApiId=api_id, stageName="dev")
    assert wait_until(lambda: invoke(b.endpoint, api_id, "dev", "/pets").status == 200, timeout=1) is not None
    assert invoke(b.endpoint, api_id, "dev", "/pets").json() == {"from": "first"}
    # A redeployment through A replaces what B serves (its compiled deployment is not reused).
    ca.put_integration_response(restApiId=api_id, resourceId=pets, httpMethod="GET", statusCode="200",
                                selectionPattern="", responseTemplates={"application/json": '{"from": "second"}'})
    ca.create_deployment(restApiId=api_id, stageName="dev")
    assert wait_until(lambda: invoke(b.endpoint, api_id, "dev", "/pets").json() == {"from": "second"},
                      timeout=1) is not None


def test_concurrent_writes_to_one_api_from_both_instances_lose_nothing(clients):
    ca, cb = clients
    api = ca.create_rest_api(name="contended")
    api_id, root = api["id"], api["rootResourceId"]
    assert wait_until(lambda: _found(lambda: cb.get_rest_api(restApiId=api_id)), timeout=1) is not None
    arn = f"arn:aws:apigateway:us-east-1::/restapis/{api_id}"
    errors = []

    def writer(endpoint, tag):
        client = _client(endpoint)
        try:
            for n in range(15):
                # TagResource rewrites the API's one document: a lost update would drop a tag
                # (5 per writer: AWS allows 50 tags on a resource).
                if n < 5:
                    client.tag_resource(resourceArn=arn, tags={f"{tag}{n}": "x"})
                client.create_resource(restApiId=api_id, parentId=root, pathPart=f"{tag}{n}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(endpoint, f"{side}{t}x"))
               for side, endpoint in (("a", ca.meta.endpoint_url), ("b", cb.meta.endpoint_url)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors[:3]
    expected = {f"{side}{t}x{n}" for side in "ab" for t in range(4) for n in range(15)}
    expected_tags = {f"{side}{t}x{n}" for side in "ab" for t in range(4) for n in range(5)}
    for client in (ca, cb):
        def complete():
            tags = set(client.get_tags(resourceArn=arn)["tags"])
            parts = {r.get("pathPart") for r in client.get_resources(restApiId=api_id, limit=500)["items"]}
            return expected_tags == tags and expected <= parts
        assert wait_until(complete, timeout=2) is not None


def test_usage_counts_from_both_instances_add_up(clients, pair):
    ca, cb = clients
    a, b = pair
    api = ca.create_rest_api(name="metered")
    api_id, root = api["id"], api["rootResourceId"]
    mock_method(ca, api_id, root)
    ca.update_method(restApiId=api_id, resourceId=root, httpMethod="GET",
                     patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": "true"}])
    ca.create_deployment(restApiId=api_id, stageName="dev")
    key = ca.create_api_key(name="k", enabled=True)
    plan = ca.create_usage_plan(name="p", apiStages=[{"apiId": api_id, "stage": "dev"}])
    ca.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    headers = {"x-api-key": key["value"]}
    assert wait_until(lambda: invoke(b.endpoint, api_id, "dev", "/", headers=headers).status == 200,
                      timeout=1) is not None
    for _ in range(4):
        assert invoke(a.endpoint, api_id, "dev", "/", headers=headers).status == 200
        assert invoke(b.endpoint, api_id, "dev", "/", headers=headers).status == 200
    today = time.strftime("%Y-%m-%d", time.gmtime())

    def used():
        items = ca.get_usage(usagePlanId=plan["id"], keyId=key["id"], startDate=today, endDate=today)["items"]
        return items.get(key["id"], [[0]])[0][0]

    # 1 (the wait above) + 8, flushed in batches by each instance within about a second.
    assert wait_until(lambda: used() == 9, timeout=5, interval=0.1) is not None, used()


def test_sigkill_of_one_instance_under_writers_loses_nothing_acknowledged(cluster, clients, pair):
    ca, cb = clients
    a, b = pair
    victim = _instance(cluster)
    try:
        acked, failures = [], []
        stop = threading.Event()

        def writer(endpoint, index):
            client = _client(endpoint)
            n = 0
            while not stop.is_set() and n < 300:
                try:
                    api = client.create_rest_api(name=f"k{index}-{n}")
                except Exception as error:  # noqa: BLE001 - the kill cuts the victim's writers off
                    failures.append((endpoint, error))
                    return
                acked.append((api["id"], f"k{index}-{n}"))
                n += 1

        threads = [threading.Thread(target=writer, args=(endpoint, i))
                   for i, endpoint in enumerate([victim.endpoint] * 4 + [b.endpoint] * 4)]
        for t in threads:
            t.start()
        assert wait_until(lambda: len(acked) >= 80, timeout=30, interval=0.01) is not None
        victim.kill9()
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        assert all(failure[0] == victim.endpoint for failure in failures), failures[:3]
        assert failures, "no writer of the killed instance was cut off"
        # Every acknowledged create (through either instance) is on both survivors.
        names = {}
        for client in (ca, cb):
            def all_present():
                names.update({item["id"]: item["name"] for item in client.get_rest_apis(limit=500)["items"]})
                return all(names.get(api_id) == name for api_id, name in acked)
            assert wait_until(all_present, timeout=2, interval=0.05) is not None, \
                [x for x in acked if names.get(x[0]) != x[1]][:5]
        # The killed instance restarts on the same database with everything.
        victim.port = free_port()
        victim.start()
        cv = _client(victim.endpoint)
        present = {item["id"] for item in cv.get_rest_apis(limit=500)["items"]}
        assert {api_id for api_id, _ in acked} <= present
    finally:
        victim.cleanup()


def test_database_restart_mid_run(cluster, clients):
    ca, cb = clients
    api = ca.create_rest_api(name="before-outage")
    assert wait_until(lambda: _found(lambda: cb.get_rest_api(restApiId=api["id"])), timeout=1) is not None
    cluster.stop()
    try:
        with pytest.raises(ClientError) as excinfo:
            ca.create_rest_api(name="during-outage")
        status, code, message = error_of(excinfo)
        assert (status, code) == (503, "ServiceUnavailableException"), message
        assert PASSWORD not in message
        with pytest.raises(ClientError) as excinfo:
            cb.update_rest_api(restApiId=api["id"],
                               patchOperations=[{"op": "replace", "path": "/description", "value": "lost"}])
        assert error_of(excinfo)[:2] == (503, "ServiceUnavailableException")
        # Reads keep serving from memory, and the failed writes changed nothing.
        assert ca.get_rest_api(restApiId=api["id"])["name"] == "before-outage"
        assert "description" not in cb.get_rest_api(restApiId=api["id"])
        assert [item["name"] for item in ca.get_rest_apis()["items"]] == ["before-outage"]
    finally:
        cluster.start()
    # Both reconnect: writes succeed again and cross between them.
    created = None

    def write():
        nonlocal created
        try:
            created = cb.create_rest_api(name="after-outage")
            return True
        except ClientError as error:
            assert error.response["Error"]["Code"] == "ServiceUnavailableException"
            return False

    assert wait_until(write, timeout=10, interval=0.2) is not None
    assert wait_until(lambda: _found(lambda: ca.get_rest_api(restApiId=created["id"])), timeout=2) is not None
    names = sorted(item["name"] for item in ca.get_rest_apis()["items"])
    assert names == ["after-outage", "before-outage"]
    assert cluster.psql("SELECT count(*) FROM portico_documents WHERE key NOT LIKE 'a/%/%' AND key LIKE 'a/%'") == "2"


def test_a_database_that_stops_answering_fails_writes_after_15s(cluster, clients, pair):
    """SIGSTOP of the whole cluster: connections stay open and nothing answers."""
    ca, cb = clients
    a, _ = pair
    api = ca.create_rest_api(name="before-freeze")
    cluster.signal(signal.SIGSTOP)
    try:
        time.sleep(2.5)  # the instances' periodic catch-up is now waiting on the frozen database too
        started = time.time()
        # Plain HTTP: one attempt (boto3 retries a 503 once).
        reply = call(f"{a.endpoint}/restapis/{api['id']}", method="PATCH", timeout=60,
                     headers={"Content-Type": "application/json"},
                     body=json.dumps({"patchOperations": [{"op": "replace", "path": "/description", "value": "x"}]}))
        waited = time.time() - started
        assert reply.status == 503, (reply.status, reply.text)
        assert "ServiceUnavailableException" in reply.text + str(reply.headers), reply.text
        assert 10 < waited < 25, waited
        assert ca.get_rest_api(restApiId=api["id"])["name"] == "before-freeze"
    finally:
        cluster.signal(signal.SIGCONT)
    assert wait_until(lambda: _found(lambda: cb.create_rest_api(name="after-freeze")), timeout=10, interval=0.2) is not None
    assert "description" not in ca.get_rest_api(restApiId=api["id"])


def test_unreachable_database_at_start_is_one_line_and_exit_69():
    port = free_port()  # nothing listens there
    url = f"postgres://someone:{PASSWORD}@127.0.0.1:{port}/portico"
    out = subprocess.run([BIN, "serve", "--port", str(free_port()), "--database-url", url],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 69, (out.returncode, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert f"postgres://someone@127.0.0.1:{port}/portico" in lines[0]
    assert PASSWORD not in out.stderr + out.stdout


def test_malformed_database_url_is_a_usage_error():
    out = subprocess.run([BIN, "serve", "--database-url", "mysql://x@y/z"], capture_output=True, text=True,
                         timeout=60, env=dict(os.environ, PORTICO_DATABASE_URL=""))
    assert out.returncode == 64, (out.returncode, out.stderr)
    assert "postgres://" in out.stderr
