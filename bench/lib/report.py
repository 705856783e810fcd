#!/usr/bin/env python3
"""Renders the benchmark results as one table (Portico, moto, ratio, goal, PASS/FAIL).

    report.py --results raw.jsonl --meta meta.json --out results.md

Prints the table and writes the same markdown to --out. The ratio column is always
Portico ÷ moto: above 1 is better for req/s, below 1 is better for ms and MiB."""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import load  # noqa: E402

LOAD_RUNS = ["rss_10k", "get_c1", "get_c16", "get_c64", "put_c16", "apikeys_c16", "usageplans_c16", "createkey_c16",
             "get_10", "get_100k", "put_100k"]


class Table:
    def __init__(self, results: dict):
        self.r = results
        self.rows: list[list[str]] = []
        self.goals: list[tuple[str, bool]] = []

    def value(self, server: str, key: str, field: str):
        item = self.r.get((server, key))
        if item is None or item.get("status") == "skipped":
            return None
        return item.get(field)

    def add(self, label: str, key: str, field: str, kind: str, goal: str = "", check=None,
            moto_note: str | None = None) -> None:
        p = self.value("portico", key, field)
        m = self.value("moto", key, field)
        if kind == "ms" and field.endswith("_us"):
            p = None if p is None else p / 1000.0
            m = None if m is None else m / 1000.0
        ratio = p / m if p is not None and m not in (None, 0) else None
        result = ""
        if check is not None:
            ok = p is not None and check(p, m, ratio)
            result = "PASS" if ok else "FAIL"
            self.goals.append((f"{label}: {goal}", ok))
        self.rows.append([label, fmt(p, kind), moto_note if (m is None and moto_note) else fmt(m, kind),
                          "" if ratio is None else f"{ratio:,.2f}×" if ratio < 10 else f"{ratio:,.0f}×",
                          goal, result])

    def add_raw(self, cells: list[str]) -> None:
        self.rows.append(cells)

    def markdown(self) -> str:
        head = ["Metric", "Portico", "moto", "Portico ÷ moto", "Goal (issue 3)", "Result"]
        widths = [max(len(row[i]) for row in self.rows + [head]) for i in range(len(head))]
        line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
        out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        out += [line(row) for row in self.rows]
        return "\n".join(out)


