"""A live docverify for the client and fuzz tests: a real uvicorn API on a loopback port, the real database,
a real Redis and one real `docverify worker` process (tests/stack.py). Started once for tests/client, on first
use (Redis db 13: tests/workers use 14, tests/integrators 12).

How the tests authenticate lives in one fixture, `credentials` (with `SERVER_AUTH_ENV`, what the server needs
to accept them): other credentials mean changing those two, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from docverify_client import Client
from service.config import Settings
from tests.stack import (
    ApiProcess,
    WorkerProcess,
    bearer,
    database_url,
    free_port,
    issue_key,
    redis_url,
    settings_for,
    stack_env,
)

ADMIN_TOKEN = "client-tests-admin-token"
# what the server needs to accept `credentials` (API keys need nothing; the operator's token stays configured so
# that the fuzzer meets the X-Admin-Token path as deployed)
SERVER_AUTH_ENV = {"admin_token": ADMIN_TOKEN}


@dataclass
class Live:
    base_url: str
    settings: Settings
    env: dict[str, str]
    api: ApiProcess
    worker: WorkerProcess
    worker_metrics_url: str
    tmp: Path
    api_metrics_url: str = ""  # the API's own metrics listener (never the API port)


@dataclass(frozen=True)
class Credentials:
    """Headers that make a request of the calling client, allowed every operation (submit, read, admin)."""

    headers: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="package")  # stopped once tests/client is done, not kept to the end of the session
def live(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Live]:
    tmp = tmp_path_factory.mktemp("live")
    with database_url(tmp, "client") as db, redis_url(tmp, 13) as broker:
        metrics_port, api_metrics_port = free_port(), free_port()
        env = stack_env(
            db,
            broker,
            tmp / "uploads",
            worker_metrics_port=metrics_port,
            metrics_port=api_metrics_port,
            **SERVER_AUTH_ENV,
        )
        settings = settings_for(env)
        worker = WorkerProcess(env, tmp / "worker.log")
        api = ApiProcess(env, tmp / "api.log")
        worker.start()
        try:
            api.start()
            try:
                yield Live(
                    api.base_url,
                    settings,
                    env,
                    api,
                    worker,
                    f"http://127.0.0.1:{metrics_port}/metrics",
                    tmp,
                    f"http://127.0.0.1:{api_metrics_port}/metrics",
                )
            finally:
                api.stop()
        finally:
            worker.stop()


@pytest.fixture(scope="package")
def credentials(live: Live) -> Credentials:
    """The one place that says how tests authenticate: an API key of a fresh client with every scope
    (`Authorization: Bearer dvk_…`), made in the live stack's database. (Before API keys this was
    {"X-Client-Id": name, "X-Admin-Token": ADMIN_TOKEN}.)"""
    _client, key = issue_key(live.settings, scopes="submit,read,admin")
    return Credentials(headers=bearer(key))


@pytest.fixture()
def api_client(live: Live, credentials: Credentials) -> Iterator[Client]:
    """The generated client against the live API, authenticated as `credentials`."""
    with Client(
        base_url=live.base_url,
        headers=credentials.headers,
        timeout=httpx.Timeout(30.0),
        raise_on_unexpected_status=False,
    ) as client:
        yield client
