from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from tests.stack import WorkerProcess, bearer, database_url, issue_key, redis_url, settings_for, stack_env


@dataclass
class Stack:
    settings: Settings
    env: dict[str, str]
    api: TestClient
    worker: WorkerProcess
    tmp: Path


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Stack]:
    """Real Redis, the real database and one real `docverify worker` subprocess (one OCR engine load). `api` is
    authenticated as client `default` (every scope). Webhooks to 127.0.0.1 are allowed, retried after 0.3 s."""
    tmp = tmp_path_factory.mktemp("stack")
    with database_url(tmp, "workers") as db, redis_url(tmp, 14) as broker:
        env = stack_env(
            db,
            broker,
            tmp / "uploads",
            webhook_allow_networks="127.0.0.1/32",
            webhook_backoff_base_s=0.3,
            webhook_backoff_max_s=1,
            webhook_poll_interval_s=0.2,
        )
        settings = settings_for(env)
        worker = WorkerProcess(env, tmp / "worker.log")
        app = create_app(settings)
        with TestClient(app, raise_server_exceptions=False) as api:
            api.headers.update(bearer(issue_key(settings, "default")[1]))
            worker.start()
            try:
                yield Stack(settings, env, api, worker, tmp)
            finally:
                worker.stop()
