#!/usr/bin/env python3
"""Builds lld's symbol ordering file from the functions start-up calls (see startup-order.sh).

    startup-order.py CALLED NM > scripts/startup-order.txt

CALLED: function names (one a line, first call first); NM: `nm --defined-only BIN` of the same
build. Writes, in this order:
  1. the called functions;
  2. the data those functions own: a lazy global's once-token and storage (`X_WZ` initialises
     `X_Wz` and `X…vp`), a type's metadata cache and full metadata (`XMa` fills `XML`, `XMf`);
  3. every protocol conformance descriptor (`…Mc`): the runtime's first protocol lookup for a
     type reads all of them, so together they are a few hundred KiB instead of a read from every
     object's data all over the binary;
  4. every mangled-name cache (`…MD`): small, read on first use of a generic instantiation.
Names lld does not find (other builds, shared libraries) are skipped by it."""

import bisect
import sys


def main() -> None:
    called = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    defined = [line.split()[-1] for line in open(sys.argv[2]) if len(line.split()) == 3]
    known = set(defined)
    out: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        if name not in seen:
            seen.add(name)
            out.append(name)

    for name in called:
        add(name)
    # A global's storage is its name, its type's mangling, then `vp` (`vpZ` when static).
    variables = sorted(name for name in defined if name.endswith(("vp", "vpZ")))
    for name in called:
        if name.endswith("_WZ"):
            base = name[:-3]
            add(base + "_Wz")
            at = bisect.bisect_left(variables, base)
            while at < len(variables) and variables[at].startswith(base):
                add(variables[at])
                at += 1
        elif name.endswith("Ma"):
            for suffix in ("ML", "Mf"):
                if name[:-2] + suffix in known:
                    add(name[:-2] + suffix)
    for suffix in ("Mc", "MD"):
        for name in defined:
            if name.endswith(suffix):
                add(name)
    sys.stdout.write("\n".join(name for name in out) + "\n")


if __name__ == "__main__":
    main()
