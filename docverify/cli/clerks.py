"""`docverify clerk …`: accounts of the clerk review UI (/review); the password is never an argument."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from docverify.cli.common import db_call
from service.config import get_settings

clerk_app = typer.Typer(no_args_is_help=True, help="Accounts of the clerk review UI (/review).")


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


@clerk_app.command("create")
def clerk_create(
    username: Annotated[str, typer.Argument(help="Login name: lower-case letters, digits, '.', '_', '-'.")],
    role: Annotated[
        str, typer.Option("--role", help="clerk or supervisor (supervisors also see the audit).")
    ] = "clerk",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
) -> None:
    """Create a review account (password hashed with argon2id)."""
    from service.review import service as review

    password = _read_password(password_stdin)
    user = db_call(lambda s: review.create_user(s, get_settings(), username, password, role), errors="message")
    print(json.dumps({"username": user.username, "role": user.role}))


@clerk_app.command("passwd")
def clerk_passwd(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
) -> None:
    """Set a new password (also unlocks the account and ends its sessions)."""
    from service.review import service as review

    password = _read_password(password_stdin)
    db_call(lambda s: review.set_password(s, get_settings(), username, password), errors="message")
    print(json.dumps({"username": username, "password": "changed"}))


@clerk_app.command("unlock")
def clerk_unlock(username: Annotated[str, typer.Argument()]) -> None:
    """Lift a lock left by repeated failed logins."""
    from service.review import service as review

    db_call(lambda s: review.unlock(s, username), errors="message")
    print(json.dumps({"username": username, "locked": False}))


@clerk_app.command("list")
def clerk_list() -> None:
    """Accounts, roles and whether they are locked."""
    from service.review import service as review

    print(json.dumps(db_call(review.list_users, errors="message"), indent=2))


@clerk_app.command("corrections")
def clerk_corrections(
    out: Annotated[Path | None, typer.Option("--out", help="Write JSON lines here (default stdout).")] = None,
) -> None:
    """Export the clerks' field corrections (read value, right value, box) as JSON lines for evaluation."""
    from service.review import service as review

    rows = db_call(review.export_corrections, errors="message")
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"{len(rows)} correction(s) written to {out}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.add_typer(clerk_app, name="clerk")
