#!/usr/bin/env python3
"""Generates VTL cases for Java's String.format (called on a string, as Velocity allows)
and $util.escapeJavaScript, in the oracle's JSONL format.

  scripts/gen_vtl_format_fixtures.py [--seed N] [--count N] > cases.jsonl
  scripts/gen_vtl_format_fixtures.py --annotate [--oracle DIR] [--out FILE]

--annotate runs the cases through the VTL oracle (Velocity 1.7 on Java 17, see
shared/tools/vtl-oracle) and writes them with "expect" set, by default to
Tests/VTLTests/Fixtures/format-escape.jsonl. Output is deterministic for a seed.
"""

import argparse
import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ORACLE = os.path.join(os.path.dirname(ROOT), "shared", "tools", "vtl-oracle")
DEFAULT_OUT = os.path.join(ROOT, "Tests", "VTLTests", "Fixtures", "format-escape.jsonl")

# Template literals for arguments of each Java type Velocity produces.
INTS = ["0", "7", "-7", "42", "255", "-1", "2147483647", "-2147483648", "1234567", "65", "128512"]
LONGS = ["10000000000", "-10000000000", "9223372036854775807"]
DOUBLES = ["0.0", "3.14159", "-3.14159", "0.15", "0.25", "1.005", "2.5", "0.5", "1.5", "12345.678",
           "0.0001", "0.00001234", "99999.99", "9.9999999", "123456789.0", "-0.001", "1000000.0", "0.1"]
STRINGS = ['"abc"', '"O\'Neil"', '"é"', '""', '"hello world"', '"x"']
OTHERS = ["true", "false", "[1, 2]", '{"a": 1}', "$nothing"]
# Numbers read from a JSON body (Double, Integer, Long, BigInteger as the oracle parses them).
BODY = '{"d": 1.50, "big": 1e300, "tiny": 1e-300, "neg": -2.675, "i": 12, "huge": 123456789012345678901234567890, "neghuge": -98765432109876543210987654321}'
BODY_ARGS = ["$input.path('$.d')", "$input.path('$.big')", "$input.path('$.tiny')", "$input.path('$.neg')",
             "$input.path('$.i')", "$input.path('$.huge')"]

CONVERSIONS = list("sSbBhHcCdoxXeEfgG%n")
FLAGS = ["", "", "", "-", "0", "+", " ", ",", "(", "#", "-#", "+0", "0,", "+,", "(,", " 0", "-+"]


# Flags each conversion takes (most specifiers are valid; the rest exercise Java's refusals).
VALID_FLAGS = {
    "s": ["", "-"], "b": ["", "-"], "h": ["", "-"], "c": ["", "-"],
    "d": ["", "-", "0", "+", " ", ",", "(", "+,", "(,", "0,", "-,", "+0", " 0", "-("],
    "o": ["", "-", "#", "0", "#0"], "x": ["", "-", "#", "0", "#0", "-#"],
    "e": ["", "-", "#", "+", " ", "0", "(", "+0", "-+"],
    "f": ["", "-", "#", "+", " ", "0", ",", "(", "+,", "0,", "(,", "-,"],
    "g": ["", "-", "+", " ", "0", ",", "(", "+,", "0,"],
}


def spec(r):
    conv = r.choice(CONVERSIONS)
    valid = r.random() < 0.8
    s = "%"
    if r.random() < 0.1:
        s += "%d$" % r.randint(1, 3)
    flags = r.choice(VALID_FLAGS.get(conv.lower(), [""]) if valid else FLAGS)
    s += flags
    if r.random() < 0.5 or (valid and ("-" in flags or "0" in flags)):
        s += str(r.randint(1, 14))
    if r.random() < (0.4 if not valid or conv.lower() in "sbhefg" else 0.0):
        s += "." + str(r.randint(0, 8))
    return s + conv, conv


def arg_for(r, conv):
    pool = {
        "d": INTS + LONGS, "o": INTS + LONGS, "x": INTS + LONGS, "X": INTS + LONGS,
        "e": DOUBLES, "E": DOUBLES, "f": DOUBLES, "g": DOUBLES, "G": DOUBLES,
        "c": ["65", "97", "128512", '"b"'],
    }.get(conv, INTS + DOUBLES + STRINGS + OTHERS)
    if r.random() < 0.08:  # a mismatched type now and then
        pool = INTS + DOUBLES + STRINGS + OTHERS
    if r.random() < 0.1:
        pool = BODY_ARGS
    return r.choice(pool)


