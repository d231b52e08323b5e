"""CI keeps the committed client current: regenerating it (`make client`) must change nothing."""

from __future__ import annotations

import subprocess
import sys

from tests.stack import ROOT


def test_committed_client_is_what_make_client_generates() -> None:
    result = subprocess.run([sys.executable, "scripts/generate_client.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr[-6000:]}"
