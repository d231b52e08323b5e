"""Safe by default (issue 19, finding 7): production is the default environment, and the API and a worker
started as the Dockerfile starts them, with no secrets and no DOCVERIFY_ENV, refuse to start, naming each
missing setting. Real subprocesses with a bare environment, in an empty directory (no .env file)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from service.config import Settings
from tests.stack import free_port

SECRETS = ("DOCVERIFY_ENCRYPTION_KEYS", "DOCVERIFY_NIK_HASH_KEY", "DOCVERIFY_REVIEW_SESSION_SECRET")


def bare_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Nothing of the caller's DOCVERIFY_* or database settings: what a container that sets nothing sees."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "LANG": "C.UTF-8",
        "DOCVERIFY_DATA_DIR": str(tmp / "data"),
    }
    env.update(extra)
    return env


def run(args: list[str], tmp: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=tmp, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The defaults, whatever the caller's environment says."""
    for name in ("DOCVERIFY_ENV", *SECRETS, "DOCVERIFY_REVIEW_ENABLED"):
        monkeypatch.delenv(name, raising=False)


def test_production_is_the_default_environment(no_env: None) -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.env == "prod" and settings.review_secure_cookies
    assert settings.missing_secrets(review=True) == list(SECRETS)
    assert settings.missing_secrets(review=False) == list(SECRETS[:2])  # a worker has no review UI


def test_the_api_factory_without_secrets_exits_non_zero_naming_each(tmp_path: Path) -> None:
    proc = run(
        ["-m", "uvicorn", "--factory", "service.main:create_app", "--host", "127.0.0.1", "--port", str(free_port())],
        tmp_path,
        bare_env(tmp_path),
    )
    assert proc.returncode != 0
    for name in SECRETS:
        assert name in proc.stderr, proc.stderr[-2000:]
    assert "DOCVERIFY_ENV=prod" in proc.stderr


def test_the_api_factory_names_only_what_is_missing(tmp_path: Path) -> None:
    env = bare_env(tmp_path, DOCVERIFY_NIK_HASH_KEY="a-production-nik-hash-key-0123456789")
    proc = run(["-m", "uvicorn", "--factory", "service.main:create_app", "--port", str(free_port())], tmp_path, env)
    assert proc.returncode != 0
    assert "DOCVERIFY_ENCRYPTION_KEYS" in proc.stderr and "DOCVERIFY_REVIEW_SESSION_SECRET" in proc.stderr
    assert "DOCVERIFY_NIK_HASH_KEY" not in proc.stderr.split("refuses to start")[-1]


def test_a_worker_without_secrets_exits_non_zero_naming_each(tmp_path: Path) -> None:
    # with a broker URL (as in a deployment) and without: the secrets are named either way
    for extra in ({"REDIS_URL": "redis://127.0.0.1:1/0"}, {}):
        proc = run(["-m", "docverify.cli", "worker"], tmp_path, bare_env(tmp_path, **extra))
        assert proc.returncode != 0
        assert "DOCVERIFY_ENCRYPTION_KEYS" in proc.stderr and "DOCVERIFY_NIK_HASH_KEY" in proc.stderr, proc.stderr
        assert "DOCVERIFY_ENV=prod" in proc.stderr


def test_explicit_secrets_pass_in_production(no_env: None) -> None:
    from service.crypto import Keyring

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        encryption_keys=SecretStr(f"k1:{Keyring.generate_key()}"),
        nik_hash_key=SecretStr("a-production-nik-hash-key-0123456789"),
        review_session_secret=SecretStr("a-production-review-session-secret"),
    )
    assert settings.env == "prod" and settings.missing_secrets(review=True) == []
    settings.require_safe(review=True, what="the API")  # does not raise (create_app would configure crypto
    # process-wide, so it is not called here; tests/stack.py's ApiProcess starts real APIs in dev)


def test_docverify_serve_is_a_development_start_and_says_so(tmp_path: Path) -> None:
    """`make run`'s command: with nothing set it runs as dev (and says so), API up on /healthz."""
    port = free_port()
    env = bare_env(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
        DOCVERIFY_UPLOAD_DIR=str(tmp_path / "uploads"),
        DOCVERIFY_WORKER_METRICS_PORT="0",
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "docverify.cli", "serve", "--workers", "0", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.3)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert "development environment (DOCVERIFY_ENV=dev" in log.read_text()
