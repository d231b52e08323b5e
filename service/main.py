"""The HTTP application: `create_app()` wires settings, database, storage, routes and error handlers.

Run it with `docverify serve` (API plus an embedded worker) or any ASGI server: `uvicorn --factory
service.main:create_app`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from primitives.version import __version__
from service import crypto
from service.apidocs import install_docs
from service.clients.router import router as keys_router
from service.config import Settings, get_settings
from service.db import database
from service.errors import ApiError, ErrorBody, ErrorJson, FileTooLarge, MissingFile, error_body
from service.metrics import install_metrics
from service.observability import RequestContext, configure_logging, log_unhandled
from service.openapi import install_openapi
from service.privacy.router import router as privacy_router
from service.registry.router import router as registry_router
from service.review.objections import router as objections_router
from service.review.routes import create_review_app
from service.storage import S3Storage, StorageUnavailable, open_storage
from service.verifications.router import router as verifications_router
from service.webhooks.router import router as webhooks_router

log = logging.getLogger(__name__)

_STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "FILE_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


class BodyLimit:
    """Refuse request bodies over `max_bytes` with 413 FILE_TOO_LARGE: from Content-Length before reading,
    and while streaming when the length is not announced."""

    def __init__(self, app: ASGIApp, max_bytes: int, large: tuple[str, int] | None = None) -> None:
        self.app = app
        self.default_max = max_bytes
        self.large = large  # (path prefix, limit): registry imports are far bigger than a card image

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        max_bytes = self.default_max
        if self.large is not None and str(scope.get("path", "")).startswith(self.large[0]):
            max_bytes = self.large[1]
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > max_bytes:
            err = FileTooLarge(
                f"request body is {int(length):,} bytes; the limit is {max_bytes:,}",
                {"size": int(length), "limit": max_bytes},
            )
            await JSONResponse(err.body(), status_code=err.status)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    raise FileTooLarge(f"request body is over the limit of {max_bytes:,} bytes", {"limit": max_bytes})
            return message

        await self.app(scope, counted, send)


def _json(status: int, body: ErrorJson) -> JSONResponse:
    return JSONResponse(body, status_code=status)


def allowed_methods(app: Any, scope: Scope) -> list[str]:
    """The methods some route of the app answers at this request's path (for a 405's Allow header): each
    method is tried against the routes with the public `matches`, whatever shape the router keeps them in."""
    return [
        method
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
        if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in app.router.routes)
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")} for e in exc.errors()]
        if any(tuple(e["loc"][:2]) == ("body", "file") for e in errors):
            err = MissingFile("a multipart `file` part with a file is required", {"field": "file", "errors": errors})
            return _json(err.status, err.body())
        return _json(422, error_body("VALIDATION_ERROR", "the request is not valid", {"errors": errors}))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        cause = exc.__cause__
        if isinstance(cause, ApiError):  # raised while the body was being parsed (BodyLimit)
            return _json(cause.status, cause.body())
        code = _STATUS_CODES.get(exc.status_code, "HTTP_ERROR")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # Allow: every method of the path, not only those of the first route matched
            headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope))
        return JSONResponse(error_body(code, str(exc.detail), {}), status_code=exc.status_code, headers=headers)

    @app.exception_handler(DataError)
    async def database_refused_value(_request: Request, exc: DataError) -> JSONResponse:
        # a value the database cannot store or compare (PostgreSQL: a NUL character in text, a number out of
        # range): the caller's input, not an outage. The first line names the problem, never the statement.
        log.warning("database refused a value: %s", str(exc.orig).splitlines()[0] if exc.orig else "DataError")
        return _json(
            422,
            error_body(
                "VALIDATION_ERROR",
                "a value in the request cannot be stored or compared by "
                "the database (e.g. a NUL character, a number out of range)",
                {},
            ),
        )

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def database_down(_request: Request, exc: Exception) -> JSONResponse:
        log.error("database error: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return _json(503, error_body("SERVICE_UNAVAILABLE", "the database is unreachable; try again shortly", {}))

    @app.exception_handler(StorageUnavailable)
    async def storage_down(_request: Request, exc: StorageUnavailable) -> JSONResponse:
        # the object store did not answer through its retries: nothing was accepted, the client sends again
        log.error("storage error: %s", exc)
        return JSONResponse(
            error_body("SERVICE_UNAVAILABLE", "the file storage is unreachable; try again shortly", {}),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, exc: Exception) -> JSONResponse:
        log_unhandled(log, "unhandled error", exc)  # never a statement's SQL or parameters
        return _json(500, error_body("INTERNAL_ERROR", "internal error", {"type": type(exc).__name__}))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # dev keys outside env=dev would be encryption in name only: refuse, naming every missing secret
    settings.require_safe(review=True, what="the API")
    crypto.configure(settings)
    db = database(settings.sqlalchemy_url)
    configure_logging(settings.log_format, settings.log_level, access_log=settings.access_log)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # again at start: `uvicorn.run(app)` configures its own loggers after the app was built
        configure_logging(settings.log_format, settings.log_level, access_log=settings.access_log)
        try:
            db.ensure_schema()
        except Exception as exc:  # keep serving: /readyz says not ready and requests answer 503
            log.error("database not reachable at start, migrations deferred: %s", str(exc).splitlines()[0])
        if isinstance(app.state.storage, S3Storage):  # a first start (compose) finds its bucket made
            try:
                app.state.storage.ensure_bucket()
            except Exception as exc:  # an operator's bucket without that right, or the store not up yet
                log.warning("object store bucket not checked at start: %s", exc)
        listener = None
        if metrics is not None and settings.metrics_port:
            listener = metrics.serve(settings.metrics_host, settings.metrics_port)
        app.state.metrics_listener = listener
        try:
            yield
        finally:
            if listener is not None:
                listener.close()

    app = FastAPI(
        title="docverify",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Verification of Indonesian identity documents. Errors are always "
        '`{"error": {"code", "message", "detail"}}`.',
    )
    app.state.settings = settings
    app.state.db = db
    app.state.storage = open_storage(settings)
    install_error_handlers(app)
    install_docs(app)  # Swagger UI and ReDoc from packaged files, never a CDN
    app.include_router(verifications_router)
    app.include_router(objections_router)
    app.include_router(registry_router)
    app.include_router(webhooks_router)
    app.include_router(keys_router)
    app.include_router(privacy_router)
    if settings.review_enabled:
        app.mount("/review", create_review_app(settings, db, app.state.storage))

    @app.get("/healthz", operation_id="health", tags=["ops"])
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz", operation_id="ready", tags=["ops"], responses={503: {"model": ErrorBody}})
    def readyz() -> JSONResponse:
        """The database (migrated) and the broker are reachable."""
        # … and the object store when uploads go there (checks.storage; the description above is what the
        # generated client carries, clients/python)
        checks: dict[str, str] = {}
        try:
            db.ensure_schema()
            db.ping()
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"unreachable: {type(exc).__name__}"
        checks["broker"] = broker_status(settings)
        if isinstance(app.state.storage, S3Storage):  # the object store, when uploads go there (issue 22)
            checks["storage"] = app.state.storage.ping()
        if all(v == "ok" for v in checks.values()):
            return JSONResponse({"status": "ok", "checks": checks})
        return _json(503, error_body("SERVICE_UNAVAILABLE", "not ready", {"checks": checks}))

    metrics = install_metrics(app, settings, db) if settings.metrics_enabled else None
    install_openapi(app)
    app.add_middleware(
        BodyLimit, max_bytes=settings.max_request_bytes, large=("/v1/registries/", settings.registry_import_max_bytes)
    )
    # outermost: every answer, a 413 from BodyLimit included, carries X-Request-Id
    app.add_middleware(
        RequestContext, observe=None if metrics is None else metrics.observe, log_requests=settings.access_log
    )
    return app


def broker_status(settings: Settings) -> str:
    if not settings.redis_url:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"


def published_document() -> dict[str, Any]:
    """The document as every deployment serves it, built from the code alone: settings are the built-in
    defaults (no environment, no .env file) and no database is opened. `make client` generates from it and
    the fuzz tests read it, so neither depends on the machine they run on."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_construct(
            env="dev", database_url="sqlite://", redis_url="", data_dir=Path(tmp), log_level="WARNING"
        )
        return create_app(settings).openapi()
