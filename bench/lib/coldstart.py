#!/usr/bin/env python3
"""Cold start to first 200: starts a server, polls GET /restapis until it answers 200, stops it.

    coldstart.py --results F --server S --key K [--runs 5] [--data-dir D | --fresh-data-dir]
                 -- COMMAND... ({port} and {datadir} are substituted)

The clock starts just before the process is spawned and stops at the first 200 (the poller
retries every 2 ms). Records every sample and the median."""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import AUTH_HEADERS, free_port, record  # noqa: E402


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def first_200(command: list[str], port: int, timeout: float) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode} before answering: {' '.join(command)}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/restapis", headers=AUTH_HEADERS)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return (time.perf_counter() - started) * 1000.0
            except OSError:
                pass
            time.sleep(0.002)
        raise SystemExit(f"no 200 within {timeout} s: {' '.join(command)}")
    finally:
        stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--data-dir")
    parser.add_argument("--fresh-data-dir", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.command and args.command[0] == "--":
        args.command = args.command[1:]
    # Run `finally` clauses (and so stop the child) when run.sh's trap sends SIGTERM.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    samples = []
    for _ in range(args.runs):
        port = free_port()
        data_dir = tempfile.mkdtemp(prefix="bench-cold-") if args.fresh_data_dir else (args.data_dir or "")
        try:
            command = [a.replace("{port}", str(port)).replace("{datadir}", data_dir) for a in args.command]
            samples.append(first_200(command, port, args.timeout))
        finally:
            if args.fresh_data_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
    median = statistics.median(samples)
    record(args.results, args.server, args.key, ms=median, samples=samples)
    print(f"  {args.server:8} {args.key:14} median {median:8.1f} ms  (runs: "
          + ", ".join(f"{s:.0f}" for s in samples) + ")", flush=True)


if __name__ == "__main__":
    main()
