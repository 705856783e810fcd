"""Loopback backends for the real-integration tests: an HTTP server and a Lambda Invoke API server.

Both run in-process on 127.0.0.1 in daemon threads and record every request they receive, so a test
can assert exactly what Portico sent. Nothing here contacts anything but 127.0.0.1.

HTTP backend paths (any method; anything else echoes with 200):
  /status/<code>   answer <code> with the echo JSON
  /slow/<ms>       sleep <ms> milliseconds, then answer 200 with the echo JSON
  /binary          200, application/octet-stream, bytes 0..255
  /headers         200 with extra response headers (X-Backend, two X-Multi, Date, Server, ...)
  /text            200, text/plain
  /empty/<code>    <code> with no body
  /redirect        302 to /echo/redirected (API Gateway does not follow redirects)

The echo JSON is {"method", "path", "query", "args", "headers", "rawHeaders", "body", "bodyBase64"}.

Lambda server: `POST /2015-03-31/functions/{name}/invocations`. A test registers functions in
`functions[name]`; a function gets the parsed event (or the raw bytes when the payload is not JSON)
and returns a JSON-serialisable value, `Raw(bytes)` for an exact payload, or `FunctionError(...)`
for an unhandled function error (`X-Amz-Function-Error: Unhandled`). Unknown functions answer
Lambda's 404 ResourceNotFoundException.
"""
import base64
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BINARY_BODY = bytes(range(256))
FIXED_DATE = "Tue, 01 Jan 2030 00:00:00 GMT"
SERVER_NAME = "portico-test-backend/1.0"


class _Recorder:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []

    def add(self, item):
        with self._lock:
            self._items.append(item)

    def all(self):
        with self._lock:
            return list(self._items)

    def clear(self):
        with self._lock:
            self._items.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = SERVER_NAME
    sys_version = ""

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, body=b"", headers=(), content_type="application/json", date=None):
        self.send_response_only(status)
        self.send_header("Server", self.server_version)
        self.send_header("Date", date or self.date_time_string())
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except OSError:
                pass

    def _dispatch(self):
        raise NotImplementedError

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = lambda self: self._dispatch()


class _HttpHandler(_Handler):
    def _dispatch(self):
        body = self._read_body()
        split = urllib.parse.urlsplit(self.path)
        record = {
            "method": self.command,
            "path": split.path,
            "query": split.query,
            "args": urllib.parse.parse_qs(split.query, keep_blank_values=True),
            "headers": {},
            "rawHeaders": [[name, value] for name, value in self.headers.items()],
            "body": body.decode("utf-8", "replace"),
            "bodyBase64": base64.b64encode(body).decode(),
        }
        for name, value in self.headers.items():
            key = name.lower()
            record["headers"][key] = record["headers"][key] + "," + value if key in record["headers"] else value
        self.server.recorder.add(record)
        echo = json.dumps(record).encode()
        parts = [p for p in split.path.split("/") if p]
        kind = parts[-2] if len(parts) >= 2 else (parts[-1] if parts else "")
        last = parts[-1] if parts else ""
        if kind == "status" and last.isdigit():
            self._send(int(last), echo)
        elif kind == "slow" and last.isdigit():
            time.sleep(int(last) / 1000)
            self._send(200, echo)
        elif last == "redirect":
            self._send(302, b"", headers=[("Location", "/echo/redirected")], content_type=None)
        elif last == "binary":
            self._send(200, BINARY_BODY, content_type="application/octet-stream")
        elif last == "text":
            self._send(200, b"plain text from backend", content_type="text/plain")
        elif kind == "empty" and last.isdigit():
            self._send(int(last), b"", content_type=None)
        elif last == "headers":
            payload = json.dumps({"id": 7, "nested": {"name": "deep"}, "list": [1, 2]}).encode()
            self._send(200, payload, date=FIXED_DATE, headers=[
                ("X-Backend", "yes"), ("X-Multi", "one"), ("X-Multi", "two"),
                ("WWW-Authenticate", "Basic realm=backend"), ("Access-Control-Allow-Origin", "*"),
            ])
        else:
            self._send(200, echo)


class HttpBackend:
    """A threaded HTTP/1.1 server on 127.0.0.1 that records what it receives."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _HttpHandler)
        self.server.daemon_threads = True
        self.server.recorder = _Recorder()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self):
        return self.server.server_address[1]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self):
        return self.server.recorder.all()

    def last(self):
        seen = self.requests
        assert seen, "the HTTP backend received no request"
        return seen[-1]

    def clear(self):
        self.server.recorder.clear()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Raw:
    """A Lambda payload sent exactly as given."""

    def __init__(self, payload: bytes):
        self.payload = payload


class FunctionError:
    """An unhandled function error, as Lambda reports it."""

    def __init__(self, message, error_type="Exception", kind="Unhandled"):
        self.message = message
        self.error_type = error_type
        self.kind = kind


class _LambdaHandler(_Handler):
    server_version = "portico-test-lambda/1.0"

    def _dispatch(self):
        body = self._read_body()
        split = urllib.parse.urlsplit(self.path)
        parts = split.path.split("/")
        # ['', '2015-03-31', 'functions', '{name}', 'invocations']
        if self.command != "POST" or len(parts) != 5 or parts[1] != "2015-03-31" or parts[2] != "functions" \
                or parts[4] != "invocations":
            self._send(404, b'{"message":"not a Lambda Invoke request"}')
            return
        name = urllib.parse.unquote(parts[3])
        short = name.split(":")[6] if name.startswith("arn:") and len(name.split(":")) > 6 else name
        try:
            event = json.loads(body) if body else None
        except ValueError:
            event = body
        backend = self.server.backend
        backend.recorder.add({"function": name, "event": event, "payload": body,
                              "headers": {k.lower(): v for k, v in self.headers.items()}})
        function = backend.functions.get(short)
        if function is None:
            message = f"Function not found: {name}"
            self._send(404, json.dumps({"Type": "User", "message": message}).encode(),
                       headers=[("X-Amzn-ErrorType", "ResourceNotFoundException")])
            return
        result = function(event)
        request_id = "00000000-0000-4000-8000-000000000000"
        if isinstance(result, FunctionError):
            payload = json.dumps({"errorMessage": result.message, "errorType": result.error_type,
                                  "requestId": request_id, "stackTrace": ["  File \"handler.py\", line 1"]}).encode()
            self._send(200, payload, headers=[("X-Amz-Function-Error", result.kind),
                                              ("X-Amz-Executed-Version", "$LATEST"),
                                              ("X-Amzn-RequestId", request_id)])
            return
        payload = result.payload if isinstance(result, Raw) else json.dumps(result).encode()
        self._send(200, payload, headers=[("X-Amz-Executed-Version", "$LATEST"), ("X-Amzn-RequestId", request_id)])


class LambdaBackend:
    """A Lambda Invoke API on 127.0.0.1 with test-registered functions."""

    def __init__(self):
        self.functions = {}
        self.recorder = _Recorder()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _LambdaHandler)
        self.server.daemon_threads = True
        self.server.backend = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def invocations(self):
        return self.recorder.all()

    def last(self):
        seen = self.invocations
        assert seen, "the Lambda server received no invocation"
        return seen[-1]

    def clear(self):
        self.functions.clear()
        self.recorder.clear()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def function_uri(name, region="us-east-1", account="000000000000"):
    """The API Gateway integration URI of a Lambda function."""
    arn = f"arn:aws:lambda:{region}:{account}:function:{name}"
    return f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations"


def refused_port():
    """A loopback port nothing listens on (bound, then released)."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
