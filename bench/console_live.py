#!/usr/bin/env python3
"""The console's live feed under load (issue 17): does a browser watching
/_portico/console/events slow invocations down?

A MOCK method (the 20-line template of bench/invoke.py) is driven by wrk four times:
paced at about 1,000 req/s (10 connections, each waiting 10 ms between requests through wrk's
`delay()`), and at full speed with c=16; each once with no event-stream reader and once with two
readers of /_portico/console/events. Prints requests/s, p50/p99 latency, the invocation events
the readers received per second, and the slowdown (goal: at most 5%).

Usage: bench/console_live.py PORTICO_BIN [--duration 8s]
"""
import argparse
import http.client
import os
import tempfile
import threading
import time

from invoke import Server, free_port, mock_api, wait_http, wrk

PACED_CONNECTIONS = 10
PACED_RATE = 1000


class EventReader(threading.Thread):
    """Reads the console's event stream and counts `event: invocation` frames."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.events = 0
        self.gaps = 0
        self.stop = threading.Event()
        self.ready = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", "/_portico/console/events", headers={"Accept": "text/event-stream"})
        response = conn.getresponse()
        assert response.status == 200, response.status
        self.ready.set()
        while not self.stop.is_set():
            line = response.fp.readline()
            if not line:
                break
            if line == b"event: invocation\n":
                self.events += 1
            elif line == b"event: gap\n":
                self.gaps += 1
        conn.close()


def measure(port, url, duration, connections, script, readers):
    threads = [EventReader(port) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.ready.wait(10)
    time.sleep(0.5)
    started = time.monotonic()
    counted = [t.events for t in threads]
    row = wrk(url, duration, connections=connections, script=script)
    # The readers poll every 200 ms: give them one more round to drain the ring.
    time.sleep(0.5)
    elapsed = time.monotonic() - started
    row["events_per_s"] = sum(t.events - c for t, c in zip(threads, counted)) / elapsed / max(readers, 1) if readers else 0
    row["gaps"] = sum(t.gaps for t in threads)
    for t in threads:
        t.stop.set()
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("portico")
    parser.add_argument("--duration", default="8s")
    args = parser.parse_args()
    port = free_port()
    server = Server([args.portico, "serve", "--port", str(port)], env={"PORTICO_ACCOUNT_THROTTLE": "1000000,1000000"})
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as paced:
        paced.write(f"function delay()\n  return {PACED_CONNECTIONS * 1000 // PACED_RATE}\nend\n")
    try:
        endpoint = f"http://127.0.0.1:{port}"
        wait_http(f"{endpoint}/_portico/health")
        _, api_id, _ = mock_api(endpoint)
        url = f"{endpoint}/_aws/execute-api/{api_id}/bench/mock?q=hello"
        wrk(url, "2s")  # warm-up
        rows = []
        for label, connections, script in [
            (f"paced ~{PACED_RATE} req/s", PACED_CONNECTIONS, paced.name),
            ("full speed, c=16", 16, None),
        ]:
            alone = measure(port, url, args.duration, connections, script, readers=0)
            watched = measure(port, url, args.duration, connections, script, readers=2)
            rows.append((label, alone, watched))
    finally:
        server.stop()
        os.unlink(paced.name)
    print("| load | SSE readers | req/s | p50 ms | p99 ms | events/s per reader | gaps |")
    print("|---|---|---|---|---|---|---|")
    for label, alone, watched in rows:
        for readers, row in ((0, alone), (2, watched)):
            print(f"| {label} | {readers} | {row['rps']:.0f} | {row['p50']:.3f} | {row['p99']:.3f} | "
                  f"{row['events_per_s']:.0f} | {row['gaps']} |")
    print()
    for label, alone, watched in rows:
        throughput = alone["rps"] / watched["rps"] - 1 if watched["rps"] else float("inf")
        p50 = watched["p50"] / alone["p50"] - 1 if alone["p50"] else float("nan")
        verdict = "ok" if throughput <= 0.05 and p50 <= 0.05 else "over the 5% goal"
        print(f"{label}: slowdown with 2 readers: throughput {throughput * 100:+.1f}%, p50 {p50 * 100:+.1f}% ({verdict})")


if __name__ == "__main__":
    main()
