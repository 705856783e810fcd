#!/usr/bin/env python3
"""Copy botocore's apigateway service model into Model/, without documentation text.

Usage: python3 codegen/vendor_model.py   (run after upgrading botocore; then run generate.py)

The committed copy keeps the generator deterministic whatever botocore a machine has. Only the
structure of the model (operations, shapes, enums, constraints, errors) is kept; every
`documentation` string is dropped.
"""
import gzip
import hashlib
import json
import os
import sys

import botocore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(os.path.dirname(botocore.__file__), "data/apigateway/2015-07-09/service-2.json.gz")
OUT = os.path.join(ROOT, "Model", "apigateway-2015-07-09.json")


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in ("documentation", "documentationUrl")}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def main() -> int:
    raw = gzip.open(SRC).read()
    model = strip(json.loads(raw))
    model["metadata"]["x-portico-source"] = {
        "botocore": botocore.__version__,
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    with open(OUT, "w") as f:
        json.dump(model, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT} from botocore {botocore.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
