"""0003 goes down to 0002 and up again on this database (SQLite, or PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

from sqlalchemy import inspect

from service.config import Settings
from service.db import database
from service.storage import Storage
from tests.migrations import alembic_run

REVIEW_TABLES = {
    "review_users",
    "review_sessions",
    "review_cases",
    "review_audit",
    "review_corrections",
    "verification_events",
}


def test_review_migration_down_and_up(review_settings: Settings) -> None:
    engine = database(review_settings.sqlalchemy_url).engine
    assert set(inspect(engine).get_table_names()) >= REVIEW_TABLES
    alembic_run(review_settings, "downgrade", "0002")
    assert not REVIEW_TABLES & set(inspect(engine).get_table_names())
    alembic_run(review_settings, "upgrade", "head")
    assert set(inspect(engine).get_table_names()) >= REVIEW_TABLES


def test_storage_accepts_card_keys_only_in_its_own_shape(tmp_path: object) -> None:
    from pathlib import Path

    import pytest

    storage = Storage(Path(str(tmp_path)))
    job = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
    key = storage.save_card(job, 0, b"jpeg")
    assert key == f"{job}/card-0.jpg" and storage.exists(key) and storage.load(key) == b"jpeg"
    for bad in (f"{job}/card-0.png", f"{job}/../x", f"{job}/card-a.jpg"):
        with pytest.raises(ValueError):
            storage.exists(bad)
