"""Shared helpers for the bench/ scripts: SDK-like headers, small HTTP calls, free ports,
process RSS, and the results file (one JSON object per line) that report.py renders."""

from __future__ import annotations

import http.client
import json
import os
import socket
import time

# moto_server picks the service from the credential scope in Authorization (without it, it
# answers as S3); Portico ignores the header. Every request of the benchmark carries it.
AUTH_HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/apigateway/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
    "X-Amz-Date": "20260101T000000Z",
}


def free_port() -> int:
    """A currently free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive HTTP/1.1 connection that reconnects when the server closes it
    (moto's werkzeug closes after every response)."""

    def __init__(self, port: int, timeout: float = 30.0):
        self.port = port
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | str | None = None) -> tuple[int, bytes]:
        data = None
        headers = dict(AUTH_HEADERS)
        if body is not None:
            data = body if isinstance(body, str) else json.dumps(body)
            data = data.encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                payload = resp.read()
                if resp.will_close:
                    self.close()
                return resp.status, payload
            except (http.client.HTTPException, ConnectionError, OSError):
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def rss_mib(pid: int) -> float:
    """Resident set size of a process (VmRSS from /proc/PID/status), in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for pid {pid}")


def record(results: str, server: str, key: str, **values) -> None:
    """Appends one measurement to the results file."""
    with open(results, "a") as f:
        f.write(json.dumps({"server": server, "key": key, "at": time.time(), **values}) + "\n")


def load(results: str) -> dict[tuple[str, str], dict]:
    """The results file as {(server, key): values}; a later line wins."""
    out: dict[tuple[str, str], dict] = {}
    if os.path.exists(results):
        with open(results) as f:
            for line in f:
                line = line.strip()
                if line:
                    item = json.loads(line)
                    out[(item["server"], item["key"])] = item
    return out


def main() -> None:
    """`benchlib.py rss --results F --server S --key K --pid PID`: records a process's RSS."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["rss"])
    parser.add_argument("--results", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--pid", type=int, required=True)
    args = parser.parse_args()
    mib = rss_mib(args.pid)
    record(args.results, args.server, args.key, mib=mib)
    print(f"  {args.server:8} {args.key:14} {mib:8.1f} MiB", flush=True)


if __name__ == "__main__":
    main()
