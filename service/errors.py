"""The errors the HTTP API answers with. Each carries its HTTP status and the contract's error code.

    ApiError
    ├── BadInput (4xx: the caller can fix the request)
    │   ├── FileTooLarge            413 FILE_TOO_LARGE
    │   ├── UnsupportedMediaType    415 UNSUPPORTED_MEDIA_TYPE
    │   ├── EmptyFile               422 EMPTY_FILE
    │   ├── MissingFile             422 MISSING_FILE
    │   ├── ImageTooLarge           422 IMAGE_TOO_LARGE
    │   ├── TooManyPages            422 TOO_MANY_PAGES
    │   ├── CorruptFile             422 FILE_CORRUPT
    │   ├── InvalidField            422 VALIDATION_ERROR
    │   ├── InvalidCursor           422 INVALID_CURSOR
    │   ├── IdempotencyKeyReused    422 IDEMPOTENCY_KEY_REUSED
    │   ├── IdempotencyInFlight     409 IDEMPOTENCY_IN_FLIGHT
    │   ├── UnknownRegistry         422 UNKNOWN_REGISTRY
    │   ├── UnknownProgram          422 UNKNOWN_PROGRAM
    │   └── RegistryCsvInvalid      422 REGISTRY_CSV_INVALID
    ├── Forbidden                   403 FORBIDDEN (admin endpoints without the admin token)
    ├── NotFound                    404 NOT_FOUND
    └── ServiceUnavailable          503 SERVICE_UNAVAILABLE (database or broker unreachable)

The body is always `{"error": {"code", "message", "detail"}}` (contract: HTTP API).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel


class ApiError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "INTERNAL_ERROR"

    def __init__(self, message: str, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.detail)


def error_body(code: str, message: str, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "detail": detail or {}}}


class BadInput(ApiError):
    status = 422
    code = "BAD_INPUT"


class FileTooLarge(BadInput):
    status = 413
    code = "FILE_TOO_LARGE"


class UnsupportedMediaType(BadInput):
    status = 415
    code = "UNSUPPORTED_MEDIA_TYPE"


class EmptyFile(BadInput):
    code = "EMPTY_FILE"


class MissingFile(BadInput):
    code = "MISSING_FILE"


class ImageTooLarge(BadInput):
    code = "IMAGE_TOO_LARGE"


class TooManyPages(BadInput):
    code = "TOO_MANY_PAGES"


class CorruptFile(BadInput):
    code = "FILE_CORRUPT"


class InvalidField(BadInput):
    code = "VALIDATION_ERROR"


class InvalidCursor(BadInput):
    code = "INVALID_CURSOR"


class IdempotencyKeyReused(BadInput):
    code = "IDEMPOTENCY_KEY_REUSED"


class IdempotencyInFlight(BadInput):
    status = 409
    code = "IDEMPOTENCY_IN_FLIGHT"


class UnknownRegistry(BadInput):
    code = "UNKNOWN_REGISTRY"


class UnknownProgram(BadInput):
    code = "UNKNOWN_PROGRAM"


class RegistryCsvInvalid(BadInput):
    code = "REGISTRY_CSV_INVALID"


class Forbidden(ApiError):
    status = 403
    code = "FORBIDDEN"


class NotFound(ApiError):
    status = 404
    code = "NOT_FOUND"


class ServiceUnavailable(ApiError):
    status = 503
    code = "SERVICE_UNAVAILABLE"


# OpenAPI: the one error body schema, and which errors each operation can answer with.


class ErrorInfo(BaseModel):
    code: str
    message: str
    detail: dict[str, Any]


class ErrorBody(BaseModel):
    error: ErrorInfo


def responses(*errors: type[ApiError]) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: every status it can answer with, each listing its codes."""
    by_status: dict[int, list[str]] = {}
    all_errors: tuple[type[ApiError], ...] = (*errors, ServiceUnavailable)
    for err in all_errors:
        by_status.setdefault(err.status, []).append(err.code)
    return {
        status: {"model": ErrorBody, "description": "Error codes: " + ", ".join(sorted(set(codes)))}
        for status, codes in sorted(by_status.items())
    }
