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
    │   ├── RegistryCsvInvalid      422 REGISTRY_CSV_INVALID
    │   └── CallbackUrlNotAllowed   422 CALLBACK_URL_NOT_ALLOWED (loopback, private, link-local, … targets)
    ├── Unauthorized                401 UNAUTHORIZED (no API key, or an unknown, revoked or expired one)
    ├── Forbidden                   403 FORBIDDEN (the key lacks the scope the endpoint needs)
    ├── NotFound                    404 NOT_FOUND (also: another client's resource)
    ├── AlreadyDelivered            409 ALREADY_DELIVERED (redelivering a webhook that already succeeded)
    ├── ErasureRefused              409 ERASURE_REFUSED (a case still open, in progress or under legal hold)
    ├── RateLimited                 429 RATE_LIMITED (with Retry-After)
    ├── QueueFull                   429 QUEUE_FULL (the client's queued jobs are at their cap; Retry-After)
    └── ServiceUnavailable          503 SERVICE_UNAVAILABLE (database or broker unreachable)

The body is always `{"error": {"code", "message", "detail"}}` (contract: HTTP API).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypedDict

from pydantic import BaseModel


class ApiError(Exception):
    status: ClassVar[int] = 500
    code: ClassVar[str] = "INTERNAL_ERROR"

    def __init__(
        self, message: str, detail: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}
        self.headers = headers or {}  # e.g. Retry-After, WWW-Authenticate

    def body(self) -> ErrorJson:
        return error_body(self.code, self.message, self.detail)


class ErrorContent(TypedDict):
    code: str
    message: str
    detail: dict[str, Any]  # any JSON object by contract: each error names its own keys (field, limit, …)


class ErrorJson(TypedDict):
    """The error body of the contract: `{"error": {"code", "message", "detail"}}` (`ErrorBody` in OpenAPI)."""

    error: ErrorContent


def error_body(code: str, message: str, detail: dict[str, Any] | None = None) -> ErrorJson:
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


class CallbackUrlNotAllowed(BadInput):
    code = "CALLBACK_URL_NOT_ALLOWED"


class Unauthorized(ApiError):
    status = 401
    code = "UNAUTHORIZED"


class AlreadyDelivered(ApiError):
    status = 409
    code = "ALREADY_DELIVERED"


class ErasureRefused(ApiError):
    status = 409
    code = "ERASURE_REFUSED"


class RateLimited(ApiError):
    status = 429
    code = "RATE_LIMITED"


class QueueFull(ApiError):
    status = 429
    code = "QUEUE_FULL"


class Forbidden(ApiError):
    status = 403
    code = "FORBIDDEN"


class NotFound(ApiError):
    status = 404
    code = "NOT_FOUND"


class NotReassessable(ApiError):
    """Issue 24: only a verification left needs_review because its registry did not answer is re-assessed."""

    status = 409
    code = "NOT_REASSESSABLE"


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


def responses(*errors: type[ApiError], authenticated: bool = True) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: every status it can answer with, each listing its codes. Authenticated
    routes also answer 401 (no or bad key), 403 (scope) and 429 (rate limit)."""
    by_status: dict[int, list[str]] = {}
    all_errors: tuple[type[ApiError], ...] = (*errors, ServiceUnavailable)
    if authenticated:
        all_errors = (*all_errors, Unauthorized, Forbidden, RateLimited)
    for err in all_errors:
        by_status.setdefault(err.status, []).append(err.code)
    return {
        status: {"model": ErrorBody, "description": "Error codes: " + ", ".join(sorted(set(codes)))}
        for status, codes in sorted(by_status.items())
    }
