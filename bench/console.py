#!/usr/bin/env python3
"""The browser console's render time (issue 17's goal: under 50 ms server-side for 300 resources).

    python3 bench/console.py [--portico BIN] [--resources 300] [--requests 200]

Starts its own Portico (in memory, on a free loopback port) and stops it on exit. Builds one API
through boto3: `--resources` resources under 10 parents, each with a GET (MOCK integration, a
request template, a method response, two integration responses with templates: the default and
a `4\\d{2}` pattern), then a deployment. Then requests the resource tree page and one method page
`--requests` times each (after 5 warm-up requests) on one keep-alive connection, and prints the
p50 and p99 of the server-side render time (`Server-Timing: render;dur=`) and of the wall-clock.

BIN defaults to PORTICO_BIN, else .build/release/portico when it exists, else .build/debug/portico;
the output names which build was measured.
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from benchlib import free_port  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESPONSE_TEMPLATE = '#set($body = $input.path(\'$\'))\n{"items": [#foreach($i in $body.items)"$i"#if($foreach.hasNext),#end#end]}'
ERROR_TEMPLATE = '{"error": "$input.path(\'$.errorMessage\')", "at": "$context.requestTime"}'


def default_binary() -> str:
    if os.environ.get("PORTICO_BIN"):
        return os.environ["PORTICO_BIN"]
    release = os.path.join(ROOT, ".build", "release", "portico")
    return release if os.path.exists(release) else os.path.join(ROOT, ".build", "debug", "portico")


def start(binary: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    log = open(os.path.join(tempfile.gettempdir(), f"portico-console-bench-{port}.log"), "wb")
    proc = subprocess.Popen([binary, "serve", "--in-memory", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_portico/health", timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("portico did not become healthy")


def build(port: int, resources: int) -> tuple[str, str]:
    """The API and the id of one resource with a GET: (api id, resource id)."""
    client = boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                          aws_access_key_id="bench", aws_secret_access_key="bench",
                          config=Config(retries={"max_attempts": 1}))
    api = client.create_rest_api(name="console-bench")
    api_id, root = api["id"], api["rootResourceId"]
    parents = [client.create_resource(restApiId=api_id, parentId=root, pathPart=f"group{g}")["id"] for g in range(10)]
    last = ""
    for i in range(resources - len(parents) - 1):
        last = client.create_resource(restApiId=api_id, parentId=parents[i % len(parents)], pathPart=f"item{i}")["id"]
        common = {"restApiId": api_id, "resourceId": last, "httpMethod": "GET"}
        client.put_method(**common, authorizationType="NONE", requestParameters={"method.request.querystring.q": False})
        client.put_integration(**common, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
        for status in ("200", "400"):
            client.put_method_response(**common, statusCode=status)
        client.put_integration_response(**common, statusCode="200", responseTemplates={"application/json": RESPONSE_TEMPLATE})
        client.put_integration_response(**common, statusCode="400", selectionPattern=r"4\d{2}",
                                        responseTemplates={"application/json": ERROR_TEMPLATE})
    client.create_deployment(restApiId=api_id, stageName="bench")
    return api_id, last


def measure(port: int, path: str, requests: int) -> tuple[list[float], list[float]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    server, wall = [], []
    for n in range(requests + 5):
        began = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - began) * 1000
        if response.status != 200 or not body:
            raise SystemExit(f"{path} answered {response.status}")
        timing = response.getheader("Server-Timing", "")
        if n >= 5:
            server.append(float(timing.split("dur=")[1]))
            wall.append(elapsed)
    connection.close()
    return server, wall


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portico", default=default_binary())
    parser.add_argument("--resources", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    build_kind = "release" if "/release/" in args.portico else "debug" if "/debug/" in args.portico else "unknown"
    proc, port = start(args.portico)
    try:
        began = time.perf_counter()
        api_id, resource = build(port, args.resources)
        print(f"portico ({build_kind} build: {args.portico}); API with {args.resources} resources built in "
              f"{time.perf_counter() - began:.1f} s")
        pages = {"tree": f"/_portico/console/apis/{api_id}",
                 "method": f"/_portico/console/apis/{api_id}/resources/{resource}/methods/GET"}
        for name, path in pages.items():
            server, wall = measure(port, path, args.requests)
            print(f"{name:6} page: server p50 {percentile(server, 0.5):7.2f} ms  p99 {percentile(server, 0.99):7.2f} ms"
                  f"   wall p50 {percentile(wall, 0.5):7.2f} ms  p99 {percentile(wall, 0.99):7.2f} ms"
                  f"   (n={len(server)}, mean server {statistics.fmean(server):.2f} ms)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
