#!/usr/bin/env python3
"""Grows a seeded server to 100,000+ stored integration responses, through the API.

    bulk.py --port P --ids ids.json --results F --server S --wrk-dir DIR --workdir DIR
            [--resources 1000] [--methods GET,POST,PUT,DELETE] [--codes 25] [--budget 150]

Shape: `--resources` resources under the root (CreateResource, from a Python thread pool, since
their ids come back from the server), each with `--methods` MOCK methods (PutMethod,
PutIntegration) and `--codes` integration responses per method (PutIntegrationResponse): by
default 1000 x 4 x 25 = 100,000. The three PUT phases are replayed by wrk (bench/wrk/replay.lua),
16 connections, each request sent exactly once.

Time-boxed: after the first 100 resources it projects the whole run from the measured rate and
gives up ("skipped") when that exceeds `--budget` seconds. If the budget runs out while integration
responses are being created, the result is "partial" with the count actually stored. The
integration responses go in `--chunks` chunks, so the write rate is known as the store grows.
Records key `bulk`: status done|partial|skipped, the PutIntegrationResponse rate, the stored count,
and the per-chunk rates."""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wrkrun  # noqa: E402
from benchlib import Client, record  # noqa: E402
from seed import TEMPLATE  # noqa: E402

PROBE = 100


def create_resources(port: int, api: str, parent: str, names: list[str], workers: int) -> list[str]:
    local = threading.local()

    def one(name: str) -> str:
        if not hasattr(local, "client"):
            local.client = Client(port)
        status, body = local.client.request("POST", f"/restapis/{api}/resources/{parent}", {"pathPart": name})
        if status != 201:
            raise RuntimeError(f"CreateResource {name}: HTTP {status} {body[:200]!r}")
        return json.loads(body)["id"]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, names))


def write_plan(path: str, lines: list[tuple[str, str, str]]) -> None:
    with open(path, "w") as f:
        for method, url, body in lines:
            f.write(f"{method}\t{url}\t{body}\n")


