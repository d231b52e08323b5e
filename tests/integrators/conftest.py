"""An app on its own database and Redis (REDIS_URL's server on a spare db index, else the embedded one),
callback URLs to 127.0.0.1 allow-listed for the local webhook receivers; no worker (deliveries run through
the real delivery code, called with shifted clocks)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from tests.receiver import Receiver, webhook_receiver
from tests.stack import Caller, database_url, new_caller, redis_url, settings_for, stack_env


@pytest.fixture(scope="module")
def int_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    tmp = tmp_path_factory.mktemp("integrators")
    with database_url(tmp, "integrators") as db, redis_url(tmp, 12) as broker:
        env = stack_env(
            db,
            broker,
            tmp / "uploads",
            webhook_allow_networks='["127.0.0.1/32"]',
            webhook_backoff_base_s=60,
            webhook_backoff_max_s=3600,
            webhook_max_age_s=86400,
            rate_limit_requests=100_000,
            max_queued_per_client=100_000,
        )
        yield settings_for(env)


@pytest.fixture(scope="module")
def api(int_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(int_settings), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def make_caller(int_settings: Settings) -> Callable[..., Caller]:
    return functools.partial(new_caller, int_settings)


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as state:
        yield state
