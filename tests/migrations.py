"""The migration tests' parts: alembic run on a test database, and a fresh database's settings to run it on
(SQLite, or a PostgreSQL schema with DATABASE_URL)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from service.config import Settings
from service.db import MIGRATIONS_DIR, database
from tests.stack import database_url, settings_for, stack_env


def alembic_run(settings: Settings, command: str, revision: str) -> None:
    """`alembic <command> <revision>` (upgrade, downgrade) on the settings' database."""
    from alembic import command as alembic
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database(settings.sqlalchemy_url).engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(alembic, command)(cfg, revision)


@contextmanager
def fresh_settings(tmp: Path, name: str) -> Iterator[Settings]:
    """Settings of a fresh, empty database (no schema yet), its engine disposed afterwards."""
    with database_url(tmp, name) as url:
        settings = settings_for(stack_env(url, "", tmp / "uploads"))
        try:
            yield settings
        finally:
            database(settings.sqlalchemy_url).dispose()
