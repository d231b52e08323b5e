"""Prometheus metrics of the API process, served at `/metrics` (text exposition format).

What is measured where, and why:

- **At scrape time, from the shared state** (correct whatever the number of API replicas and worker machines,
  and with nothing to keep in step): jobs by status (`docverify_jobs`), completed jobs by decision
  (`docverify_decisions`), both counted in the database; the number of tasks waiting in the Celery queue
  (`docverify_queue_depth`, the length of the Redis list); whether the database and broker answered.
- **In this process**: HTTP requests by method, route template and status, and their latency. The method
  label takes the standard methods only (anything else is `other`): a made-up method is no new series.

Served on a listener of its own (DOCVERIFY_METRICS_HOST:DOCVERIFY_METRICS_PORT, 127.0.0.1:9807 by default,
started with the app and stopped with it), never on the public API port: the scrape reads the database and
Redis, and the series describe the traffic of every client.
- **In the worker processes** (workers.metrics): per-stage pipeline durations, OCR time, decisions and job
  outcomes as they happen. Celery's prefork children share a PROMETHEUS_MULTIPROC_DIR and the worker's main
  process serves them on its own port (DOCVERIFY_WORKER_METRICS_PORT): every worker machine is a target.

Every series is aggregate: no client ids, no verification ids, no personal data.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.config import Settings
from service.db import Database
from service.queue import QUEUE
from service.verifications.tables import VerificationJob

log = logging.getLogger(__name__)

STATUSES = ("queued", "processing", "completed", "failed")
DECISIONS = ("verified", "needs_review", "retake", "rejected")
# kombu's Redis transport keeps priority 0 under the queue's name and the other steps under name\x06\x16N
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")
# the method label's values: the methods of RFC 9110 and PATCH; anything else is counted as "other"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"})
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def job_counts(session: Session) -> list[tuple[str, str | None, int]]:
    """(status, decision, count) over all clients. An aggregate for the metrics only: it lives here rather
    than in verifications/repository.py so that the metrics read nothing a client could."""
    stmt = select(VerificationJob.status, VerificationJob.decision, func.count()).group_by(
        VerificationJob.status, VerificationJob.decision
    )
    return [(str(s), None if d is None else str(d), int(n)) for s, d, n in session.execute(stmt).all()]


def queue_depth(redis_url: str, queue: str = QUEUE) -> int:
    """Messages waiting in the Celery queue (all priority steps); raises when Redis does not answer."""
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
    try:
        pipe = client.pipeline(transaction=False)
        for suffix in PRIORITY_SUFFIXES:
            pipe.llen(queue + suffix)
        return int(sum(pipe.execute()))
    finally:
        client.close()


class StateCollector(Collector):
    """Gauges read from the database and the broker at each scrape."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings, self.db = settings, db

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("docverify_database_up", "1 when the database answered this scrape's query.")
        jobs = GaugeMetricFamily("docverify_jobs", "Verification jobs by status (all clients).", labels=["status"])
        decisions = GaugeMetricFamily(
            "docverify_decisions", "Completed verifications by decision (all clients).", labels=["decision"]
        )
        try:
            with self.db.session() as session:
                rows = job_counts(session)
        except Exception as exc:
            log.warning("metrics: job counts unavailable (%s)", type(exc).__name__)
            up.add_metric([], 0)
            yield up
        else:
            up.add_metric([], 1)
            yield up
            by_status = dict.fromkeys(STATUSES, 0)
            by_decision = dict.fromkeys(DECISIONS, 0)
            for status, decision, count in rows:
                by_status[status] = by_status.get(status, 0) + count
                if status == "completed" and decision is not None:
                    by_decision[decision] = by_decision.get(decision, 0) + count
            for status, count in by_status.items():
                jobs.add_metric([status], count)
            for decision, count in by_decision.items():
                decisions.add_metric([decision], count)
            yield jobs
            yield decisions

        broker = GaugeMetricFamily("docverify_broker_up", "1 when the broker (Redis) answered this scrape.")
        depth = GaugeMetricFamily(
            "docverify_queue_depth", "Tasks waiting in the Celery queue (Redis list length).", labels=["queue"]
        )
        if not self.settings.redis_url:
            broker.add_metric([], 0)
            yield broker
            return
        try:
            depth.add_metric([QUEUE], queue_depth(self.settings.redis_url))
        except Exception as exc:
            log.warning("metrics: queue depth unavailable (%s)", type(exc).__name__)
            broker.add_metric([], 0)
            yield broker
            return
        broker.add_metric([], 1)
        yield broker
        yield depth


class ApiMetrics:
    """The API's registry: HTTP metrics of this process plus the scrape-time state gauges. One per app, so
    that tests building many apps never register a metric twice. With PROMETHEUS_MULTIPROC_DIR set (uvicorn
    --workers N), the HTTP series of all processes are read from that directory."""

    def __init__(self, settings: Settings, db: Database) -> None:
        disable_created_metrics()  # no `_created` series beside each counter: half the lines, no information
        self.registry = CollectorRegistry(auto_describe=False)
        multiproc = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        own = None if multiproc else self.registry
        if multiproc:
            from prometheus_client import multiprocess

            multiprocess.MultiProcessCollector(self.registry, path=multiproc)
        self.requests = Counter(
            "docverify_http_requests",
            "HTTP requests by method, route template and status.",
            ["method", "route", "status"],
            registry=own,
        )
        self.latency = Histogram(
            "docverify_http_request_duration_seconds",
            "HTTP request latency by route.",
            ["method", "route"],
            buckets=HTTP_BUCKETS,
            registry=own,
        )
        self.registry.register(StateCollector(settings, db))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        method = method if method in KNOWN_METHODS else "other"
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def serve(self, host: str, port: int) -> MetricsListener | None:
        """`GET /metrics` on host:port in a daemon thread; None when the port is taken (e.g. by another API
        process of the same machine, which then serves the shared multiprocess values): the API runs on."""
        try:
            server, thread = start_http_server(port, addr=host, registry=self.registry)
        except OSError as exc:
            log.warning("API metrics not served on %s:%d (%s)", host, port, exc.strerror or exc)
            return None
        log.info("API metrics on http://%s:%d/metrics", host, port)
        return MetricsListener(server, thread)


class MetricsListener:
    def __init__(self, server: Any, thread: threading.Thread) -> None:
        self.server, self.thread = server, thread

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def install_metrics(app: FastAPI, settings: Settings, db: Database) -> ApiMetrics:
    """The API's metrics; served by `ApiMetrics.serve` from the app's lifespan, not on the app's own port."""
    return ApiMetrics(settings, db)
