#!/usr/bin/env python3
"""Invocation benchmarks (issues 5 and 6), in one run:

1. MOCK method whose integration response renders a 20-line template, c=16: Portico and moto
   (moto serves MOCK invocations at /restapis/{id}/{stage}/_user_request_/...); then the same
   method requiring an API key metered by a usage plan (throttle and quota far above the load).
2. HTTP_PROXY through Portico to a local backend vs hitting the backend directly, c=16. The
   backend is a second Portico process serving a MOCK method (a fast loopback HTTP server).
3. AWS_PROXY to a local Lambda Invoke API server (Python, so it bounds the figure), c=16.
4. The MOCK of 1 behind a Lambda TOKEN authorizer whose result is cached (one call, then the
   cache), c=16.
5. The MOCK of 1 on a stage with an access log (a JSON format of 12 variables, written to a file
   under PORTICO_ACCESS_LOG_DIR), c=16: the access log's cost against row 1 (issue 14).
6. The 429 path (issue 13): one key's plan throttled at 1,000 req/s is offered 10× that (paced
   at ~10,000 req/s), while a second key on another plan runs paced at c=4 (~2,500 req/s); the
   second key's latency is compared with its latency alone (goal: within 1.5×).
7. A validated POST (issue 14): a 2 KB JSON body checked against a 20-property model by the
   method's request validator (body and parameters), MOCK integration, c=16.
8. The HTTP_PROXY method of 2 on a stage with a response cache (cacheClusterEnabled, `*/*`
   caching enabled): every call after the first is a cache hit, vs the backend directly.

Usage: bench/invoke.py PORTICO_BIN [--duration 8s] [--only-validation]. Prints a markdown table.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
from botocore.config import Config

TEMPLATE = "\n".join([
    '#set($root = $input.path(\'$\'))',
    '{',
    '  "requestId": "$context.requestId",',
    '  "stage": "$context.stage",',
    '  "method": "$context.httpMethod",',
    '  "path": "$context.resourcePath",',
    '  "q": "$util.escapeJavaScript($input.params(\'q\'))",',
    '  "items": [',
    '#foreach($i in [1..5])',
    '    {"n": $i, "even": #if($i % 2 == 0)true#{else}false#end}#if($foreach.hasNext),#end',
    '#end',
    '  ],',
    '  "ua": "$input.params(\'User-Agent\')",',
    '  "stageVar": "$stageVariables.color",',
    '#set($name = "portico")',
    '  "upper": "$name.toUpperCase()",',
    '  "len": $name.length(),',
    '  "time": "$context.requestTimeEpoch",',
    '  "ok": true',
    '}',
])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{url} did not come up")


def client(endpoint):
    return boto3.client("apigateway", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 1}))


def mock_api(endpoint, template=TEMPLATE):
    c = client(endpoint)
    api = c.create_rest_api(name="bench")
    api_id, root = api["id"], api["rootResourceId"]
    res = c.create_resource(restApiId=api_id, parentId=root, pathPart="mock")["id"]
    c.put_method(restApiId=api_id, resourceId=res, httpMethod="GET", authorizationType="NONE")
    c.put_integration(restApiId=api_id, resourceId=res, httpMethod="GET", type="MOCK",
                      requestTemplates={"application/json": '{"statusCode": 200}'})
    c.put_method_response(restApiId=api_id, resourceId=res, httpMethod="GET", statusCode="200")
    c.put_integration_response(restApiId=api_id, resourceId=res, httpMethod="GET", statusCode="200",
                               selectionPattern="", responseTemplates={"application/json": template})
    c.create_deployment(restApiId=api_id, stageName="bench", variables={"color": "blue"})
    return c, api_id, root


def wrk(url, duration, connections=16, headers=None, script=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency", url]
    for h in headers or []:
        cmd[1:1] = ["-H", h]
    if script:
        cmd[1:1] = ["-s", script]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": pct(50), "p99": pct(99), "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket": errors.group(1) if errors else "none"}


def overload_row(endpoint, duration):
    """Row 6: one key throttled far over its plan's rate beside another key's traffic."""
    tc, throttled_api, _ = mock_api(endpoint)
    throttled_mock = next(r["id"] for r in tc.get_resources(restApiId=throttled_api)["items"] if r["path"] == "/mock")
    tc.update_method(restApiId=throttled_api, resourceId=throttled_mock, httpMethod="GET",
                     patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": "true"}])
    tc.create_deployment(restApiId=throttled_api, stageName="bench", variables={"color": "blue"})
    keys = {}
    for name, rate in (("hot", 1_000), ("calm", 1_000_000)):
        plan_id = tc.create_usage_plan(name=name, apiStages=[{"apiId": throttled_api, "stage": "bench"}],
                                       throttle={"rateLimit": rate, "burstLimit": rate})["id"]
        created = tc.create_api_key(name=name, enabled=True)
        tc.create_usage_plan_key(usagePlanId=plan_id, keyId=created["id"], keyType="API_KEY")
        keys[name] = created["value"]
    throttled_url = f"{endpoint}/_aws/execute-api/{throttled_api}/bench/mock?q=hello"
    json.loads(urllib.request.urlopen(urllib.request.Request(throttled_url, headers={"x-api-key": keys["calm"]})).read())
    # Both keys are paced: each connection waits 1 ms between an answer and its next request
    # (wrk's `delay`). Unpaced clients would offer whatever the two shared cores allow and so
    # measure saturation, not a 10x overload beside steady traffic. The calm key's 4 paced
    # connections offer ~2,500 req/s; a short calibration run picks how many hot connections
    # offer ~10,000 req/s (10x the hot key's rate).
    paced = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    paced.write("function delay()\n  return 1\nend\n")
    paced.close()
    calm = [f"x-api-key: {keys['calm']}"]
    calm_alone = wrk(throttled_url, duration, connections=4, headers=calm, script=paced.name)
    probe = wrk(throttled_url, "2s", connections=8, headers=[f"x-api-key: {keys['hot']}"], script=paced.name)
    hot_connections = max(2, round(10_000 / (probe["rps"] / 8)))
    results = {}
    hot = threading.Thread(target=lambda: results.__setitem__(
        "hot", wrk(throttled_url, duration, connections=hot_connections,
                   headers=[f"x-api-key: {keys['hot']}"], script=paced.name)))
    hot.start()
    time.sleep(0.5)
    calm_loaded = wrk(throttled_url, duration, connections=4, headers=calm, script=paced.name)
    hot.join()
    os.unlink(paced.name)
    return {"calm_alone": calm_alone, "calm_loaded": calm_loaded, "hot": results["hot"]}


def validated_post(endpoint, duration):
    """A POST whose 2 KB body is validated against a 20-property model (row 5)."""
    c = client(endpoint)
    api = c.create_rest_api(name="validated")
    api_id, root = api["id"], api["rootResourceId"]
    properties, body = {}, {}
    for i in range(20):
        kind = i % 4
        if kind == 0:
            properties[f"s{i}"] = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[a-z ]+$"}
            body[f"s{i}"] = "lorem ipsum dolor sit amet " * 7
        elif kind == 1:
            properties[f"n{i}"] = {"type": "integer", "minimum": 0, "maximum": 1000000}
            body[f"n{i}"] = 123456
        elif kind == 2:
            properties[f"a{i}"] = {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 10}
            body[f"a{i}"] = ["consectetur adipiscing"] * 4
        else:
            properties[f"o{i}"] = {"type": "object", "properties": {"flag": {"type": "boolean"}, "name": {"type": "string"}},
                                   "required": ["flag"]}
            body[f"o{i}"] = {"flag": True, "name": "sed do eiusmod tempor"}
    schema = {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "properties": properties,
              "required": sorted(properties)[:10], "additionalProperties": False}
    c.create_model(restApiId=api_id, name="Big", contentType="application/json", schema=json.dumps(schema))
    validator = c.create_request_validator(restApiId=api_id, name="all", validateRequestBody=True,
                                           validateRequestParameters=True)["id"]
    res = c.create_resource(restApiId=api_id, parentId=root, pathPart="things")["id"]
    c.put_method(restApiId=api_id, resourceId=res, httpMethod="POST", authorizationType="NONE",
                 requestValidatorId=validator, requestModels={"application/json": "Big"},
                 requestParameters={"method.request.header.Content-Type": True})
    c.put_integration(restApiId=api_id, resourceId=res, httpMethod="POST", type="MOCK",
                      requestTemplates={"application/json": '{"statusCode": 200}'})
    c.put_method_response(restApiId=api_id, resourceId=res, httpMethod="POST", statusCode="200")
    c.put_integration_response(restApiId=api_id, resourceId=res, httpMethod="POST", statusCode="200",
                               selectionPattern="", responseTemplates={"application/json": '{"ok": true}'})
    c.create_deployment(restApiId=api_id, stageName="bench")
    url = f"{endpoint}/_aws/execute-api/{api_id}/bench/things"
    text = json.dumps(body)
    assert 1900 <= len(text) <= 2300, len(text)
    check = urllib.request.Request(url, data=text.encode(), method="POST", headers={"Content-Type": "application/json"})
    assert json.loads(urllib.request.urlopen(check).read()) == {"ok": True}
    bad = urllib.request.Request(url, data=b'{"s0": 1}', method="POST", headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(bad)
        raise AssertionError("an invalid body was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 400 and json.loads(error.read()) == {"message": "Invalid request body"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                     f"wrk.body = {json.dumps(text)}\n")
    try:
        return wrk(url, duration, script=script.name)
    finally:
        os.unlink(script.name)


class Lambda(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if "function:auth/" in self.path:
            answer = {"principalId": "bench", "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": "*"}]}}
        else:
            answer = {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": '{"ok": true}'}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server:
    def __init__(self, argv, env=None):
        self.dir = tempfile.mkdtemp(prefix="bench-inv-")
        self.proc = subprocess.Popen(argv + ["--data-dir", self.dir], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=dict(os.environ, **(env or {})))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("portico")
    parser.add_argument("--duration", default="8s")
    parser.add_argument("--only-validation", action="store_true", help="run only row 7 (validated POST)")
    parser.add_argument("--only-overload", action="store_true", help="run only row 6 (the 429 path)")
    args = parser.parse_args()
    if args.only_overload:
        port = free_port()
        server = Server([args.portico, "serve", "--port", str(port)], env={"PORTICO_ACCOUNT_THROTTLE": "1000000,1000000"})
        try:
            wait_http(f"http://127.0.0.1:{port}/_portico/health")
            report_overload(overload_row(f"http://127.0.0.1:{port}", args.duration))
        finally:
            server.stop()
        return
    if args.only_validation:
        port = free_port()
        server = Server([args.portico, "serve", "--port", str(port)], env={"PORTICO_ACCOUNT_THROTTLE": "1000000,1000000"})
        try:
            wait_http(f"http://127.0.0.1:{port}/_portico/health")
            row = validated_post(f"http://127.0.0.1:{port}", args.duration)
        finally:
            server.stop()
        print("| invocation | Portico req/s | p50 ms | p99 ms | non-2xx |")
        print("|---|---:|---:|---:|---:|")
        print(f"| validated POST (2 KB body, 20-property model), c=16 | {row['rps']:,.0f} | {row['p50']:.2f} | "
              f"{row['p99']:.2f} | {row['non2xx']} |")
        print(f"Validated POST goal ≥ 10,000 req/s: {'PASS' if row['rps'] >= 10000 else 'FAIL'}")
        return
    servers = []
    rows = []
    access_log_dir = tempfile.mkdtemp(prefix="bench-access-")
    try:
        lambda_port = free_port()
        lambda_server = ThreadingHTTPServer(("127.0.0.1", lambda_port), Lambda)
        threading.Thread(target=lambda_server.serve_forever, daemon=True).start()

        port, backend_port, moto_port = free_port(), free_port(), free_port()
        # The account-level throttle (AWS's default 10,000 req/s) raised, as for a load test on AWS.
        raised = {"PORTICO_ACCOUNT_THROTTLE": "1000000,1000000"}
        portico = Server([args.portico, "serve", "--port", str(port)],
                         env={"PORTICO_LAMBDA_ENDPOINT": f"http://127.0.0.1:{lambda_port}",
                              "PORTICO_ACCESS_LOG_DIR": access_log_dir, **raised})
        backend = Server([args.portico, "serve", "--port", str(backend_port)], env=raised)
        moto = subprocess.Popen(["moto_server", "-p", str(moto_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers += [portico, backend]
        endpoint, backend_endpoint, moto_endpoint = (f"http://127.0.0.1:{p}" for p in (port, backend_port, moto_port))
        for url in (endpoint + "/_portico/health", backend_endpoint + "/_portico/health"):
            wait_http(url)
        wait_http(moto_endpoint + "/moto-api/")

        # 1. MOCK with a 20-line response template.
        _, api_id, _ = mock_api(endpoint)
        url = f"{endpoint}/_aws/execute-api/{api_id}/bench/mock?q=hello"
        check = urllib.request.urlopen(url).read()
        json.loads(check)
        mock = wrk(url, args.duration)
        moto_row = {"rps": 0, "p50": 0, "p99": 0, "non2xx": -1, "socket": ""}
        try:
            _, moto_api, _ = mock_api(moto_endpoint)
            moto_url = f"{moto_endpoint}/restapis/{moto_api}/bench/_user_request_/mock?q=hello"
            # moto routes by the credential scope of the Authorization header.
            moto_row = wrk(moto_url, args.duration, headers=[
                "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, "
                "SignedHeaders=host, Signature=0"])
        except Exception as error:  # moto may not render templates; report it
            print(f"moto MOCK invocation failed: {error}", file=sys.stderr)
        rows.append(("MOCK + 20-line template, c=16", mock, moto_row))

        # 1b. The same MOCK method requiring an API key, metered by a usage plan (issue 13).
        keyed_client, keyed_api, _ = mock_api(endpoint)
        keyed_res = keyed_client.get_resources(restApiId=keyed_api)["items"]
        keyed_mock = next(r["id"] for r in keyed_res if r["path"] == "/mock")
        keyed_client.update_method(restApiId=keyed_api, resourceId=keyed_mock, httpMethod="GET",
                                   patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": "true"}])
        keyed_client.create_deployment(restApiId=keyed_api, stageName="bench", variables={"color": "blue"})
        key = keyed_client.create_api_key(name="bench", enabled=True)
        plan = keyed_client.create_usage_plan(
            name="bench", apiStages=[{"apiId": keyed_api, "stage": "bench"}],
            throttle={"rateLimit": 1_000_000, "burstLimit": 1_000_000}, quota={"limit": 100_000_000, "period": "DAY"})
        keyed_client.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        keyed_url = f"{endpoint}/_aws/execute-api/{keyed_api}/bench/mock?q=hello"
        keyed_check = urllib.request.Request(keyed_url, headers={"x-api-key": key["value"]})
        json.loads(urllib.request.urlopen(keyed_check).read())
        rows.append(("MOCK + template, API key + usage plan, c=16",
                     wrk(keyed_url, args.duration, headers=[f"x-api-key: {key['value']}"]), None))

        # 2. HTTP_PROXY through Portico vs the backend directly.
        _, backend_api, _ = mock_api(backend_endpoint, template='{"ok": true}')
        direct_url = f"{backend_endpoint}/_aws/execute-api/{backend_api}/bench/mock"
        c = client(endpoint)
        api = c.create_rest_api(name="proxy")
        pid, root = api["id"], api["rootResourceId"]
        res = c.create_resource(restApiId=pid, parentId=root, pathPart="mock")["id"]
        c.put_method(restApiId=pid, resourceId=res, httpMethod="GET", authorizationType="NONE")
        c.put_integration(restApiId=pid, resourceId=res, httpMethod="GET", type="HTTP_PROXY",
                          integrationHttpMethod="GET", uri=direct_url)
        c.create_deployment(restApiId=pid, stageName="bench")
        proxy_url = f"{endpoint}/_aws/execute-api/{pid}/bench/mock"
        assert json.loads(urllib.request.urlopen(proxy_url).read()) == {"ok": True}
        direct = wrk(direct_url, args.duration)
        proxied = wrk(proxy_url, args.duration)
        rows.append(("backend directly, c=16", direct, None))
        rows.append(("HTTP_PROXY via Portico, c=16", proxied, None))

        # 3. AWS_PROXY to a local Lambda Invoke API (Python server).
        res2 = c.create_resource(restApiId=pid, parentId=root, pathPart="fn")["id"]
        c.put_method(restApiId=pid, resourceId=res2, httpMethod="GET", authorizationType="NONE")
        c.put_integration(restApiId=pid, resourceId=res2, httpMethod="GET", type="AWS_PROXY", integrationHttpMethod="POST",
                          uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                              "arn:aws:lambda:us-east-1:000000000000:function:bench/invocations")
        c.create_deployment(restApiId=pid, stageName="bench")
        fn_url = f"{endpoint}/_aws/execute-api/{pid}/bench/fn"
        assert json.loads(urllib.request.urlopen(fn_url).read()) == {"ok": True}
        rows.append(("AWS_PROXY to a local (Python) Invoke API, c=16", wrk(fn_url, args.duration), None))

        # 4. The MOCK behind a cached Lambda TOKEN authorizer.
        mc, guarded, _ = mock_api(endpoint)
        authorizer = mc.create_authorizer(
            restApiId=guarded, name="auth", type="TOKEN", identitySource="method.request.header.Authorization",
            authorizerUri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                          "arn:aws:lambda:us-east-1:000000000000:function:auth/invocations")["id"]
        mock_resource = next(r["id"] for r in mc.get_resources(restApiId=guarded)["items"] if r["path"] == "/mock")
        mc.update_method(restApiId=guarded, resourceId=mock_resource, httpMethod="GET", patchOperations=[
            {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
            {"op": "replace", "path": "/authorizerId", "value": authorizer}])
        mc.create_deployment(restApiId=guarded, stageName="bench", variables={"color": "blue"})
        guarded_url = f"{endpoint}/_aws/execute-api/{guarded}/bench/mock?q=hello"
        request = urllib.request.Request(guarded_url, headers={"Authorization": "bench-token"})
        json.loads(urllib.request.urlopen(request).read())
        rows.append(("MOCK + template behind a cached Lambda authorizer, c=16",
                     wrk(guarded_url, args.duration, headers=["Authorization: bench-token"]), None))

        # 5. The MOCK of 1 with an access log on its stage.
        lc, logged, _ = mock_api(endpoint)
        access_format = json.dumps({name: f"$context.{name}" for name in [
            "requestId", "extendedRequestId", "identity.sourceIp", "httpMethod", "resourcePath", "status",
            "protocol", "responseLength", "requestTime", "integrationLatency", "responseLatency", "error.message"]})
        lc.update_stage(restApiId=logged, stageName="bench", patchOperations=[
            {"op": "replace", "path": "/accessLogSettings/destinationArn",
             "value": "arn:aws:logs:us-east-1:000000000000:log-group:bench-access"},
            {"op": "replace", "path": "/accessLogSettings/format", "value": access_format}])
        logged_url = f"{endpoint}/_aws/execute-api/{logged}/bench/mock?q=hello"
        json.loads(urllib.request.urlopen(logged_url).read())
        # The same MOCK without a log, measured right before (later rows run on a warmer, fuller
        # server than row 1; the cost is the difference between neighbours).
        unlogged = wrk(url, args.duration)
        rows.append(("MOCK + template with a JSON access log to a file, c=16", wrk(logged_url, args.duration), None))
        # 6. One key throttled far over its plan's rate beside another key's traffic.
        overload = overload_row(endpoint, args.duration)
        # 7. A validated POST: 2 KB body against a 20-property model.
        rows.append(("validated POST (2 KB body, 20-property model), c=16", validated_post(endpoint, args.duration), None))
        # 8. A cache hit on the HTTP_PROXY method (same backend as 2) vs the backend directly.
        c.create_deployment(restApiId=pid, stageName="cached", cacheClusterEnabled=True, cacheClusterSize="0.5")
        c.update_stage(restApiId=pid, stageName="cached", patchOperations=[
            {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
            # A `*/*` method setting carries the account's throttle (10,000/5,000) as on AWS: raised
            # like the account's for the load test.
            {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "1000000"},
            {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "1000000"}])
        cached_url = f"{endpoint}/_aws/execute-api/{pid}/cached/mock"
        assert json.loads(urllib.request.urlopen(cached_url).read()) == {"ok": True}
        rows.append(("HTTP_PROXY cache hit via Portico, c=16", wrk(cached_url, args.duration), None))
        moto.terminate()
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(access_log_dir, ignore_errors=True)
        try:
            moto.terminate()
        except Exception:
            pass

    print("| invocation | Portico req/s | p50 ms | p99 ms | moto req/s | moto p50 ms | moto p99 ms | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, ours, theirs in rows:
        extra = (f"{theirs['rps']:,.0f} | {theirs['p50']:.2f} | {theirs['p99']:.2f} | {ours['rps'] / theirs['rps']:.0f}×"
                 if theirs and theirs["rps"] > 0 and theirs["non2xx"] == 0
                 else " | | | " if theirs is None else f"n/a: moto_server answered {theirs['non2xx']} non-2xx (it serves no invocations) | | | ")
        print(f"| {name} | {ours['rps']:,.0f} | {ours['p50']:.2f} | {ours['p99']:.2f} | {extra} |")
    direct, proxied = rows[2][1], rows[3][1]
    print(f"\nHTTP_PROXY: keeps {proxied['rps'] / direct['rps']:.0%} of direct throughput (goal ≥ 60%), "
          f"p50 {proxied['p50'] / direct['p50']:.2f}× direct (goal ≤ 1.5×)")
    print(f"MOCK goal ≥ 15,000 req/s with p99 < 5 ms: {'PASS' if rows[0][1]['rps'] >= 15000 and rows[0][1]['p99'] < 5 else 'FAIL'}")
    authorized = next(ours for name, ours, _ in rows if "Lambda authorizer" in name)
    print(f"Cached Lambda authorizer goal ≥ 12,000 req/s: {'PASS' if authorized['rps'] >= 12000 else 'FAIL'}")
    keyed = rows[1][1]
    print(f"API key + usage plan goal ≥ 12,000 req/s: {'PASS' if keyed['rps'] >= 12000 else 'FAIL'} "
          f"({keyed['rps'] / rows[0][1]['rps']:.0%} of the same method without gates)")
    logged_row = next(ours for name, ours, _ in rows if "access log" in name)
    cost = 1 - logged_row["rps"] / unlogged["rps"]
    print(f"Access log goal ≤ 10% cost: {'PASS' if cost <= 0.10 else 'FAIL'} ({cost:.0%} fewer req/s than the same "
          f"method without it measured just before: {unlogged['rps']:,.0f} req/s)")
    validated = next(ours for name, ours, _ in rows if name.startswith("validated POST"))
    print(f"Validated POST goal ≥ 10,000 req/s: {'PASS' if validated['rps'] >= 10000 else 'FAIL'}")
    hit = next(ours for name, ours, _ in rows if "cache hit" in name)
    print(f"Cache hit goal faster than the backend directly: {'PASS' if hit['rps'] > direct['rps'] else 'FAIL'} "
          f"({hit['rps'] / direct['rps']:.0%} of direct throughput)")
    bad = sum(r[1]["non2xx"] for r in rows)
    print(f"non-2xx answers during the runs: {bad}"
          + "".join(f"; {name}: {ours['non2xx']}" for name, ours, _ in rows if ours["non2xx"]))
    report_overload(overload)


def report_overload(overload):
    hot, alone, loaded = overload["hot"], overload["calm_alone"], overload["calm_loaded"]
    print(f"\n429 under overload: the throttled key was offered {hot['rps']:,.0f} req/s against a rate of 1,000 "
          f"({hot['rps'] / 1000:.0f}×), {hot['non2xx']:,} answers 429, p99 {hot['p99']:.2f} ms; the other key "
          f"p50 {alone['p50']:.2f} → {loaded['p50']:.2f} ms, p99 {alone['p99']:.2f} → {loaded['p99']:.2f} ms "
          f"({loaded['p50'] / alone['p50']:.2f}× p50; goal within 1.5×: "
          f"{'PASS' if loaded['p50'] <= 1.5 * alone['p50'] else 'FAIL'}; both share the machine's 2 cores)")


if __name__ == "__main__":
    main()
