"""The Celery settings the API and the workers share (service.queue.celery_config)."""

from __future__ import annotations

from service.config import Settings
from service.queue import celery_config


def test_a_slow_worker_start_is_waited_for() -> None:
    """A new worker process reports up only after loading and warming the OCR engine, which takes far longer
    than Celery's default 4 s on busy cores; with the default the pool kills it and forks another, for ever,
    and a job redelivered after a killed worker stays queued (the flaky fault test of session 5)."""
    assert celery_config(Settings(env="dev"))["worker_proc_alive_timeout"] == 300.0
    assert celery_config(Settings(env="dev", worker_start_timeout_s=42))["worker_proc_alive_timeout"] == 42


def test_the_worker_app_uses_it() -> None:
    from workers.celery_app import app, settings

    assert app.conf.worker_proc_alive_timeout == settings.worker_start_timeout_s
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
