"""Celery tasks. Thin: the job id in, the use case does the rest (workers.verification.run_job)."""

from __future__ import annotations

from service.queue import REASSESS_TASK, VERIFY_TASK
from workers.celery_app import app


@app.task(name=VERIFY_TASK, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def verify(job_id: str) -> str:
    from workers.verification import run_job

    return run_job(job_id)


@app.task(name=REASSESS_TASK, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def reassess(job_id: str) -> str:
    from workers.reassessment import reassess_job

    return reassess_job(job_id)
