"""Every query on registries, their records, imports and programs. Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TypedDict

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from service import crypto
from service.db import utcnow
from service.registry.importer import Row
from service.registry.tables import RECORD_FIELDS, Program, Registry, RegistryImport, RegistryRecord, StoredRecord

COLUMNS = ("nik_hash", "name_key", "birth_key", "data")  # what a record row stores (issue 9: no clear text)


class StoredRow(TypedDict):
    """The columns of one `registry_records` row (COLUMNS), as an insert sends them."""

    nik_hash: str
    name_key: str
    birth_key: str | None
    data: StoredRecord


class InsertRow(StoredRow):
    registry_name: str
    updated_at: datetime


def birth_key(birth_date: str | None) -> str | None:
    return crypto.lookup_hash("birth_date", birth_date) if birth_date else None


def name_key_hash(name_key: str | None) -> str | None:
    return crypto.lookup_hash("name_key", name_key) if name_key else None


def stored(row: Row) -> StoredRow:
    """An importer row (fields, `name_key`, `attributes`) as the table stores it: keyed hashes to look it up
    by, and the record itself as `data` (encrypted by the column type)."""
    data: StoredRecord = {f: row.fields.get(f) for f in RECORD_FIELDS}
    data["attributes"] = row.attributes
    return {
        "nik_hash": crypto.subject_hash(row.nik),
        "name_key": name_key_hash(row.name_key) or "",
        "birth_key": birth_key(row.fields.get("birth_date")),
        "data": data,
    }


def get_registry(session: Session, name: str) -> Registry | None:
    return session.get(Registry, name)


def list_registries(session: Session) -> Sequence[Registry]:
    return session.scalars(select(Registry).order_by(Registry.name)).all()


def ensure_registry(session: Session, name: str) -> Registry:
    """The registry row, locked for this transaction so that two imports into one registry queue up."""
    found = session.scalars(select(Registry).where(Registry.name == name).with_for_update()).one_or_none()
    if found is None:
        found = Registry(name=name, record_count=0, created_at=utcnow())
        session.add(found)
        session.flush()
    return found


def count_records(session: Session, registry: str) -> int:
    stmt = select(func.count()).select_from(RegistryRecord).where(RegistryRecord.registry_name == registry)
    return int(session.scalar(stmt) or 0)


def upsert_records(session: Session, registry: str, rows: Sequence[Row]) -> None:
    """Insert the rows, replacing any record of the same registry and NIK (re-import)."""
    if not rows:
        return
    now = utcnow()
    values: list[InsertRow] = [{**stored(r), "registry_name": registry, "updated_at": now} for r in rows]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        _copy_upsert_pg(session, registry, values)
        return
    insert = sqlite_insert(RegistryRecord) if dialect == "sqlite" else pg_insert(RegistryRecord)
    stmt = insert.on_conflict_do_update(
        index_elements=["registry", "nik_hash"],
        set_={c: insert.excluded[c] for c in (*COLUMNS, "updated_at") if c != "nik_hash"},
    )
    session.execute(stmt, values)


def _copy_upsert_pg(session: Session, registry: str, values: Sequence[InsertRow]) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT … ON CONFLICT: a million rows in seconds, and
    still inside the caller's transaction (all or nothing)."""
    import json

    ring = crypto.keyring()  # COPY bypasses the column type: seal `data` here as EncryptedJson would
    conn = session.connection()
    raw = conn.connection.driver_connection
    cols = [*COLUMNS, "registry", "updated_at"]  # table columns
    with raw.cursor() as cur:  # type: ignore[union-attr]
        cur.execute(
            "CREATE TEMP TABLE IF NOT EXISTS registry_stage (LIKE registry_records INCLUDING DEFAULTS) ON COMMIT DROP"
        )
        cur.execute("TRUNCATE registry_stage")
        with cur.copy(f"COPY registry_stage ({', '.join(cols)}) FROM STDIN") as copy:
            for v in values:
                sealed = json.dumps(ring.encrypt_text(json.dumps(v["data"], ensure_ascii=False, separators=(",", ":"))))
                row: dict[str, str | datetime | None] = {
                    "nik_hash": v["nik_hash"],
                    "name_key": v["name_key"],
                    "birth_key": v["birth_key"],
                    "data": sealed,
                    "registry": registry,
                    "updated_at": v["updated_at"],
                }
                copy.write_row([row[c] for c in cols])
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in cols if c not in ("nik_hash", "registry"))
        cur.execute(
            f"INSERT INTO registry_records ({', '.join(cols)}) "
            f"SELECT {', '.join(cols)} FROM registry_stage "
            f"ON CONFLICT (registry, nik_hash) DO UPDATE SET {updates}"
        )


