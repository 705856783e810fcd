-- Shared by every bench/wrk script.
--
-- * `aws_headers(extra)`: the headers an SDK request carries. moto_server routes a request to a
--   service by the credential scope in Authorization (without it, it answers as S3); Portico
--   ignores the header, so both servers get byte-identical requests.
-- * setup() numbers the threads (global `tid`, 1-based, in creation order) so a script can
--   split its work between them.
-- * Thread scripts may count responses in the globals `ok` / `bad` / `last_bad`.
-- * done() prints one machine-readable line, `WRKJSON {...}`, read by bench/lib/wrkrun.py.

AUTH = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/apigateway/aws4_request, "
    .. "SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000"

function aws_headers(has_body)
  local h = { ["Authorization"] = AUTH, ["X-Amz-Date"] = "20260101T000000Z" }
  if has_body then h["Content-Type"] = "application/json" end
  return h
end

wrk.headers["Authorization"] = AUTH
wrk.headers["X-Amz-Date"] = "20260101T000000Z"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

-- Writes an empty marker file `<prefix><tid>` so the runner knows this thread finished its share
-- (wrk itself keeps sleeping until -d runs out; the runner then sends SIGINT).
function mark_finished(prefix)
  if prefix and prefix ~= "" then
    local f = io.open(prefix .. tostring(tid), "w")
    if f then f:close() end
  end
end

function done(summary, latency, requests)
  local ok, bad, last_bad = 0, 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok") or 0)
    bad = bad + (t:get("bad") or 0)
    last_bad = math.max(last_bad, t:get("last_bad") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,'
      .. '"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%.1f,"p90_us":%.1f,'
      .. '"p99_us":%.1f,"mean_us":%.1f,"max_us":%.1f,"ok":%d,"bad":%d,"last_bad_status":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max, ok, bad, last_bad))
end
