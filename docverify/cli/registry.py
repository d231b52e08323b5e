"""`docverify registry …`, `docverify program …` and `docverify reassess`: registries, eligibility programs,
and verifications assessed again once a remote registry answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from docverify.cli.common import db_call
from service.config import get_settings

registry_app = typer.Typer(no_args_is_help=True, help="Registries in the database (DATABASE_URL or SQLite).")
program_app = typer.Typer(no_args_is_help=True, help="Eligibility programs: rules over registry attributes.")


@registry_app.command("import")
def registry_import(
    path: Annotated[Path, typer.Argument(help="Registry CSV (contract columns; extra columns become attributes).")],
    name: Annotated[str, typer.Option("--name", help="Registry name.")] = "dukcapil",
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Skip invalid rows instead of refusing.")
    ] = False,
) -> None:
    """Load a registry CSV into the database: records replaced by NIK, all or nothing."""
    from service.registry.service import import_csv

    settings = get_settings()
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            result = db_call(lambda s: import_csv(s, settings, name, fh, skip_invalid=skip_invalid), errors="indented")
    except OSError as exc:
        raise typer.BadParameter(f"{path}: {exc.strerror or exc}") from exc
    print(json.dumps(result.to_json(), ensure_ascii=False))


@registry_app.command("remotes")
def registry_remotes() -> None:
    """Registries asked over the network (DOCVERIFY_REGISTRY_REMOTES): name, URL, adapter; never the keys."""
    settings = get_settings()
    print(
        json.dumps(
            [
                {
                    "name": name,
                    "url": r.url,
                    "adapter": r.adapter,
                    "api_key": r.api_key is not None,
                    "mutual_tls": r.client_cert is not None,
                    "timeout_s": r.timeout_s or settings.registry_remote_timeout_s,
                }
                for name, r in sorted(settings.registry_remotes.items())
            ],
            indent=2,
        )
    )


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
        listed = [r.model_dump(mode="json") for r in list_registries(session)]
    print(json.dumps(listed, ensure_ascii=False, indent=2))


@program_app.command("set")
def program_set(
    name: Annotated[str, typer.Argument(help="Program name, e.g. pkh.")],
    rules: Annotated[Path, typer.Argument(help='JSON file: {"registry", "description"?, "rules": [...]}.')],
) -> None:
    """Create or replace an eligibility program."""
    from service.registry.service import put_program

    try:
        spec = json.loads(rules.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(f"{rules}: {exc}") from exc
    if not isinstance(spec, dict):
        raise typer.BadParameter(f"{rules}: expected a JSON object")
    saved = db_call(
        lambda s: put_program(s, name, str(spec.get("registry", "")), spec.get("rules"), spec.get("description")),
        errors="indented",
    )
    print(json.dumps(saved.model_dump(mode="json"), ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.command()(reassess)
    app.add_typer(registry_app, name="registry")
    app.add_typer(program_app, name="program")
