#!/usr/bin/env bash
# Runs every Portico test: generated-code check, Swift unit tests, and the end-to-end suite
# (pytest + boto3 + aws CLI against a started `portico serve`). This is the README's test
# command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== generated code is current"
python3 codegen/generate.py --check

echo "== swift build + unit tests"
swift build --build-tests
swift test --skip-build 2>&1 | tail -n 40

echo "== end-to-end (boto3, aws CLI)"
export PORTICO_BIN="$PWD/.build/debug/portico"
python3 -m pytest -q tests/e2e "$@"
