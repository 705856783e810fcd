#!/usr/bin/env bash
# Builds the shipped Portico binary: release, the Swift runtime and Foundation linked in
# statically, as a position-dependent executable (no load-time relocation of its data, so ~6 MiB
# fewer resident pages than a PIE build; same speed). Prints the binary's path.
#
#   scripts/build-release.sh [--scratch-path DIR] [extra swift build args]   (default DIR: .build-static)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-static
if [ "${1:-}" = "--scratch-path" ]; then SCRATCH=$2; shift 2; fi
# GRDB needs SQLite's headers (a fresh Debian machine has none).
if ! dpkg -s libsqlite3-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq libsqlite3-dev >&2
fi
# A lean start (issue 10, item 8): every Swift function in its own section, laid out by lld in the
# order start-up and a first round of requests call them (scripts/startup-order.txt, written by
# scripts/startup-order.sh), so the pages touched at start are few and adjacent; and no dynamic
# symbol table of every Swift symbol (-export-dynamic, which the runtime does not need).
# (Swift 6.3 ignores -function-sections when a module's code is generated on several threads,
# hence one LLVM module per Swift module: its first file's object holds it all.)
# SwiftPM does not know the ordering file is a link input: relink when it changed.
BIN="$SCRATCH/x86_64-unknown-linux-gnu/release/portico"
if [ -e "$BIN" ] && [ scripts/startup-order.txt -nt "$BIN" ]; then rm -f "$BIN"; fi
# C++'s runtime (the Swift runtime is C++), SQLite and zlib linked in from their archives too:
# the dynamic loader then binds no C++ symbols at start (3 million instructions, ~1.3 ms of a
# cold start) and the binary needs only glibc. The linker finds `-lstdc++` and the others in this
# directory first, where only the archives are.
STATIC_LIBS="$SCRATCH/static-libs"
mkdir -p "$STATIC_LIBS"
for archive in "$(gcc -print-file-name=libstdc++.a 2>/dev/null || true)" \
  /usr/lib/x86_64-linux-gnu/libsqlite3.a /usr/lib/x86_64-linux-gnu/libz.a; do
  if [ -f "$archive" ]; then ln -sf "$archive" "$STATIC_LIBS/"; fi
done
swift build -c release --static-swift-stdlib -Xlinker -no-pie -Xlinker -L"$PWD/$STATIC_LIBS" \
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xswiftc -use-ld=lld \
  -Xswiftc -Xfrontend -Xswiftc -enable-single-module-llvm-emission \
  -Xlinker --no-export-dynamic \
  -Xlinker --symbol-ordering-file="$PWD/scripts/startup-order.txt" -Xlinker --no-warn-symbol-ordering \
  --scratch-path "$SCRATCH" --product portico "$@" >&2
echo "$PWD/$SCRATCH/release/portico"
