#!/usr/bin/env bash
# Formats Portico's Swift sources in place with the toolchain's `swift format` and the
# repository's .swift-format configuration.
#
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; exit 1 (listing each finding) when a file is
#                               not formatted or breaks an enabled lint rule (for CI)
#
# The generated model (Sources/APIGatewayModel/Generated) is written already formatted by
# codegen/generate.py, so formatting leaves it unchanged and `generate.py --check` still holds.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=format
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find Sources Tests scripts -name '*.swift' -print0 | sort -z)
files+=(Package.swift)

if [ "$mode" = format ]; then
  swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
else
  swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
fi
