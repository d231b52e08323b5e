"""`docverify purge` and `docverify privacy …`: personal data protection (issue 9, UU 27/2022, docs/privacy.md):
data-subject requests, breach report, retention, keys."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from docverify.cli.common import db_call
from service.config import get_settings

privacy_app = typer.Typer(
    no_args_is_help=True,
    help="Personal data protection (UU 27/2022): data-subject requests, "
    "breach report, retention, keys. See docs/privacy.md.",
)
retention_app = typer.Typer(no_args_is_help=True, help="Retention periods per client and document type.")
privacy_app.add_typer(retention_app, name="retention")


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


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be purged; change nothing.")] = False,
    limit: Annotated[int | None, typer.Option(help="Purge at most this many verifications this run.")] = None,
) -> None:
    """Delete the files and personal fields of verifications whose retention ended (cron, e.g. daily); keeps the
    minimal record (id, client, decision, dates, reason codes). Idempotent."""
    from service.privacy import service as privacy

    settings = get_settings()
    report = db_call(lambda s: privacy.purge(s, settings, _storage(), dry_run=dry_run, limit=limit))
    print(json.dumps(report.to_json().model_dump(mode="json"), indent=2))


@privacy_app.command("subject")
def privacy_subject(
    nik: Annotated[
        str,
        typer.Argument(
            help="The data subject's NIK (16 digits), or - to read it from stdin (keeps it out of the shell history)."
        ),
    ],
    export: Annotated[
        Path | None, typer.Option("--export", help="Write the subject's data as JSON to this file.")
    ] = None,
    erase: Annotated[
        bool, typer.Option("--erase", help="Erase the person's personal data (minimal records stay).")
    ] = False,
) -> None:
    """A data-subject request (Pasal 32, 43-44), across all clients: list, export or erase."""
    from service.privacy import service as privacy

    if nik == "-":
        nik = sys.stdin.readline().strip()
    who = _supervisor()
    if erase:
        out = db_call(lambda s: privacy.erase(s, _storage(), nik, client_id=None, actor_type="supervisor", actor=who))
        print(json.dumps(out.model_dump(mode="json"), indent=2))
        return
    if export is not None:
        data = db_call(lambda s: privacy.export(s, nik, client_id=None, actor_type="supervisor", actor=who))
        export.write_text(json.dumps(data.model_dump(mode="json"), indent=2, ensure_ascii=False), encoding="utf-8")
        print(
            f"{len(data.verifications)} verification(s), {len(data.processing_records)} processing "
            f"record(s) written to {export}",
            file=sys.stderr,
        )
        return
    listing = db_call(lambda s: privacy.subject(s, nik, client_id=None, actor_type="supervisor", actor=who))
    print(json.dumps(listing.model_dump(mode="json"), indent=2))


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

    report = db_call(lambda s: privacy.breach_report(s, client, _when(start, "--from"), _when(end, "--to")))
    if as_json:
        print(json.dumps(report.model_dump(mode="json"), indent=2))
        return
    print(
        f"client {report.client or '(all)'}, {report.from_} .. {report.to}: "
        f"{report.verifications} verification(s), {report.subjects} person(s)"
    )
    for kind, count in report.counts.items():
        print(f"  {kind:24} {count}")


@privacy_app.command("reencrypt")
def privacy_reencrypt(
    batch: Annotated[int, typer.Option(help="Rows per read.")] = 500,
) -> None:
    """Move every encrypted row and file onto the first key of DOCVERIFY_ENCRYPTION_KEYS (after a rotation, and
    for files written before encryption was on). Idempotent; then the old key can be removed."""
    from service.privacy import service as privacy

    print(json.dumps(db_call(lambda s: privacy.reencrypt(s, _storage(), batch)).model_dump(mode="json"), indent=2))


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

    if not db_call(lambda s: privacy.set_legal_hold(s, verification_id, not release, actor=_supervisor())):
        raise typer.BadParameter(f"no verification {verification_id}")
    print(f"{verification_id}: legal hold {'released' if release else 'set'}")


@privacy_app.command("records")
def privacy_records(
    verification_id: Annotated[str, typer.Argument(help="The verification's id.")],
) -> None:
    """The processing records of one verification (who, what, when)."""
    from service.privacy import repository as privacy_repo
    from service.privacy import service as privacy

    rows = db_call(
        lambda s: [privacy.record_json(r) for r in privacy_repo.records(s, verification_ids=[verification_id])]
    )
    print(json.dumps([r.model_dump(mode="json") for r in rows], indent=2))


@retention_app.command("set")
def retention_set(
    days: Annotated[int, typer.Argument(help="Days after a verification finished.")],
    client: Annotated[str, typer.Option("--client", help="A client id, or * for any.")] = "*",
    document_type: Annotated[str, typer.Option("--type", help="ktp, kk, passport, sktm, unknown, or * for any.")] = "*",
) -> None:
    """Set a retention period (the most specific policy wins; the default is DOCVERIFY_RETENTION_DAYS)."""
    from service.privacy import service as privacy

    print(json.dumps(db_call(lambda s: privacy.set_retention(s, client, document_type, days)).model_dump(mode="json")))


@retention_app.command("clear")
def retention_clear(
    client: Annotated[str, typer.Option("--client")] = "*",
    document_type: Annotated[str, typer.Option("--type")] = "*",
) -> None:
    """Remove one policy."""
    from service.privacy import service as privacy

    removed = db_call(lambda s: privacy.clear_retention(s, client, document_type))
    print("removed" if removed else "no such policy")


@retention_app.command("list")
def retention_list() -> None:
    """The default and every policy."""
    from service.privacy import service as privacy

    settings = get_settings()
    print(json.dumps(db_call(lambda s: privacy.list_retention(s, settings)).model_dump(mode="json"), indent=2))


def register(app: typer.Typer) -> None:
    app.command()(purge)
    app.add_typer(privacy_app, name="privacy")
