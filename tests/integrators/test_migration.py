"""0004 goes down to 0003 and up again (SQLite, or PostgreSQL with DATABASE_URL); an event written before it
gets its client and a delivery state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from service.config import Settings
from service.db import database
from tests.migrations import alembic_run, fresh_settings


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[Settings]:
    with fresh_settings(tmp_path, "mig4") as settings:
        yield settings


def test_0004_down_and_up_backfills_events(fresh: Settings) -> None:
    engine = database(fresh.sqlalchemy_url).engine
    alembic_run(fresh, "upgrade", "0003")
    now = "2026-11-30 00:00:00"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO verification_jobs (id, client_id, status, document_type, files, pages, "
                "attempts, created_at, updated_at) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'frontoffice', "
                "'completed', 'auto', '[]', 1, 1, :now, :now)"
            ),
            {"now": now},
        )
        events = (("01ARZ3NDEKTSV4RRFFQ69G5FA1", "https://example.com/h"), ("01ARZ3NDEKTSV4RRFFQ69G5FA2", None))
        for event_id, url in events:
            conn.execute(
                text(
                    "INSERT INTO verification_events (id, verification_id, type, callback_url, payload, "
                    "attempts, created_at) VALUES (:id, '01ARZ3NDEKTSV4RRFFQ69G5FAV', "
                    "'verification.reviewed', :url, '{}', 0, :now)"
                ),
                {"id": event_id, "url": url, "now": now},
            )
    alembic_run(fresh, "upgrade", "head")
    names = set(inspect(engine).get_table_names())
    assert {"api_clients", "api_keys"} <= names
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, client_id, status, next_attempt_at FROM verification_events ORDER BY id"))
        got = [(r[1], r[2], r[3] is not None) for r in rows]
    assert got == [("frontoffice", "pending", True), ("frontoffice", "skipped", True)]
    alembic_run(fresh, "downgrade", "0003")
    assert not {"api_clients", "api_keys"} & set(inspect(engine).get_table_names())
    assert "client_id" not in {c["name"] for c in inspect(engine).get_columns("verification_events")}
    alembic_run(fresh, "upgrade", "head")
    assert {"api_clients", "api_keys"} <= set(inspect(engine).get_table_names())