def main() -> None:
    # Unwind (and so stop any wrk child) when run.sh's trap sends SIGTERM.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ids", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--wrk-dir", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--log")
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--methods", default="GET,POST,PUT,DELETE")
    parser.add_argument("--codes", type=int, default=25)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--budget", type=float, default=150.0)
    parser.add_argument("--chunks", type=int, default=4, help="integration-response chunks (rate per chunk)")
    args = parser.parse_args()

    ids = json.load(open(args.ids))
    api, root = ids["api"], ids["root"]
    methods = args.methods.split(",")
    codes = [str(200 + i) for i in range(args.codes)]
    n_resources = args.resources
    n_responses = n_resources * len(methods) * len(codes)
    total_requests = n_resources + 2 * n_resources * len(methods) + n_responses
    started = time.monotonic()
    phases: dict[str, dict] = {}

    def give_up(reason: str, done: int, rate: float) -> None:
        record(args.results, args.server, "bulk", status="skipped", reason=reason, rate=rate,
               requests_done=done, requests_total=total_requests, seconds=time.monotonic() - started,
               stored=ids["stored"], phases=phases)
        print(f"  {args.server:8} bulk seed skipped: {reason}", flush=True)

    def finish(status: str, reason: str, created: int, rates: list[tuple[int, float]]) -> None:
        """Records a seed that stored integration responses (all of them, or a part on overrun)."""
        seconds = time.monotonic() - started
        stored = ids["stored"] + created
        rate = sum(phases[p]["ok"] for p in phases if p.startswith("responses")) / max(
            1e-9, sum(phases[p]["seconds"] for p in phases if p.startswith("responses")))
        record(args.results, args.server, "bulk", status=status, reason=reason, rate=rate, seconds=seconds,
               stored=stored, requests_total=total_requests, phases=phases, chunk_rates=rates)
        trend = ", ".join(f"{r:,.0f}/s from {n:,}" for n, r in rates)
        print(f"  {args.server:8} bulk seed {status}: {stored:,} integration responses stored in {seconds:.1f} s "
              f"(PutIntegrationResponse rate by stored count: {trend})" + (f"; {reason}" if reason else ""), flush=True)

    # Resources: a probe first, to decide whether the whole run fits the budget.
    names = [f"bulk{i:05d}" for i in range(n_resources)]
    t0 = time.monotonic()
    rids = create_resources(args.port, api, root, names[:PROBE], args.connections)
    rate = len(rids) / (time.monotonic() - t0)
    projected = total_requests / rate
    phases["probe"] = {"requests": len(rids), "rate": rate, "projected_s": projected}
    if projected > args.budget:
        give_up(f"too slow: {rate:,.0f}/s, {total_requests:,} requests would take ~{projected:,.0f} s "
                f"(budget {args.budget:.0f} s)", len(rids), rate)
        return
    rids += create_resources(args.port, api, root, names[PROBE:], args.connections)
    phases["resources"] = {"requests": n_resources, "seconds": time.monotonic() - t0}

    base = lambda rid, m: f"/restapis/{api}/resources/{rid}/methods/{m}"  # noqa: E731
    integration = json.dumps({"type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}})
    plans = {
        "methods": [("PUT", base(r, m), json.dumps({"authorizationType": "NONE"})) for m in methods for r in rids],
        "integrations": [("PUT", base(r, m) + "/integration", integration) for m in methods for r in rids],
        # Code-major order: consecutive writes land on different resources.
        "responses": [("PUT", base(r, m) + f"/integration/responses/{c}",
                       json.dumps({"selectionPattern": c, "responseTemplates": {"application/json": TEMPLATE}}))
                      for c in codes for m in methods for r in rids],
    }
    # The responses phase runs in chunks, so the report shows how the write rate changes as the
    # store grows.
    responses = plans.pop("responses")
    step = max(1, -(-len(responses) // args.chunks))
    for k in range(0, len(responses), step):
        plans[f"responses {k // 1000}k+"] = responses[k:k + step]
    wrk = os.path.join(args.wrk_dir, "replay.lua")
    created = 0  # integration responses created so far
    rates: list[tuple[int, float]] = []  # (stored before the chunk, PUT/s)
    for phase, lines in plans.items():
        remaining = args.budget - (time.monotonic() - started)
        if remaining < 2:
            finish("partial" if created else "skipped", f"budget of {args.budget:.0f} s spent before {phase}",
                   created, rates)
            return
        plan = os.path.join(args.workdir, f"plan-{args.server}-phase.tsv")
        write_plan(plan, lines)
        threads = 2
        ns = argparse.Namespace(threads_done=threads, log=args.log, wrk=[
            "wrk", f"-t{threads}", f"-c{args.connections}", f"-d{int(remaining) + 1}s", "--timeout", "10s",
            "-s", wrk, f"http://127.0.0.1:{args.port}", "--", plan, str(threads), "{marker}"])
        data = wrkrun.run(ns)
        os.unlink(plan)
        phases[phase] = {"requests": len(lines), "ok": data["ok"], "bad": data["bad"],
                         "last_bad_status": data["last_bad_status"], "rate": data["rps"],
                         "seconds": data["wall_s"], "p50_us": data["p50_us"], "p99_us": data["p99_us"],
                         "socket_errors": data["socket_errors"]}
        print(f"  {args.server:8} bulk {phase:18} {len(lines):>7,} PUTs  {data['rps']:>8,.0f}/s  "
              f"{data['wall_s']:6.1f} s  p50 {data['p50_us'] / 1000:.1f} ms  p99 {data['p99_us'] / 1000:.1f} ms"
              + (f"  {data['bad']} failed (last HTTP {data['last_bad_status']})" if data["bad"] else ""), flush=True)
        if data["socket_errors"]:
            print(f"  {args.server:8} warning: {data['socket_errors']} socket errors during {phase}; wrk does not "
                  "resend a request lost that way, so a few items may be missing", flush=True)
        if phase.startswith("responses"):
            rates.append((ids["stored"] + created, data["rps"]))
            created += data["ok"]
        if data["ok"] + data["bad"] < len(lines):
            reason = (f"{phase} did not finish within the {args.budget:.0f} s budget "
                      f"({data['ok']:,}/{len(lines):,} at {data['rps']:,.0f}/s)")
            finish("partial" if created else "skipped", reason, created, rates)
            return
        if data["bad"]:
            raise SystemExit(f"{args.server}: {data['bad']} {phase} requests failed (last HTTP {data['last_bad_status']})")

    # Spot-check: random stored integration responses read back.
    client = Client(args.port)
    for _method, url, _body in random.Random(7).sample(responses, 20):
        status, body = client.request("GET", url)
        if status != 200:
            raise SystemExit(f"{args.server}: GET {url} -> HTTP {status} {body[:200]!r}")
    client.close()
    finish("done", "", created, rates)


if __name__ == "__main__":
    main()
