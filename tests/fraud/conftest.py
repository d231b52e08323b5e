from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from service.config import Settings
from service.db import database
from service.fraud import index
from tests.stack import database_url, settings_for, stack_env

BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get("DATABASE_URL", "").startswith("postgresql") else [])]


@pytest.fixture(params=BACKENDS)
def fraud_settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """A fresh migrated database per test, on SQLite and (with DATABASE_URL) on PostgreSQL."""
    tmp = tmp_path_factory.mktemp("fraud")
    if request.param == "sqlite":
        monkeypatch.delenv("DATABASE_URL", raising=False)
    with database_url(tmp, "fraud") as url:
        settings = settings_for(stack_env(url, "", tmp / "uploads"))
        database(settings.sqlalchemy_url).ensure_schema()
        index.reset()
        yield settings
        index.reset()
        database(settings.sqlalchemy_url).dispose()
