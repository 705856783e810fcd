#!/usr/bin/env bash
# Runs every Portico test: generated-code check, Swift unit tests (debug build), and the
# end-to-end suite (pytest + boto3 + aws CLI) against the shipped binary, i.e. the release
# build scripts/build-release.sh makes. This is the README's test command and what CI runs
# (.ci/run). Extra arguments go to pytest.
#
# Environment:
#   PORTICO_BIN    run the end-to-end suite against this binary instead of building one
#   TEST_LOG_DIR   where the unit-test log and the console's browser screenshots
#                  (console-screenshots/) go (default .build/test-logs)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
stamp() { echo "   ($((SECONDS - start))s elapsed)"; }

scripts/install-deps.sh

log_dir=${TEST_LOG_DIR:-.build/test-logs}
mkdir -p "$log_dir"

# The shipped binary (release, static runtime) builds in the background while the debug build
# and the unit tests run: each build alone leaves a core idle in its serial stretches (the
# release compile of APIGatewayModel's generated code, linking), so overlapping them keeps
# both cores of a CI machine busy. Peak memory of the two together: ~6-7 GB.
release_pid=""
if [ -z "${PORTICO_BIN:-}" ]; then
  echo "== release build (the shipped binary) started in the background; log: $log_dir/release-build.log"
  setsid scripts/build-release.sh >"$log_dir/release-path" 2>"$log_dir/release-build.log" &
  release_pid=$!
  trap '[ -n "$release_pid" ] && kill -- -"$release_pid" 2>/dev/null || true' EXIT
fi

echo "== generated code is current"
python3 codegen/generate.py --check

echo "== swift format (the repository's .swift-format)"
scripts/format.sh --check

echo "== swift build (debug, with tests; warnings are errors, imports must be declared)"
swift build --build-tests --explicit-target-dependency-import-check error
stamp

echo "== unit tests"
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

if [ -n "$release_pid" ]; then
  echo "== waiting for the release build"
  release_status=0
  wait "$release_pid" || release_status=$?
  release_pid=""
  if [ "$release_status" -ne 0 ]; then
    cat "$log_dir/release-build.log"
    echo "== release build FAILED (exit $release_status)" >&2
    exit "$release_status"
  fi
  tail -n 1 "$log_dir/release-build.log"
  PORTICO_BIN=$(cat "$log_dir/release-path")
  stamp
fi
export PORTICO_BIN
echo "== end-to-end (boto3, aws CLI) against $PORTICO_BIN"
python3 -m pytest -q tests/e2e "$@"
stamp
