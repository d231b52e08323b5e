"""The producer side of the queue: Celery configuration (shared with the workers) and sending tasks after
the database commit.

A task carries the job id only. It is sent from the session's `after_commit` hook, so a worker never sees
an id whose row is not there yet, and a rolled-back request sends nothing. A send that fails (broker down)
leaves the job `queued`; the workers' sweeper sends it again (`requeue_after_s`).
"""

from __future__ import annotations

import json
import logging
import threading
from typing import TypedDict

from celery import Celery
from sqlalchemy import event
from sqlalchemy.orm import Session

from service.config import Settings

log = logging.getLogger(__name__)

VERIFY_TASK = "docverify.verify"
REASSESS_TASK = "docverify.reassess"  # issue 24: the assessment again on a stored read, no OCR
QUEUE = "verify"
REQUEST_ID_HEADER = "docverify_request_id"  # message header: the submitting request's id, for the worker's logs
_PENDING = "docverify_pending_tasks"


class RetryPolicy(TypedDict):
    max_retries: int
    interval_start: float
    interval_step: float
    interval_max: float


class CeleryConfig(TypedDict):
    """The Celery settings of the producer and the workers (Celery's own names)."""

    broker_url: str
    broker_transport_options: dict[str, int]
    broker_connection_retry_on_startup: bool
    task_serializer: str
    accept_content: list[str]
    result_serializer: str
    task_ignore_result: bool
    task_acks_late: bool
    task_reject_on_worker_lost: bool
    worker_prefetch_multiplier: int
    worker_proc_alive_timeout: float
    worker_max_tasks_per_child: int | None
    worker_max_memory_per_child: int | None
    task_soft_time_limit: int
    task_time_limit: int
    task_default_queue: str
    task_publish_retry: bool
    task_publish_retry_policy: RetryPolicy
    worker_hijack_root_logger: bool
    worker_send_task_events: bool
    enable_utc: bool


def celery_config(settings: Settings) -> CeleryConfig:
    if settings.task_time_limit_s >= settings.broker_visibility_timeout_s:
        raise ValueError(
            "task_time_limit_s must stay below broker_visibility_timeout_s, or a task still "
            "running would be delivered a second time"
        )
    if settings.task_soft_time_limit_s >= settings.task_time_limit_s:
        raise ValueError("task_soft_time_limit_s must be below task_time_limit_s")
    return {
        "broker_url": settings.redis_url,
        "broker_transport_options": {"visibility_timeout": settings.broker_visibility_timeout_s},
        "broker_connection_retry_on_startup": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        "task_ignore_result": True,  # results live in the job row
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "worker_proc_alive_timeout": settings.worker_start_timeout_s,
        # a process past either bound is replaced after its current job (Celery counts memory in KiB)
        "worker_max_tasks_per_child": settings.worker_max_tasks_per_child or None,
        "worker_max_memory_per_child": settings.worker_max_memory_per_child_mb * 1024 or None,
        "task_soft_time_limit": settings.task_soft_time_limit_s,
        "task_time_limit": settings.task_time_limit_s,
        "task_default_queue": QUEUE,
        "task_publish_retry": True,
        "task_publish_retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "enable_utc": True,
    }


_producers: dict[str, Celery] = {}
_lock = threading.Lock()


def producer(settings: Settings) -> Celery:
    """One producer app (and connection pool) per process and configuration."""
    config = celery_config(settings)
    key = json.dumps(config, sort_keys=True)
    with _lock:
        if key not in _producers:
            app = Celery("docverify-producer", set_as_current=False)
            app.conf.update(config)
            _producers[key] = app
        return _producers[key]


def send_verify(settings: Settings, job_id: str) -> bool:
    """Send one `verify` task now. False (and a log line) when the broker cannot be reached."""
    if not settings.redis_url:
        log.warning("no broker configured (REDIS_URL); job %s stays queued", job_id)
        return False
    from service.observability import current

    request_id = current("request_id")
    try:
        producer(settings).send_task(
            VERIFY_TASK, args=[job_id], queue=QUEUE, headers={REQUEST_ID_HEADER: request_id} if request_id else None
        )
    except Exception as exc:  # the broker being down must not fail the request that was accepted
        log.warning("could not send job %s to the broker (%s); the sweeper will send it again", job_id, exc)
        return False
    return True


def enqueue_after_commit(session: Session, settings: Settings, job_id: str) -> None:
    """Send `verify` for this job once the session's transaction commits; nothing if it rolls back."""
    pending: list[str] = session.info.setdefault(_PENDING, [])
    if not pending:
        event.listen(session, "after_commit", lambda s: _flush(s, settings), once=True)
        event.listen(session, "after_rollback", lambda s: s.info.pop(_PENDING, None), once=True)
    pending.append(job_id)


def _flush(session: Session, settings: Settings) -> None:
    for job_id in session.info.pop(_PENDING, []):
        send_verify(settings, job_id)


def send_reassess(settings: Settings, job_id: str) -> bool:
    """Send one `reassess` task now (issue 24). False (and a log line) when the broker cannot be reached: the
    caller may ask again."""
    if not settings.redis_url:
        log.warning("no broker configured (REDIS_URL); re-assessment of %s not sent", job_id)
        return False
    try:
        producer(settings).send_task(REASSESS_TASK, args=[job_id], queue=QUEUE)
    except Exception as exc:
        log.warning("could not send the re-assessment of %s to the broker (%s)", job_id, exc)
        return False
    return True


def reassess_after_commit(session: Session, settings: Settings, job_id: str) -> None:
    """Send `reassess` for this job once the session's transaction commits; nothing if it rolls back."""
    event.listen(session, "after_commit", lambda _s: send_reassess(settings, job_id), once=True)
