#!/usr/bin/env python3
"""Portico on PostgreSQL (`--database-url`) against Portico on SQLite, measured in one run.

    python3 bench/postgres.py [--bin PATH] [--duration 10s] [--visibility-samples 300]

Starts a private PostgreSQL cluster (tests/e2e/pg_cluster.py: Debian's packages, a temporary
directory, a free loopback port, fsync off: like SQLite's synchronous=NORMAL, a process crash
loses nothing, an OS crash may lose the last commits), one Portico on SQLite and two Portico
instances (A, B) on the cluster, seeds the benchmark's API (bench/lib/seed.py) into each store,
then measures with wrk:

  * GetIntegrationResponse and PutIntegrationResponse at c=16: SQLite, PostgreSQL (one instance),
    and PostgreSQL with two instances behind one load generator (two wrk processes, c=8 each,
    requests/s summed; latency percentiles are the worse of the two);
  * cross-instance visibility: PutIntegrationResponse through A with a new template, then
    GetIntegrationResponse through B in a tight loop until the template is there; the time from
    A's answer to B's first matching answer, p50 and p99 over the samples.

Prints a table and writes it to bench/out/postgres.md. Every process it starts is stopped on exit.
The binary defaults to the shipped build (.build-static/release/portico), else the debug build.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench", "lib"))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from benchlib import AUTH_HEADERS, free_port  # noqa: E402
from pg_cluster import PostgresCluster  # noqa: E402

WRK = os.path.join(ROOT, "bench", "wrk")


class Server:
    def __init__(self, binary, name, env=None):
        self.name = name
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix=f"portico-bench-{name}-")
        self.log = open(os.path.join(self.dir, "server.log"), "ab")
        self.proc = subprocess.Popen([binary, "serve", "--port", str(self.port), "--data-dir", self.dir],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_portico/health", timeout=1):
                    break
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"{name} did not start: {open(self.log.name).read()}")
                time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def seed(port, workdir, name):
    out = os.path.join(workdir, f"{name}.json")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "lib", "seed.py"), "--port", str(port), "--out", out],
                   check=True, capture_output=True)
    with open(out) as f:
        ids = json.load(f)
    body = os.path.join(workdir, f"{name}-put.json")
    with open(body, "w") as f:
        f.write(ids["put_body"])
    return ids, body


def wrk(url, connections, duration, script, *script_args):
    """Starts one wrk run; returns the process (its summary is read by `summary`)."""
    cmd = ["wrk", "-t2" if connections > 1 else "-t1", f"-c{connections}", f"-d{duration}", "--timeout", "10s",
           "--latency", "-s", os.path.join(WRK, script), url]
    if script_args:
        cmd += ["--", *script_args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def summary(proc):
    out, _ = proc.communicate()
    line = next((l for l in out.splitlines() if l.startswith("WRKJSON ")), None)
    if line is None:
        raise SystemExit(f"wrk produced no summary:\n{out}")
    data = json.loads(line[len("WRKJSON "):])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = (data["connect_errors"] + data["read_errors"] + data["write_errors"] + data["timeouts"]
                      + data["bad"])
    return data


def measure(urls, duration, script, *script_args):
    """One wrk per URL at c=16 split evenly, run together; (req/s summed, p50 ms, p99 ms, errors)."""
    per = 16 // len(urls)
    runs = [summary(p) for p in [wrk(u, per, duration, script, *script_args) for u in urls]]
    return (sum(r["rps"] for r in runs), max(r["p50_us"] for r in runs) / 1000, max(r["p99_us"] for r in runs) / 1000,
            sum(r["errors"] for r in runs))


def request(conn, method, path, body=None):
    headers = dict(AUTH_HEADERS)
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def visibility(a_port, b_port, path, put_body, samples):
    """Seconds from A's acknowledgment of a put to B's first answer that shows it, per sample."""
    ca = http.client.HTTPConnection("127.0.0.1", a_port, timeout=10)
    cb = http.client.HTTPConnection("127.0.0.1", b_port, timeout=10)
    body = json.loads(put_body)
    delays = []
    for i in range(samples):
        marker = f"visibility-{i}-{time.time_ns()}"
        body["responseTemplates"] = {"application/json": marker}
        status, _ = request(ca, "PUT", path, json.dumps(body))
        assert status in (200, 201), status
        acked = time.perf_counter()
        while True:
            status, payload = request(cb, "GET", path)
            if status == 200 and marker.encode() in payload:
                delays.append(time.perf_counter() - acked)
                break
            if time.perf_counter() - acked > 5:
                raise SystemExit(f"sample {i}: B did not see A's write within 5 s")
    return delays


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    release = os.path.join(ROOT, ".build-static", "release", "portico")
    parser.add_argument("--bin", default=release if os.path.exists(release) else os.path.join(ROOT, ".build", "debug", "portico"))
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--visibility-samples", type=int, default=300)
    args = parser.parse_args()
    build = "release" if "release" in args.bin else "debug"
    print(f"binary: {args.bin} ({build})")
    workdir = tempfile.mkdtemp(prefix="portico-bench-pg-")
    cluster = PostgresCluster().init()
    servers = []
    try:
        sqlite = Server(args.bin, "sqlite")
        servers.append(sqlite)
        a = Server(args.bin, "pg-a", {"PORTICO_DATABASE_URL": cluster.url})
        servers.append(a)
        b = Server(args.bin, "pg-b", {"PORTICO_DATABASE_URL": cluster.url})
        servers.append(b)
        s_ids, s_body = seed(sqlite.port, workdir, "sqlite")
        p_ids, p_body = seed(a.port, workdir, "pg")
        s_url = f"http://127.0.0.1:{sqlite.port}{s_ids['path']}"
        a_url = f"http://127.0.0.1:{a.port}{p_ids['path']}"
        b_url = f"http://127.0.0.1:{b.port}{p_ids['path']}"
        time.sleep(0.5)
        rows = []
        for label, script, sqlite_args, pg_args in (("GetIntegrationResponse", "get.lua", (), ()),
                                                    ("PutIntegrationResponse", "put.lua", (s_body,), (p_body,))):
            for store, urls, extra in (("SQLite", [s_url], sqlite_args), ("PostgreSQL, 1 instance", [a_url], pg_args),
                                       ("PostgreSQL, 2 instances", [a_url, b_url], pg_args)):
                rps, p50, p99, errors = measure(urls, args.duration, script, *extra)
                rows.append((f"{label} c=16", store, rps, p50, p99, errors))
                print(f"  {label} c=16 {store}: {rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, errors {errors}")
        delays = visibility(a.port, b.port, p_ids["path"], open(p_body).read(), args.visibility_samples)
        p50, p99 = percentile(delays, 50) * 1000, percentile(delays, 99) * 1000
        print(f"  cross-instance visibility ({len(delays)} samples): p50 {p50:.2f} ms, p99 {p99:.2f} ms, "
              f"max {max(delays) * 1000:.2f} ms")
        lines = [f"# Portico on PostgreSQL vs SQLite ({build} build, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
                 "", f"wrk, {args.duration} per run, loopback, 2-core machine; PostgreSQL "
                 f"{cluster.psql('SHOW server_version')} with fsync off (SQLite: WAL, synchronous=NORMAL).", "",
                 "| metric | store | req/s | p50 ms | p99 ms | errors |", "|---|---|---:|---:|---:|---:|"]
        lines += [f"| {m} | {s} | {r:,.0f} | {p:.2f} | {q:.2f} | {e} |" for m, s, r, p, q, e in rows]
        lines += ["", f"Cross-instance visibility (PutIntegrationResponse through A, GetIntegrationResponse through B, "
                      f"{len(delays)} samples): p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(delays) * 1000:.2f} ms."]
        os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
        with open(os.path.join(ROOT, "bench", "out", "postgres.md"), "w") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines))
    finally:
        for server in servers:
            server.stop()
        cluster.cleanup()


if __name__ == "__main__":
    main()
