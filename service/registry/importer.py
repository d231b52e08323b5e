"""Reading the contract's registry CSV: header checks, row validation, and the extra columns as attributes.

Pure parsing: rows come out as `Row`s ready for `repository.upsert_records`; nothing here touches the
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
from typing import IO

from pydantic import BaseModel

from primitives.nik import is_nik_shaped
from service.registry.matching import name_key
from service.registry.tables import RECORD_FIELDS

REQUIRED = ("nik", "name")
MAX_ERRORS = 50  # reported per import; the count goes on


class RowError(BaseModel):
    """An invalid row by line and column, never its values (served in an import's `errors`)."""

    line: int
    column: str
    message: str


@dataclass
class Row:
    """One valid registry row: the contract's columns, the blocking key of its name, and the extra columns."""

    fields: dict[str, str | None]  # every one of RECORD_FIELDS (None where the cell is empty)
    name_key: str
    attributes: dict[str, str]  # the CSV's extra columns, lower-cased names, empty cells left out

    @property
    def nik(self) -> str:
        return str(self.fields["nik"])

    def record(self, record_id: str) -> dict[str, str | None]:
        """Fields and attributes in one flat mapping, as `RegistryRecord.as_dict` gives a stored one."""
        return {**self.attributes, **self.fields, "record_id": record_id}


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
            self.errors.append(RowError(line=line, column=column, message=message))


class HeaderError(ValueError):
    """The file is not a registry CSV at all (no header, or no nik/name column)."""


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.isascii():  # NFKC only where it can change something: most registry cells are ASCII
        value = unicodedata.normalize("NFKC", value)
    return " ".join(value.split()) or None


def read_rows(stream: IO[str], report: ParseReport) -> Iterator[Row]:
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


def _row(raw: dict[str | None, str | list[str] | None], line: int, report: ParseReport) -> Row | None:
    if None in raw:  # more cells than header columns
        report.error(line, "-", "the row has more cells than the header has columns")
        return None
    values = {k: clean(v) for k, v in raw.items() if k is not None and not isinstance(v, list)}
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
    fields = {f: values.get(f) for f in RECORD_FIELDS}
    for key in ("sex", "blood_type", "religion", "marital_status", "nationality"):
        value = fields[key]
        if value:
            fields[key] = value.upper()
    return Row(
        fields=fields,
        name_key=name_key(fields["name"])[:64],
        attributes={k: v for k, v in values.items() if k not in RECORD_FIELDS and k and v is not None},
    )


def load_csv(stream: IO[str]) -> tuple[dict[str, Row], ParseReport]:
    """A whole CSV in memory, by NIK (for `docverify verify --registry` and the eval, not for a million rows)."""
    report = ParseReport()
    records: dict[str, Row] = {}
    for row in read_rows(stream, report):
        if row.nik in records:
            report.duplicates += 1
        records[row.nik] = row
    return records, report
