#!/usr/bin/env python3
"""Import and export of a 200-path OpenAPI definition (issue 12, "Tests and figures"), Portico beside
moto_server, measured in the same run on loopback through boto3.

    python3 bench/openapi.py [--portico BIN] [--runs 5]

Starts its own servers (Portico with a fresh data dir, durable SQLite state; moto_server when it is
installed) and stops them on exit. For each server: ImportRestApi of the same definition `--runs`
times (median and min ms), the server's peak RSS (VmHWM) after the imports, then CreateDeployment and
GetExport (oas30, extensions=apigateway) `--runs` times. A step a server cannot do is reported as such.

The definition (OpenAPI 3.0 JSON, the form moto can import): 200 paths under 20 parents, each path with a GET (MOCK, a query parameter, a response
model, an integration response) and an OPTIONS (CORS MOCK), 20 models with `$ref`s.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
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
#: moto imports OpenAPI 3 only and needs `uri` and `httpMethod` on every integration (MOCK drops them).
MOTO_NEEDS = {"httpMethod": "POST", "uri": "http://unused.example.com"}


def definition(paths: int = 200) -> bytes:
    schemas = {f"Item{i}": {"type": "object", "properties": {"id": {"type": "integer"}, "next": {
        "$ref": f"#/components/schemas/Item{(i + 1) % 20}"}}} for i in range(20)}
    cors = {"responses": {"200": {"description": "cors", "headers": {
        "Access-Control-Allow-Origin": {"schema": {"type": "string"}}}}},
        "x-amazon-apigateway-integration": {"type": "mock", **MOTO_NEEDS, "requestTemplates": {
            "application/json": '{"statusCode": 200}'}, "responses": {"default": {"statusCode": "200", "responseParameters": {
                "method.response.header.Access-Control-Allow-Origin": "'*'"}}}}}
    out = {}
    for i in range(paths):
        get = {"operationId": f"get{i}", "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
               "responses": {"200": {"description": "ok", "content": {"application/json": {
                   "schema": {"$ref": f"#/components/schemas/Item{i % 20}"}}}}},
               "x-amazon-apigateway-integration": {"type": "mock", **MOTO_NEEDS, "requestTemplates": {
                   "application/json": '{"statusCode": 200}'}, "responses": {"default": {
                       "statusCode": "200", "responseTemplates": {"application/json": '{"n": %d}' % i}}}}}
        out[f"/group{i % 20}/item{i}/{{id}}"] = {"get": get, "options": cors}
    return json.dumps({"openapi": "3.0.1", "info": {"title": "bench", "description": "moto needs one", "version": "1"}, "paths": out,
                       "components": {"schemas": schemas}}).encode()


def peak_rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def measure(name: str, port: int, pid: int, body: bytes, runs: int) -> dict:
    client = boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing",
                          config=Config(retries={"max_attempts": 1}, read_timeout=300))
    row: dict = {"server": name}
    times, api_id = [], None
    try:
        for _ in range(runs):
            start = time.perf_counter()
            api_id = client.import_rest_api(body=body)["id"]
            times.append((time.perf_counter() - start) * 1000)
        resources = len(client.get_resources(restApiId=api_id, limit=500)["items"])
        row.update(import_ms=statistics.median(times), import_min_ms=min(times), resources=resources,
                   peak_rss_mib=peak_rss_mib(pid))
    except Exception as error:  # noqa: BLE001 - a server that cannot import is reported, not fatal
        row["import_error"] = f"{type(error).__name__}: {error}"[:160]
        return row
    try:
        client.create_deployment(restApiId=api_id, stageName="bench")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            exported = client.get_export(restApiId=api_id, stageName="bench", exportType="oas30",
                                         parameters={"extensions": "apigateway"})["body"].read()
            times.append((time.perf_counter() - start) * 1000)
        row.update(export_ms=statistics.median(times), export_kib=len(exported) / 1024,
                   exported_paths=len(json.loads(exported)["paths"]))
    except Exception as error:  # noqa: BLE001
        row["export_error"] = f"{type(error).__name__}: {error}"[:160]
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--portico", default=os.path.join(ROOT, ".build-static", "release", "portico"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(args.portico):
        args.portico = os.path.join(ROOT, ".build", "debug", "portico")
    body = definition()
    rows, procs, work = [], [], tempfile.mkdtemp(prefix="portico-openapi-bench.")
    try:
        port = free_port()
        proc = subprocess.Popen([args.portico, "serve", "--port", str(port), "--data-dir", work],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(proc)
        wait_up(f"http://127.0.0.1:{port}/_portico/health", proc)
        rows.append(measure(f"portico ({os.path.relpath(args.portico, ROOT)})", port, proc.pid, body, args.runs))
        moto = shutil.which("moto_server")
        if moto:
            port = free_port()
            proc = subprocess.Popen([moto, "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            procs.append(proc)
            wait_up(f"http://127.0.0.1:{port}/", proc)
            rows.append(measure("moto_server", port, proc.pid, body, args.runs))
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"definition: 200 paths, {len(body) / 1024:.0f} KiB, {args.runs} runs each")
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
