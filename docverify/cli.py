"""The `docverify` command line (contract: Command line). Thin: parsing and printing only."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

import doctypes
from service.config import get_settings
from service.verifications.model import VerificationResult

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Read and verify Indonesian documents.")
models_app = typer.Typer(no_args_is_help=True, help="OCR model folders.")
app.add_typer(models_app, name="models")
registry_app = typer.Typer(no_args_is_help=True, help="Registries in the database (DATABASE_URL or SQLite).")
app.add_typer(registry_app, name="registry")
program_app = typer.Typer(no_args_is_help=True, help="Eligibility programs: rules over registry attributes.")
app.add_typer(program_app, name="program")
clerk_app = typer.Typer(no_args_is_help=True, help="Accounts of the clerk review UI (/review).")
app.add_typer(clerk_app, name="clerk")
client_app = typer.Typer(no_args_is_help=True, help="API clients (front-office systems) and their API keys.")
app.add_typer(client_app, name="client")
key_app = typer.Typer(no_args_is_help=True, help="API keys of a client: shown once, stored hashed.")
client_app.add_typer(key_app, name="key")
privacy_app = typer.Typer(no_args_is_help=True, help="Personal data protection (UU 27/2022): data-subject requests, "
                          "breach report, retention, keys. See docs/privacy.md.")
app.add_typer(privacy_app, name="privacy")
retention_app = typer.Typer(no_args_is_help=True, help="Retention periods per client and document type.")
privacy_app.add_typer(retention_app, name="retention")

DOCUMENT_TYPES = ("auto", *doctypes.names())  # the registry's types


def _csv_source(path: Path) -> Any:
    """A registry CSV read into memory, with the importer's rules; a bad file is a clear CLI error."""
    from service.registry.importer import HeaderError, load_csv
    from service.registry.service import MemorySource

    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            records, report = load_csv(fh)
    except (OSError, HeaderError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"registry {path}: {exc}") from exc
    if report.error_count:
        first = report.errors[0]
        print(f"registry {path}: {report.error_count} invalid row(s) skipped (first: line {first.line}, "
              f"{first.column}: {first.message})", file=sys.stderr)
    return MemorySource(path.stem, records)


def _failed(path: Path, code: str, message: str) -> VerificationResult:
    from workers.pipeline.types import PipelineResult, Reason
    from workers.verification import to_verification

    result = PipelineResult(status="failed", reasons=[Reason(code, f"{path}: {message}")])
    return to_verification(result)


