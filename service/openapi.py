"""The published OpenAPI document: every error response described with the contract's error body.

File parts are described the OpenAPI 3.1 way only (`contentMediaType`); `format: binary` is added beside it,
which generators (openapi-python-client) read as an upload rather than a text field, and a list of file
parts gets `minItems: 1`, as the API requires (422 MISSING_FILE).

FastAPI documents its own 422 with a `HTTPValidationError` schema (`{"detail": [...]}`), which this API never
answers (service.main turns validation errors into `{"error": {"code": "VALIDATION_ERROR", …}}`); a body that
cannot be parsed at all is a 400 from Starlette; bodies over the limit are refused by the BodyLimit
middleware with 413 before any route runs; any route that reads the database can answer 503. This module
writes those into the document, so that a generated client parses every answer and a schema-driven fuzzer
(Schemathesis, tests/client/test_fuzz.py) holds the API to what it publishes.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
_METHODS = ("get", "put", "post", "delete", "patch")


def _error(codes: str) -> dict[str, Any]:
    return {"description": f"Error codes: {codes}", "content": {"application/json": {"schema": ERROR_REF}}}


def fix_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite the schema in place (and return it): see the module docstring."""
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            responses: dict[str, Any] = op.setdefault("responses", {})
            validation = responses.get("422")
            takes_input = bool(op.get("parameters") or op.get("requestBody"))
            if (validation is None and takes_input) or "HTTPValidationError" in str(validation):
                responses["422"] = _error("VALIDATION_ERROR")
            if op.get("requestBody"):
                responses.setdefault("400", _error("BAD_REQUEST (a body that cannot be parsed: multipart, JSON)"))
                responses.setdefault("413", _error("FILE_TOO_LARGE"))
            if path.startswith("/v1/") and "503" not in responses:
                responses["503"] = _error("SERVICE_UNAVAILABLE")
            op["responses"] = dict(sorted(responses.items()))
    components = schema.get("components", {}).get("schemas", {})
    _mark_binary(components)
    if "HTTPValidationError" not in str(schema.get("paths", {})):
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
    return schema


def _mark_binary(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("contentMediaType") == "application/octet-stream":
            node.setdefault("format", "binary")
        for value in node.values():
            _mark_binary(value)
        items = node.get("items")
        if node.get("type") == "array" and isinstance(items, dict) and items.get("format") == "binary":
            node.setdefault("minItems", 1)  # a list of file parts: at least one (else 422 MISSING_FILE)
    elif isinstance(node, list):
        for value in node:
            _mark_binary(value)


def install_openapi(app: FastAPI) -> None:
    """Serve the fixed document at /openapi.json (built once, on first request, like FastAPI's own)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = fix_errors(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
