"""Issue 24's command line: `docverify registry remotes` (never the keys), `verify --remote-registry` naming a
remote that is not configured, and `reassess` of an id that does not exist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.stack import ROOT

REMOTES = {
    "dukcapil": {
        "url": "https://registry.b.example/v1/registries/dukcapil/verifications",
        "api_key": "dvk_secret_never_printed",
        "adapter": "docverify",
    },
    "ws": {"url": "https://ws.example/nik", "adapter": "dukcapil", "client_cert": "/etc/a.crt"},
}


def cli(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DOCVERIFY_ENV": "dev",
        "DATABASE_URL": f"sqlite:///{tmp / 'cli.db'}",
        "DOCVERIFY_REGISTRY_REMOTES": json.dumps(REMOTES),
    }
    return subprocess.run(
        [sys.executable, "-m", "docverify.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_remotes_are_listed_without_their_keys(tmp_path: Path) -> None:
    done = cli(tmp_path, "registry", "remotes")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [(r["name"], r["adapter"], r["api_key"], r["mutual_tls"]) for r in listed] == [
        ("dukcapil", "docverify", True, False),
        ("ws", "dukcapil", False, True),
    ]
    assert "dvk_secret_never_printed" not in done.stdout + done.stderr


def test_verify_names_an_unknown_remote_clearly(tmp_path: Path) -> None:
    done = cli(tmp_path, "verify", str(ROOT / "samples/ktp/images/ktp-0001-scan.png"), "--remote-registry", "dtks")
    assert done.returncode == 2
    assert "no remote registry dtks" in done.stderr and "dukcapil, ws" in done.stderr


def test_reassess_says_what_happened_to_each_id(tmp_path: Path) -> None:
    from service.db import database

    database(f"sqlite:///{tmp_path / 'cli.db'}").ensure_schema()
    done = cli(tmp_path, "reassess", "01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert done.returncode == 1
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV",
        "outcome": "missing",
        "decision": None,
        "registry": None,
    }
