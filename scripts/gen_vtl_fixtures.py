#!/usr/bin/env python3
"""Generates VTL mapping-template cases in the oracle's JSONL format.

  scripts/gen_vtl_fixtures.py [--seed N] [--count N] [--grammar-share F] > cases.jsonl
  scripts/gen_vtl_fixtures.py --annotate [--oracle DIR] [--out FILE]

Cases mix realistic API Gateway templates (JSON bodies from $input.path, loops with
$foreach.hasNext commas, #if chains on parameters, escaping, overrides, string methods,
arithmetic, whitespace layouts, macros, malformed variants) with grammar-based random
templates. Output is deterministic for a seed.

--annotate runs the cases through the VTL oracle (Velocity 1.7, see
shared/tools/vtl-oracle) and writes them with "expect" set, by default to
Tests/VTLTests/Fixtures/generated.jsonl. Cases the oracle answers with errorType "case"
or whose result depends on the JVM (identity hash codes) are dropped.
"""

import argparse
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vtl.base import BODIES, base_case  # noqa: E402
from vtl.grammar import Grammar, soup  # noqa: E402
from vtl.realistic import GENERATORS, mutate  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ORACLE = os.path.join(os.path.dirname(ROOT), "shared", "tools", "vtl-oracle")
DEFAULT_OUT = os.path.join(ROOT, "Tests", "VTLTests", "Fixtures", "generated.jsonl")


def generate(seed, count, grammar_share):
    r = random.Random(seed)
    total_weight = sum(w for _, _, w in GENERATORS)
    cases = []
    for n in range(count):
        k = r.random()
        if k < grammar_share:
            if r.random() < 0.3:
                cases.append(base_case("gen-soup-%05d" % n, soup(r), ["soup"], rng=r))
                continue
            g = Grammar(r)
            template = g.template()
            cases.append(base_case("gen-grammar-%05d" % n, template, ["grammar"], rng=r))
            continue
        pick = r.uniform(0, total_weight)
        for name, fn, weight in GENERATORS:
            pick -= weight
            if pick <= 0:
                break
        template, body, tags = fn(r)
        if r.random() < 0.08:
            template = mutate(r, template)
            tags = tags + ["malformed"]
        extra = {}
        if "overrides" in tags:
            extra["overrides"] = True
        cases.append(base_case("gen-%s-%05d" % (name, n), template, tags, body=body, **extra))
    return [trim(c) for c in cases]


def trim(case):
    """Drops the request parts a template cannot see (keeps fixtures small): parameters
    unless it names params/input, context unless it names context, and so on. #evaluate
    and macros can build names at render time, so templates using them keep everything."""
    t = case["template"]
    if "evaluate" in t:
        return case
    if "input" not in t and "util" not in t:
        case.pop("body", None)
    if "params" not in t:
        for k in ("headers", "querystring", "path"):
            case.pop(k, None)
    if "stageVariables" not in t:
        case.pop("stageVariables", None)
    if "context" not in t:
        case.pop("context", None)
    return case


def jvm_dependent(result):
    """Output that shows a Java identity hash code (arrays print as [Ljava.lang.String;@1a2b)."""
    out = result.get("output", "")
    return "@" in out and ("[L" in out or "[C@" in out or "[B@" in out)


def annotate(cases, oracle_dir):
    run = os.path.join(oracle_dir, "run.sh")
    data = "".join(json.dumps(c) + "\n" for c in cases)
    proc = subprocess.run([run, "--annotate"], input=data, capture_output=True, text=True, check=True)
    out = []
    for line in proc.stdout.split("\n"):
        if not line.strip():
            continue
        c = json.loads(line)
        e = c.get("expect", {})
        if e.get("errorType") == "case" or jvm_dependent(e):
            continue
        out.append(c)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--grammar-share", type=float, default=0.3)
    ap.add_argument("--annotate", action="store_true")
    ap.add_argument("--oracle", default=DEFAULT_ORACLE)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    cases = generate(args.seed, args.count, args.grammar_share)
    if args.annotate:
        cases = annotate(cases, args.oracle)
        out = open(args.out or DEFAULT_OUT, "w", encoding="utf-8")
    else:
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    for c in cases:
        out.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
    if out is not sys.stdout:
        out.close()
        print("%d cases written to %s" % (len(cases), out.name), file=sys.stderr)


if __name__ == "__main__":
    main()
