#!/usr/bin/env python3
"""Seeds a server with the benchmark's API through boto3 (`endpoint_url`).

    seed.py --port P --out ids.json

Creates a RestApi, a resource /items, a GET method with a MOCK integration, and on it ten
method responses and ten integration responses; and 20 API keys and 5 usage plans (200 is the one the benchmark reads and
writes: selectionPattern, responseParameters, responseTemplates). Writes the ids and the
JSON body PutIntegrationResponse sends to `--out`."""

from __future__ import annotations

import argparse
import json

import boto3
from botocore.config import Config

STATUS_CODES = ["200", "201", "400", "401", "403", "404", "409", "429", "500", "503"]

TEMPLATE = (
    "#set($inputRoot = $input.path('$'))\n"
    '{"ok": true, "requestId": "$context.requestId", "items": $input.json(\'$.items\')}'
)


def integration_response(code: str) -> dict:
    """The integration response stored for `code` (the benchmark's PUT body for 200)."""
    return {
        "selectionPattern": "2\\d{2}" if code == "200" else code,
        "responseParameters": {
            "method.response.header.X-Trace": "'bench'",
            "method.response.header.Access-Control-Allow-Origin": "'*'",
        },
        "responseTemplates": {"application/json": TEMPLATE},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    client = boto3.client(
        "apigateway", endpoint_url=f"http://127.0.0.1:{args.port}", region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1}))
    api = client.create_rest_api(name="portico-bench", description="benchmark API")
    api_id = api["id"]
    root = next(item["id"] for item in client.get_resources(restApiId=api_id)["items"] if item["path"] == "/")
    resource = client.create_resource(restApiId=api_id, parentId=root, pathPart="items")["id"]
    client.put_method(restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    client.put_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", type="MOCK",
                           requestTemplates={"application/json": '{"statusCode": 200}'})
    for code in STATUS_CODES:
        client.put_method_response(
            restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode=code,
            responseParameters={"method.response.header.X-Trace": False,
                                "method.response.header.Access-Control-Allow-Origin": False})
        client.put_integration_response(restApiId=api_id, resourceId=resource, httpMethod="GET",
                                        statusCode=code, **integration_response(code))
    got = client.get_integration_response(restApiId=api_id, resourceId=resource, httpMethod="GET", statusCode="200")
    want = integration_response("200")
    for key in ("responseParameters", "responseTemplates"):
        if got.get(key) != want[key]:
            raise SystemExit(f"seed check failed on port {args.port}: {key} = {got.get(key)!r}")
    # Account-level families for GetApiKeys / GetUsagePlans: 20 keys, 5 plans.
    for index in range(20):
        client.create_api_key(name=f"bench-key-{index:02d}", enabled=True)
    for index in range(5):
        client.create_usage_plan(name=f"bench-plan-{index}", throttle={"rateLimit": 100, "burstLimit": 50})
    with open(args.out, "w") as f:
        json.dump({
            "api": api_id, "root": root, "resource": resource,
            "path": f"/restapis/{api_id}/resources/{resource}/methods/GET/integration/responses/200",
            "put_body": json.dumps(integration_response("200")),
            "stored": len(STATUS_CODES),
        }, f)


if __name__ == "__main__":
    main()
