"""`ruff format` is enforced: CI runs `make test`, so the formatting check lives here as well as in `make lint`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_tree_is_formatted_by_ruff() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"files `ruff format` would change (run `ruff format .`):\n{done.stdout}"
