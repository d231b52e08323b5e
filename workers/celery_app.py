"""The Celery app of the workers: JSON only, acks late, prefetch 1, time limits below the visibility timeout
(configuration shared with the producer in `service.queue`). Each worker process loads the OCR engine once,
in `worker_process_init`; the main process runs the sweeper that re-sends jobs whose message was lost."""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import Celery
from celery.signals import worker_process_init, worker_ready, worker_shutdown

from service.config import get_settings
from service.queue import celery_config

log = logging.getLogger(__name__)

settings = get_settings()
app = Celery("docverify", include=["workers.tasks"])
app.conf.update(celery_config(settings))

_sweeper_stop = threading.Event()


@worker_process_init.connect
def _init_process(**_: Any) -> None:
    from workers.verification import init_worker_process

    init_worker_process(settings)
    log.info("worker process ready: OCR engine loaded with %d threads", settings.worker_ocr_threads)


def sweep_once() -> list[str]:
    """Send `verify` again for jobs whose message or worker was lost. Safe to run on every worker."""
    from service.db import database
    from service.queue import send_verify
    from service.verifications import service

    with database(settings.sqlalchemy_url).session() as session:
        ids = service.resend_lost(session, settings)
    for job_id in ids:
        send_verify(settings, job_id)
    if ids:
        log.warning("sweeper re-sent %d job(s): %s", len(ids), ", ".join(ids))
    return ids


def _sweep_forever() -> None:
    while not _sweeper_stop.wait(settings.sweep_interval_s):
        try:
            sweep_once()
        except Exception as exc:  # DB or broker down: try again next round
            log.warning("sweeper: %s", exc)


@worker_ready.connect
def _start_sweeper(**_: Any) -> None:
    threading.Thread(target=_sweep_forever, name="docverify-sweeper", daemon=True).start()


@worker_shutdown.connect
def _stop_sweeper(**_: Any) -> None:
    _sweeper_stop.set()
