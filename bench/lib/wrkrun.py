#!/usr/bin/env python3
"""Runs one wrk measurement and records it.

    wrkrun.py --results F --server S --key K [--threads-done N] [--log FILE] -- wrk ARGS...

`{marker}` in the wrk arguments becomes a fresh marker-file prefix. With --threads-done N the
run ends as soon as N wrk threads wrote their marker (count.lua / replay.lua finished their
share): wrk's main thread otherwise sleeps out the whole -d, so the runner sends it SIGINT,
after which wrk still prints its summary. Records requests/s, latency percentiles and every
error count wrk saw (socket errors, non-2xx answers)."""

from __future__ import annotations

import argparse
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import record  # noqa: E402


def run(args: argparse.Namespace) -> dict:
    marker_dir = tempfile.mkdtemp(prefix="bench-wrk-")
    prefix = os.path.join(marker_dir, "done-")
    cmd = [a.replace("{marker}", prefix) for a in args.wrk]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    interrupted = False
    try:
        if args.threads_done:
            while proc.poll() is None:
                if len(glob.glob(prefix + "*")) >= args.threads_done:
                    proc.send_signal(signal.SIGINT)
                    interrupted = True
                    break
                time.sleep(0.02)
        out, _ = proc.communicate()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        for path in glob.glob(prefix + "*"):
            os.unlink(path)
        os.rmdir(marker_dir)
    wall = time.monotonic() - started
    if args.log:
        with open(args.log, "a") as f:
            f.write(f"$ {' '.join(cmd)}\n{out}\n")
    line = next((l for l in out.splitlines() if l.startswith("WRKJSON ")), None)
    if line is None:
        raise SystemExit(f"wrk produced no summary (exit {proc.returncode}):\n{out}")
    data = json.loads(line[len("WRKJSON "):])
    seconds = data["duration_us"] / 1e6
    data["rps"] = data["requests"] / seconds if seconds > 0 else 0.0
    data["wall_s"] = wall
    data["finished_early"] = interrupted
    data["socket_errors"] = data["connect_errors"] + data["read_errors"] + data["write_errors"] + data["timeouts"]
    return data


def main() -> None:
    # Unwind (and so stop any wrk child) when run.sh's trap sends SIGTERM.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--threads-done", type=int, default=0)
    parser.add_argument("--log")
    parser.add_argument("wrk", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.wrk and args.wrk[0] == "--":
        args.wrk = args.wrk[1:]
    data = run(args)
    record(args.results, args.server, args.key, **data)
    errors = data["socket_errors"] + data["status_errors"]
    print(f"  {args.server:8} {args.key:14} {data['rps']:>10,.0f} req/s  p50 {data['p50_us'] / 1000:7.2f} ms  "
          f"p99 {data['p99_us'] / 1000:7.2f} ms  ({data['requests']:,} requests"
          + (f", {data['status_errors']} non-2xx, {data['socket_errors']} socket errors" if errors else "")
          + ")", flush=True)


if __name__ == "__main__":
    main()
