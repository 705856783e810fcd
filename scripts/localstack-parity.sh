#!/usr/bin/env bash
# Runs LocalStack's API Gateway test suite (its AWS-validated snapshot tests, recorded against
# real AWS) against a Portico server, and prints the pass/fail/error counts. A developer tool
# for measuring parity with AWS; not part of CI (the suite needs a LocalStack checkout, a
# Python venv of its test requirements and port 4566).
#
#   scripts/localstack-parity.sh LOCALSTACK_CHECKOUT [PORTICO_BINARY] [PYTEST_ARGS...]
#
#   LOCALSTACK_CHECKOUT  a clone of github.com/localstack/localstack
#   PORTICO_BINARY       the server to test (default: the release build, scripts/build-release.sh)
#   PYTEST_ARGS          default: tests/aws/services/apigateway (e.g. pass a file and -k NAME)
#
# What it sets up, under $PARITY_WORK (default LOCALSTACK_CHECKOUT/.portico-parity):
#   venv/      Python venv with LocalStack's pinned requirements-test.txt and localstack-core
#              installed editable from the checkout (made once, reused)
#   shim/      sitecustomize.py resolving *.localhost.localstack.cloud to 127.0.0.1 (the tests
#              call APIs by host name; no DNS server is needed)
#   last.log   the full pytest output of the last run
# and one edit in the checkout: the `account_id` fixture asks STS for the account, which Portico
# does not serve, so it is made to use TEST_AWS_ACCOUNT_ID (000000000000) instead.
#
# The server is started on 127.0.0.1:4566 with a fresh temporary --data-dir and stopped at the
# end; the port must be free. Many tests need other AWS services (Lambda, IAM, S3, SQS, ...)
# and error in their fixtures: read `ERROR at setup` in last.log before counting them.
set -euo pipefail

if [[ $# -lt 1 || ! -d "$1/localstack-core" ]]; then
    sed -n '7,11p' "$0" >&2
    exit 2
fi
LS=$(cd "$1" && pwd)
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -ge 1 && -x "$1" && ! -d "$1" ]]; then
    BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    shift
else
    BIN=$("$ROOT/scripts/build-release.sh")
fi
ARGS=("$@")
[[ ${#ARGS[@]} -gt 0 ]] || ARGS=(tests/aws/services/apigateway)
WORK=${PARITY_WORK:-$LS/.portico-parity}
mkdir -p "$WORK/shim"

# 1. The venv (once): LocalStack's pinned test requirements, then localstack-core itself.
if [[ ! -x "$WORK/venv/bin/python" ]]; then
    PYTHON=$(command -v python3.13 || command -v python3)
    "$PYTHON" -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet --upgrade pip
    "$WORK/venv/bin/pip" install --quiet -r "$LS/requirements-test.txt"
    "$WORK/venv/bin/pip" install --quiet --no-deps -e "$LS"
fi

# 2. The DNS shim: LocalStack's host names point at this machine.
cat >"$WORK/shim/sitecustomize.py" <<'PY'
import socket

_getaddrinfo = socket.getaddrinfo


def _resolve_localstack_hosts(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith("localhost.localstack.cloud"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _resolve_localstack_hosts
PY

# 3. No STS: the account_id fixture answers TEST_AWS_ACCOUNT_ID without asking.
FIXTURES="$LS/localstack-core/localstack/testing/pytest/fixtures.py"
sed -i '/^def account_id(/,/^def / s/^\(\s*\)if is_aws_cloud() or is_api_enabled("sts"):/\1if False:  # portico-parity: no STS/' "$FIXTURES"
if ! sed -n '/^def account_id(/,/^def /p' "$FIXTURES" | grep -qE "^\s*if False:"; then
    echo "could not patch the account_id fixture in $FIXTURES (its text changed?)" >&2
    exit 1
fi

# 4. The server, on the port the tests use.
if (exec 3<>/dev/tcp/127.0.0.1/4566) 2>/dev/null; then
    echo "port 4566 is in use: stop whatever listens there first" >&2
    exit 1
fi
DATA=$(mktemp -d)
# --no-trace-header: the tests compare whole header sets with AWS's.
"$BIN" serve --port 4566 --data-dir "$DATA" --no-trace-header >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do
    curl -fsS http://127.0.0.1:4566/_portico/health >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS http://127.0.0.1:4566/_portico/health >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

# 5. The suite.
echo "LocalStack suite: ${ARGS[*]} against $BIN"
set +e
(
    cd "$LS"
    PYTHONPATH="$WORK/shim" TEST_SKIP_LOCALSTACK_START=1 TEST_AWS_ACCOUNT_ID=000000000000 \
        AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
        "$WORK/venv/bin/python" -m pytest -p no:cacheprovider -q -rfE "${ARGS[@]}"
) >"$WORK/last.log" 2>&1
set -e
grep -E "^(FAILED|ERROR) " "$WORK/last.log" | sed 's/ - .*//' || true
tail -n 1 "$WORK/last.log"
echo "full output: $WORK/last.log"
