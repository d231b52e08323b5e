"""docs/walkthrough.md is run as written (issue 21): its shell and Python blocks, in order, against a real API
and a real worker on this test's database and Redis (the URL and the `.venv/bin/` prefix adjusted), then the
clerk's step through the review UI. A command that stops working fails here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.stack import ROOT, ApiProcess, WorkerProcess, database_url, redis_url, settings_for, stack_env

DOC = ROOT / "docs" / "walkthrough.md"
BLOCK = re.compile(r"<!-- walkthrough:([a-z-]+) -->\n```(sh|python)\n(.*?)```", re.S)


def blocks() -> dict[str, tuple[str, str]]:
    return {m.group(1): (m.group(2), m.group(3)) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    tmp = tmp_path_factory.mktemp("walkthrough")
    with database_url(tmp, "walkthrough") as db, redis_url(tmp, 10) as broker:
        env = stack_env(db, broker, tmp / "uploads")
        settings = settings_for(env)
        from service.db import database

        database(settings.sqlalchemy_url).ensure_schema()
        api = ApiProcess(env, tmp / "api.log").start()
        worker = WorkerProcess(env, tmp / "worker.log").start()
        try:
            yield api.base_url, env
        finally:
            worker.stop()
            api.stop()
            database(settings.sqlalchemy_url).dispose()


def adjusted(text: str, base_url: str) -> str:
    """The page's commands for this test: its server's URL, this interpreter's scripts for `.venv/bin/`."""
    return text.replace("http://127.0.0.1:8000", base_url).replace(".venv/bin/", f"{Path(sys.executable).parent}/")


def sh(script: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr[-3000:]}"
    return done.stdout


def test_the_walkthrough_works_as_written(stack: tuple[str, dict[str, str]]) -> None:
    base_url, stack_env_vars = stack
    found = blocks()
    assert set(found) == {"start", "submit", "read", "install-client", "python", "clerk"}, sorted(found)
    env = {**os.environ, **stack_env_vars}
    started = time.monotonic()

    # 1. start: the registry and the demo client's key (the test's server is already up)
    out = sh(adjusted(found["start"][1], base_url) + '\necho "KEY=$DOCVERIFY_API_KEY"', env)
    key = re.search(r"KEY=(dvk_\S+)", out)
    assert key, out
    env["DOCVERIFY_API_KEY"] = key.group(1)

    # 2. curl: submit, then read until done
    accepted = json.loads(sh(adjusted(found["submit"][1], base_url), env))
    assert accepted["status"] == "queued"
    env["ID"] = accepted["id"]
    deadline = time.monotonic() + 180
    while True:
        body = json.loads(sh(adjusted(found["read"][1], base_url), env))
        if body["status"] in ("completed", "failed") or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert body["status"] == "completed" and body["decision"] == "needs_review", body
    assert any(r["code"] == "CLAIM_MISMATCH" and r.get("field") == "name" for r in body["reasons"]), body["reasons"]

    # 3. the Python client: installed here already (the repository's dev install); the snippet as written
    install = found["install-client"][1].strip()
    assert install == "pip install ./clients/python" and (ROOT / "clients/python/pyproject.toml").exists()
    snippet = adjusted(found["python"][1], base_url)
    done = subprocess.run(
        [sys.executable, "-c", snippet],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, "PYTHONPATH": str(ROOT / "clients/python")},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "verified 1905012710847738 ['REGISTRY_MATCH']", done.stdout

    # 4. the clerk: the account, the login, the case in the queue, the decision with its confirmation
    sh(adjusted(found["clerk"][1], base_url), env)
    password = re.search(r"DOCVERIFY_CLERK_PASSWORD='([^']+)'", found["clerk"][1])
    assert password
    with httpx.Client(base_url=base_url, follow_redirects=True, timeout=30) as browser:
        page = browser.get("/review/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        queue = browser.post(
            "/review/login", data={"username": "siti", "password": password.group(1), "csrf_token": token.group(1)}
        )
        assert queue.status_code == 200 and env["ID"] in queue.text
        assert "Isian pemohon untuk Nama berbeda." in queue.text or "Isian pemohon berbeda." in queue.text
        case = browser.get(f"/review/cases/{env['ID']}")
        assert 'id="compare-name"' in case.text and "CAHYADI" in case.text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', case.text)
        assert csrf
        decided = browser.post(f"/review/cases/{env['ID']}/approve", data={"csrf_token": csrf.group(1)})
        assert decided.status_code == 200 and 'id="decided-flash"' in decided.text
    assert time.monotonic() - started < 600  # the whole path, machine time, well inside ten minutes
