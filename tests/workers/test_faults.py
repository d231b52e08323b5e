"""Faults with real parts: a worker process killed mid-document, a document that keeps killing workers,
Redis restarted with jobs queued (and its queue lost)."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.db import database
from service.embedded_redis import EmbeddedRedis
from service.main import create_app
from service.verifications import repository
from tests.stack import SAMPLE, SAMPLE_TRUTH, WorkerProcess, bearer, database_url, issue_key, settings_for, stack_env
from tests.workers.conftest import Stack
from tests.workers.helpers import URL, wait_status

pytestmark = pytest.mark.integration
NIK = json.loads(SAMPLE_TRUTH.read_text())["nik"]


def post_pages(api: TestClient, *pages: bytes) -> str:
    resp = api.post(URL, files=[("file", (f"p{i}.png", data, "image/png")) for i, data in enumerate(pages)])
    assert resp.status_code == 202, resp.text
    return str(resp.json()["id"])


def wait_processing(stack: Stack, job_id: str, timeout: float = 60) -> tuple[int, int]:
    """(worker pid, attempts) as soon as a delivery has claimed the job."""
    db = database(stack.settings.sqlalchemy_url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as s:
            job = repository.get(s, job_id)
            assert job is not None
            if job.status == "processing" and job.worker:
                return int(job.worker.rpartition(":")[2]), job.attempts
            assert job.status == "queued", f"{job_id} is {job.status} before it could be killed"
        time.sleep(0.01)
    raise TimeoutError(f"{job_id} never started")


def test_worker_killed_mid_document_completes_exactly_once(stack: Stack) -> None:
    data = SAMPLE.read_bytes()
    job_id = post_pages(stack.api, data, data)  # two pages: a couple of seconds of OCR to land in
    pid, attempts = wait_processing(stack, job_id)
    assert attempts == 1
    time.sleep(0.3)
    os.kill(pid, signal.SIGKILL)
    body = wait_status(stack.api, job_id, timeout=120)
    assert body["status"] == "completed", body
    assert body["fields"]["nik"]["value"] == NIK
    assert body["attempts"] == 2
    log = stack.worker.log()
    assert log.count(f"job {job_id} completed") == 1
    assert "WorkerLostError" in log or "SIGKILL" in log


def test_poison_file_fails_after_bounded_attempts_while_others_flow(stack: Stack) -> None:
    data = SAMPLE.read_bytes()
    poison = post_pages(stack.api, data, data)
    good = post_pages(stack.api, data)
    kills = 0
    killed_leases: set[str] = set()
    deadline = time.monotonic() + 180
    db = database(stack.settings.sqlalchemy_url)
    while time.monotonic() < deadline:  # every time a worker takes the poison document, it dies
        with db.session() as s:
            job = repository.get(s, poison)
            assert job is not None
            status, worker, lease = job.status, job.worker, job.lease
        if status == "failed":
            break
        if status == "processing" and worker and lease and lease not in killed_leases:
            killed_leases.add(lease)
            try:
                os.kill(int(worker.rpartition(":")[2]), signal.SIGKILL)
                kills += 1
            except ProcessLookupError:
                pass
        time.sleep(0.02)
    body = wait_status(stack.api, poison, timeout=5)
    assert body["status"] == "failed"
    assert body["decision"] is None
    assert [r["code"] for r in body["reasons"]] == ["WORKER_CRASHED_REPEATEDLY"]
    assert body["attempts"] == stack.settings.max_attempts == kills
    other = wait_status(stack.api, good, timeout=120)
    assert other["status"] == "completed" and other["fields"]["nik"]["value"] == NIK


def test_redis_restart_with_jobs_queued(tmp_path: Path, models_dir: Path) -> None:
    """Our own redis-server (never the machine's shared one), restarted while jobs wait, its queue lost:
    every job still reaches a terminal state, including one submitted while Redis was down."""
    redis = EmbeddedRedis(tmp_path / "redis", persist=False).start()
    with database_url(tmp_path, "restart") as db:
        env = stack_env(db, redis.url, tmp_path / "uploads")
        worker = WorkerProcess(env, tmp_path / "worker.log")
        try:
            with TestClient(create_app(settings_for(env)), raise_server_exceptions=False) as api:
                api.headers.update(bearer(issue_key(settings_for(env))[1]))
                worker.start()
                data = SAMPLE.read_bytes()
                jobs = [post_pages(api, data) for _ in range(3)]
                redis.stop()
                during = post_pages(api, data)  # accepted and kept; sent again once the broker is back
                time.sleep(1.0)
                redis.start()
                results = [wait_status(api, j, timeout=120) for j in [*jobs, during]]
                assert [r["status"] for r in results] == ["completed"] * 4, results
                assert all(r["fields"]["nik"]["value"] == NIK for r in results)
                log = worker.log()
                for job_id in [*jobs, during]:
                    assert log.count(f"job {job_id} completed") == 1
        finally:
            worker.stop()
            redis.stop()
