#!/usr/bin/env bash
# Installs what building and testing Portico needs on a fresh Debian machine with Swift:
# SQLite headers for GRDB, PostgreSQL's server (the --database-url tests start a private cluster of
# their own; nothing is started here), and the Python clients (and moto's Cognito, and awslambdaric
# for hosted Python functions) the end-to-end tests drive, and headless Chromium with its driver for
# the console's browser tests (Selenium drives it).
set -euo pipefail
need_apt=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need_apt+=(libsqlite3-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
dpkg -s chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s chromium-driver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
python3 - <<'PY' || python3 -m pip install -q -r "$(dirname "$0")/../tests/e2e/requirements.txt"
import boto3, botocore, pytest, awscli, moto, joserfc, awslambdaric, selenium  # noqa: F401
PY
