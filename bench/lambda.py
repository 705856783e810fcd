#!/usr/bin/env python3
"""Hosted Lambda benchmarks (issue 15), in one run:

1. AWS_PROXY c=16 to a warm trivial Python handler hosted by Portico (Portico's own bootstrap,
   and awslambdaric when the interpreter has it), plus c=1 for the per-request latency.
2. The same method through `--lambda-endpoint` to a Python Invoke API server (today's path
   without hosting), for comparison.
3. Cold start: CreateFunction, then the first Invoke of a fresh function (a new Python
   environment) until its answer; median of 5.

Usage: bench/lambda.py PORTICO_BIN [--duration 8s]. Prints a markdown table and the goals
(≥ 1,500 req/s on 2 cores; cold start ≤ 150 ms).
"""
import argparse
import importlib.util
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from http.server import ThreadingHTTPServer

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from invoke import Lambda, free_port, wait_http  # noqa: E402
from invoke import wrk as wrk2  # noqa: E402

HANDLER = ('def handler(event, context):\n'
           '    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": "{\\"ok\\": true}"}\n')
ROLE = "arn:aws:iam::000000000000:role/bench"
RUNTIME = f"python{sys.version_info.major}.{sys.version_info.minor}"


def wrk(url, duration, connections=16):
    """wrk with two threads (one for a single connection: wrk needs a connection per thread)."""
    if connections >= 2:
        return wrk2(url, duration, connections)
    out = subprocess.run(["wrk", "-t1", "-c1", f"-d{duration}", "--latency", url], capture_output=True, text=True).stdout
    import re
    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": pct(50), "p99": pct(99),
            "non2xx": int(non2xx.group(1)) if non2xx else 0}


def package():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", HANDLER)
    return buffer.getvalue()


def clients(endpoint):
    config = Config(retries={"max_attempts": 1})
    common = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                  aws_secret_access_key="test", config=config)
    return boto3.client("lambda", **common), boto3.client("apigateway", **common)


class Portico:
    def __init__(self, binary, *flags):
        self.dir = tempfile.mkdtemp(prefix="bench-lambda-")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([binary, "serve", "--port", str(self.port), "--data-dir", self.dir, *flags],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_http(self.endpoint + "/_portico/health")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)
        shutil.rmtree(self.dir, ignore_errors=True)


def proxy_api(apigw, uri):
    api = apigw.create_rest_api(name="bench-lambda")
    api_id, root = api["id"], api["rootResourceId"]
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="AWS_PROXY",
                          integrationHttpMethod="POST", uri=uri)
    apigw.create_deployment(restApiId=api_id, stageName="bench")
    return api_id


def function_uri(name):
    return ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            f"arn:aws:lambda:us-east-1:000000000000:function:{name}/invocations")


def hosted_rows(binary, client_flag, duration):
    server = Portico(binary, "--lambda-python-client", client_flag)
    try:
        lam, apigw = clients(server.endpoint)
        lam.create_function(FunctionName="trivial", Runtime=RUNTIME, Role=ROLE, Handler="handler.handler",
                            Code={"ZipFile": package()})
        api_id = proxy_api(apigw, function_uri("trivial"))
        url = f"{server.endpoint}/_aws/execute-api/{api_id}/bench/"
        # Warm up: one environment per connection.
        wrk(url, "2s")
        c16 = wrk(url, duration)
        c1 = wrk(url, duration, connections=1)
        colds = []
        for n in range(5):
            name = f"cold{n}"
            lam.create_function(FunctionName=name, Runtime=RUNTIME, Role=ROLE, Handler="handler.handler",
                                Code={"ZipFile": package()})
            started = time.perf_counter()
            lam.invoke(FunctionName=name, Payload=b"{}")["Payload"].read()
            colds.append((time.perf_counter() - started) * 1000)
        return c16, c1, statistics.median(colds)
    finally:
        server.stop()


def endpoint_row(binary, duration):
    backend = ThreadingHTTPServer(("127.0.0.1", 0), Lambda)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    server = Portico(binary, "--lambda-endpoint", f"http://127.0.0.1:{backend.server_address[1]}")
    try:
        _, apigw = clients(server.endpoint)
        api_id = proxy_api(apigw, function_uri("fn"))
        url = f"{server.endpoint}/_aws/execute-api/{api_id}/bench/"
        wrk(url, "1s")
        return wrk(url, duration)
    finally:
        server.stop()
        backend.shutdown()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--duration", default="8s")
    args = parser.parse_args()
    rows = []
    clients_to_run = ["builtin"] + (["auto"] if importlib.util.find_spec("awslambdaric") else [])
    colds = {}
    for flag in clients_to_run:
        c16, c1, cold = hosted_rows(args.binary, flag, args.duration)
        label = "Portico's bootstrap" if flag == "builtin" else "awslambdaric"
        rows.append((f"AWS_PROXY → hosted {RUNTIME} ({label}), c=16", c16))
        rows.append((f"AWS_PROXY → hosted {RUNTIME} ({label}), c=1", c1))
        colds[label] = cold
    rows.append(("AWS_PROXY → Python Invoke API server (--lambda-endpoint), c=16", endpoint_row(args.binary, args.duration)))
    print("| invocation | req/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---:|---:|---:|---:|")
    for name, row in rows:
        print(f"| {name} | {row['rps']:,.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {row['non2xx']} |")
    for label, cold in colds.items():
        print(f"| cold start, CreateFunction then first Invoke answered ({label}), median of 5 | | {cold:.1f} | | |")
    best = max(row["rps"] for name, row in rows if "hosted" in name and "c=16" in name)
    print(f"\nwarm AWS_PROXY goal ≥ 1,500 req/s: {'PASS' if best >= 1500 else 'FAIL'} ({best:,.0f})")
    print(f"cold start goal ≤ 150 ms: {'PASS' if min(colds.values()) <= 150 else 'FAIL'} "
          + ", ".join(f"{label} {cold:.1f} ms" for label, cold in colds.items()))


if __name__ == "__main__":
    main()
