"""Soak benchmark (issue 22): resident memory of one worker process over many documents, with and without the
bounds (DOCVERIFY_WORKER_MAX_TASKS_PER_CHILD, DOCVERIFY_WORKER_MAX_MEMORY_PER_CHILD_MB).

A real `docverify worker --concurrency 1` on the embedded Redis and an SQLite file; documents of every type
(samples.mixed: KTP-el scan and photo, passport, SKTM, KK, unknown letters) generated once into a pool and
submitted one after the other; after each document the resident size (VmRSS) of the process that read it is
sampled. Reported per mode: start (after the first document), peak, and growth per 100 documents after the
warm-up (least-squares slope over the samples), also as a share of the start per 1,000 documents.

    python -m bench.bench_soak                      # 1,000 documents, limits off and on (an hour or more)
    python -m bench.bench_soak --docs 40 --modes on # a short look

Run it from a checkout that does not change while it runs: a replacement worker process (the bounds) imports
the code from disk, and half old, half new modules fail (seen on 2026-12-07: every document after the 500th
failed with an ImportError and the run stalled). The report is written every 50 documents (`"partial": true`)
so that an interrupted run keeps what it measured, and a document that does not finish within
`--stall-s` seconds stops the run with that said.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope (MB per document)."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / var if var else 0.0


def pool(folder: Path, count: int, seed: int) -> list[Path]:
    from samples import mixed

    mixed.generate(folder, count, seed)
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))


def summary(
    mode: str,
    limits: dict[str, str],
    docs: int,
    warmup: int,
    samples: list[tuple[int, int, float]],
    wall: float,
    completed: int,
) -> dict[str, Any]:
    """Start, peak and growth over all samples, and the same per worker process (a bound replaces them).

    A document after which its process had already exited (the bound's last one) has no sample, so the
    documents read are counted apart from the samples."""
    after = [(n, mb) for n, _pid, mb in samples if n > warmup]
    start = samples[0][2] if samples else 0.0
    growth = slope(after) * 100
    per_process = []
    for pid in dict.fromkeys(p for _, p, _ in samples):
        own = [(n, mb) for n, p, mb in samples if p == pid]
        steady = [(n, mb) for n, mb in own if n > own[0][0] + min(warmup, 50)]
        per_process.append(
            {
                "pid": pid,
                "documents": [own[0][0], own[-1][0]],
                "start_mb": round(own[0][1], 1),
                "peak_mb": round(max(mb for _, mb in own), 1),
                "growth_mb_per_100": round(slope(steady) * 100, 2),
            }
        )
    done = completed
    return {
        "mode": mode,
        "limits": limits,
        "documents": done,
        "sampled": len(samples),
        "planned": docs,
        "partial": done < docs,
        "warmup": warmup,
        "start_mb": round(start, 1),
        "peak_mb": round(max((mb for *_, mb in samples), default=0.0), 1),
        "growth_mb_per_100": round(growth, 2),
        "growth_pct_per_1000": round(growth * 10 / start * 100, 2) if start else None,
        "processes": len(per_process),
        "per_process": per_process,
        "docs_per_min": round(done / wall * 60, 1) if wall else None,
        "samples": samples,
    }


def write(out: Path, results: list[dict[str, Any]]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(), "results": results}, indent=1))


def run_mode(
    mode: str,
    images: list[Path],
    docs: int,
    warmup: int,
    tmp: Path,
    out: Path,
    before: list[dict[str, Any]],
    stall_s: float = 900.0,
) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from service.clients import service as clients
    from service.config import Settings
    from service.db import database
    from service.embedded_redis import EmbeddedRedis
    from service.main import create_app
    from service.verifications import repository

    defaults = Settings(env="dev")
    limits = (
        {"DOCVERIFY_WORKER_MAX_TASKS_PER_CHILD": "0", "DOCVERIFY_WORKER_MAX_MEMORY_PER_CHILD_MB": "0"}
        if mode == "off"
        else {
            "DOCVERIFY_WORKER_MAX_TASKS_PER_CHILD": str(defaults.worker_max_tasks_per_child),
            "DOCVERIFY_WORKER_MAX_MEMORY_PER_CHILD_MB": str(defaults.worker_max_memory_per_child_mb),
        }
    )
    folder = tmp / mode
    folder.mkdir()
    with EmbeddedRedis(folder / "redis", persist=False) as redis:
        env = {
            "DOCVERIFY_ENV": "dev",
            "DATABASE_URL": f"sqlite:///{folder / 'soak.db'}",
            "REDIS_URL": redis.url,
            "DOCVERIFY_UPLOAD_DIR": str(folder / "uploads"),
            "DOCVERIFY_WORKER_CONCURRENCY": "1",
            "DOCVERIFY_DATA_DIR": str(defaults.data_dir.resolve()),
            "DOCVERIFY_RATE_LIMIT_REQUESTS": "0",
            "DOCVERIFY_METRICS_PORT": "0",
            "DOCVERIFY_WORKER_METRICS_PORT": "0",
            "DOCVERIFY_MAX_QUEUED_PER_CLIENT": "100000",
            **limits,
        }
        os.environ.update(env)
        settings = Settings(
            env="dev",
            DATABASE_URL=env["DATABASE_URL"],
            REDIS_URL=redis.url,
            upload_dir=folder / "uploads",
            metrics_port=0,
            access_log=False,
            log_level="WARNING",
        )
        log = folder / "worker.log"
        with open(log, "wb") as fh:
            worker = subprocess.Popen(
                [sys.executable, "-m", "docverify.cli", "worker", "--loglevel", "info"],
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=fh,
                stderr=subprocess.STDOUT,
            )
        samples: list[tuple[int, int, float]] = []  # (document, pid, MB)
        try:
            with TestClient(create_app(settings)) as api:
                db = database(settings.sqlalchemy_url)
                with db.session() as session:
                    clients.create_client(session, "soak")
                    key = clients.create_key(session, "soak", "submit,read", "bench").key
                api.headers.update({"Authorization": f"Bearer {key}"})
                started = time.perf_counter()
                for i in range(docs):
                    image = images[i % len(images)]
                    resp = api.post("/v1/verifications", files={"file": (image.name, image.read_bytes())})
                    resp.raise_for_status()
                    job_id = resp.json()["id"]
                    asked = time.perf_counter()
                    while api.get(f"/v1/verifications/{job_id}").json()["status"] not in ("completed", "failed"):
                        if time.perf_counter() - asked > stall_s:
                            raise RuntimeError(
                                f"document {i + 1} ({image.name}) not finished after {stall_s:.0f} s: see {log}"
                            )
                        time.sleep(0.25)  # a tighter poll costs the worker CPU
                    with db.session() as session:
                        job = repository.get(session, job_id)
                        pid = int((job.worker or ":0").rpartition(":")[2]) if job is not None else 0
                    mb = rss_mb(pid)
                    if mb is not None:
                        samples.append((i + 1, pid, mb))
                    if (i + 1) % 50 == 0:
                        print(f"{mode}: {i + 1} documents, {mb or 0:.0f} MB (pid {pid})", flush=True)
                        elapsed = time.perf_counter() - started
                        write(out, [*before, summary(mode, limits, docs, warmup, samples, elapsed, i + 1)])
                wall = time.perf_counter() - started
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    return summary(mode, limits, docs, warmup, samples, wall, docs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100, help="documents before the growth is measured")
    parser.add_argument("--pool-count", type=int, default=12, help="samples.mixed --count for the pool")
    parser.add_argument("--seed", type=int, default=2212)
    parser.add_argument("--modes", default="off,on")
    parser.add_argument("--out", type=Path, default=RESULTS / "soak.json")
    parser.add_argument("--stall-s", type=float, default=900.0, help="stop when one document takes longer")
    args = parser.parse_args(argv)
    out = args.out
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="docverify-soak-") as tmp_name:
        tmp = Path(tmp_name)
        images = pool(tmp / "pool", args.pool_count, args.seed)
        print(f"{len(images)} documents in the pool", flush=True)
        for mode in args.modes.split(","):
            warmup = min(args.warmup, args.docs // 2)
            results.append(run_mode(mode, images, args.docs, warmup, tmp, out, results, args.stall_s))
            write(out, results)
    print(
        "| limits | documents | start MB | peak MB | growth MB / 100 docs | growth % / 1000 docs | processes "
        "| docs/min |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['mode']} | {r['documents']} | {r['start_mb']} | {r['peak_mb']} | {r['growth_mb_per_100']} | "
            f"{r['growth_pct_per_1000']} | {r['processes']} | {r['docs_per_min']} |"
        )
    print(f"written to {out}")


if __name__ == "__main__":
    main()
