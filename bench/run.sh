#!/usr/bin/env bash
# Portico benchmark (issue 3, "Benchmark"): Portico (release build, durable SQLite state) against
# moto_server, measured in the same run, on loopback, with wrk.
#
#   bench/run.sh                 # ~6 minutes plus the build; prints the table, writes bench/out/results.md
#
# Environment knobs:
#   BENCH_DURATION=10s           length of each timed wrk run
#   BENCH_BULK_BUDGET=160        seconds allowed for growing Portico to 100,000 integration responses
#                                (on overrun: measured at the count reached, marked partial)
#   BENCH_MOTO_BULK_BUDGET=60    same for moto (skipped, with its measured rate, when it would overrun)
#   BENCH_SKIP_BUILD=1           use the existing .build-static binary
#
# What it does, in order: build; cold start to first 200 (median of 5, fresh data dir each);
# start both servers and seed the same API through boto3 (bench/lib/seed.py); RSS idle; 10,000
# GetIntegrationResponse requests then RSS; GetIntegrationResponse at c=1/16/64; PutIntegrationResponse
# at c=16; GetApiKeys, GetUsagePlans and CreateApiKey at c=16; GET latency with 10 stored integration responses, growth to 100,000 stored
# (bench/lib/bulk.py), the same GET again; Portico's cold start on the 100k data dir; the table
# (bench/lib/report.py). Each metric runs Portico then moto back to back, so both see the same
# background load. Every server it starts is stopped on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
LIB=$BENCH/lib
WRK_DIR=$BENCH/wrk
OUT=$BENCH/out
DURATION=${BENCH_DURATION:-10s}
BULK_BUDGET=${BENCH_BULK_BUDGET:-160}
MOTO_BULK_BUDGET=${BENCH_MOTO_BULK_BUDGET:-60}
# The shipped build (scripts/build-release.sh): release, Swift runtime and Foundation linked
# statically, position-dependent.
BIN=$ROOT/.build-static/release/portico

mkdir -p "$OUT"
RESULTS=$OUT/raw.jsonl
WRK_LOG=$OUT/wrk.log
: >"$RESULTS"
: >"$WRK_LOG"
WORK=$(mktemp -d /tmp/portico-bench.XXXXXX)
T0=$SECONDS

# ---- process bookkeeping: every server and helper we start is stopped on exit -------------------
SERVER_PIDS=()
CHILD=""
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$CHILD" ] && kill -TERM "$CHILD" 2>/dev/null && wait "$CHILD" 2>/dev/null
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a helper in the background and waits, so a signal reaches the trap at once.
run() {
  "$@" &
  CHILD=$!
  wait "$CHILD"
  CHILD=""
}

say() { printf '\n== %s  [%ds]\n' "$*" "$((SECONDS - T0))"; }

# ---- tools ----------------------------------------------------------------------------------------
say "tools"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi
MOTO=$(pyenv which moto_server 2>/dev/null || command -v moto_server || true)
[ -n "$MOTO" ] || { echo "moto_server not found (pip install 'moto[server]')" >&2; exit 1; }
python3 -c "import boto3" || { echo "python3 cannot import boto3" >&2; exit 1; }
MOTO_VERSION=$(python3 -c "import moto; print(moto.__version__)")
WRK_VERSION=$( (wrk -v 2>&1 || true) | awk 'NR == 1 {print $1, $2}')
echo "wrk: $WRK_VERSION · moto_server: $MOTO ($MOTO_VERSION)"

# ---- build ----------------------------------------------------------------------------------------
BUILD_START=$SECONDS
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "scripts/build-release.sh (release, static Swift runtime, lld, functions in start-up order)"
  if ! run "$ROOT/scripts/build-release.sh" >"$OUT/build.log" 2>&1; then
    tail -n 40 "$OUT/build.log" >&2
    exit 1
  fi
  grep -E "Build of product|Build complete|Compiling|Linking" "$OUT/build.log" | tail -n 1 || true
  if grep -q "warning:" "$OUT/build.log"; then echo "  ($(grep -c "warning:" "$OUT/build.log") compiler warnings; see $OUT/build.log)"; fi
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
BUILD_S=$((SECONDS - BUILD_START))

# ---- helpers --------------------------------------------------------------------------------------
AUTH='Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000'
free_port() { python3 -c "import sys; sys.path.insert(0, '$LIB'); from benchlib import free_port; print(free_port())"; }

