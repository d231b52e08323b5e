from __future__ import annotations

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