def fmt(value, kind: str) -> str:
    if value is None:
        return "n/a"
    if kind == "rps":
        return f"{value:,.0f}"
    if kind == "ms":
        return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"
    if kind == "mib":
        return f"{value:,.1f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--meta", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    r = load(args.results)
    meta = json.load(open(args.meta))
    t = Table(r)

    for c in (1, 16, 64):
        key = f"get_c{c}"
        if c == 16:
            t.add(f"GetIntegrationResponse c={c}: req/s", key, "rps", "rps", "≥ 20,000 req/s and ≥ 50× moto",
                  lambda p, m, ratio: p >= 20000 and ratio is not None and ratio >= 50)
            t.add(f"GetIntegrationResponse c={c}: p50 ms", key, "p50_us", "ms")
            t.add(f"GetIntegrationResponse c={c}: p99 ms", key, "p99_us", "ms", "< 5 ms", lambda p, m, ratio: p < 5)
        else:
            t.add(f"GetIntegrationResponse c={c}: req/s", key, "rps", "rps")
            t.add(f"GetIntegrationResponse c={c}: p50 ms", key, "p50_us", "ms")
            t.add(f"GetIntegrationResponse c={c}: p99 ms", key, "p99_us", "ms")
    t.add("PutIntegrationResponse c=16 (durable): req/s", "put_c16", "rps", "rps", "≥ 15× moto",
          lambda p, m, ratio: ratio is not None and ratio >= 15)
    t.add("PutIntegrationResponse c=16: p99 ms", "put_c16", "p99_us", "ms")
    t.add("GetApiKeys c=16 (20 stored): req/s", "apikeys_c16", "rps", "rps")
    t.add("GetApiKeys c=16: p99 ms", "apikeys_c16", "p99_us", "ms")
    t.add("GetUsagePlans c=16 (5 stored): req/s", "usageplans_c16", "rps", "rps")
    t.add("GetUsagePlans c=16: p99 ms", "usageplans_c16", "p99_us", "ms")
    t.add("CreateApiKey c=16 (durable): req/s", "createkey_c16", "rps", "rps")
    t.add("CreateApiKey c=16: p99 ms", "createkey_c16", "p99_us", "ms")
    t.add("Cold start to first 200, median of 5: ms", "cold", "ms", "ms", "≤ 20 ms", lambda p, m, ratio: p <= 20)
    t.add("RSS idle (seeded): MiB", "rss_idle", "mib", "mib", "≤ 12 MiB", lambda p, m, ratio: p <= 12)
    t.add("RSS after 10k requests: MiB", "rss_10k", "mib", "mib", "≤ 40 MiB", lambda p, m, ratio: p <= 40)
    t.add("RSS after all load runs: MiB", "rss_load", "mib", "mib")

    bulk_p = r.get(("portico", "bulk"), {})
    bulk_m = r.get(("moto", "bulk"), {})
    moto_skip = None
    if bulk_m.get("status") == "skipped":
        moto_skip = f"skipped (moto too slow: {bulk_m.get('rate', 0):,.0f}/s)"
    grown = bulk_p.get("status") in ("done", "partial")
    big = f"{bulk_p['stored']:,}" if grown else "100k"
    if bulk_p.get("status") == "partial":
        big += " (partial)"
    small = 10
    t.add(f"Get c=16 with {small} stored: req/s", "get_10", "rps", "rps")
    t.add(f"Get c=16 with {small} stored: p50 ms", "get_10", "p50_us", "ms")
    t.add(f"Get c=16 with {small} stored: p99 ms", "get_10", "p99_us", "ms")
    t.add(f"Get c=16 with {big} stored: req/s", "get_100k", "rps", "rps", moto_note=moto_skip)
    for q in ("p50", "p99"):
        base = t.value("portico", "get_10", f"{q}_us")
        now = t.value("portico", "get_100k", f"{q}_us")
        got = f" (got {now / base:.2f}×)" if base and now else ""
        t.add(f"Get c=16 with {big} stored: {q} ms", "get_100k", f"{q}_us", "ms", f"≤ 1.2× {q} at {small}{got}",
              lambda p, m, ratio, base=base: bool(base) and p * 1000 <= 1.2 * base, moto_note=moto_skip)
    t.add(f"Put c=16 with {big} stored: req/s", "put_100k", "rps", "rps", moto_note=moto_skip)
    t.add(f"Put c=16 with {big} stored: p99 ms", "put_100k", "p99_us", "ms", moto_note=moto_skip)
    t.add("Bulk PutIntegrationResponse (new ones, 1000 resources) c=16: req/s", "bulk", "rate", "rps",
          moto_note=moto_skip)
    chunks = bulk_p.get("chunk_rates") or []
    if chunks:
        t.add_raw(["  same, by stored count before each chunk",
                   "; ".join(f"{n // 1000}k: {rate:,.0f}" for n, rate in chunks), moto_skip or "", "", "", ""])
    t.add(f"RSS with {big} stored: MiB", "rss_100k", "mib", "mib", moto_note=moto_skip)
    t.add(f"Cold start with {big} stored (durable reload), median: ms", "cold_100k", "ms", "ms",
          moto_note="n/a (no persistence)")

    def errors(server: str) -> str:
        status = sum(r.get((server, k), {}).get("status_errors", 0) for k in LOAD_RUNS)
        sock = sum(r.get((server, k), {}).get("socket_errors", 0) for k in LOAD_RUNS)
        total = sum(r.get((server, k), {}).get("requests", 0) for k in LOAD_RUNS)
        return f"{status} non-2xx, {sock} socket / {total:,}"
    t.add_raw(["wrk errors over all load runs", errors("portico"), errors("moto"), "", "", ""])

    passed = sum(1 for _, ok in t.goals if ok)
    lines = [
        "# Portico benchmark",
        "",
        f"{meta.get('date', '')} · {meta.get('machine', '')} · Portico {meta.get('commit', '')} "
        f"(release, durable: SQLite WAL) vs moto_server {meta.get('moto', '')} · {meta.get('wrk', '')} · "
        f"{meta.get('duration', '')} per load run, loopback, client and server on the same cores",
        "",
        t.markdown(),
        "",
        f"Goals: {passed}/{len(t.goals)} PASS. Ratio = Portico ÷ moto (higher is better for req/s, lower for ms and MiB).",
        "Load runs use wrk with SDK-like headers (SigV4-shaped Authorization, which moto needs to route).",
        "Get and Put target /restapis/{id}/resources/{rid}/methods/GET/integration/responses/200 of the same seeded API.",
    ]
    notes = meta.get("notes", [])
    for server in ("portico", "moto"):
        for key in LOAD_RUNS:
            item = r.get((server, key))
            if item and (item.get("status_errors") or item.get("socket_errors")):
                notes.append(f"{server} {key}: {item['status_errors']} non-2xx answers, {item['socket_errors']} socket "
                             f"errors (connect {item['connect_errors']}, read {item['read_errors']}, write "
                             f"{item['write_errors']}, timeout {item['timeouts']}) in {item['requests']:,} requests")
    for server, item in (("Portico", bulk_p), ("moto", bulk_m)):
        if item.get("reason"):
            notes.append(f"{server} 100k seed {item.get('status')}: {item['reason']}")
    if notes:
        lines += ["", "Notes:", ""] + [f"- {n}" for n in notes]
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
