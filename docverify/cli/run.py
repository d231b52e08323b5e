"""`docverify worker` and `docverify serve`: the long-running processes."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from service.config import Settings, UnsafeSettings, get_settings


def _require_safe(settings: Settings, review: bool, what: str) -> None:
    """A production start without its secrets stops here and names each one missing: exit code 1, no traceback."""
    try:
        settings.require_safe(review=review, what=what)
    except UnsafeSettings as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from exc


def worker(
    concurrency: Annotated[
        int | None, typer.Option(help="Worker processes (default DOCVERIFY_WORKER_CONCURRENCY).")
    ] = None,
    loglevel: Annotated[str, typer.Option(help="Celery log level.")] = "info",
) -> None:
    """A Celery worker for the configured broker (REDIS_URL) and database (DATABASE_URL)."""
    import os

    settings = get_settings()
    if concurrency is not None:
        settings = settings.model_copy(update={"worker_concurrency": concurrency})
    # first: a production worker without its secrets must say so whatever else is missing
    _require_safe(settings, review=False, what="the worker")
    if not settings.redis_url:
        raise typer.BadParameter("REDIS_URL is not set; `docverify serve` runs an embedded Redis for you")
    from service.db import database
    from service.queue import QUEUE
    from workers.celery_app import app as celery
    from workers.celery_app import configure

    configure(settings)  # the processes the pool forks inherit these settings
    database(settings.sqlalchemy_url).ensure_schema()
    database(settings.sqlalchemy_url).dispose()
    celery.worker_main(
        [
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            str(settings.worker_concurrency),
            "--loglevel",
            loglevel,
            "--queues",
            QUEUE,
            "--hostname",
            f"docverify-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
        ]
    )


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default DOCVERIFY_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default DOCVERIFY_PORT).")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Embedded worker processes (0: none).")] = 1,
) -> None:
    """The HTTP API and a worker. Without REDIS_URL an embedded Redis runs; without DATABASE_URL, SQLite."""
    import os
    import signal
    import subprocess

    import uvicorn

    from service.db import database
    from service.embedded_redis import EmbeddedRedis
    from service.main import create_app

    # the settings passed to the API in-process and, through their environment, to the worker processes
    overrides: dict[str, str] = {}
    worker_env = dict(os.environ)
    if "env" not in get_settings().model_fields_set:  # neither the environment nor .env names one
        # the one-command development start (production is the default everywhere else)
        overrides["env"] = worker_env["DOCVERIFY_ENV"] = "dev"
    settings = Settings(**overrides) if overrides else get_settings()  # type: ignore[arg-type]
    if settings.env == "dev":  # said every time, so that a dev start is never mistaken for a production one
        print(
            "docverify serve: development environment (DOCVERIFY_ENV=dev, development keys and secrets, "
            "non-Secure cookies); not for production, see docs/deploy.md",
            flush=True,
        )
    _require_safe(settings, review=True, what="docverify serve")
    embedded: EmbeddedRedis | None = None
    if not settings.redis_url:
        embedded = EmbeddedRedis(settings.data_dir / "redis").start()
        overrides["redis_url"] = worker_env["REDIS_URL"] = embedded.url
        settings = Settings(**overrides)  # type: ignore[arg-type]
    database(settings.sqlalchemy_url).ensure_schema()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(workers):
            procs.append(subprocess.Popen([sys.executable, "-m", "docverify.cli", "worker"], env=worker_env))
        bind_host = host or settings.host
        bind_port = port or settings.port
        url = f"http://{bind_host}:{bind_port}"
        print(
            f"docverify API on {url} (OpenAPI: {url}/docs); broker {settings.redis_url}"
            f"{' (embedded)' if embedded else ''}; database {database(settings.sqlalchemy_url).engine.url!r}",
            flush=True,
        )
        key = os.environ.get("DOCVERIFY_API_KEY") or "$DOCVERIFY_API_KEY"
        auth = f"-H 'Authorization: Bearer {key}'"
        print(
            f"try:  curl -s {auth} -F file=@samples/ktp/images/ktp-0001-scan.png -F program=pkh "
            f"{url}/v1/verifications\n"
            f"      curl -s {auth} {url}/v1/verifications/<id>\n"
            f"(an API key: `docverify client demo`, or `docverify client create NAME`)",
            flush=True,
        )
        # uvicorn re-raises the signal that stopped it: turn SIGTERM into an exit so the cleanup below runs
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        uvicorn.run(create_app(settings), host=bind_host, port=bind_port, log_level="info")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if embedded is not None:
            embedded.stop()


def register(app: typer.Typer) -> None:
    app.command()(worker)
    app.command()(serve)
