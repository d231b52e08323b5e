"""Reading the contract's registry CSV: header checks, row validation, and the extra columns as attributes.

Pure parsing: rows come out as dicts ready for `repository.upsert_records`; nothing here touches the
database, so `docverify verify --registry FILE.csv` and the eval read a CSV with the same rules as an import.
Problems are reported by line number and column only: a registry row's values are personal data and never
go into an error message or a log.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from primitives.nik import is_nik_shaped
from service.registry.matching import name_key
from service.registry.tables import RECORD_FIELDS

REQUIRED = ("nik", "name")
MAX_ERRORS = 50  # reported per import; the count goes on


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class ParseReport:
    rows: int = 0
    skipped: int = 0
    duplicates: int = 0  # a NIK seen again later in the same file: the later row wins
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    def error(self, line: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, column, message))


class HeaderError(ValueError):
    """The file is not a registry CSV at all (no header, or no nik/name column)."""


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.isascii():  # NFKC only where it can change something: most registry cells are ASCII
        value = unicodedata.normalize("NFKC", value)
    return " ".join(value.split()) or None


def read_rows(stream: IO[str], report: ParseReport) -> Iterator[dict[str, Any]]:
    """Valid rows of a registry CSV, each with its record fields, `name_key` and `attributes`.

    Invalid rows are counted in `report` and not yielded; whether that fails the import is the caller's policy.
    """
    reader = csv.DictReader(stream)
    header = [clean(h) or "" for h in (reader.fieldnames or [])]
    if not header:
        raise HeaderError("the file is empty or has no header row")
    lowered = [h.lower() for h in header]
    missing = [c for c in REQUIRED if c not in lowered]
    if missing:
        raise HeaderError(
            f"the header lacks the required column(s) {', '.join(missing)}; "
            f"expected the contract's columns ({', '.join(RECORD_FIELDS)})"
        )
    dupes = sorted({h for h in lowered if lowered.count(h) > 1})
    if dupes:
        raise HeaderError(f"the header names a column more than once: {', '.join(dupes)}")
    reader.fieldnames = lowered
    for raw in reader:
        report.rows += 1
        line = reader.line_num
        row = _row(raw, line, report)
        if row is None:
            report.skipped += 1
            continue
        yield row


def _row(raw: dict[str | Any, Any], line: int, report: ParseReport) -> dict[str, Any] | None:
    if None in raw:  # more cells than header columns
        report.error(line, "-", "the row has more cells than the header has columns")
        return None
    values = {k: clean(v) for k, v in raw.items()}
    ok = True
    if not is_nik_shaped(values.get("nik")):
        report.error(line, "nik", "a NIK must be 16 digits")
        ok = False
    if not values.get("name"):
        report.error(line, "name", "the name is empty")
        ok = False
    birth = values.get("birth_date")
    if birth is not None:
        try:
            date.fromisoformat(birth)
        except ValueError:
            report.error(line, "birth_date", "the birth date is not an ISO date (YYYY-MM-DD)")
            ok = False
        else:
            ok = ok and len(birth) == 10
            if len(birth) != 10:
                report.error(line, "birth_date", "the birth date is not an ISO date (YYYY-MM-DD)")
    if not ok:
        return None
    row: dict[str, Any] = {f: values.get(f) for f in RECORD_FIELDS}
    for key in ("sex", "blood_type", "religion", "marital_status", "nationality"):
        if row[key]:
            row[key] = row[key].upper()
    row["name_key"] = name_key(row["name"])[:64]
    row["attributes"] = {k: v for k, v in values.items() if k not in RECORD_FIELDS and k and v is not None}
    return row


def load_csv(stream: IO[str]) -> tuple[dict[str, dict[str, Any]], ParseReport]:
    """A whole CSV in memory, by NIK (for `docverify verify --registry` and the eval, not for a million rows)."""
    report = ParseReport()
    records: dict[str, dict[str, Any]] = {}
    for row in read_rows(stream, report):
        if row["nik"] in records:
            report.duplicates += 1
        records[row["nik"]] = row
    return records, report
