"""Hand-written helpers over the generated `docverify_client` (regeneration never touches this file).

    from docverify_client import AuthenticatedClient
    from docverify_client_helpers import submit_and_wait

    client = AuthenticatedClient(base_url="https://docverify.example.go.id", token="dvk_…")  # an API key
    verification = submit_and_wait(client, ["ktp.jpg"], document_type="ktp", claim={"name": "SITI AMINAH"})
    print(verification.decision, verification.fields.nik.value)

`submit_and_wait` submits one document, then polls it with exponential back-off until it is `completed`
(returned) or `failed` (`VerificationFailed`). Transient answers are retried within the time budget: 429
after its Retry-After, 503, 409 IDEMPOTENCY_IN_FLIGHT and connection errors. The submission always carries an
Idempotency-Key (a fresh one unless given), so a retried POST never creates a second verification.

Errors, all `DocverifyError`:

    DocverifyError
    ├── ApiError            an error answer: status_code, code (the contract's, e.g. FILE_TOO_LARGE), message,
    │   │                   detail, request_id (X-Request-Id, to quote to the operator)
    │   ├── RateLimited     429 still refused when the budget ran out; retry_after in seconds
    │   └── ServiceUnavailable  503 still refused when the budget ran out
    ├── VerificationFailed  the verification ended `failed`; .verification, .reasons
    └── WaitTimeout         (also a TimeoutError) not finished within `timeout`; .verification_id, .status
"""

from __future__ import annotations

import io
import json
import os
import random
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from docverify_client import AuthenticatedClient, Client
from docverify_client.api.verifications import create_verification, get_verification
from docverify_client.models.create_verification_body import CreateVerificationBody
from docverify_client.models.verification import Verification
from docverify_client.types import UNSET, File

__all__ = [
    "ApiError",
    "DocverifyError",
    "RateLimited",
    "ServiceUnavailable",
    "VerificationFailed",
    "WaitTimeout",
    "submit",
    "submit_and_wait",
    "wait",
]

MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".pdf": "application/pdf",
}
AnyClient = Client | AuthenticatedClient
FileLike = str | os.PathLike[str] | bytes | tuple[str, bytes] | File


class DocverifyError(Exception):
    """Anything `submit_and_wait` raises on purpose."""


class ApiError(DocverifyError):
    """The API answered with an error body `{"error": {"code", "message", "detail"}}`."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        detail: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{status_code} {code}: {message}")
        self.status_code, self.code, self.message = status_code, code, message
        self.detail = dict(detail or {})
        self.request_id, self.retry_after = request_id, retry_after

    @classmethod
    def from_response(cls, response: httpx.Response | Any) -> ApiError:
        """The fitting subclass for an httpx response or a generated `Response`."""
        status = int(response.status_code)
        headers = response.headers
        try:
            error = json.loads(response.content)["error"]
            code, message, detail = str(error["code"]), str(error["message"]), error.get("detail") or {}
        except (ValueError, KeyError, TypeError):
            code, message, detail = f"HTTP_{status}", response.content[:200].decode("utf-8", "replace"), {}
        kind = {429: RateLimited, 503: ServiceUnavailable}.get(status, ApiError)
        return kind(
            status, code, message, detail, headers.get("x-request-id"), retry_after_seconds(headers.get("retry-after"))
        )


class RateLimited(ApiError):
    """429 (RATE_LIMITED, QUEUE_FULL): `retry_after` says when the API will take the request."""


class ServiceUnavailable(ApiError):
    """503 SERVICE_UNAVAILABLE: the database or the broker is unreachable."""


class VerificationFailed(DocverifyError):
    """The document could not be read (status `failed`): see `reasons`."""

    def __init__(self, verification: Verification) -> None:
        self.verification = verification
        self.reasons = [(r.code, r.message) for r in verification.reasons]
        text = "; ".join(f"{code}: {message}" for code, message in self.reasons) or "no reason given"
        super().__init__(f"verification {verification.id} failed: {text}")


class WaitTimeout(DocverifyError, TimeoutError):
    def __init__(self, verification_id: str, status: str, waited: float) -> None:
        self.verification_id, self.status, self.waited = verification_id, status, waited
        super().__init__(f"verification {verification_id} still {status} after {waited:.0f} s")


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Backoff:
    """Exponential delays with a little jitter, inside an overall deadline."""

    def __init__(
        self,
        initial: float,
        maximum: float,
        factor: float,
        jitter: float,
        deadline: float,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self.delay, self.maximum, self.factor, self.jitter = initial, maximum, factor, jitter
        self.deadline, self.clock, self._sleep = deadline, clock, sleep

    def remaining(self) -> float:
        return self.deadline - self.clock()

    def wait(self, at_least: float | None = None) -> bool:
        """Sleep the next delay (or `at_least`, e.g. Retry-After, if longer). False when the deadline would
        pass first: the caller gives up."""
        delay = self.delay * (1 + random.uniform(-self.jitter, self.jitter))
        if at_least is not None:
            delay = max(delay, at_least)
        self.delay = min(self.maximum, self.delay * self.factor)
        if delay > self.remaining():
            return False
        self._sleep(delay)
        return True


def _file(item: FileLike, index: int) -> File:
    if isinstance(item, File):
        return item
    if isinstance(item, bytes):
        return File(payload=io.BytesIO(item), file_name=f"page-{index}", mime_type="application/octet-stream")
    if isinstance(item, tuple):
        name, data = item
        return File(
            payload=io.BytesIO(data),
            file_name=name,
            mime_type=MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream"),
        )
    path = Path(item)
    return File(
        payload=io.BytesIO(path.read_bytes()),
        file_name=path.name,
        mime_type=MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream"),
    )


def _retryable(error: ApiError) -> bool:
    return error.status_code in (429, 503) or error.code == "IDEMPOTENCY_IN_FLIGHT"


def submit(
    client: AnyClient,
    files: Sequence[FileLike],
    *,
    document_type: str | None = None,
    claim: Mapping[str, Any] | str | None = None,
    registry: str | None = None,
    callback_url: str | None = None,
    program: str | None = None,
    idempotency_key: str | None = None,
    backoff: Backoff | None = None,
) -> str:
    """POST /v1/verifications; the new verification's id. Retries transient answers while `backoff` allows."""
    if not files:
        raise ValueError("at least one file is needed")
    uploads = [_file(item, i) for i, item in enumerate(files)]
    contents = [u.payload.read() for u in uploads]
    key = idempotency_key or f"submit-and-wait-{uuid.uuid4().hex}"
    claim_text = json.dumps(claim, ensure_ascii=False) if isinstance(claim, Mapping) else claim
    while True:
        body = CreateVerificationBody(
            file=[
                File(payload=io.BytesIO(data), file_name=u.file_name, mime_type=u.mime_type)
                for u, data in zip(uploads, contents, strict=True)
            ],
            document_type=UNSET if document_type is None else document_type,
            claim=UNSET if claim_text is None else claim_text,
            registry=UNSET if registry is None else registry,
            callback_url=UNSET if callback_url is None else callback_url,
            program=UNSET if program is None else program,
        )
        try:
            response = create_verification.sync_detailed(client=client, body=body, idempotency_key=key)
        except httpx.TransportError:
            if backoff is not None and backoff.wait():
                continue
            raise
        if response.status_code == 202:
            return str(json.loads(response.content)["id"])
        error = ApiError.from_response(response)
        if backoff is not None and _retryable(error) and backoff.wait(error.retry_after):
            continue
        raise error


