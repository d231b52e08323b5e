from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from tests.stack import Caller, bearer, database_url, issue_key, new_caller, settings_for, stack_env

ADMIN_TOKEN = "test-admin-token"


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """The API on the real database; no broker (tasks stay queued: these tests run no worker)."""
    tmp = tmp_path_factory.mktemp("api")
    with database_url(tmp, "api") as url:
        env = stack_env(
            url,
            "",
            tmp / "uploads",
            max_request_bytes=3_000_000,
            max_upload_bytes=2_000_000,
            admin_token=ADMIN_TOKEN,
            max_queued_per_client=100_000,
        )
        yield settings_for(env)


@pytest.fixture(scope="session")
def client(api_settings: Settings) -> Iterator[TestClient]:
    """The app, authenticated by default as client `default` with every scope (a request's own
    Authorization header overrides it)."""
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as c:
        c.headers.update(bearer(issue_key(api_settings, "default")[1]))
        yield c


@pytest.fixture(scope="session")
def anon(api_settings: Settings) -> Iterator[TestClient]:
    """The app without any credentials."""
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def new_client(api_settings: Settings) -> Callable[..., Caller]:
    """Makes a fresh client with a key (every scope unless told)."""
    return functools.partial(new_caller, api_settings)


@pytest.fixture()
def uploads_dir(api_settings: Settings) -> Path:
    return api_settings.uploads_dir
