"""Registries: importing the contract's CSV, finding a document's record, and the three-way claim check.

Matching itself is pure (`service.registry.matching`); this module finds the records to compare, from the
database (`DbSource`) or from a CSV read into memory (`MemorySource`, for `docverify verify --registry`
and the eval), and shapes the contract's `registry` block.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from typing import IO, Protocol

from pydantic import JsonValue
from sqlalchemy.orm import Session

from primitives.nik import is_nik_shaped, mask_nik
from service.config import Settings
from service.db import utcnow
from service.errors import InvalidField, NotFound, RegistryCsvInvalid
from service.ids import new_id
from service.registry import matching, programs
from service.registry import repository as repo
from service.registry.importer import HeaderError, ParseReport, Row, read_rows
from service.registry.programs import Rule
from service.registry.schemas import ImportResult, ImportSummary, ProgramOut, RegistryDetail, RegistrySummary
from service.registry.tables import Program, Record, RegistryImport, RegistryRecord
from service.verifications.model import Candidate, ClaimField, FieldScore, Registry

log = logging.getLogger(__name__)

Values = Mapping[str, str | None]


# Import


def import_csv(
    session: Session, settings: Settings, registry: str, stream: IO[str], *, skip_invalid: bool = False
) -> ImportResult:
    """Load a registry CSV in the caller's transaction: records are replaced by NIK, all or nothing.

    An invalid row fails the whole import (nothing is written) unless `skip_invalid`, in which case it is
    skipped and reported by line number.
    """
    if not programs.valid_name(registry):
        raise InvalidField("a registry name is 1–64 letters, digits, '.', '_' or '-'", {"field": "name"})
    started = time.monotonic()
    run = RegistryImport(id=new_id(), registry_name=registry, status="running", started_at=utcnow())
    repo.ensure_registry(session, registry)
    before = repo.count_records(session, registry)
    report = ParseReport()
    batch: dict[str, Row] = {}
    try:
        for row in read_rows(stream, report):
            if row.nik in batch:
                report.duplicates += 1
            batch[row.nik] = row
            if len(batch) >= settings.registry_import_batch:
                repo.upsert_records(session, registry, list(batch.values()))
                batch.clear()
    except HeaderError as exc:
        raise RegistryCsvInvalid(str(exc), {"registry": registry}) from exc
    except UnicodeDecodeError as exc:
        raise RegistryCsvInvalid("the file is not UTF-8 text", {"registry": registry, "byte": exc.start}) from exc
    errors: list[dict[str, str | int]] = [e.model_dump() for e in report.errors]
    if report.error_count and not skip_invalid:
        raise RegistryCsvInvalid(
            f"{report.error_count} invalid row(s); nothing was imported (skip them with skip_invalid)",
            {"registry": registry, "invalid_rows": report.error_count, "errors": errors},
        )
    repo.upsert_records(session, registry, list(batch.values()))
    after = repo.count_records(session, registry)
    repo.set_count(session, registry, after)
    repo.analyze(session)
    valid = report.rows - report.skipped - report.duplicates
    inserted = after - before
    run.status, run.rows, run.inserted, run.updated = "completed", report.rows, inserted, valid - inserted
    run.skipped, run.errors, run.finished_at = report.skipped, errors, utcnow()
    repo.add_import(session, run)
    result = ImportResult(
        id=run.id,
        registry=registry,
        status=run.status,
        rows=report.rows,
        inserted=inserted,
        updated=valid - inserted,
        skipped=report.skipped,
        duplicates=report.duplicates,
        records=after,
        seconds=round(time.monotonic() - started, 2),
        errors=report.errors,
    )
    log.info(
        "registry %s import %s: %d rows, %d inserted, %d updated, %d skipped in %.1f s",
        registry,
        run.id,
        report.rows,
        inserted,
        valid - inserted,
        report.skipped,
        result.seconds,
    )
    return result


def describe_registry(session: Session, name: str) -> RegistryDetail:
    found = repo.get_registry(session, name)
    if found is None:
        raise NotFound(f"no registry {name}", {"registry": name})
    return RegistryDetail(
        name=found.name,
        records=found.record_count,
        created_at=found.created_at.isoformat(),
        imported_at=found.imported_at.isoformat() if found.imported_at else None,
        imports=[
            ImportSummary(
                id=r.id,
                status=r.status,
                rows=r.rows,
                inserted=r.inserted,
                updated=r.updated,
                skipped=r.skipped,
                started_at=r.started_at.isoformat(),
            )
            for r in repo.list_imports(session, name)
        ],
    )


def list_registries(session: Session) -> list[RegistrySummary]:
    return [
        RegistrySummary(
            name=r.name, records=r.record_count, imported_at=r.imported_at.isoformat() if r.imported_at else None
        )
        for r in repo.list_registries(session)
    ]


def exists(session: Session, name: str) -> bool:
    return repo.get_registry(session, name) is not None


# Programs


def put_program(session: Session, name: str, registry: str, rules: object, description: str | None) -> ProgramOut:
    if not programs.valid_name(name):
        raise InvalidField("a program name is 1–64 letters, digits, '.', '_' or '-'", {"field": "name"})
    try:
        checked = programs.validate_rules(rules)
    except programs.RuleError as exc:
        raise InvalidField(str(exc), {"field": "rules"}) from exc
    if not exists(session, registry):
        raise InvalidField(f"no registry {registry}; import it first", {"field": "registry"})
    saved = repo.put_program(
        session, Program(name=name, registry_name=registry, rules=checked, description=description, updated_at=utcnow())
    )
    return program_json(saved)


def program_json(program: Program) -> ProgramOut:
    rules: list[Rule] = program.rules
    return ProgramOut(name=program.name, registry=program.registry_name, description=program.description, rules=rules)


def get_program(session: Session, name: str) -> Program:
    found = repo.get_program(session, name)
    if found is None:
        raise NotFound(f"no program {name}", {"program": name})
    return found


def list_programs(session: Session) -> list[ProgramOut]:
    return [program_json(p) for p in repo.list_programs(session)]


# Finding a document's record


class RecordSource(Protocol):
    name: str

    def by_nik(self, nik: str) -> Record | None: ...

    def candidates(self, birth_date: str | None, name_key: str | None, limit: int) -> Sequence[Record]: ...


def _record(row: RegistryRecord) -> Record:
    return {**row.as_dict(), "record_id": str(row.id)}


class DbSource:
    def __init__(self, session: Session, name: str) -> None:
        self.session, self.name = session, name

    def by_nik(self, nik: str) -> Record | None:
        row = repo.by_nik(self.session, self.name, nik)
        return _record(row) if row is not None else None

    def candidates(self, birth_date: str | None, name_key: str | None, limit: int) -> Sequence[Record]:
        rows = repo.candidates(self.session, self.name, birth_date=birth_date, name_key=name_key, limit=limit)
        return [_record(r) for r in rows]


class MemorySource:
    """A registry CSV read into memory (`importer.load_csv`), indexed like the database."""

    def __init__(self, name: str, records: Mapping[str, Row]) -> None:
        self.name = name
        self.records: dict[str, Record] = {nik: row.record(nik) for nik, row in records.items()}
        self.by_date: dict[str, list[Record]] = {}
        self.by_key: dict[str, list[Record]] = {}
        for nik, row in records.items():
            record = self.records[nik]
            birth = row.fields.get("birth_date")
            if birth:
                self.by_date.setdefault(birth, []).append(record)
            self.by_key.setdefault(row.name_key, []).append(record)

    def by_nik(self, nik: str) -> Record | None:
        return self.records.get(nik)

    def candidates(self, birth_date: str | None, name_key: str | None, limit: int) -> Sequence[Record]:
        found: dict[str, Record] = {}
        for r in [*self.by_date.get(birth_date or "", []), *(self.by_key.get(name_key, []) if name_key else [])]:
            found[str(r["nik"])] = r
        return list(found.values())[:limit]


def match_document(source: RecordSource, document: Values, settings: Settings) -> tuple[Registry, Record | None]:
    """The contract's `registry` block for a document's fields, and the matched record (or None).

    By NIK first. Without a usable NIK, or with one the registry does not know, candidates are searched by
    birth date and name (block, then fuzzy) and the best three are returned for a clerk: never matched
    automatically, since the NIK is what ties a person to a record.
    """
    started = time.perf_counter()
    nik = document.get("nik")
    block = Registry(status="not_found", source=source.name)
    record = source.by_nik(nik) if nik is not None and is_nik_shaped(nik) else None
    if record is not None:
        result = matching.compare(document, record)
        block.record_id, block.score = record["record_id"], result.score
        block.fields = {k: _score(v) for k, v in result.fields.items()}
        block.status = "match" if is_match(result, settings) else "mismatch"
    else:
        key = matching.name_key(document.get("name")) or None
        pool = source.candidates(document.get("birth_date"), key, settings.candidate_block_limit)
        ranked = matching.rank_candidates(document, pool, limit=3)
        block.candidates = [
            Candidate(
                record_id=rec["record_id"],
                nik=mask_nik(str(rec["nik"])),
                score=res.score,
                fields={k: _score(res.fields[k]) for k in ("name", "birth_date", "nik") if k in res.fields},
            )
            for rec, res in ranked
        ]
    block.lookup_ms = round((time.perf_counter() - started) * 1000, 2)
    return block, record


def _score(found: matching.FieldScore) -> FieldScore:
    return FieldScore(document=found.document, registry=found.registry, score=found.score)


def is_match(result: matching.MatchResult, settings: Settings) -> bool:
    name = result.fields.get("name")
    birth = result.fields.get("birth_date")
    return (
        result.score >= settings.match_min_score
        and (name is None or name.score >= settings.match_min_name_score)
        and (birth is None or birth.score == 100)
    )


def claim_check(
    claim: Mapping[str, JsonValue] | None, document: Values, record: Values | None, settings: Settings
) -> dict[str, ClaimField] | None:
    """Claim (what the applicant typed) × document × registry, per claimed field, naming the side that
    disagrees."""
    if not claim:
        return None
    claimed = {str(k): (None if v is None else str(v)) for k, v in claim.items() if not isinstance(v, (dict, list))}
    fields = matching.check_claim(claimed, document, record, agree_at=settings.claim_agree_score)
    return {
        k: ClaimField(claim=v.claim, document=v.document, registry=v.registry, disagrees=v.disagrees)
        for k, v in fields.items()
    }
