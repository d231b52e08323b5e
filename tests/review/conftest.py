from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from service.config import Settings
from service.db import database
from tests.stack import database_url, settings_for, stack_env


@pytest.fixture(scope="module")
def review_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A database of this test module's own (PostgreSQL in a fresh schema when DATABASE_URL is set, else
    SQLite), migrated; no broker."""
    tmp = tmp_path_factory.mktemp("review")
    with database_url(tmp, "review") as url:
        settings = settings_for(stack_env(url, "", tmp / "uploads", review_max_failed_logins=3))
        database(settings.sqlalchemy_url).ensure_schema()
        yield settings
        database(settings.sqlalchemy_url).dispose()


@pytest.fixture(scope="module")
def browser(server: Any) -> Iterator[Any]:
    """A headless chromium for a browser test module (tests/review/browser.py), after the module's `server`
    (its own fixture) has started and closed before it stops."""
    from tests.review.browser import chromium

    with chromium() as b:
        yield b
