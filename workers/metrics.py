"""Prometheus metrics of the worker processes: pipeline stage durations, OCR time, decisions, job outcomes.

Celery's prefork pool runs each document in a child process, and a child's counters die with it, so the
values live in PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode: one mmap'd file per process).
`prepare_multiproc_dir()` must run in the worker's main process before prometheus_client is first imported
(its value class is chosen at import; this module imports it only on first use). `workers.celery_app` calls
it at `worker_init` and serves the directory's aggregate on DOCVERIFY_WORKER_METRICS_PORT from the main
process.

Run anywhere else (`docverify verify`, tests calling `run_job` directly), the metrics simply stay in this
process's default registry.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ENV = "PROMETHEUS_MULTIPROC_DIR"
# a document takes ~0.5–5 s on a 2-core machine; the tail goes to the soft time limit (120 s)
STAGE_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0, 60.0, 120.0)
STAGES = ("queued", "decode", "geometry", "ocr", "checks", "extract", "total")


def prepare_multiproc_dir() -> Path:
    """The directory the worker's processes share: the operator's PROMETHEUS_MULTIPROC_DIR (emptied: values of
    a previous run would be added to this one's) or a fresh temporary one, exported to the children."""
    given = os.environ.get(ENV)
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()
    else:
        path = Path(tempfile.mkdtemp(prefix="docverify-worker-metrics-"))
        os.environ[ENV] = str(path)
        os.environ["_DOCVERIFY_OWN_METRICS_DIR"] = "1"
    return path


def remove_own_multiproc_dir() -> None:
    """At worker shutdown: remove the directory if `prepare_multiproc_dir` made it."""
    if os.environ.pop("_DOCVERIFY_OWN_METRICS_DIR", None) and os.environ.get(ENV):
        shutil.rmtree(os.environ[ENV], ignore_errors=True)


@dataclass(frozen=True)
class _Metrics:
    stage_seconds: Any
    ocr_seconds: Any
    decisions: Any
    jobs: Any


@lru_cache(maxsize=1)
def metrics() -> _Metrics:
    """Created on first use, so that importing this module never imports prometheus_client early."""
    from prometheus_client import Counter, Histogram

    return _Metrics(
        stage_seconds=Histogram(
            "docverify_pipeline_stage_seconds",
            "Time per pipeline stage of one document (queued: from submit to a worker's claim).",
            ["stage"],
            buckets=STAGE_BUCKETS,
        ),
        ocr_seconds=Histogram(
            "docverify_ocr_seconds", "OCR time of one document (every page and turn it needed).", buckets=STAGE_BUCKETS
        ),
        decisions=Counter("docverify_worker_decisions", "Decisions made by the workers.", ["decision"]),
        jobs=Counter(
            "docverify_worker_jobs",
            "Deliveries handled by the workers, by outcome (completed, failed, done, busy, exhausted, missing, lost).",
            ["outcome"],
        ),
    )


def observe_job(
    outcome: str,
    timings_ms: Mapping[str, float] | None = None,
    decision: str | None = None,
    queued_s: float | None = None,
) -> None:
    """Record one delivery: its outcome and, for a saved result (its `timings_ms` given), its stage times and
    decision. Never raises: a metrics problem must not fail a document."""
    try:
        m = metrics()
        m.jobs.labels(outcome).inc()
        if timings_ms is None:
            return
        if queued_s is not None:
            m.stage_seconds.labels("queued").observe(queued_s)
        for stage, ms in timings_ms.items():
            if stage in STAGES and stage != "queued" and isinstance(ms, int | float):
                m.stage_seconds.labels(stage).observe(ms / 1000)
        ocr = timings_ms.get("ocr")
        if isinstance(ocr, int | float):
            m.ocr_seconds.observe(ocr / 1000)
        if decision:
            m.decisions.labels(decision).inc()
    except Exception as exc:
        log.warning("worker metrics not recorded: %s", exc)


def serve(host: str, port: int) -> bool:
    """Serve the aggregate of all this worker's processes on host:port (a daemon thread). False when the
    port is taken (e.g. a second worker on the machine): the worker runs on without a metrics endpoint."""
    from prometheus_client import CollectorRegistry, start_http_server

    registry = CollectorRegistry()
    if os.environ.get(ENV):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry, path=os.environ[ENV])
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY
    try:
        start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        log.warning("worker metrics not served on %s:%d (%s)", host, port, exc.strerror or exc)
        return False
    log.info("worker metrics on http://%s:%d/metrics", host, port)
    return True
