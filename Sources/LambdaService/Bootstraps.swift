/// Portico's own runtime clients, for runtimes whose official client is not installed: each
/// speaks the Lambda Runtime API (`AWS_LAMBDA_RUNTIME_API`) with its language's standard
/// library only, and reports errors in the shapes the official clients use
/// (`Runtime.ImportModuleError`, `Runtime.HandlerNotFound`, `Runtime.MarshalError`, the
/// exception's own type otherwise). Written into the data directory when first needed.
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
enum Bootstraps {
    static let python = #"""
        # Portico's Lambda Runtime API client for Python (standard library only).
        import http.client, importlib, json, os, sys, time, traceback

        HOST, PORT = os.environ["AWS_LAMBDA_RUNTIME_API"].rsplit(":", 1)
        BASE = "/2018-06-01/runtime"
        connection = http.client.HTTPConnection(HOST, int(PORT))

        def call(method, path, body=None, headers=None):
            global connection
            for attempt in (0, 1):
                try:
                    connection.request(method, BASE + path, body=body, headers=headers or {})
                    response = connection.getresponse()
                    return response, response.read()
                except (http.client.HTTPException, ConnectionError):
                    if attempt:
                        raise
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, int(PORT))

        def error_payload(error, error_type=None, message=None, request_id=None, skip=0):
            frames = traceback.extract_tb(error.__traceback__)[skip:]
            payload = {
                "errorMessage": message if message is not None else str(error),
                "errorType": error_type or type(error).__name__,
                "stackTrace": traceback.format_list(frames),
            }
            if request_id is not None:
                payload["requestId"] = request_id
            return json.dumps(payload).encode()

        def report(path, payload, error_type):
            call("POST", path, payload, {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error_type})

        class Context:
            def __init__(self, request_id, deadline_ms, arn, identity, client_context):
                self.aws_request_id = request_id
                self.invoked_function_arn = arn
                self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
                self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
                self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
                self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
                self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
                self.identity = json.loads(identity) if identity else None
                self.client_context = json.loads(client_context) if client_context else None
                self._deadline_ms = deadline_ms

            def get_remaining_time_in_millis(self):
                return max(int(self._deadline_ms - time.time() * 1000), 0)

        def load_handler():
            spec = os.environ["_HANDLER"]
            module_name, _, function_name = spec.rpartition(".")
            sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
            try:
                module = importlib.import_module(module_name.replace("/", "."))
            except ImportError as error:
                report("/init/error", error_payload(error, "Runtime.ImportModuleError",
                       "Unable to import module '%s': %s" % (module_name, error), "", skip=1), "Runtime.ImportModuleError")
                sys.exit(1)
            except Exception as error:
                report("/init/error", error_payload(error, request_id="", skip=1), "Runtime.Unknown")
                sys.exit(1)
            handler = getattr(module, function_name, None)
            if handler is None:
                message = "Handler '%s' missing on module '%s'" % (function_name, module_name)
                report("/init/error", json.dumps({"errorMessage": message, "errorType": "Runtime.HandlerNotFound",
                       "requestId": "", "stackTrace": []}).encode(), "Runtime.HandlerNotFound")
                sys.exit(1)
            return handler

        def main():
            handler = load_handler()
            while True:
                response, body = call("GET", "/invocation/next")
                request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
                trace = response.getheader("Lambda-Runtime-Trace-Id")
                if trace:
                    os.environ["_X_AMZN_TRACE_ID"] = trace
                context = Context(request_id, int(response.getheader("Lambda-Runtime-Deadline-Ms") or 0),
                                  response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
                                  response.getheader("Lambda-Runtime-Cognito-Identity"),
                                  response.getheader("Lambda-Runtime-Client-Context"))
                try:
                    event = json.loads(body) if body else {}
                    result = handler(event, context)
                except Exception as error:
                    report("/invocation/%s/error" % request_id, error_payload(error, request_id=request_id, skip=1), "Unhandled")
                    continue
                try:
                    output = json.dumps(result).encode()
                except Exception as error:
                    report("/invocation/%s/error" % request_id, json.dumps({"errorMessage": "Unable to marshal response: %s" % error,
                           "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []}).encode(),
                           "Runtime.MarshalError")
                    continue
                call("POST", "/invocation/%s/response" % request_id, output, {"Content-Type": "application/json"})

        main()
        """#

    static let node = #"""
        // Portico's Lambda Runtime API client for Node.js (node:http only).
        "use strict";
        const http = require("node:http");
        const path = require("node:path");
        const url = require("node:url");
        const fs = require("node:fs");
        const [HOST, PORT] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

        function call(method, route, body, headers) {
          return new Promise((resolve, reject) => {
            const request = http.request({ host: HOST, port: Number(PORT), method, agent,
              path: "/2018-06-01/runtime" + route, headers: headers || {} }, (response) => {
              const chunks = [];
              response.on("data", (chunk) => chunks.push(chunk));
              response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
            });
            request.on("error", reject);
            if (body !== undefined) request.write(body);
            request.end();
          });
        }

        function errorPayload(error, type, message) {
          const stack = error && error.stack ? String(error.stack).split("\n") : [];
          return JSON.stringify({ errorType: type || (error && error.name) || "Error",
            errorMessage: message !== undefined ? message : (error && error.message !== undefined ? error.message : String(error)),
            trace: stack });
        }

        function report(route, payload, type) {
          return call("POST", route, payload, { "Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": type });
        }

        async function loadHandler() {
          const spec = process.env._HANDLER;
          const dot = spec.lastIndexOf(".");
          const moduleName = spec.slice(0, dot), functionName = spec.slice(dot + 1);
          const base = path.resolve(process.env.LAMBDA_TASK_ROOT, moduleName);
          let module;
          try {
            const candidates = [base + ".js", base + ".mjs", base + ".cjs"];
            const file = candidates.find((candidate) => fs.existsSync(candidate));
            if (!file) throw Object.assign(new Error("Cannot find module '" + moduleName + "'"), { code: "MODULE_NOT_FOUND" });
            module = file.endsWith(".mjs") ? await import(url.pathToFileURL(file).href) : require(file);
          } catch (error) {
            const type = error && error.code === "MODULE_NOT_FOUND" ? "Runtime.ImportModuleError" : (error && error.name) || "Error";
            const message = type === "Runtime.ImportModuleError" ? "Error: " + error.message : undefined;
            await report("/init/error", errorPayload(error, type, message), type);
            process.exit(1);
          }
          const handler = module[functionName] !== undefined ? module[functionName] : (module.default || {})[functionName];
          if (typeof handler !== "function") {
            const message = spec + " is undefined or not exported";
            await report("/init/error", JSON.stringify({ errorType: "Runtime.HandlerNotFound", errorMessage: message, trace: [] }),
              "Runtime.HandlerNotFound");
            process.exit(1);
          }
          return handler;
        }

        function invokeHandler(handler, event, context) {
          return new Promise((resolve, reject) => {
            let settled = false;
            const callback = (error, result) => { if (settled) return; settled = true; error ? reject(error) : resolve(result); };
            context.done = callback;
            context.succeed = (result) => callback(null, result);
            context.fail = (error) => callback(error);
            try {
              const returned = handler(event, context, callback);
              if (returned && typeof returned.then === "function") returned.then((r) => callback(null, r), (e) => callback(e || new Error("null")));
              else if (handler.length < 3) callback(null, returned);
            } catch (error) { callback(error); }
          });
        }

        (async () => {
          const handler = await loadHandler();
          for (;;) {
            const next = await call("GET", "/invocation/next");
            const h = next.headers;
            const requestId = h["lambda-runtime-aws-request-id"];
            if (h["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = h["lambda-runtime-trace-id"];
            const deadline = Number(h["lambda-runtime-deadline-ms"] || 0);
            const context = {
              awsRequestId: requestId, invokedFunctionArn: h["lambda-runtime-invoked-function-arn"],
              functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
              memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
              logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME, callbackWaitsForEmptyEventLoop: true,
              getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
            };
            let result;
            try {
              const event = next.body.length ? JSON.parse(next.body.toString("utf8")) : {};
              result = await invokeHandler(handler, event, context);
            } catch (error) {
              await report("/invocation/" + requestId + "/error", errorPayload(error), "Unhandled");
              continue;
            }
            const body = result === undefined ? "null" : JSON.stringify(result);
            await call("POST", "/invocation/" + requestId + "/response", body, { "Content-Type": "application/json" });
          }
        })();
        """#
}
