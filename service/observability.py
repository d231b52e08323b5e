"""Structured logs for the API and the workers: one JSON object per line, with the request id and the job id
of whatever is being handled, and never a whole NIK.

- `configure_logging(settings)` installs one handler on the root logger (JSON, or plain text with
  DOCVERIFY_LOG_FORMAT=text) and routes uvicorn's loggers through it. Idempotent: calling it again replaces
  the handler it installed and leaves other handlers (pytest's, an operator's) alone.
- `NikMaskFilter` rewrites every record that passes the handler: any run of exactly 16 ASCII digits (the
  shape of a NIK or a KK number; not the fraction of a decimal number such as a duration's `2.1234567890120076`)
  is written as its last four digits, in the message, its arguments, `extra`
  fields and the traceback text. The formatters mask their output once more, so a formatter that reads the
  exception itself cannot leak one either.
- `log_context(request_id=…, job_id=…)` binds ids for the current context (a contextvar: it follows a request
  into FastAPI's thread pool, and a Celery task in its worker process); `ContextFilter` adds them to records.
- `RequestContext` is the outermost ASGI middleware: it takes the caller's `X-Request-Id` (or makes one),
  returns it on every response, writes one access line per request and feeds the HTTP metrics
  (service.metrics).
"""

from __future__ import annotations

import contextvars
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from primitives.nik import mask_nik

REQUEST_ID_HEADER = "X-Request-Id"
# what we accept from a caller as a request id: short, printable, no separators a log parser could trip on
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")
# 16 digits, not part of a longer run, and not the fraction of a decimal number (`2.1234567890120076`)
_SIXTEEN_DIGITS = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]{16}(?![0-9])")

_EMPTY: Mapping[str, str] = MappingProxyType({})
_context: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar("docverify_log_context", default=_EMPTY)
# LogRecord attributes that are not `extra` fields: never rewritten as strings
_RECORD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def mask_text(text: str) -> str:
    """Every run of exactly 16 digits (not after a decimal point) written as its last four (mask_nik)."""
    return _SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group(0)), text)


def _mask_value(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) == 16:
        return mask_text(str(value))
    if isinstance(value, dict):
        return {k: _mask_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mask_value(v) for v in value)
    return value


class NikMaskFilter(logging.Filter):
    """Masks NIK-shaped numbers in a record before any formatter sees it (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw message, masked
            message = str(record.msg)
        record.msg, record.args = mask_text(message), ()
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = mask_text(text)
            record.exc_info = None  # formatters fall back to exc_text, which is masked
        elif record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        for key, value in list(vars(record).items()):
            if key not in _RECORD_ATTRS:
                setattr(record, key, _mask_value(value))
        return True


class ContextFilter(logging.Filter):
    """Adds the bound ids (request_id, job_id, …) to each record that does not carry its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in _context.get().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


@contextmanager
def log_context(**ids: str | None) -> Iterator[None]:
    """Bind ids to every log record written in this context (nested contexts add to the outer ones)."""
    token = _context.set({**_context.get(), **{k: v for k, v in ids.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


def bind(**ids: str | None) -> contextvars.Token[Mapping[str, str]]:
    """Like `log_context`, for code that binds and resets in two places (Celery's task signals)."""
    return _context.set({**_context.get(), **{k: v for k, v in ids.items() if v is not None}})


def unbind(token: contextvars.Token[Mapping[str, str]]) -> None:
    _context.reset(token)


def current(key: str) -> str | None:
    """The id bound under `key` in this context, if any (e.g. the request id to pass to a task)."""
    return _context.get().get(key)


class MaskedJsonFormatter(JsonFormatter):
    """One JSON object per line: timestamp, level, logger, message and the bound ids; masked once more."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


class MaskedTextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


_HANDLER_MARK = "_docverify_handler"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time of the record (pytest swaps it per test; a handler that
    kept the first one would write to a closed file)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def make_handler(fmt: str = "json", stream: Any = None) -> logging.Handler:
    handler: logging.Handler = StderrHandler() if stream is None else logging.StreamHandler(stream)
    if fmt == "text":
        handler.setFormatter(MaskedTextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(
            MaskedJsonFormatter(
                "{levelname}{name}{message}",
                style="{",
                timestamp="time",  # ISO 8601, UTC
                rename_fields={"levelname": "level", "name": "logger"},
                json_ensure_ascii=False,
            )
        )
    handler.addFilter(ContextFilter())
    handler.addFilter(NikMaskFilter())
    setattr(handler, _HANDLER_MARK, True)
    return handler


def configure_logging(fmt: str = "json", level: str | int = "INFO", *, access_log: bool = True) -> None:
    """Root logger → one masked handler on stderr; uvicorn's loggers propagate to it. With `access_log`
    uvicorn's own access lines are silenced: `RequestContext` writes a richer one (request id, job id)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    root.addHandler(make_handler(fmt))
    root.setLevel(level if isinstance(level, int) else level.upper())
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = access_log


def log_unhandled(logger: logging.Logger, message: str, exc: BaseException) -> None:
    """An unhandled error with its traceback; for a failed database statement (SQLAlchemy's StatementError,
    whose text is the SQL and its parameters) the error underneath with its own traceback instead."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException) and hasattr(exc, "statement"):
        logger.error(
            "%s in a database statement: %s",
            message,
            type(orig).__name__,
            exc_info=(type(orig), orig, orig.__traceback__),
        )
    else:
        logger.error(message, exc_info=(type(exc), exc, exc.__traceback__))


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_request_id(value: str | None) -> str:
    """The caller's X-Request-Id when it is a sane token (and not NIK-shaped), else a fresh one."""
    if value and _REQUEST_ID.match(value) and not _SIXTEEN_DIGITS.search(value):
        return value
    return new_request_id()


_access = logging.getLogger("docverify.access")
_VERIFICATION_PATH = re.compile(r"^/v1/verifications/([0-9A-Za-z]{26})$")

# Called once per request with (method, route template, status, seconds): the HTTP metrics.
RequestObserver = Callable[[str, str, int, float], None]


class RequestContext:
    """Outermost middleware: request id in and out, one access log line, HTTP metrics."""

    def __init__(self, app: ASGIApp, observe: RequestObserver | None = None, log_requests: bool = True) -> None:
        self.app = app
        self.observe = observe
        self.log_requests = log_requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = dict(scope.get("headers") or []).get(REQUEST_ID_HEADER.lower().encode())
        request_id = accepted_request_id(raw.decode("latin-1") if raw else None)
        started = time.perf_counter()
        status = 500
        location: str | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status, location
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode()))
                location = next((v.decode("latin-1") for k, v in headers if k.lower() == b"location"), None)
                message = {**message, "headers": headers}
            await send(message)

        with log_context(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                seconds = time.perf_counter() - started
                route = _route_template(scope)
                if self.observe is not None:
                    self.observe(scope["method"], route, status, seconds)
                if self.log_requests and route not in ("/metrics", "/healthz", "/readyz"):  # probes: no lines
                    job = _VERIFICATION_PATH.match(location or str(scope.get("path", "")))
                    _access.info(
                        "%s %s %d",
                        scope["method"],
                        scope.get("path", ""),
                        status,
                        extra={
                            "method": scope["method"],
                            "path": scope.get("path", ""),
                            "route": route,
                            "status": status,
                            "duration_ms": round(seconds * 1000, 1),
                            **({"job_id": job.group(1)} if job else {}),
                        },
                    )


def _route_template(scope: Scope) -> str:
    """The matched route's path template (`/v1/verifications/{verification_id}`): a bounded metric label."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path is not None else "unmatched"
