"""What several command groups share: a unit of work whose API errors end the command cleanly (one wrapper,
where there were four copies), and a registry CSV read into memory."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

import typer

from service.config import get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from service.registry.service import MemorySource

T = TypeVar("T")


def csv_source(path: Path) -> MemorySource:
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
        print(
            f"registry {path}: {report.error_count} invalid row(s) skipped (first: line {first.line}, "
            f"{first.column}: {first.message})",
            file=sys.stderr,
        )
    return MemorySource(path.stem, records)


def db_call(action: Callable[[Session], T], errors: Literal["json", "indented", "message"] = "json") -> T:
    """Run `action(session)` in one unit of work; an API error is a message on stderr and exit code 1, no
    traceback. The message is the error's JSON body (`indented`: as the loading commands print their
    results), or `error: …` for the clerk commands, typed by a person at a prompt (`message`)."""
    from service.db import database
    from service.errors import ApiError

    try:
        with database(get_settings().sqlalchemy_url).session() as session:
            return action(session)
    except ApiError as exc:
        if errors == "message":
            print(f"error: {exc.message}", file=sys.stderr)
        else:
            print(
                json.dumps(exc.body(), ensure_ascii=False, indent=2 if errors == "indented" else None), file=sys.stderr
            )
        raise typer.Exit(1) from exc
