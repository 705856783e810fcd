#!/usr/bin/env bash
# Runs every Portico test: generated-code check, Swift unit tests (debug build), and the
# end-to-end suite (pytest + boto3 + aws CLI) against the shipped binary, i.e. the release
# build scripts/build-release.sh makes. This is the README's test command and what CI runs
# (.ci/run). Extra arguments go to pytest.
#
# Environment:
#   PORTICO_BIN    run the end-to-end suite against this binary instead of building one
#   TEST_LOG_DIR   where the unit-test log goes (default .build/test-logs)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
stamp() { echo "   ($((SECONDS - start))s elapsed)"; }

scripts/install-deps.sh

echo "== generated code is current"
python3 codegen/generate.py --check

echo "== swift build (debug, with tests; warnings are errors, imports must be declared)"
swift build --build-tests --explicit-target-dependency-import-check error
stamp

echo "== unit tests"
log_dir=${TEST_LOG_DIR:-.build/test-logs}
mkdir -p "$log_dir"
log="$log_dir/unit.log"
status=0
swift test --skip-build >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  cat "$log"
  echo "== unit tests FAILED (exit $status); log: $log" >&2
  exit "$status"
fi
# XCTest's closing summary, then swift-testing's.
grep -A1 "^Test Suite 'All tests'" "$log" | tail -n 2 || true
tail -n 1 "$log"
stamp

if [ -z "${PORTICO_BIN:-}" ]; then
  echo "== release build (the shipped binary)"
  PORTICO_BIN=$(scripts/build-release.sh)
  stamp
fi
export PORTICO_BIN
echo "== end-to-end (boto3, aws CLI) against $PORTICO_BIN"
python3 -m pytest -q tests/e2e "$@"
stamp
