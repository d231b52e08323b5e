"""The `docverify` command line (contract: Command line). Thin: parsing and printing only."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from service.config import get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Read and verify Indonesian documents.")
models_app = typer.Typer(no_args_is_help=True, help="OCR model folders.")
app.add_typer(models_app, name="models")

DOCUMENT_TYPES = ("auto", "ktp", "kk", "passport", "sktm")


def _failed(path: Path, code: str, message: str) -> dict[str, Any]:
    from workers.pipeline.types import PipelineResult, Reason
    from workers.verification import to_verification

    result = PipelineResult(status="failed", reasons=[Reason(code, f"{path}: {message}")])
    return to_verification(result)


@app.command()
def verify(
    paths: Annotated[list[Path], typer.Argument(help="Images of documents, one verification each.")],
    doc_type: Annotated[str, typer.Option("--type", help="auto|ktp|kk|passport|sktm")] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Read each document in-process, with the same pipeline the workers run."""
    if doc_type not in DOCUMENT_TYPES:
        raise typer.BadParameter(f"--type must be one of {', '.join(DOCUMENT_TYPES)}")
    from workers.verification import verify_bytes

    settings = get_settings()
    any_failed = False
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            verification = _failed(path, "FILE_UNREADABLE", exc.strerror or str(exc))
        else:
            verification = verify_bytes([data], settings, doc_type)
        any_failed |= verification["status"] == "failed"
        print(json.dumps(verification, ensure_ascii=False, indent=None if as_json else 2), flush=True)
    raise typer.Exit(1 if any_failed else 0)


@app.command("eval")
def eval_(
    directory: Annotated[Path, typer.Argument(help="Labelled folder: images/, truth/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the table as Markdown.")] = False,
    misses: Annotated[int, typer.Option(help="Show up to this many wrong fields.")] = 0,
) -> None:
    """Accuracy of field extraction on a labelled folder, per capture mode."""
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from docverify.evaluation import evaluate, load_samples, markdown_table
    from workers.verification import verify_bytes

    settings = get_settings()
    samples = load_samples(directory)
    if not samples:
        raise typer.BadParameter(f"no labelled images in {directory} (expected images/ and truth/)")
    console = Console(stderr=True)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("reading", total=len(samples))
        report = evaluate(samples, lambda data: verify_bytes([data], settings),
                          progress=lambda: progress.advance(task))
    data = report.to_json()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if markdown:
        print(markdown_table(report))
        return
    modes = [m for m in data["modes"] if m != "all"] + ["all"]
    table = Table(title=f"{data['samples']} images, {data['failed']} failed — exact match per field")
    table.add_column("field")
    for m in modes:
        table.add_column(m, justify="right")
    table.add_column("CER", justify="right")
    for f, per in data["fields"].items():
        table.add_row(f, *[f"{per[m]['exact'] * 100:.1f}%" if m in per else "" for m in modes],
                      f"{per['all']['cer'] * 100:.2f}%")
    table.add_row("document type", *[f"{data['document_type'].get(m, 0) * 100:.1f}%" for m in modes], "")
    table.add_row("median ms", *[f"{data['timing_ms'][m]['median']:.0f}" for m in modes], "")
    Console().print(table)
    for miss in data["misses"][:misses]:
        print(json.dumps(miss, ensure_ascii=False))


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="Worker processes (default DOCVERIFY_WORKER_CONCURRENCY).")]
    = None,
    loglevel: Annotated[str, typer.Option(help="Celery log level.")] = "info",
) -> None:
    """A Celery worker for the configured broker (REDIS_URL) and database (DATABASE_URL)."""
    import os

    if concurrency is not None:
        os.environ["DOCVERIFY_WORKER_CONCURRENCY"] = str(concurrency)
        get_settings.cache_clear()
    settings = get_settings()
    if not settings.redis_url:
        raise typer.BadParameter("REDIS_URL is not set; `docverify serve` runs an embedded Redis for you")
    from service.db import database
    from service.queue import QUEUE
    from workers.celery_app import app as celery

    database(settings.sqlalchemy_url).ensure_schema()
    database(settings.sqlalchemy_url).dispose()
    celery.worker_main([
        "worker", "--pool", "prefork", "--concurrency", str(settings.worker_concurrency), "--loglevel", loglevel,
        "--queues", QUEUE, "--hostname", f"docverify-{os.getpid()}@%h", "--without-gossip", "--without-mingle",
    ])


@app.command()
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

    settings = get_settings()
    embedded: EmbeddedRedis | None = None
    if not settings.redis_url:
        embedded = EmbeddedRedis(settings.data_dir / "redis").start()
        os.environ["REDIS_URL"] = embedded.url
        get_settings.cache_clear()
        settings = get_settings()
    database(settings.sqlalchemy_url).ensure_schema()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(workers):
            procs.append(subprocess.Popen([sys.executable, "-m", "docverify.cli", "worker"], env=os.environ.copy()))
        bind_host = host or settings.host
        bind_port = port or settings.port
        url = f"http://{bind_host}:{bind_port}"
        print(f"docverify API on {url} (OpenAPI: {url}/docs); broker {settings.redis_url}"
              f"{' (embedded)' if embedded else ''}; database {database(settings.sqlalchemy_url).engine.url!r}",
              flush=True)
        print(f"try:  curl -s -F file=@samples/ktp/images/ktp-0001-scan.png {url}/v1/verifications\n"
              f"      curl -s {url}/v1/verifications/<id>", flush=True)
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


@models_app.command("build")
def models_build() -> None:
    """Build the PaddleOCR model folders from the installed rapidocr wheel's weights (install time)."""
    from workers.pipeline.models import build_model_dirs

    settings = get_settings()
    for name, folder in build_model_dirs(settings.models_dir).items():
        print(f"{name}: {folder}")


def main() -> None:  # pragma: no cover
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
