"""Shared pieces of the VTL case generator: the request context every case runs with,
sample payloads, random words and strings."""

import json

HEADERS = {
    "Accept": "application/json",
    "Content-Type": "application/json",
    "Host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
    "User-Agent": "curl/8.4.0",
    "X-Request-Source": "mobile",
    "X-Amz-Date": "20240101T000000Z",
    "id": "from-header",
}
QUERYSTRING = {"limit": "10", "name": "Ann", "id": "from-query", "q": "hello world",
               "type": "cat", "n": "5", "flag": "true", "empty": "", "csv": "a,b,,c"}
PATH = {"petId": "42", "id": "from-path", "owner": "o'brien"}
STAGE_VARIABLES = {"env": "prod", "backendHost": "backend.example.com", "version": "v2",
                   "timeout": "30", "feature": "on"}
CONTEXT = {
    "accountId": "123456789012", "apiId": "a1b2c3d4e5",
    "domainName": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "domainPrefix": "a1b2c3d4e5",
    "extendedRequestId": "Xy9ZkF1ZoAMFR2w=", "httpMethod": "POST", "path": "/prod/pets/42",
    "protocol": "HTTP/1.1", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    "requestTime": "09/Apr/2015:12:34:56 +0000", "requestTimeEpoch": 1428582896000,
    "resourceId": "efg567", "resourcePath": "/pets/{petId}", "stage": "prod",
    "identity": {"accountId": None, "apiKey": "MyTestKey", "apiKeyId": "key-123", "caller": None,
                 "sourceIp": "198.51.100.7", "user": None, "userAgent": "curl/8.4.0", "userArn": None},
    "authorizer": {"principalId": "user-1234", "tenant": "acme", "numKey": "1", "boolKey": "true",
                   "claims": {"sub": "8f1e-42", "email": "ann@example.com", "cognito:username": "ann",
                              "groups": ["admin", "dev"]}},
}

PET = {"id": 42, "name": "Rex", "type": "dog", "price": 249.99, "available": True,
       "tags": ["friendly", "large"], "owner": {"name": "Ann", "address": {"city": "Seattle", "zip": "98101"}},
       "vaccines": [{"name": "rabies", "year": 2021}, {"name": "parvo", "year": 2022}], "notes": None}

BODIES = [
    json.dumps(PET),
    json.dumps(PET, indent=2),
    json.dumps([{"id": 1, "type": "dog", "price": 249.99}, {"id": 2, "type": "cat", "price": 124.99},
                {"id": 3, "type": "fish", "price": 0.99}]),
    json.dumps({"items": [{"sku": "A-1", "qty": 2, "unit": 9.5}, {"sku": "B/2", "qty": 0, "unit": 12},
                          {"sku": "C\"3", "qty": 7, "unit": 0.1}], "customer": {"id": "c-9", "vip": False}}),
    json.dumps({"items": []}),
    json.dumps({"Items": [{"id": {"S": "1"}, "name": {"S": "Rex"}}, {"id": {"S": "2"}, "name": {"S": "Tom"}}],
                "Count": 2}),
    json.dumps({"s": "it's \"q\" a/b \\ \u00e9\t\n", "u": "\u20ac \u2014 \u4e2d \U0001F600", "e": ""}),
    json.dumps({"n": 7, "neg": -3, "big": 12345678901234567890, "f": 10.00, "exp": 1.5e3,
                "tiny": 0.000012, "max": 2147483647, "lmax": 9223372036854775807, "z": 0}),
    json.dumps({"matrix": [[1, 2], [3, 4]], "nested": {"a": {"b": {"c": [1, {"d": "deep"}]}}}}),
    json.dumps({"flag": True, "off": False, "nil": None, "str": "true", "zero": 0, "emptyList": [], "emptyObj": {}}),
    json.dumps({"errorMessage": json.dumps({"key1": "var1", "key2": {"arr": [1, 2, 3]}})}),
    json.dumps({"message": "Hello <b>World</b> & 'friends'", "url": "https://example.com/a b?x=1&y=2"}),
    json.dumps({"a": 1}),
    "{}",
    "",
    "not json at all",
    "name=toqoz&x=1",
    "\"just a string\"",
    "[1, 2, 3]",
    "{a",
    "{\"unterminated\": ",
    "   {\"padded\": true}   ",
    json.dumps({"records": [{"data": "aGVsbG8=", "id": i} for i in range(5)]}),
    json.dumps({"user": {"first": "Ann", "last": "O'Neil", "email": "ann@example.com", "age": 31,
                         "roles": ["admin", "dev"], "prefs": {"lang": "en", "tz": "UTC"}}}),
]

WORDS = ["alpha", "beta", "gamma", "x", "y", "id", "name", "value", "items", "a", "b", "key", "data",
         "Hello", "World", "foo", "bar", "q", "n", "count", "list", "map", "s", "t", "total", "i", "j"]

STRINGS = ["", "a", "abc", "Hello, World", "  padded  ", "a-b-c", "a,b,,c,", "O'Neil", 'say "hi"',
           "50%", "$5", "#1", "\\n", "tab\there", "line1\nline2", "\u00e9t\u00e9", "\u20ac10", "\u4e2d\u6587",
           "\U0001F600x", "a/b/c", "x.y.z", "UPPER lower", "123", "-42", "3.14", "1e3", "true", "null",
           "a+b=c&d", "<tag attr='v'>", "~*._-", "a b", "caf\u00e9 cr\u00e8me"]


def base_case(case_id, template, tags, rng=None, body=None, **extra):
    """A case in the oracle's format with the standard request context."""
    c = {"id": case_id, "tags": tags, "template": template,
         "headers": dict(HEADERS), "querystring": dict(QUERYSTRING), "path": dict(PATH),
         "stageVariables": dict(STAGE_VARIABLES), "context": json.loads(json.dumps(CONTEXT))}
    if body is not None:
        c["body"] = body
    elif rng is not None:
        c["body"] = rng.choice(BODIES)
    c.update(extra)
    return c


def vtl_single(s):
    """A single-quoted VTL string literal for s ('' doubles the quote)."""
    return "'" + s.replace("'", "''") + "'"


def vtl_double(s):
    """A double-quoted VTL string literal for s (\"\" doubles the quote)."""
    return '"' + s.replace('"', '""') + '"'