def set_count(session: Session, registry: str, count: int) -> None:
    session.execute(update(Registry).where(Registry.name == registry).values(record_count=count, imported_at=utcnow()))


def delete_registry(session: Session, name: str) -> int:
    deleted = count_records(session, name)
    session.execute(delete(RegistryRecord).where(RegistryRecord.registry_name == name))
    session.execute(delete(Registry).where(Registry.name == name))
    return deleted


def by_nik(session: Session, registry: str, nik: str) -> RegistryRecord | None:
    stmt = select(RegistryRecord).where(
        RegistryRecord.registry_name == registry, RegistryRecord.nik_hash == crypto.subject_hash(nik)
    )
    return session.scalars(stmt).one_or_none()


def registries_holding(session: Session, nik: str) -> list[tuple[str, int]]:
    """(registry, record id) of every registry record of this NIK: what a data-subject request lists."""
    stmt = (
        select(RegistryRecord.registry_name, RegistryRecord.id)
        .where(RegistryRecord.nik_hash == crypto.subject_hash(nik))
        .order_by(RegistryRecord.registry_name)
    )
    return [(str(r), int(i)) for r, i in session.execute(stmt).all()]


def candidates(
    session: Session, registry: str, *, birth_date: str | None, name_key: str | None, limit: int
) -> Sequence[RegistryRecord]:
    """The block for a search without a usable NIK: everyone born that day first (a few dozen in a million),
    then people of the same first name word up to `limit`. Two indexed queries, not one `OR`: the OR lets a
    common first name crowd the right birth date out of the limit, and SQLite plans it as a table scan."""
    found: list[RegistryRecord] = []
    born, named = birth_key(birth_date), name_key_hash(name_key)
    if born:
        stmt = (
            select(RegistryRecord)
            .where(RegistryRecord.registry_name == registry, RegistryRecord.birth_key == born)
            .limit(limit)
        )
        found.extend(session.scalars(stmt).all())
    if named and len(found) < limit:
        stmt = select(RegistryRecord).where(RegistryRecord.registry_name == registry, RegistryRecord.name_key == named)
        if born:
            stmt = stmt.where(or_(RegistryRecord.birth_key.is_(None), RegistryRecord.birth_key != born))
        found.extend(session.scalars(stmt.limit(limit - len(found))).all())
    return found


def analyze(session: Session) -> None:
    """Fresh planner statistics after a bulk load (SQLite never gathers them by itself)."""
    session.execute(text("ANALYZE registry_records"))


def add_import(session: Session, run: RegistryImport) -> None:
    session.add(run)
    session.flush()


def list_imports(session: Session, registry: str, limit: int = 20) -> Sequence[RegistryImport]:
    stmt = (
        select(RegistryImport)
        .where(RegistryImport.registry_name == registry)
        .order_by(RegistryImport.started_at.desc())
        .limit(limit)
    )
    return session.scalars(stmt).all()


def get_program(session: Session, name: str) -> Program | None:
    return session.get(Program, name)


def list_programs(session: Session) -> Sequence[Program]:
    return session.scalars(select(Program).order_by(Program.name)).all()


def put_program(session: Session, program: Program) -> Program:
    merged = session.merge(program)
    session.flush()
    return merged


def registry_names(session: Session, names: Iterable[str]) -> set[str]:
    wanted = list(names)
    if not wanted:
        return set()
    return set(session.scalars(select(Registry.name).where(Registry.name.in_(wanted))).all())