def wait(client: AnyClient, verification_id: str, backoff: Backoff) -> Verification:
    """Poll GET /v1/verifications/{id} until it is completed (returned) or failed (VerificationFailed)."""
    status = "queued"
    started = backoff.clock()
    while True:
        try:
            response = get_verification.sync_detailed(verification_id, client=client)
        except httpx.TransportError:
            response = None
        if response is not None and response.status_code == 200:
            verification = Verification.from_dict(json.loads(response.content))
            status = str(verification.status)
            if status == "completed":
                return verification
            if status == "failed":
                raise VerificationFailed(verification)
            retry_after = None
        elif response is not None:
            error = ApiError.from_response(response)
            if not _retryable(error):
                raise error
            retry_after = error.retry_after
        else:
            retry_after = None
        if not backoff.wait(retry_after):
            raise WaitTimeout(verification_id, status, backoff.clock() - started)


def submit_and_wait(
    client: AnyClient,
    files: Sequence[FileLike],
    *,
    document_type: str | None = None,
    claim: Mapping[str, Any] | str | None = None,
    registry: str | None = None,
    callback_url: str | None = None,
    program: str | None = None,
    idempotency_key: str | None = None,
    timeout: float = 300.0,
    poll_initial: float = 0.25,
    poll_max: float = 5.0,
    poll_factor: float = 1.6,
    jitter: float = 0.1,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Verification:
    """Submit one document (one or more files: paths, bytes, (name, bytes) or `File`) and wait for the result.

    Returns the completed Verification (the generated model: `.decision`, `.fields.nik.value`, …).
    Raises VerificationFailed, WaitTimeout after `timeout` seconds in all, or ApiError (RateLimited,
    ServiceUnavailable) when the API still refused once the time was up.
    """
    backoff = Backoff(poll_initial, poll_max, poll_factor, jitter, clock() + timeout, clock, sleep)
    verification_id = submit(
        client,
        files,
        document_type=document_type,
        claim=claim,
        registry=registry,
        callback_url=callback_url,
        program=program,
        idempotency_key=idempotency_key,
        backoff=backoff,
    )
    poll = Backoff(poll_initial, poll_max, poll_factor, jitter, backoff.deadline, clock, sleep)
    return wait(client, verification_id, poll)
