#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the VTL template engine (not part of CI):
#   scripts/fuzz/vtl/run.sh [libFuzzer options...]       e.g. -max_total_time=600
# The VTL sources and FuzzVTL.swift are compiled as one module with
# -sanitize=fuzzer,address (so the harness sees internal API); JavaRegex is compiled first
# as its own module (address-sanitized). The corpus is seeded with the templates of the
# committed fixtures. Crash inputs land in the current directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="$repo/.build-fuzz/vtl"
mkdir -p "$out/deps" "$out/corpus"

# JavaRegex as a module (objects + swiftmodule).
swiftc -O -g -sanitize=address -parse-as-library -module-name JavaRegex -emit-module \
  -emit-module-path "$out/deps/JavaRegex.swiftmodule" -c "$repo/Sources/JavaRegex"/*.swift \
  -wmo -o "$out/deps/JavaRegex.o"

binary="$out/fuzz-vtl"
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name VTL -I "$out/deps" \
  $(find "$repo/Sources/VTL" -name '*.swift' | sort) "$here/FuzzVTL.swift" "$out/deps/JavaRegex.o" \
  -o "$binary"

# Seed corpus: one file per fixture template (once).
if [ -z "$(ls -A "$out/corpus")" ]; then
  python3 - "$repo" "$out/corpus" <<'PY'
import json, sys, os, hashlib
repo, corpus = sys.argv[1], sys.argv[2]
for name in ("public", "generated"):
    path = os.path.join(repo, "Tests", "VTLTests", "Fixtures", name + ".jsonl")
    for line in open(path, encoding="utf-8"):
        if line.strip():
            t = json.loads(line).get("template", "")
            data = t.encode("utf-8")
            open(os.path.join(corpus, hashlib.sha1(data).hexdigest()), "wb").write(data)
PY
fi
# JavaRegex keeps compiled ICU patterns in a cache that LeakSanitizer reports as leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
exec "$binary" "$out/corpus" -timeout=10 -max_len=4096 -detect_leaks=0 "$@"