wait_ready() { # port pid name
  local deadline=$((SECONDS + 60))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$1/restapis")" = 200 ]; do
    kill -0 "$2" 2>/dev/null || { echo "$3 exited during start-up; see $OUT/$3.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "$3 not ready after 60 s" >&2; exit 1; }
    sleep 0.05
  done
}

PORTICO_PORT=$(free_port)
PORTICO_DATA=$WORK/portico-data
start_portico() {
  "$BIN" serve --host 127.0.0.1 --port "$PORTICO_PORT" --data-dir "$PORTICO_DATA" >>"$OUT/portico.log" 2>&1 &
  PORTICO_PID=$!
  SERVER_PIDS+=("$PORTICO_PID")
  wait_ready "$PORTICO_PORT" "$PORTICO_PID" portico
}
MOTO_PORT=$(free_port)
start_moto() {
  "$MOTO" -H 127.0.0.1 -p "$MOTO_PORT" >"$OUT/moto.log" 2>&1 &
  MOTO_PID=$!
  SERVER_PIDS+=("$MOTO_PID")
  wait_ready "$MOTO_PORT" "$MOTO_PID" moto
}

# Per-server facts, filled in once: no command substitution in the arguments of a long-running
# command, because bash defers a trap that arrives during one until that whole command ends.
declare -A PORT=([portico]="$PORTICO_PORT" [moto]="$MOTO_PORT") PID=() URL=()

rss() { # server key
  run python3 "$LIB/benchlib.py" rss --results "$RESULTS" --server "$1" --key "$2" --pid "${PID[$1]}"
}

wrk_get() { # server key connections
  local threads=2
  [ "$3" -lt 2 ] && threads=1
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server "$1" --key "$2" --log "$WRK_LOG" -- \
    wrk -t"$threads" -c"$3" -d"$DURATION" --timeout 10s --latency -s "$WRK_DIR/get.lua" "${URL[$1]}"
}

# ---- cold start -----------------------------------------------------------------------------------
say "cold start to first 200 (median of 5)"
# The binary was just linked: flush it (and the build's other output) to disk first, so the
# kernel's write-back of ~200 MB does not compete with the starts being timed.
sync
run python3 "$LIB/coldstart.py" --results "$RESULTS" --server portico --key cold --runs 5 --fresh-data-dir -- \
  "$BIN" serve --host 127.0.0.1 --port '{port}' --data-dir '{datadir}'
run python3 "$LIB/coldstart.py" --results "$RESULTS" --server moto --key cold --runs 5 -- \
  "$MOTO" -H 127.0.0.1 -p '{port}'

# ---- servers and seed -----------------------------------------------------------------------------
say "start both servers, seed the same API through boto3"
start_portico
start_moto
PID=([portico]="$PORTICO_PID" [moto]="$MOTO_PID")
echo "  portico  pid $PORTICO_PID  http://127.0.0.1:$PORTICO_PORT  (data dir $PORTICO_DATA)"
echo "  moto     pid $MOTO_PID  http://127.0.0.1:$MOTO_PORT"
for s in portico moto; do
  run python3 "$LIB/seed.py" --port "${PORT[$s]}" --out "$WORK/$s.json"
  python3 -c "import json; print(json.load(open('$WORK/$s.json'))['put_body'])" >"$WORK/$s-put.json"
  URL[$s]="http://127.0.0.1:${PORT[$s]}$(python3 -c "import json; print(json.load(open('$WORK/$s.json'))['path'])")"
  echo "  $s: ${URL[$s]}"
done
# Idle means idle: long enough for Portico's idle page release (five quiet seconds, sampled once
# a second), and the same wait for moto.
sleep 7
say "RSS idle, then after 10,000 GetIntegrationResponse requests"
for s in portico moto; do rss $s rss_idle; done
for s in portico moto; do
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server $s --key rss_10k --threads-done 2 --log "$WRK_LOG" -- \
    wrk -t2 -c16 -d120s --timeout 10s -s "$WRK_DIR/count.lua" "${URL[$s]}" -- 10000 2 '{marker}'
  rss $s rss_10k
done

# ---- throughput and latency -----------------------------------------------------------------------
say "GetIntegrationResponse, $DURATION per run"
for c in 1 16 64; do
  for s in portico moto; do wrk_get $s "get_c$c" "$c"; done
