#!/usr/bin/env bash
# VTL mapping-template benchmark (issue 4): Portico's engine (portico-vtl, release build)
# against Velocity 1.7 on a warmed JVM (the oracle's --bench --mode parsed_once), on the same
# corpus in the same run, and the ratio.
#
#   bench/vtl.sh [--seconds S] [CORPUS.jsonl]     # default: ../shared/vtl-corpus/public.jsonl, 10 s
#
# Environment knobs:
#   VTL_BENCH_SKIP_BUILD=1      use the existing .build-release binary
#   VTL_ORACLE=DIR              the oracle (default ../shared/tools/vtl-oracle)
#   VTL_BENCH_RUNS=N            alternate the two engines N times and report the medians (default 3)
#   VTL_BENCH_BIN=PATH          the portico-vtl binary to measure (default .build-release/release/portico-vtl)
#
# Both engines render every case whose template parses, round-robin, templates compiled once,
# with a fresh $input/$util/$context/$stageVariables per render and the payload parsed on first
# use, after a warm-up of a third of the measured time. The machine has 2 cores and other work
# may run: the runs alternate so both engines see the same background load.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_ARG=10
CORPUS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_ARG="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) CORPUS="$1"; shift ;;
  esac
done
CORPUS=${CORPUS:-$ROOT/../shared/vtl-corpus/public.jsonl}
ORACLE=${VTL_ORACLE:-$ROOT/../shared/tools/vtl-oracle}
RUNS=${VTL_BENCH_RUNS:-3}
BIN=${VTL_BENCH_BIN:-$ROOT/.build-release/release/portico-vtl}

if [ "${VTL_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "building portico-vtl (release)..." >&2
  swift build -c release --scratch-path .build-release --product portico-vtl >&2
fi
[ -x "$BIN" ] || { echo "missing $BIN" >&2; exit 1; }
[ -f "$CORPUS" ] || { echo "missing corpus $CORPUS" >&2; exit 1; }
"$ORACLE/build.sh" >/dev/null 2>&1 || true

value() { awk -v k="$1" '$1 == k { print $2; exit }'; }

swift_rates=()
jvm_rates=()
for run in $(seq 1 "$RUNS"); do
  s_out=$("$BIN" --bench --seconds "$SECONDS_ARG" "$CORPUS")
  j_out=$("$ORACLE/run.sh" --bench --seconds "$SECONDS_ARG" --mode parsed_once "$CORPUS")
  s=$(echo "$s_out" | value renders_per_s)
  j=$(echo "$j_out" | value renders_per_s)
  swift_rates+=("$s")
  jvm_rates+=("$j")
  echo "run $run: portico-vtl $s renders/s ($(echo "$s_out" | value us_per_render) us), velocity $j renders/s ($(echo "$j_out" | value us_per_render) us)" >&2
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
S=$(median "${swift_rates[@]}")
J=$(median "${jvm_rates[@]}")
echo "corpus $CORPUS"
echo "cases $(echo "$s_out" | value cases)"
echo "portico_vtl_renders_per_s $S"
echo "velocity_jvm_renders_per_s $J"
awk -v s="$S" -v j="$J" 'BEGIN { printf "ratio %.2f  (portico-vtl / velocity, median of '"$RUNS"' runs)\n", s / j }'
