"""0007 (submitted_by: operator and channel on a verification, the operator's keyed hash on its fraud row)
on a database with a job from before it: the job reads back with no operator; down to 0006 and up again,
keeping the rows that reference the job (a batch copy of verification_jobs on SQLite would cascade-delete
them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from service.config import Settings
from service.db import database
from service.verifications import repository as jobs_repo
from service.verifications.service import view
from tests.migrations import alembic_run, fresh_settings

JOB = "01ARZ3NDEKTSV4RRFFQ69G5FAV"


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[Settings]:
    with fresh_settings(tmp_path, "mig7") as settings:
        yield settings


def columns(settings: Settings, table: str) -> set[str]:
    return {c["name"] for c in inspect(database(settings.sqlalchemy_url).engine).get_columns(table)}


def test_0007_adds_submitted_by_and_goes_back(fresh: Settings) -> None:
    engine = database(fresh.sqlalchemy_url).engine
    alembic_run(fresh, "upgrade", "0006")
    assert "operator" not in columns(fresh, "verification_jobs")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO verification_jobs (id, client_id, status, document_type, files, pages, "
                "attempts, created_at, updated_at) VALUES (:id, 'fo', 'queued', 'auto', '[]', 1, 0, "
                "'2026-12-01 00:00:00', '2026-12-01 00:00:00')"
            ),
            {"id": JOB},
        )
        conn.execute(
            text(
                "INSERT INTO verification_events (id, verification_id, type, payload, attempts, created_at, "
                "client_id, status) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FA1', :id, 't', '{}', 0, "
                "'2026-12-01 00:00:00', 'fo', 'skipped')"
            ),
            {"id": JOB},
        )
        conn.execute(
            text(
                "INSERT INTO fraud_submissions (verification_id, client_id, submitted_at, document_type, "
                "reason_codes) VALUES (:id, 'fo', '2026-12-01 00:00:00', 'ktp', ',')"
            ),
            {"id": JOB},
        )
    alembic_run(fresh, "upgrade", "0007")
    assert {"operator", "channel"} <= columns(fresh, "verification_jobs")
    assert "operator_key" in columns(fresh, "fraud_submissions")
    indexes = {i["name"] for i in inspect(engine).get_indexes("fraud_submissions")}
    assert "ix_fraud_submissions_operator_at" in indexes
    with database(fresh.sqlalchemy_url).session() as s:
        job = jobs_repo.get(s, JOB)
        assert job is not None and view(job).to_json()["submitted_by"] == {"operator": None, "channel": None}
        job.operator, job.channel = "loket-2", "counter"
    with database(fresh.sqlalchemy_url).session() as s:
        job = jobs_repo.get(s, JOB)
        assert job is not None and view(job).to_json()["submitted_by"] == {"operator": "loket-2", "channel": "counter"}
    alembic_run(fresh, "downgrade", "0006")
    assert not {"operator", "channel"} & columns(fresh, "verification_jobs")
    assert "operator_key" not in columns(fresh, "fraud_submissions")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM verification_jobs")).scalar_one() == JOB
    alembic_run(fresh, "upgrade", "head")
    assert {"operator", "channel"} <= columns(fresh, "verification_jobs")
    with engine.connect() as conn:
        for table in ("verification_events", "fraud_submissions"):
            assert conn.execute(text(f"SELECT verification_id FROM {table}")).scalar_one() == JOB, table
