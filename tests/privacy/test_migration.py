"""Migration 0005 on a database with data from before issue 9: registry records, a finished verification and a
webhook event in clear become encrypted and hashed; lookups work; the downgrade restores the clear columns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from service import crypto
from service.config import Settings
from service.db import database
from service.registry import repository as registry_repo
from service.verifications import repository as jobs_repo
from tests.migrations import alembic_run, fresh_settings
from tests.privacy.conftest import ADDRESS, NAME, NIK

JOB = "01ARZ3NDEKTSV4RRFFQ69G5FAV"


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[Settings]:
    with fresh_settings(tmp_path, "mig5") as settings:
        yield settings


def test_0005_encrypts_existing_rows_and_goes_back(fresh: Settings) -> None:
    engine = database(fresh.sqlalchemy_url).engine
    alembic_run(fresh, "upgrade", "0004")
    now = "2026-11-30 00:00:00"
    result = {"status": "completed", "fields": {"nik": {"value": NIK}, "name": {"value": NAME}}, "reasons": []}
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO registries (name, record_count, created_at) VALUES ('dukcapil', 1, :now)"), {"now": now}
        )
        conn.execute(
            text(
                "INSERT INTO registry_records (registry, nik, name, name_key, birth_date, address, "
                "attributes, updated_at) VALUES ('dukcapil', :nik, :name, 'CAHYANTO', '1984-10-27', "
                ':address, \'{"desil": "3"}\', :now)'
            ),
            {"nik": NIK, "name": NAME, "address": ADDRESS, "now": now},
        )
        conn.execute(
            text(
                "INSERT INTO verification_jobs (id, client_id, status, document_type, claim, files, "
                "pages, result, attempts, created_at, updated_at) VALUES (:id, 'fo', 'completed', 'ktp', "
                ":claim, '[]', 1, :result, 1, :now, :now)"
            ),
            {"id": JOB, "claim": json.dumps({"nik": NIK}), "result": json.dumps(result), "now": now},
        )
        conn.execute(
            text(
                "INSERT INTO verification_events (id, verification_id, type, payload, attempts, created_at, "
                "client_id, status) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FA1', :id, 'verification.completed', "
                ":payload, 0, :now, 'fo', 'skipped')"
            ),
            {"id": JOB, "payload": json.dumps({"data": result}), "now": now},
        )
    alembic_run(fresh, "upgrade", "head")
    with engine.connect() as conn:
        dump = " ".join(
            str(row)
            for table in ("registry_records", "verification_jobs", "verification_events")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
        )
    assert NIK not in dump and NAME not in dump and ADDRESS not in dump and "dv1:dev:" in dump
    with database(fresh.sqlalchemy_url).session() as s:
        record = registry_repo.by_nik(s, "dukcapil", NIK)
        assert record is not None and record.as_dict()["name"] == NAME and record.as_dict()["desil"] == "3"
        found = registry_repo.candidates(s, "dukcapil", birth_date="1984-10-27", name_key=None, limit=5)
        assert [r.id for r in found] == [record.id]
        job = jobs_repo.get(s, JOB)
        assert job is not None and job.result == result and job.claim == {"nik": NIK}
        assert job.nik_hash == job.claim_nik_hash == crypto.subject_hash(NIK)
    alembic_run(fresh, "downgrade", "0004")
    assert "nik" in {c["name"] for c in inspect(engine).get_columns("registry_records")}
    with engine.connect() as conn:
        row = conn.execute(text("SELECT nik, name, name_key, address FROM registry_records")).one()
        assert tuple(row) == (NIK, NAME, "CAHYANTO", ADDRESS)
        claim = conn.execute(text("SELECT claim FROM verification_jobs")).scalar_one()
        assert (json.loads(claim) if isinstance(claim, str) else claim) == {"nik": NIK}
    alembic_run(fresh, "upgrade", "head")


def test_0005_keeps_the_rows_that_reference_verifications(fresh: Settings) -> None:
    """SQLite: a batch copy of verification_jobs would drop the table and cascade-delete its events."""
    engine = database(fresh.sqlalchemy_url).engine
    alembic_run(fresh, "upgrade", "0004")
    now = "2026-11-30 00:00:00"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO verification_jobs (id, client_id, status, document_type, files, pages, "
                "attempts, created_at, updated_at) VALUES (:id, 'fo', 'queued', 'ktp', '[]', 1, 0, :now, "
                ":now)"
            ),
            {"id": JOB, "now": now},
        )
        conn.execute(
            text(
                "INSERT INTO verification_events (id, verification_id, type, payload, attempts, created_at, "
                "client_id, status) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FA1', :id, 't', '{}', 0, :now, 'fo', "
                "'skipped')"
            ),
            {"id": JOB, "now": now},
        )
        conn.execute(
            text(
                "INSERT INTO idempotency_keys (client_id, key, request_hash, job_id, created_at) "
                "VALUES ('fo', 'k', 'h', :id, :now)"
            ),
            {"id": JOB, "now": now},
        )
    for step in (("upgrade", "head"), ("downgrade", "0004"), ("upgrade", "head")):
        alembic_run(fresh, *step)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM verification_events")).scalar_one() == 1, step
            assert conn.execute(text("SELECT COUNT(*) FROM idempotency_keys")).scalar_one() == 1, step
