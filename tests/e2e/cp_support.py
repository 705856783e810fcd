"""Helpers shared by the control-plane end-to-end tests (test_cp_*.py).

Message texts here are AWS's, as recorded against real AWS (see the facts notes); the helpers
only assemble them so that each test states the exact expected string.
"""
import pytest
from botocore.exceptions import ClientError

from conftest import error_of

#: The account id Portico prints in `Invalid API identifier specified <account>:<id>`.
ACCOUNT = "000000000000"

OP_ENUM = "[add, remove, move, test, replace, copy]"
STATUS_PATTERN = "[1-5]\\d\\d"


def err(call, **kwargs):
    """Calls a boto3 operation that must fail; returns (status, code, message)."""
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def bad_request(message):
    return (400, "BadRequestException", message)


def not_found(message):
    return (404, "NotFoundException", message)


def conflict(message):
    return (409, "ConflictException", message)


def serialization(message):
    return (400, "SerializationException", message)


def validation(*clauses):
    """AWS's joined constraint error: `1 validation error detected: a` / `N validation errors detected: a; b`."""
    head = "1 validation error detected: " if len(clauses) == 1 else f"{len(clauses)} validation errors detected: "
    return (400, "ValidationException", head + "; ".join(clauses))


def op_clause(input_name, index, value="wrong"):
    """The clause for a bad patch `op` at 1-based position `index`."""
    return (f"Value '{value}' at '{input_name}.patchOperations.{index}.member.op' failed to satisfy constraint: "
            f"Member must satisfy enum value set: {OP_ENUM}")


def status_clause(value="wrong"):
    return (f"Value '{value}' at 'statusCode' failed to satisfy constraint: "
            f"Member must satisfy regular expression pattern: {STATUS_PATTERN}")


def api_not_found(api_id):
    return not_found(f"Invalid API identifier specified {ACCOUNT}:{api_id}")


RESOURCE_NOT_FOUND = not_found("Invalid Resource identifier specified")
METHOD_NOT_FOUND = not_found("Invalid Method identifier specified")
INTEGRATION_NOT_FOUND = not_found("Invalid Integration identifier specified")
STATUS_NOT_FOUND = not_found("Invalid Response status code specified")


def body(response):
    """A boto3 response without its ResponseMetadata."""
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def status(response):
    return response["ResponseMetadata"]["HTTPStatusCode"]


def is_client_error(result, code=None):
    """Loose check for unrecorded behaviour: a 4xx with the given error type (any message)."""
    http_status, error_code, message = result
    return 400 <= http_status < 500 and (code is None or error_code == code) and bool(message)
