#!/usr/bin/env bash
# Writes scripts/startup-order.txt: the functions the shipped server runs from exec to its first
# answers, and the data they own (scripts/startup-order.py), for lld's --symbol-ordering-file
# (see scripts/build-release.sh).
# Laid out together, they fill a few hundred contiguous KiB instead of touching pages all over a
# ~30 MiB .text (each touched page also maps its 64 KiB neighbourhood: the kernel's fault-around),
# which is what kept ~18 MiB of the binary resident at idle (issue 10, item 8).
#
#   scripts/startup-order.sh [BIN]      (default: the binary scripts/build-release.sh builds)
#
# Needs valgrind, curl and python3 with boto3 (bench/lib/seed.py). Runs the server under
# callgrind (about a minute), starts it, seeds the benchmark's API, reads it, deploys it, invokes
# it, then stops it. Rebuild afterwards; a stale list only costs locality (unknown names are
# skipped), never correctness.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$PWD/.build-static/release/portico}
WORK=$(mktemp -d /tmp/portico-order.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

# valgrind cannot read the DWARF of a Swift binary this size; the symbol table is enough.
strip --strip-debug -o "$WORK/portico" "$BIN"
PORT=$(python3 -c "import sys; sys.path.insert(0, 'bench/lib'); from benchlib import free_port; print(free_port())")
AUTH='Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000'
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" --dump-instr=no \
  --compress-strings=no --compress-pos=no --demangle=no \
  "$WORK/portico" serve --host 127.0.0.1 --port "$PORT" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "http://127.0.0.1:$PORT/restapis")" = 200 ]; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done
python3 bench/lib/seed.py --port "$PORT" --out "$WORK/ids.json" >/dev/null
ids() { python3 -c "import json; print(json.load(open('$WORK/ids.json'))['$1'])"; }
API=$(ids api)
curl -s -o /dev/null -H "$AUTH" "http://127.0.0.1:$PORT$(ids path)"
curl -s -o /dev/null -H "$AUTH" -X POST -d '{"stageName":"dev"}' "http://127.0.0.1:$PORT/restapis/$API/deployments"
curl -s -o /dev/null "http://127.0.0.1:$PORT/restapis/$API/dev/_user_request_/items"
curl -s -o /dev/null "http://127.0.0.1:$PORT/_portico/health"
# Then what an idle server runs (timers: Hummingbird's date cache, usage flushes, the idle page
# monitor), in a dump of its own: laid out first, those functions are the few pages an idle
# server maps back after it released its code pages (Sources/PorticoServer/IdlePageRelease.swift).
callgrind_control --dump=start "$PID" >/dev/null
sleep 6
callgrind_control --dump=idle "$PID" >/dev/null
kill -TERM "$PID"
wait "$PID" || true
PID=""
# Function names in first-seen order; callgrind marks recursion levels with 'N and unnamed code
# (shared libraries without symbols) with its address, which lld could not use anyway.
part() { grep -l "^desc: Trigger: .*$1" "$WORK"/callgrind.out*; }
grep -h '^c\?fn=' "$(part idle)" "$(part start)" "$WORK"/callgrind.out* | sed -e 's/^c\?fn=//' -e "s/'[0-9]*\$//" |
  grep -v '^0x' | awk '!seen[$0]++' >"$WORK/called.txt"
nm --defined-only "$BIN" >"$WORK/nm.txt"
python3 scripts/startup-order.py "$WORK/called.txt" "$WORK/nm.txt" >scripts/startup-order.txt
echo "scripts/startup-order.txt: $(wc -l <"$WORK/called.txt") functions, $(wc -l <scripts/startup-order.txt) symbols" >&2
