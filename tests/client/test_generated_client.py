"""CI keeps the committed client current: regenerating it (`make client`) must change nothing."""

from __future__ import annotations

import subprocess
import sys

from tests.stack import ROOT


def test_committed_client_is_what_make_client_generates() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/generate_client.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr[-6000:]}"


def _minimum(spec: str) -> tuple[int, int]:
    import re

    found = re.search(r">=\s*(\d+)\.(\d+)", spec)
    assert found, spec
    return int(found.group(1)), int(found.group(2))


def test_the_client_claims_the_python_it_needs_and_is_tested_on_it() -> None:
    """issue 21: the client said >=3.10 but its helpers import datetime.UTC (3.11+). Its minimum is what its
    code needs, and CI (which runs these tests on the project's python3.11) runs on that minimum."""
    import ast
    import os
    import tomllib

    client = tomllib.loads((ROOT / "clients/python/pyproject.toml").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lowest = _minimum(client["project"]["requires-python"])
    assert lowest == _minimum(project["project"]["requires-python"])
    sources = [
        ROOT / "clients/python/docverify_client_helpers.py",
        *sorted((ROOT / "clients/python/docverify_client").rglob("*.py")),
    ]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        ast.parse(text, feature_version=lowest)  # no syntax newer than the minimum
        if "from datetime import UTC" in text or "datetime.UTC" in text:
            assert lowest >= (3, 11), f"{path.name} uses datetime.UTC (3.11+) but the client claims {lowest}"
    if os.environ.get("CI"):
        assert sys.version_info[:2] == lowest, f"CI runs Python {sys.version_info[:2]}, the client claims {lowest}"