def format_cases(r, count):
    cases = []
    for n in range(count):
        parts, args = [], []
        for _ in range(r.randint(1, 3)):
            text, conv = spec(r)
            parts.append(text)
            if conv not in "%n":
                args.append(arg_for(r, conv))
        if r.random() < 0.05:
            args = args[:-1]  # a missing argument
        fmt = r.choice(["", "[", "v="]) + r.choice(["|", " ", "-"]).join(parts) + r.choice(["", "]", " end"])
        receiver = r.choice(['"x"', '"%s-%05d"', "$s"])
        literal = "'" + fmt.replace("'", "''") + "'"  # single quotes: no interpolation of `$`
        call = "$s.format(%s)" % ", ".join([literal] + args)
        template = "#set($s = %s)%s" % (receiver, call)
        case = {"id": "fmt-gen-%04d" % n, "tags": ["format"], "template": template}
        if any("$input" in a for a in args):
            case["body"] = BODY
        cases.append(case)
    return cases


FIXED_FORMATS = [
    ('"%s-%05d"', '"a", 5'), ('"%.2f"', "3.14159"), ('"%10.3e"', "12345.678"), ('"%g"', "0.0001"),
    ('"%,d"', "1234567"), ('"%(d"', "-5"), ('"%+d % d"', "5, 5"), ('"%x %X %#x %#o"', "-1, 255, 255, 8"),
    ('"%.1f %.1f %.2f %.0f %.0f"', "0.15, 0.25, 1.005, 0.5, 1.5"), ('"%d"', "1.5"), ('"%f"', "5"),
    ('"%s"', ""), ('"%2$s %1$s %<s"', '"a", "b"'), ('"%c%c"', "65, 128512"), ('"%c"', '"b"'),
    ('"%b %b %B %5.2b"', '$nothing, "no", false, true'), ('"%-6s|%6s|%.2s|%S"', '"ab", "cd", "xyz", "q"'),
    ('"%s %s"', '[1, 2], {"a": 1}'), ('"%08.2f|%-8.2f|%+.1e|%010d|%x"', "-3.14159, 2.5, 12345.0, -42, 10000000000"),
    ('"%-5d|%05d|%,.2f|%(,.2f"', "42, -42, 1234567.891, -1234567.891"), ('"100%%|%5%|%-5%|"', ""),
    ('"a%nb"', ""), ('"%e %E %g %G"', "0.0, 0.0, 0.0, 123456789.0"), ('"%.0e %#.0e %#.0f"', "15.5, 15.5, 3.0"),
    ('"%h %H"', '"hi", 12'), ('"%-d"', "5"), ('"%05s"', '"x"'), ('"%#s"', '"x"'), ('"%+s"', '"x"'),
    ('"%.2d"', "5"), ('"%,x"', "5"), ('"%#d"', "5"), ('"%+ d"', "5"), ('"%-05d"', "5"), ('"%--5d"', "5"),
    ('"%q"', "5"), ('"%"', ""), ('"%5n"', ""), ('"%0$s"', '"a"'), ('"%<s"', '"a"'), ('"%3$s"', '"a", "b"'),
    ('"%s %s"', '"a"'), ('"%s"', '"a", "b", "c"'), ('"%c"', "-1"), ('"%.3s"', '"é🙂x"'), ('"%5s|"', '"🙂"'),
    ('"%f|%e|%g"', "1.0E300, 1.0E-300, 1.0E-5"), ('"%.3f|%.10f|%.20f"', "0.1, 0.1, 0.1"),
    ('"%.2f"', "$input.path('$.neg')"), ('"%s|%d"', "$input.path('$.huge'), $input.path('$.huge')"),
    ('"%.3f|%e|%g"', "$input.path('$.d'), $input.path('$.d'), $input.path('$.d')"),
    ('"%f %g"', "$input.path('$.big'), $input.path('$.tiny')"), ('"%g %g %g %g"', "9.9999999, 99999.99, 999999.5, 0.000099999"),
    ('"%10.4g|%-10.2G|%010.3g"', "3.14159, 0.00001234, -2.5"), ('"%o %x"', "-10000000000, -10000000000"),
    ('"%x|%X|%#o|%+x|%(x|%040x|%-30X|"', "$input.path('$.huge'), $input.path('$.neghuge'), $input.path('$.huge'), "
     "$input.path('$.huge'), $input.path('$.neghuge'), $input.path('$.neghuge'), $input.path('$.huge')"),
    ('"%(x"', "-5"), ('"%+x"', "5"), ('"%#X %08X %-8x|"', "48879, 48879, 48879"),
]


