#!/usr/bin/env python3
"""Writes jsonschema-cases.json: generated draft 4 schemas and instances with the answers of
Python's `jsonschema` (Draft4Validator), the reference the Swift JSONSchema engine is
differential-tested against. The Swift tests only read the committed output; run this again
(pip install jsonschema) after changing the generator:

    python3 Tests/JSONSchemaTests/Fixtures/generate.py

Generated schemas avoid what the two engines are documented to do differently: `format`
(ignored by both here), `id` scoping, regexes outside the common subset of Python's `re` and
Java's `Pattern`, and `multipleOf` on decimals binary floating point cannot represent (Python
divides floats, the Java validator API Gateway runs divides BigDecimals).
"""
import importlib.metadata
import json
import os
import random

import jsonschema
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SEED = 20261202
CASES = 800
INSTANCES_PER_SCHEMA = 4
MODEL_URL = "https://apigateway.amazonaws.com/restapis/abc123/models/"

PATTERNS = ["^a", "b$", "^[a-z]+$", "[0-9]", "^.{2,4}$", "x|y", "^(ab)+$", "^$", "c", "^[A-Z][a-z]*$"]
NAMES = ["a", "b", "c", "name", "id", "tags", "x-y", "n1"]
STRINGS = ["", "a", "ab", "abc", "B", "Bob", "x", "12", "ccc", "abab", "zz9", "hello world", "é", "日本"]
TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"]


def rnum(r):
    return r.choice([0, 1, 2, 3, -1, 5, 10, 100, 1.5, 2.5, -0.5, 0.25, 7])


def schema(r, depth, defs):
    """A random draft 4 schema, mostly valid."""
    s = {}
    if depth > 3 or r.random() < 0.15:
        kind = r.random()
        if kind < 0.5:
            return {"type": r.choice(TYPES)}
        if kind < 0.7 and defs:
            return {"$ref": r.choice(defs)}
        if kind < 0.85:
            return {"enum": r.sample([1, "a", None, True, 2.5, [1], {"k": 1}, "b"], r.randint(1, 3))}
        return {}
    t = r.choice(TYPES + ["object", "object", "array", "string", "number", None, "multi"])
    if t == "multi":
        s["type"] = r.sample(TYPES, r.randint(1, 3))
    elif t is not None:
        s["type"] = t
    ty = s.get("type")
    tys = set(ty) if isinstance(ty, list) else {ty}
    if tys & {"object", None}:
        if r.random() < 0.8:
            s["properties"] = {n: schema(r, depth + 1, defs) for n in r.sample(NAMES, r.randint(1, 4))}
        if r.random() < 0.5:
            s["required"] = r.sample(NAMES, r.randint(1, 3))
        if r.random() < 0.3:
            s["additionalProperties"] = r.choice([False, True, {"type": r.choice(TYPES)}])
        if r.random() < 0.2:
            s["patternProperties"] = {r.choice(["^x", "^n", "[0-9]$"]): schema(r, depth + 1, defs)}
        if r.random() < 0.15:
            s["minProperties"] = r.randint(0, 3)
        if r.random() < 0.15:
            s["maxProperties"] = r.randint(0, 4)
        if r.random() < 0.15:
            n = r.choice(NAMES)
            s["dependencies"] = {n: r.choice([r.sample(NAMES, 2), schema(r, depth + 1, defs)])}
    if tys & {"array", None}:
        if r.random() < 0.6:
            if r.random() < 0.7:
                s["items"] = schema(r, depth + 1, defs)
            else:
                s["items"] = [schema(r, depth + 1, defs) for _ in range(r.randint(1, 3))]
                if r.random() < 0.5:
                    s["additionalItems"] = r.choice([False, {"type": r.choice(TYPES)}])
        if r.random() < 0.25:
            s["minItems"] = r.randint(0, 3)
        if r.random() < 0.25:
            s["maxItems"] = r.randint(0, 4)
        if r.random() < 0.25:
            s["uniqueItems"] = r.choice([True, False])
    if tys & {"string", None}:
        if r.random() < 0.3:
            s["minLength"] = r.randint(0, 4)
        if r.random() < 0.3:
            s["maxLength"] = r.randint(0, 5)
        if r.random() < 0.3:
            s["pattern"] = r.choice(PATTERNS)
    if tys & {"number", "integer", None}:
        if r.random() < 0.35:
            s["minimum"] = rnum(r)
            if r.random() < 0.4:
                s["exclusiveMinimum"] = r.choice([True, False])
        if r.random() < 0.35:
            s["maximum"] = rnum(r)
            if r.random() < 0.4:
                s["exclusiveMaximum"] = r.choice([True, False])
        if r.random() < 0.25:
            s["multipleOf"] = r.choice([1, 2, 3, 0.5, 0.25, 5])
    if r.random() < 0.1:
        s["enum"] = r.sample([1, 2, "a", "ab", None, True, False, [1, 2], {"a": 1}, 2.5, 1.0], r.randint(1, 4))
    if depth < 3 and r.random() < 0.12:
        key = r.choice(["allOf", "anyOf", "oneOf"])
        s[key] = [schema(r, depth + 1, defs) for _ in range(r.randint(1, 3))]
    if depth < 3 and r.random() < 0.06:
        s["not"] = schema(r, depth + 1, defs)
    return s


