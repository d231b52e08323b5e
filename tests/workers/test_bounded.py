"""Bounded worker memory (issue 22): a worker process over DOCVERIFY_WORKER_MAX_MEMORY_PER_CHILD_MB (or past
DOCVERIFY_WORKER_MAX_TASKS_PER_CHILD jobs) is replaced after the job in hand, and no job is lost or done twice.
Real Redis, the real database, a real `docverify worker` with its prefork children."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.db import database
from service.main import create_app
from service.queue import celery_config
from service.verifications import repository
from tests.stack import SAMPLE, WorkerProcess, bearer, database_url, issue_key, redis_url, settings_for, stack_env
from tests.workers.helpers import submit, wait_status


def test_limits_reach_celery_and_default_to_a_bound() -> None:
    config = celery_config(Settings(env="dev"))
    assert config["worker_max_tasks_per_child"] == 500
    assert config["worker_max_memory_per_child"] == 2048 * 1024  # Celery counts KiB
    off = celery_config(Settings(env="dev", worker_max_tasks_per_child=0, worker_max_memory_per_child_mb=0))
    assert off["worker_max_tasks_per_child"] is None and off["worker_max_memory_per_child"] is None


@pytest.mark.integration
def test_child_over_the_memory_limit_is_replaced_and_no_job_is_lost_or_repeated(
    tmp_path: Path, models_dir: Path
) -> None:
    # 1 MB: every OCR process is over it after its first job, so each job is served by a fresh process
    # Redis db 8: no other test's (tests/client holds 13 for its whole session)
    with database_url(tmp_path, "bounded") as db, redis_url(tmp_path, 8) as broker:
        env = stack_env(db, broker, tmp_path / "uploads", worker_max_memory_per_child_mb=1)
        settings = settings_for(env)
        worker = WorkerProcess(env, tmp_path / "worker.log")
        with TestClient(create_app(settings), raise_server_exceptions=False) as api:
            api.headers.update(bearer(issue_key(settings, "default")[1]))
            worker.start()
            try:
                ids = [submit(api, SAMPLE.read_bytes()) for _ in range(3)]
                bodies = [wait_status(api, job_id, timeout=240) for job_id in ids]
                time.sleep(1.0)  # a duplicate delivery, if any, would finish now
                log = worker.log()
                with database(settings.sqlalchemy_url).session() as session:
                    jobs = [repository.get(session, job_id) for job_id in ids]
                    attempts = [j.attempts for j in jobs if j is not None]
                    pids = {j.worker.rpartition(":")[2] for j in jobs if j is not None and j.worker}
            finally:
                worker.stop()
    assert [b["status"] for b in bodies] == ["completed"] * 3, bodies
    for job_id in ids:
        assert log.count(f"job {job_id} completed") == 1, log[-3000:]
    assert attempts == [1, 1, 1]  # no redelivery: no job was lost with a replaced process
    assert len(pids) == 3, f"one process served several jobs: {pids}"  # each was replaced after its job
    # and each replacement warmed its engine before it took work
    assert len(re.findall(r"worker process ready", log)) >= 3
