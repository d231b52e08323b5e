"""The Celery app of the workers: JSON only, acks late, prefetch 1, time limits below the visibility timeout
(configuration shared with the producer in `service.queue`). Each worker process loads the OCR engine once,
in `worker_process_init`; the main process runs the sweeper that re-sends jobs whose message was lost, and
the webhook dispatcher (service.webhooks.service) that sends due deliveries, so OCR never delays them.

Observability: the logs are the API's (service.observability: JSON, NIK masked), with the job id, task id and
the submitting request's id bound while a task runs; the worker's processes share a Prometheus multiprocess
directory and the main process serves it on DOCVERIFY_WORKER_METRICS_PORT (workers.metrics)."""

from __future__ import annotations

import contextvars
import ctypes
import logging
import threading
from collections.abc import Mapping
from typing import Any

from celery import Celery
from celery.signals import (
    setup_logging,
    task_postrun,
    task_prerun,
    worker_init,
    worker_process_init,
    worker_ready,
    worker_shutdown,
)

from service import observability
from service.config import Settings, get_settings
from service.queue import REQUEST_ID_HEADER, VERIFY_TASK, celery_config

log = logging.getLogger(__name__)

settings = get_settings()
app = Celery("docverify", include=["workers.tasks"])
app.conf.update(celery_config(settings))


def configure(new: Settings) -> None:
    """Run this worker with `new` (`docverify worker --concurrency`): before the pool starts, so that every
    process it forks has them."""
    global settings
    settings = new
    app.conf.update(celery_config(new))


_sweeper_stop = threading.Event()


@setup_logging.connect
def _setup_logging(loglevel: int | str | None = None, **_: Any) -> None:
    """Our handler instead of Celery's (a receiver here makes Celery leave logging alone)."""
    observability.configure_logging(settings.log_format, loglevel or settings.log_level, access_log=False)


@worker_init.connect
def _init_metrics_dir(**_: Any) -> None:
    """Main process, before the pool forks: the children inherit PROMETHEUS_MULTIPROC_DIR, and the OCR
    modules already imported (a replacement process then only builds and warms its engine)."""
    from workers.metrics import prepare_multiproc_dir
    from workers.pipeline.ocr import preload

    prepare_multiproc_dir()
    preload(settings.ocr_backend, settings.cache_dir)


_task_context: dict[str, contextvars.Token[Mapping[str, str]]] = {}  # the log context bound per task


@task_prerun.connect
def _bind_task(task_id: str | None = None, task: Any = None, args: Any = None, **_: Any) -> None:
    """Every line logged while the task runs carries its job id, task id and the submitting request's id."""
    job_id = str(args[0]) if task is not None and task.name == VERIFY_TASK and args else None
    request_id = task.request.get(REQUEST_ID_HEADER) if task is not None else None
    _task_context[task_id or ""] = observability.bind(job_id=job_id, task_id=task_id, request_id=request_id)


def trim_heap() -> bool:
    """Hand the heap memory freed by a document back to the system (glibc's malloc_trim); False elsewhere.

    A document's images and the runtimes' buffers are freed when it is done, but glibc keeps the pages, so a
    worker process's resident size stays at its largest document's (issue 23): this is what
    worker_max_memory_per_child_mb sees. Costs a few milliseconds."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
        return True
    except (OSError, AttributeError):
        return False


@task_postrun.connect
def _unbind_task(task_id: str | None = None, **_: Any) -> None:
    token = _task_context.pop(task_id or "", None)
    if token is not None:
        observability.unbind(token)
    trim_heap()


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


def _dispatch_webhooks() -> None:
    from service.db import database
    from service.webhooks.service import run_dispatcher

    run_dispatcher(database(settings.sqlalchemy_url), settings, _sweeper_stop)


@worker_ready.connect
def _start_sweeper(**_: Any) -> None:
    threading.Thread(target=_sweep_forever, name="docverify-sweeper", daemon=True).start()
    threading.Thread(target=_dispatch_webhooks, name="docverify-webhooks", daemon=True).start()
    if settings.worker_metrics_port:
        from workers.metrics import serve

        serve(settings.worker_metrics_host, settings.worker_metrics_port)


@worker_shutdown.connect
def _stop_sweeper(**_: Any) -> None:
    _sweeper_stop.set()
    from workers.metrics import remove_own_multiproc_dir

    remove_own_multiproc_dir()