def instance(r, depth=0):
    k = r.random()
    if depth > 3 or k < 0.45:
        return r.choice([None, True, False, 0, 1, 2, 3, -1, 10, 1.5, 2.5, 1.0, 0.25, 100, -0.5, 7]
                        + STRINGS)
    if k < 0.7:
        return [instance(r, depth + 1) for _ in range(r.randint(0, 5))]
    return {n: instance(r, depth + 1) for n in r.sample(NAMES, r.randint(0, 5))}


def near(r, s, depth=0):
    """An instance shaped after the schema, so that more cases pass."""
    if not isinstance(s, dict) or depth > 4:
        return instance(r)
    if "enum" in s and r.random() < 0.6:
        return r.choice(s["enum"])
    ty = s.get("type")
    if isinstance(ty, list):
        ty = r.choice(ty)
    if ty == "object" or (ty is None and "properties" in s):
        out = {}
        for n, sub in s.get("properties", {}).items():
            if r.random() < 0.8:
                out[n] = near(r, sub, depth + 1)
        for n in s.get("required", []):
            if n not in out and r.random() < 0.8:
                out[n] = instance(r, depth + 1)
        if r.random() < 0.2:
            out[r.choice(NAMES)] = instance(r, depth + 1)
        return out
    if ty == "array":
        items = s.get("items", {})
        n = r.randint(0, 4)
        if isinstance(items, list):
            return [near(r, items[i], depth + 1) if i < len(items) else instance(r, depth + 1) for i in range(n)]
        return [near(r, items, depth + 1) for _ in range(n)]
    if ty == "string":
        return r.choice(STRINGS)
    if ty == "integer":
        return r.choice([0, 1, 2, 3, 5, 10, -1, 100, 1.0])
    if ty == "number":
        return r.choice([0, 1, 1.5, 2.5, 0.25, 10, -0.5, 7, 100])
    if ty == "boolean":
        return r.choice([True, False])
    if ty == "null":
        return None
    return instance(r)


def schema_mutants(r):
    """Schemas that are not valid draft 4 (and a few that are), for the meta-schema check."""
    return [
        {"type": "strin"}, {"type": []}, {"type": ["string", "string"]}, {"required": []},
        {"required": ["a", "a"]}, {"required": "a"}, {"minLength": -1}, {"minLength": 1.5},
        {"maxItems": "3"}, {"properties": {"a": 1}}, {"enum": []}, {"multipleOf": 0},
        {"multipleOf": -2}, {"exclusiveMinimum": True}, {"items": [1]}, {"allOf": []},
        {"not": "x"}, {"pattern": "("}, {"pattern": "[a-"}, {"additionalProperties": "no"},
        {"dependencies": {"a": "b"}}, {"dependencies": {"a": []}}, {"$schema": 4}, {"title": 1},
        {"definitions": {"x": 3}}, {"uniqueItems": "yes"}, [], "string", 3, None,
        {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
        {"x-custom": 1, "example": {"a": 1}}, {"minimum": 1, "exclusiveMinimum": False},
        {"patternProperties": {"(": {}}}, {"items": {"type": "integer"}, "additionalItems": False},
        {"format": "date-time"}, {"format": 3}, {"enum": [1, 1]}, {"type": "integer", "maximum": "5"},
    ]


def main():
    r = random.Random(SEED)
    cases = []
    # Other "models" for cross-document $refs, by their AWS model URL.
    models = {
        MODEL_URL + "Pet": {"type": "object", "properties": {"name": {"type": "string", "minLength": 1}},
                            "required": ["name"]},
        MODEL_URL + "Tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        MODEL_URL + "Node": {"type": "object", "properties": {"next": {"$ref": MODEL_URL + "Node"},
                                                              "v": {"type": "integer"}}},
        MODEL_URL + "Defs": {"definitions": {"small": {"type": "integer", "maximum": 3}}},
    }
    registry = Registry().with_resources(
        [(uri, Resource.from_contents(doc, default_specification=DRAFT4)) for uri, doc in models.items()])
    refs = [MODEL_URL + "Pet", MODEL_URL + "Tags", MODEL_URL + "Node", MODEL_URL + "Defs#/definitions/small"]
    while len(cases) < CASES * INSTANCES_PER_SCHEMA:
        defs = ["#/definitions/d0", "#/definitions/d1"] if r.random() < 0.3 else []
        pool = defs + (refs if r.random() < 0.3 else [])
        s = schema(r, 0, pool)
        if defs:
            s["definitions"] = {"d0": schema(r, 2, []), "d1": {"type": "array", "items": {"$ref": "#/definitions/d0"}}}
        try:
            Draft4Validator.check_schema(s)
        except jsonschema.SchemaError:
            continue
        validator = Draft4Validator(s, registry=registry)
        for _ in range(INSTANCES_PER_SCHEMA):
            inst = near(r, s) if r.random() < 0.7 else instance(r)
            cases.append({"schema": s, "instance": inst, "valid": validator.is_valid(inst)})
    checks = []
    for s in schema_mutants(r):
        try:
            Draft4Validator.check_schema(s)
            ok = True
        except jsonschema.SchemaError:
            ok = False
        checks.append({"schema": s, "valid": ok})
    out = {
        "generator": "Tests/JSONSchemaTests/Fixtures/generate.py",
        "reference": "python jsonschema %s Draft4Validator" % importlib.metadata.version("jsonschema"),
        "seed": SEED,
        "documents": models,
        "cases": cases,
        "schemaChecks": checks,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jsonschema-cases.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    valid = sum(c["valid"] for c in cases)
    print("wrote %d cases (%d valid), %d schema checks to %s" % (len(cases), valid, len(checks), path))


if __name__ == "__main__":
    main()
