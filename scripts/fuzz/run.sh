#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (not part of CI):
#   scripts/fuzz/run.sh json|jsonpath|regex [libFuzzer options...]   e.g. -max_total_time=60
# Each target is compiled with -sanitize=fuzzer,address together with its module's
# sources (so the harness sees internal API); swift-collections comes from a normal
# SwiftPM build in .build-fuzz. Crash inputs land in the current directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${1:-json}"; shift || true
scratch="$repo/.build-fuzz"
out="$scratch/fuzzers"
mkdir -p "$out"

case "$target" in
  json)     harness=FuzzJSONReader.swift; module=JSONPath ;;
  jsonpath) harness=FuzzJSONPath.swift;   module=JSONPath ;;
  regex)    harness=FuzzJavaRegex.swift;  module=JavaRegex ;;
  *) echo "usage: $0 json|jsonpath|regex [libFuzzer options]" >&2; exit 2 ;;
esac

extra=()
if [ "$module" = JSONPath ]; then
  # Prebuild swift-collections (uninstrumented) and link its objects.
  (cd "$repo" && swift build -c release --scratch-path "$scratch" --target Collections >&2)
  rel="$scratch/release"
  extra+=(-I "$rel/Modules")
  while IFS= read -r o; do extra+=("$o"); done < <(find "$rel/" -path '*Collections*.build/*.o' -o -path '*InternalCollectionsUtilities.build/*.o' | sort)
fi

binary="$out/fuzz-$target"
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name "$module" \
  "$repo/Sources/$module"/*.swift "$here/$harness" "${extra[@]}" -o "$binary"
mkdir -p "$out/corpus-$target"
# LeakSanitizer misreads Foundation's NSRegularExpression storage (held by JavaRegex's
# regex cache) as leaked, so leak checking is off for the regex target.
options=()
if [ "$target" = regex ]; then
  options+=(-detect_leaks=0)
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
exec "$binary" "$out/corpus-$target" "${options[@]}" "$@"
