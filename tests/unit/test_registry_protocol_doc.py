"""docs/registry-protocol.md carries the verdict endpoint's OpenAPI as the app publishes it (issue 24)."""

from __future__ import annotations

import subprocess
import sys

from tests.stack import ROOT


def test_the_protocol_document_shows_the_current_openapi() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/registry_protocol_openapi.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