@app.command()
def verify(
    paths: Annotated[list[Path], typer.Argument(help="Images of documents, one verification each.")],
    doc_type: Annotated[str, typer.Option("--type", help="|".join(DOCUMENT_TYPES))] = "auto",
    registry: Annotated[Path | None, typer.Option("--registry", help="Registry CSV to match against.")] = None,
    claim: Annotated[str | None, typer.Option("--claim", help="JSON: what the applicant says (nik, name, …).")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    remote: Annotated[str | None, typer.Option(
        "--remote-registry", help="A registry of DOCVERIFY_REGISTRY_REMOTES to ask over the network instead of "
                                  "a CSV (per-field verdicts, docs/registry-protocol.md).")] = None,
    profile: Annotated[bool, typer.Option("--profile", help="Also print to stderr, per document, each stage's "
                                          "time and every OCR call (who asked, detector input, recogniser crops, "
                                          "model time); a JSON line with --json.")] = False,
) -> None:
    """Read each document in-process, with the same pipeline the workers run."""
    if doc_type not in DOCUMENT_TYPES:
        raise typer.BadParameter(f"--type must be one of {', '.join(DOCUMENT_TYPES)}")
    from workers.verification import verify_bytes

    settings = get_settings()
    source: Any = _csv_source(registry) if registry is not None else None
    if remote is not None:
        from service.registry.remote import remote_source

        if registry is not None:
            raise typer.BadParameter("--registry and --remote-registry exclude each other")
        source = remote_source(settings, remote)
        if source is None:
            raise typer.BadParameter(f"no remote registry {remote} in DOCVERIFY_REGISTRY_REMOTES "
                                     f"(configured: {', '.join(sorted(settings.registry_remotes)) or 'none'})")
    claimed: dict[str, Any] | None = None
    if claim:
        try:
            claimed = json.loads(claim)
        except ValueError as exc:
            raise typer.BadParameter(f"--claim is not JSON: {exc}") from exc
        if not isinstance(claimed, dict):
            raise typer.BadParameter("--claim must be a JSON object")
    any_failed = False
    profiler = None
    if profile:
        from workers.verification import engine_for

        profiler = engine_for(settings).profiler
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            verification = _failed(path, "FILE_UNREADABLE", exc.strerror or str(exc))
        else:
            if profiler is not None:
                profiler.start()
            verification = verify_bytes([data], settings, doc_type, source, claimed)
            if profiler is not None:
                from workers.pipeline.ocr import profile_report

                print(profile_report(str(path), verification.timings_ms, profiler.stop(), as_json),
                      file=sys.stderr, flush=True)
        any_failed |= verification.status == "failed"
        print(json.dumps(verification.to_json(), ensure_ascii=False, indent=None if as_json else 2), flush=True)
    raise typer.Exit(1 if any_failed else 0)


@app.command("eval")
def eval_(
    directory: Annotated[Path, typer.Argument(help="Labelled folder: images/, truth/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the table as Markdown.")] = False,
    misses: Annotated[int, typer.Option(help="Show up to this many wrong fields.")] = 0,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON report to this file.")] = None,
) -> None:
    """Accuracy of field extraction on a labelled folder, per capture mode; with `cases.jsonl` and
    `registry.csv` beside the images, also registry status and decision accuracy per case kind."""
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from docverify.evaluation import (
        classification_markdown,
        decision_markdown,
        evaluate,
        load_samples,
        markdown_table,
    )
    from workers.verification import verify_bytes

    settings = get_settings()
    samples = load_samples(directory)
    if not samples:
        raise typer.BadParameter(f"no labelled images in {directory} (expected images/ and truth/)")
    registry = directory / "registry.csv"
    source = _csv_source(registry) if registry.exists() else None
    console = Console(stderr=True)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("reading", total=len(samples))
        report = evaluate(samples, lambda data, claim: verify_bytes([data], settings, source=source,
                                                                    claim=claim).to_json(),
                          progress=lambda: progress.advance(task))
    data = report.to_json()
    if save is not None:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
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
    if len(data.get("document_type_by_truth", {})) > 1:
        print(classification_markdown(data))
    if data.get("decisions"):
        print(decision_markdown(data["decisions"]))
    for miss in data["misses"][:misses]:
        print(json.dumps(miss, ensure_ascii=False))
    for wrong in data.get("decisions", {}).get("wrong_decisions", [])[:misses]:
        print(json.dumps(wrong, ensure_ascii=False))


@app.command("eval-checks")
def eval_checks(
    directory: Annotated[Path, typer.Argument(help="Labelled set from `python -m samples.checks`, or any labelled "
                                                   "folder (every card an untouched capture).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON report to this file.")] = None,
) -> None:
    """Image quality and authenticity checks on a labelled set: ROC AUC per check (defect images against clean
    captures), false-reject rate on clean captures and detection rate at each check's threshold."""
    from rich.console import Console
    from rich.progress import Progress

    from docverify.check_eval import evaluate_checks, load_labels, markdown_table
    from workers.verification import verify_bytes

    settings = get_settings()
    total = len(load_labels(directory))
    if not total:
        raise typer.BadParameter(f"no labelled images in {directory} (expected images/ and labels.jsonl or truth/)")

    def run_checks(data: bytes) -> list[dict[str, Any]]:
        return [c.model_dump(mode="json") for c in verify_bytes([data], settings).checks]

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking", total=total)
        report = evaluate_checks(directory, run_checks, progress=lambda: progress.advance(task))
    if save is not None:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print(markdown_table(report))
    if report["errors"]:
        print(f"\n{len(report['errors'])} image(s) failed to run; see the JSON report", file=sys.stderr)


@app.command("eval-fraud")
def eval_fraud(
    directory: Annotated[Path, typer.Argument(help="Labelled set from `python -m samples.reuse`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    save: Annotated[Path | None, typer.Option("--save", help="Also write the JSON report to this file.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every image again (ignore fraud-cache.json).")]
    = False,
    perceptual_only: Annotated[bool, typer.Option(
        "--perceptual-only", help="Leave out the same-content rule: the perceptual hashes alone.")] = False,
) -> None:
    """Reused-document signals on a labelled set: share of planted near copies flagged, and of the others."""
    from docverify import fraud_eval
    from samples.reuse import load

    try:
        entries = load(directory)
    except (FileNotFoundError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from exc
    settings = get_settings()

    def progress(n: int, total: int) -> None:
        if n % 50 == 0 or n == total:
            print(f"read {n}/{total}", file=sys.stderr, flush=True)

    reads = fraud_eval.read_all(directory, entries, settings, use_cache=not no_cache, progress=progress)
    if perceptual_only:
        settings = settings.model_copy(update={"fraud_content_card_radius": -1})
    rep = fraud_eval.report(entries, fraud_eval.screen_all(entries, reads, settings), reads)
    if save is not None:
        save.write_text(json.dumps(rep, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print(json.dumps(rep, indent=2))
    else:
        print(fraud_eval.markdown(rep))
        for miss in rep["misses"]:
            print(f"missed: {miss['id']} (copy of {miss['copy_of']}, {miss['variant']}, other {miss['changed']})")
        for alarm in rep["false_alarms"]:
            print(f"false alarm: {alarm['id']} {','.join(alarm['signals'])} -> {','.join(alarm['linked'])}")


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="Worker processes (default DOCVERIFY_WORKER_CONCURRENCY).")]
    = None,
    loglevel: Annotated[str, typer.Option(help="Celery log level.")] = "info",
) -> None:
    """A Celery worker for the configured broker (REDIS_URL) and database (DATABASE_URL)."""
    import os

    from service.config import UnsafeSettings

    settings = get_settings()
    if concurrency is not None:
        settings = settings.model_copy(update={"worker_concurrency": concurrency})
    try:  # first: a production worker without its secrets must say so whatever else is missing
        settings.require_safe(review=False, what="the worker")
    except UnsafeSettings as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from exc
    if not settings.redis_url:
        raise typer.BadParameter("REDIS_URL is not set; `docverify serve` runs an embedded Redis for you")
    from service.db import database
    from service.queue import QUEUE
    from workers.celery_app import app as celery
    from workers.celery_app import configure

    configure(settings)  # the processes the pool forks inherit these settings
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

    from service.config import Settings, UnsafeSettings
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
        print("docverify serve: development environment (DOCVERIFY_ENV=dev, development keys and secrets, "
              "non-Secure cookies); not for production, see docs/deploy.md", flush=True)
    try:
        settings.require_safe(review=True, what="docverify serve")
    except UnsafeSettings as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise typer.Exit(1) from exc
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
        print(f"docverify API on {url} (OpenAPI: {url}/docs); broker {settings.redis_url}"
              f"{' (embedded)' if embedded else ''}; database {database(settings.sqlalchemy_url).engine.url!r}",
              flush=True)
        key = os.environ.get("DOCVERIFY_API_KEY") or "$DOCVERIFY_API_KEY"
        auth = f"-H 'Authorization: Bearer {key}'"
        print(f"try:  curl -s {auth} -F file=@samples/ktp/images/ktp-0001-scan.png -F program=pkh "
              f"{url}/v1/verifications\n"
              f"      curl -s {auth} {url}/v1/verifications/<id>\n"
              f"(an API key: `docverify client demo`, or `docverify client create NAME`)", flush=True)
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


@registry_app.command("import")
def registry_import(
    path: Annotated[Path, typer.Argument(help="Registry CSV (contract columns; extra columns become attributes).")],
    name: Annotated[str, typer.Option("--name", help="Registry name.")] = "dukcapil",
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Skip invalid rows instead of refusing.")]
    = False,
) -> None:
    """Load a registry CSV into the database: records replaced by NIK, all or nothing."""
    from service.db import database
    from service.errors import ApiError
    from service.registry.service import import_csv

    settings = get_settings()
    db = database(settings.sqlalchemy_url)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh, db.session() as session:
            result = import_csv(session, settings, name, fh, skip_invalid=skip_invalid)
    except OSError as exc:
        raise typer.BadParameter(f"{path}: {exc.strerror or exc}") from exc
    except ApiError as exc:
        print(json.dumps(exc.body(), ensure_ascii=False, indent=2), file=sys.stderr)
        raise typer.Exit(1) from exc
    print(json.dumps(result.to_json(), ensure_ascii=False))


@registry_app.command("remotes")
def registry_remotes() -> None:
    """Registries asked over the network (DOCVERIFY_REGISTRY_REMOTES): name, URL, adapter; never the keys."""
    settings = get_settings()
    print(json.dumps([{"name": name, "url": r.url, "adapter": r.adapter, "api_key": r.api_key is not None,
                       "mutual_tls": r.client_cert is not None,
                       "timeout_s": r.timeout_s or settings.registry_remote_timeout_s}
                      for name, r in sorted(settings.registry_remotes.items())], indent=2))


@app.command()
def reassess(
    ids: Annotated[list[str], typer.Argument(help="Verification ids left needs_review / REGISTRY_UNAVAILABLE.")],
) -> None:
    """Assess verifications again against their registry, now that it answers (no OCR again). Prints one line
    per id: reassessed (with the new decision), unavailable (still no answer: unchanged), refused, missing."""
    from service import crypto
    from service.db import database
    from service.registry.remote import reset_breakers
    from service.verifications import repository
    from workers.reassessment import reassess_job

    settings = get_settings()
    crypto.configure(settings)
    reset_breakers()
    failed = False
    for job_id in ids:
        outcome = reassess_job(job_id, settings)
        decision = registry = None
        with database(settings.sqlalchemy_url).session() as session:
            job = repository.get(session, job_id)
            if job is not None:
                decision = job.decision
                registry = ((job.result or {}).get("registry") or {}).get("status")
        failed |= outcome != "reassessed"
        print(json.dumps({"id": job_id, "outcome": outcome, "decision": decision, "registry": registry}))
    raise typer.Exit(1 if failed else 0)


@registry_app.command("list")
def registry_list() -> None:
    """Registries and their record counts."""
    from service.db import database
    from service.registry.service import list_registries

    with database(get_settings().sqlalchemy_url).session() as session:
        print(json.dumps(list_registries(session), ensure_ascii=False, indent=2))


@program_app.command("set")
def program_set(
    name: Annotated[str, typer.Argument(help="Program name, e.g. pkh.")],
    rules: Annotated[Path, typer.Argument(help='JSON file: {"registry", "description"?, "rules": [...]}.')],
) -> None:
    """Create or replace an eligibility program."""
    from service.db import database
    from service.errors import ApiError
    from service.registry.service import put_program

    try:
        spec = json.loads(rules.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(f"{rules}: {exc}") from exc
    if not isinstance(spec, dict):
        raise typer.BadParameter(f"{rules}: expected a JSON object")
    try:
        with database(get_settings().sqlalchemy_url).session() as session:
            saved = put_program(session, name, str(spec.get("registry", "")), spec.get("rules"),
                                spec.get("description"))
    except ApiError as exc:
        print(json.dumps(exc.body(), ensure_ascii=False, indent=2), file=sys.stderr)
        raise typer.Exit(1) from exc
    print(json.dumps(saved, ensure_ascii=False))


PASSWORD_ENV = "DOCVERIFY_CLERK_PASSWORD"


def _read_password(from_stdin: bool) -> str:
    """The new password: from stdin (--password-stdin), else $DOCVERIFY_CLERK_PASSWORD, else a prompt asked
    twice. Never an argument: command lines end up in shell history and process lists."""
    import os

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _clerk_call(action: Any) -> Any:
    from service.db import database
    from service.errors import ApiError

    try:
        with database(get_settings().sqlalchemy_url).session() as session:
            return action(session)
    except ApiError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        raise typer.Exit(1) from exc


@clerk_app.command("create")
def clerk_create(
    username: Annotated[str, typer.Argument(help="Login name: lower-case letters, digits, '.', '_', '-'.")],
    role: Annotated[str, typer.Option("--role", help="clerk or supervisor (supervisors also see the audit).")]
    = "clerk",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")]
    = False,
) -> None:
    """Create a review account (password hashed with argon2id)."""
    from service.review import service as review

    password = _read_password(password_stdin)
    user = _clerk_call(lambda s: review.create_user(s, get_settings(), username, password, role))
    print(json.dumps({"username": user.username, "role": user.role}))


@clerk_app.command("passwd")
def clerk_passwd(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")]
    = False,
) -> None:
    """Set a new password (also unlocks the account and ends its sessions)."""
    from service.review import service as review

    password = _read_password(password_stdin)
    _clerk_call(lambda s: review.set_password(s, get_settings(), username, password))
    print(json.dumps({"username": username, "password": "changed"}))


@clerk_app.command("unlock")
def clerk_unlock(username: Annotated[str, typer.Argument()]) -> None:
    """Lift a lock left by repeated failed logins."""
    from service.review import service as review

    _clerk_call(lambda s: review.unlock(s, username))
    print(json.dumps({"username": username, "locked": False}))


@clerk_app.command("list")
def clerk_list() -> None:
    """Accounts, roles and whether they are locked."""
    from service.review import service as review

    print(json.dumps(_clerk_call(review.list_users), indent=2))


@clerk_app.command("corrections")
def clerk_corrections(
    out: Annotated[Path | None, typer.Option("--out", help="Write JSON lines here (default stdout).")] = None,
) -> None:
    """Export the clerks' field corrections (read value, right value, box) as JSON lines for evaluation."""
    from service.review import service as review

    rows = _clerk_call(review.export_corrections)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"{len(rows)} correction(s) written to {out}", file=sys.stderr)


def _db_call(action: Any) -> Any:
    """Run `action(session)` in one unit of work; an API error is a message and exit code 1, no traceback."""
    from service.db import database
    from service.errors import ApiError

    try:
        with database(get_settings().sqlalchemy_url).session() as session:
            return action(session)
    except ApiError as exc:
        print(json.dumps(exc.body(), ensure_ascii=False), file=sys.stderr)
        raise typer.Exit(1) from exc


ScopesOption = Annotated[str, typer.Option(
    "--scopes", help="Comma separated: submit, read, admin (the client's own keys and webhook secret), operator "
                     "(writes to the shared registries and programs: your own tooling only), registry_verify "
                     "(another agency's system asking your registries for per-field verdicts, "
                     "docs/registry-protocol.md).")]


@client_app.command("create")
def client_create(
    name: Annotated[str, typer.Argument(help="Client id: lower-case letters, digits, '.', '_', '-'.")],
    scopes: ScopesOption = "submit,read",
    key_name: Annotated[str | None, typer.Option("--key-name", help="Label of the first key.")] = None,
    no_key: Annotated[bool, typer.Option("--no-key", help="Create the client without a key.")] = False,
    operator: Annotated[bool, typer.Option(
        "--operator", help="Also grant the first key the operator scope: writes to the registries and programs "
                           "every client shares. Never for a front office.")] = False,
) -> None:
    """Create a client with its webhook signing secret and a first API key (both shown this once). The key gets
    `submit,read` unless told; the operator scope only with --operator (or in --scopes)."""
    from service.clients import service as clients

    granted = f"{scopes},operator" if operator else scopes

    def make(session: Any) -> dict[str, Any]:
        client = clients.create_client(session, name)
        out: dict[str, Any] = {"client": client.id, "webhook_secret": client.webhook_secret}
        if not no_key:
            out["key"] = clients.create_key(session, client.id, granted, key_name).to_json()
        return out

    print(json.dumps(_db_call(make), indent=2))


@client_app.command("list")
def client_list() -> None:
    """Clients and how many active keys each has."""
    from service.clients import service as clients

    print(json.dumps(_db_call(clients.list_clients), indent=2))


@client_app.command("demo")
def client_demo(
    name: Annotated[str, typer.Option("--name", help="The demo client's id.")] = "demo",
    quiet: Annotated[bool, typer.Option("--quiet", help="Print only the key.")] = False,
) -> None:
    """For `make run`: the demo client (made if missing) gets a fresh key with every client scope (submit, read,
    admin; not operator: registries and programs are loaded by the CLI); the previous demo keys are revoked, so
    only the key just printed works."""
    from service.clients import repository as client_repo
    from service.clients import service as clients

    def make(session: Any) -> str:
        if client_repo.get_client(session, name) is None:
            clients.create_client(session, name)
        for row in client_repo.list_keys(session, name):
            if row.name == "demo" and clients.key_state(row) == "active":
                clients.revoke_key(session, row.id)
        return clients.create_key(session, name, "submit,read,admin", "demo").key

    key = _db_call(make)
    print(key if quiet else f"demo API key of client {name} (shown once): {key}")


@key_app.command("create")
def key_create(
    client: Annotated[str, typer.Argument(help="The client's id.")],
    scopes: ScopesOption = "submit,read",
    name: Annotated[str | None, typer.Option("--name", help="A label, e.g. frontoffice-prod.")] = None,
    expires_in_days: Annotated[float | None, typer.Option("--expires-in-days", help="Expire after this long.")]
    = None,
) -> None:
    """A new API key for a client, shown this once (only its digest is stored)."""
    from datetime import timedelta

    from service.clients import service as clients
    from service.db import utcnow

    expires = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    print(json.dumps(_db_call(lambda s: clients.create_key(s, client, scopes, name, expires).to_json()), indent=2))


@key_app.command("rotate")
def key_rotate(
    key_id: Annotated[str, typer.Argument(help="The id of the key to replace (the part after dvk_).")],
    overlap_hours: Annotated[float | None, typer.Option("--overlap-hours", help="How long the old key keeps "
                                                        "working (default DOCVERIFY_API_KEY_ROTATION_OVERLAP_S).")]
    = None,
) -> None:
    """A new key with the same scopes; the old one expires after the overlap."""
    from service.clients import service as clients

    settings = get_settings()
    overlap = overlap_hours * 3600 if overlap_hours is not None else settings.api_key_rotation_overlap_s
    print(json.dumps(_db_call(lambda s: clients.rotate_key(s, key_id, overlap).to_json()), indent=2))


@key_app.command("revoke")
def key_revoke(key_id: Annotated[str, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key at once."""
    from service.clients import service as clients

    print(json.dumps(_db_call(lambda s: clients.key_json(clients.revoke_key(s, key_id))), indent=2))


@key_app.command("list")
def key_list(client: Annotated[str, typer.Argument(help="The client's id.")]) -> None:
    """A client's keys with their state (never the keys themselves)."""
    from service.clients import service as clients

    print(json.dumps(_db_call(lambda s: clients.list_keys(s, client)), indent=2))


@models_app.command("build")
def models_build() -> None:
    """Build the PaddleOCR model folders from the installed rapidocr wheel's weights (install time)."""
    from workers.pipeline.models import build_model_dirs

    settings = get_settings()
    for name, folder in build_model_dirs(settings.models_dir).items():
        print(f"{name}: {folder}")


# Personal data protection (issue 9)


def _supervisor() -> str:
    """Who runs a privacy command: the operating-system account, recorded in the processing records."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"[:64]
    except Exception:  # no passwd entry in some containers
        return "cli"


def _storage() -> Any:
    from service.storage import open_storage

    return open_storage(get_settings())


@app.command()
def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be purged; change nothing.")] = False,
    limit: Annotated[int | None, typer.Option(help="Purge at most this many verifications this run.")] = None,
) -> None:
    """Delete the files and personal fields of verifications whose retention ended (cron, e.g. daily); keeps the
    minimal record (id, client, decision, dates, reason codes). Idempotent."""
    from service.privacy import service as privacy

    settings = get_settings()
    report = _db_call(lambda s: privacy.purge(s, settings, _storage(), dry_run=dry_run, limit=limit))
    print(json.dumps(report.to_json(), indent=2))


@privacy_app.command("subject")
def privacy_subject(
    nik: Annotated[str, typer.Argument(help="The data subject's NIK (16 digits), or - to read it from stdin "
                                            "(keeps it out of the shell history).")],
    export: Annotated[Path | None, typer.Option("--export", help="Write the subject's data as JSON to this file.")]
    = None,
    erase: Annotated[bool, typer.Option("--erase", help="Erase the person's personal data (minimal records stay).")]
    = False,
) -> None:
    """A data-subject request (Pasal 32, 43-44), across all clients: list, export or erase."""
    from service.privacy import service as privacy

    if nik == "-":
        nik = sys.stdin.readline().strip()
    who = _supervisor()
    if erase:
        out = _db_call(lambda s: privacy.erase(s, _storage(), nik, client_id=None, actor_type="supervisor",
                                               actor=who))
        print(json.dumps(out, indent=2))
        return
    if export is not None:
        data = _db_call(lambda s: privacy.export(s, nik, client_id=None, actor_type="supervisor", actor=who))
        export.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"{len(data['verifications'])} verification(s), {len(data['processing_records'])} processing "
              f"record(s) written to {export}", file=sys.stderr)
        return
    print(json.dumps(_db_call(lambda s: privacy.subject(s, nik, client_id=None, actor_type="supervisor",
                                                        actor=who)), indent=2))


def _when(text: str, option: str) -> Any:
    from datetime import UTC, datetime

    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{option}: an ISO date or time, e.g. 2026-11-01 or 2026-11-01T08:00+07:00") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@privacy_app.command("breach-report")
def privacy_breach_report(
    start: Annotated[str, typer.Option("--from", help="Window start, ISO (UTC when no zone).")],
    end: Annotated[str, typer.Option("--to", help="Window end (exclusive), ISO.")],
    client: Annotated[str | None, typer.Option("--client", help="One client (default: all).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The whole report as JSON (ids included).")] = False,
) -> None:
    """What personal data exists for verifications created in a window (Pasal 46): counts by kind and ids."""
    from service.privacy import service as privacy

    report = _db_call(lambda s: privacy.breach_report(s, client, _when(start, "--from"), _when(end, "--to")))
    if as_json:
        print(json.dumps(report, indent=2))
        return
    print(f"client {report['client'] or '(all)'}, {report['from']} .. {report['to']}: "
          f"{report['verifications']} verification(s), {report['subjects']} person(s)")
    for kind, count in report["counts"].items():
        print(f"  {kind:24} {count}")


@privacy_app.command("reencrypt")
def privacy_reencrypt(
    batch: Annotated[int, typer.Option(help="Rows per read.")] = 500,
) -> None:
    """Move every encrypted row and file onto the first key of DOCVERIFY_ENCRYPTION_KEYS (after a rotation, and
    for files written before encryption was on). Idempotent; then the old key can be removed."""
    from service.privacy import service as privacy

    print(json.dumps(_db_call(lambda s: privacy.reencrypt(s, _storage(), batch)), indent=2))


@privacy_app.command("new-key")
def privacy_new_key(
    key_id: Annotated[str, typer.Argument(help="An id for the key, e.g. 2026-12.")],
) -> None:
    """Print a fresh key entry to put first in DOCVERIFY_ENCRYPTION_KEYS."""
    from service.crypto import Keyring

    entry = f"{key_id}:{Keyring.generate_key()}"
    Keyring.parse(entry)  # a bad id fails here, not at the next start
    print(entry)


@privacy_app.command("hold")
def privacy_hold(
    verification_id: Annotated[str, typer.Argument(help="The verification's id.")],
    release: Annotated[bool, typer.Option("--release", help="Lift the hold.")] = False,
) -> None:
    """A legal hold: the verification is neither purged nor erased until released (e.g. a court order)."""
    from service.privacy import service as privacy

    if not _db_call(lambda s: privacy.set_legal_hold(s, verification_id, not release, actor=_supervisor())):
        raise typer.BadParameter(f"no verification {verification_id}")
    print(f"{verification_id}: legal hold {'released' if release else 'set'}")


@privacy_app.command("records")
def privacy_records(
    verification_id: Annotated[str, typer.Argument(help="The verification's id.")],
) -> None:
    """The processing records of one verification (who, what, when)."""
    from service.privacy import repository as privacy_repo
    from service.privacy import service as privacy

    rows = _db_call(lambda s: [privacy.record_json(r) for r in privacy_repo.records(
        s, verification_ids=[verification_id])])
    print(json.dumps(rows, indent=2))


@retention_app.command("set")
def retention_set(
    days: Annotated[int, typer.Argument(help="Days after a verification finished.")],
    client: Annotated[str, typer.Option("--client", help="A client id, or * for any.")] = "*",
    document_type: Annotated[str, typer.Option("--type", help="ktp, kk, passport, sktm, unknown, or * for any.")]
    = "*",
) -> None:
    """Set a retention period (the most specific policy wins; the default is DOCVERIFY_RETENTION_DAYS)."""
    from service.privacy import service as privacy

    print(json.dumps(_db_call(lambda s: privacy.set_retention(s, client, document_type, days))))


@retention_app.command("clear")
def retention_clear(
    client: Annotated[str, typer.Option("--client")] = "*",
    document_type: Annotated[str, typer.Option("--type")] = "*",
) -> None:
    """Remove one policy."""
    from service.privacy import service as privacy

    removed = _db_call(lambda s: privacy.clear_retention(s, client, document_type))
    print("removed" if removed else "no such policy")


@retention_app.command("list")
def retention_list() -> None:
    """The default and every policy."""
    from service.privacy import service as privacy

    settings = get_settings()
    print(json.dumps(_db_call(lambda s: privacy.list_retention(s, settings)), indent=2))


def main() -> None:  # pragma: no cover
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