def fixed_cases():
    cases = []
    for n, (fmt, args) in enumerate(FIXED_FORMATS):
        literal = "'" + fmt[1:-1].replace("'", "''") + "'"  # single quotes: no interpolation of `$`
        call_args = literal + (", " + args if args else "")
        template = '#set($s = "x")[$s.format(%s)]' % call_args
        case = {"id": "fmt-%03d" % n, "tags": ["format"], "template": template}
        if "$input" in args:
            case["body"] = BODY
        cases.append(case)
    # Called on a string literal inside a string, on a split result (String[] spread), chained.
    extra = [
        '#set($parts = "a,b".split(","))$parts[0].format("%s-%s", $parts)',
        '#set($n = 7)#set($t = "".format(\'%03d\', $n))$t',
        '#set($t = "ignored")${t.format("%d%%", 7)}',
        '#set($x = "%s!")$x.format($x, "hi")',
        '#set($s = "x")$s.format(5)',
        '#set($s = "x")$s.format($nothing, 1)',
        '#set($s = "x")#set($f = "%,.3f")$s.format($f, 1234.5).length()',
    ]
    for n, template in enumerate(extra):
        cases.append({"id": "fmt-call-%02d" % n, "tags": ["format"], "template": template})
    return cases


def escape_cases():
    cases = []
    # Every ASCII character and DEL, alone and between letters.
    for cp in range(0x80):
        cases.append({"id": "esc-ascii-%02x" % cp, "tags": ["escape"],
                      "template": "[$util.escapeJavaScript($input.body)]", "body": "a" + chr(cp) + "b"})
    samples = ["\u0080", "\u009f", "\u00a0", "\u00e9", "\u0100", "\u07ff", "\u0800", "\u0fff", "\u1000",
               "\u2028", "\u2029", "\ufeff", "\uffff", "\U0001F600", "\U0010FFFF", "é/'\"\\\n\t\r\b\f\x0b\x00\x1f\x7f",
               "</script>", "it's \"quoted\" \\ back/slash", ""]
    for n, text in enumerate(samples):
        cases.append({"id": "esc-sample-%02d" % n, "tags": ["escape"],
                      "template": "[$util.escapeJavaScript($input.body)]", "body": text})
    # Non-string arguments are converted with toString().
    for n, arg in enumerate(["5", "3.5", "true", "[1, \"a/b\"]", '{"k": "v\'"}', "$nothing",
                             "$input.path('$')", "$input.json('$')"]):
        cases.append({"id": "esc-arg-%02d" % n, "tags": ["escape"],
                      "template": "[$util.escapeJavaScript(%s)]" % arg, "body": '{"a": "x/y\'z"}'})
    return cases


def annotate(cases, oracle_dir):
    run = os.path.join(oracle_dir, "run.sh")
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    done = subprocess.run([run], input=text.encode(), capture_output=True, check=True)
    results = [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]
    assert len(results) == len(cases), (len(results), len(cases))
    kept = []
    for case, result in zip(cases, results):
        result.pop("id", None)
        if result.get("errorType") == "case":
            continue
        if "error" in result:
            # Only the class of a runtime error is compared; keep the message short and JVM-free.
            result["error"] = result["error"].split(":")[0]
        case["expect"] = result
        kept.append(case)
    return kept


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--annotate", action="store_true")
    ap.add_argument("--oracle", default=DEFAULT_ORACLE)
    ap.add_argument("--out", default=DEFAULT_OUT)
    a = ap.parse_args()
    r = random.Random(a.seed)
    cases = fixed_cases() + format_cases(r, a.count) + escape_cases()
    if not a.annotate:
        for c in cases:
            sys.stdout.write(json.dumps(c, ensure_ascii=False) + "\n")
        return
    kept = annotate(cases, a.oracle)
    with open(a.out, "w", encoding="utf-8") as f:
        for c in kept:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print("%d cases written to %s" % (len(kept), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