done
say "PutIntegrationResponse c=16, $DURATION per run"
for s in portico moto; do
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server $s --key put_c16 --log "$WRK_LOG" -- \
    wrk -t2 -c16 -d"$DURATION" --timeout 10s --latency -s "$WRK_DIR/put.lua" "${URL[$s]}" -- "$WORK/$s-put.json"
  rss $s rss_load
done

# ---- account-level families ------------------------------------------------------------------------
say "GetApiKeys, GetUsagePlans c=16 (20 keys, 5 plans stored), CreateApiKey c=16, $DURATION per run"
for s in portico moto; do
  base="http://127.0.0.1:${PORT[$s]}"
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server $s --key apikeys_c16 --log "$WRK_LOG" -- \
    wrk -t2 -c16 -d"$DURATION" --timeout 10s --latency -s "$WRK_DIR/get.lua" "$base/apikeys"
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server $s --key usageplans_c16 --log "$WRK_LOG" -- \
    wrk -t2 -c16 -d"$DURATION" --timeout 10s --latency -s "$WRK_DIR/get.lua" "$base/usageplans"
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server $s --key createkey_c16 --log "$WRK_LOG" -- \
    wrk -t2 -c16 -d"$DURATION" --timeout 10s --latency -s "$WRK_DIR/post.lua" "$base/apikeys" -- '{"name": "bench-created", "enabled": true}'
done

# ---- latency against the number of stored integration responses ----------------------------------
say "Get latency c=16: 10 stored, then 100,000 stored"
for s in portico moto; do wrk_get $s get_10 16; done
bulk() { # server budget
  run python3 "$LIB/bulk.py" --port "${PORT[$1]}" --ids "$WORK/$1.json" --results "$RESULTS" --server "$1" \
    --wrk-dir "$WRK_DIR" --workdir "$WORK" --log "$WRK_LOG" --budget "$2"
}
bulk_done() { python3 -c "
import sys; sys.path.insert(0, '$LIB'); from benchlib import load
sys.exit(0 if load('$RESULTS').get(('$1', 'bulk'), {}).get('status') in ('done', 'partial') else 1)"; }
after_bulk() { # server: the Get latency again, then Put throughput, at the grown size
  rss "$1" rss_100k
  wrk_get "$1" get_100k 16
  run python3 "$LIB/wrkrun.py" --results "$RESULTS" --server "$1" --key put_100k --log "$WRK_LOG" -- \
    wrk -t2 -c16 -d"$DURATION" --timeout 10s --latency -s "$WRK_DIR/put.lua" "${URL[$1]}" -- "$WORK/$1-put.json"
}
bulk portico "$BULK_BUDGET"
if bulk_done portico; then after_bulk portico; fi
bulk moto "$MOTO_BULK_BUDGET"
if bulk_done moto; then after_bulk moto; fi

if bulk_done portico; then
  say "Portico cold start on the 100k data dir (median of 3)"
  kill -TERM "$PORTICO_PID"
  wait "$PORTICO_PID" 2>/dev/null || true
  run python3 "$LIB/coldstart.py" --results "$RESULTS" --server portico --key cold_100k --runs 3 \
    --data-dir "$PORTICO_DATA" -- "$BIN" serve --host 127.0.0.1 --port '{port}' --data-dir '{datadir}'
fi

# ---- report ---------------------------------------------------------------------------------------
say "results"
python3 - "$WORK/meta.json" "$MOTO_VERSION" "$WRK_VERSION" "$DURATION" <<'PY'
import json, os, subprocess, sys, time
path, moto, wrk, duration = sys.argv[1:]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "Sources", "Package.swift"],
                       capture_output=True, text=True).stdout.strip()
load = os.getloadavg()
json.dump({
    "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    "machine": f"{os.cpu_count()} cores, load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} at the end",
    "commit": commit + (" + uncommitted Sources changes" if dirty else ""),
    "moto": moto, "wrk": wrk, "duration": duration,
}, open(path, "w"))
PY
python3 "$LIB/report.py" --results "$RESULTS" --meta "$WORK/meta.json" --out "$OUT/results.md"
echo "Wrote $OUT/results.md (raw figures: $RESULTS, wrk output: $WRK_LOG). Total $((SECONDS - T0)) s (build $BUILD_S s, measurements $((SECONDS - T0 - BUILD_S)) s)."
