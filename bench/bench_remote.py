"""Benchmark (issue 24): a registry over the network between two local docverify instances.

B is a real uvicorn API (`service.main:create_app`) on its own SQLite database in a temporary folder, owning
the sample registry (samples/ktp/registry.csv, optionally padded with synthetic rows); A is this process, with
the real remote client (service.registry.remote: timeouts, retries, breaker) and the real OCR pipeline.

- verdict round trip: `--lookups` sequential lookups of registered NIKs through the client, p50/p95/p99/mean
  in ms (HTTP on loopback + B's key check, lookup by NIK hash, decryption, scoring, processing record);
- A's documents per minute with the registry remote vs local: each sample card is read once (pipeline: decode,
  checks, OCR, fields) and then assessed against B remotely and against the same registry imported into A's
  own database; docs/min = 60 / mean(read + assessment) per mode, so that both modes see the same reads.

    python -m bench.bench_remote                         # 200 lookups, 24 cards
    python -m bench.bench_remote --lookups 40 --docs 4   # a smoke

Figures on a shared machine are indicative only. Results: bench/results/remote-registry.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import pct
from tests.stack import ApiProcess  # the uvicorn subprocess the tests start too

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SAMPLES = ROOT / "samples" / "ktp"


def import_registry(settings: Any, name: str) -> list[str]:
    from service.db import database
    from service.registry.service import import_csv

    db = database(settings.sqlalchemy_url)
    db.ensure_schema()
    with (SAMPLES / "registry.csv").open(encoding="utf-8-sig", newline="") as fh, db.session() as s:
        import_csv(s, settings, name, fh)
    with (SAMPLES / "registry.csv").open(encoding="utf-8-sig", newline="") as fh:
        return [line.split(",", 1)[0] for line in fh.read().splitlines()[1:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--docs", type=int, default=24, help="sample cards read (at most the 24 samples)")
    parser.add_argument("--save", type=Path, default=RESULTS / "remote-registry.json")
    args = parser.parse_args()

    from service.config import Settings
    from service.registry import remote
    from service.registry.service import DbSource
    from service.verifications.assessment import assess
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for, to_verification

    tmp = Path(tempfile.mkdtemp(prefix="bench-remote-"))
    data_dir = str(Settings(env="dev").data_dir.resolve())
    b_env = {
        "DOCVERIFY_ENV": "dev",
        "DATABASE_URL": f"sqlite:///{tmp / 'b.db'}",
        "DOCVERIFY_DATA_DIR": data_dir,
        "DOCVERIFY_UPLOAD_DIR": str(tmp / "uploads-b"),
        "DOCVERIFY_METRICS_PORT": "0",
        "DOCVERIFY_ACCESS_LOG": "false",
        "DOCVERIFY_REGISTRY_VERDICT_RATE_LIMIT": "0",
    }
    b_settings = Settings(DATABASE_URL=b_env["DATABASE_URL"], env="dev")
    niks = import_registry(b_settings, "dukcapil")
    from service.clients import service as clients
    from service.db import database

    with database(b_settings.sqlalchemy_url).session() as s:
        clients.create_client(s, "agency-a")
        key = clients.create_key(s, "agency-a", "registry_verify").key
    b = ApiProcess(b_env, tmp / "b.log", args=("--log-level", "warning")).start()
    port = b.port
    try:
        a_settings = Settings(
            env="dev",
            DATABASE_URL=f"sqlite:///{tmp / 'a.db'}",
            data_dir=data_dir,
            registry_remotes={
                "dukcapil": {"url": f"http://127.0.0.1:{port}/v1/registries/dukcapil/verifications", "api_key": key}
            },
        )
        import_registry(a_settings, "dukcapil")
        source = remote.remote_source(a_settings, "dukcapil")
        assert source is not None
        fields = {"name": "X", "birth_date": "1990-01-01", "birth_place": "BANDUNG"}
        for nik in niks[:5]:  # warm the connection and B's first requests
            source.ask(nik, fields)
        trips: list[float] = []
        for i in range(args.lookups):
            started = time.perf_counter()
            answer = source.ask(niks[i % len(niks)], fields)
            trips.append((time.perf_counter() - started) * 1000)
            assert answer.found
        print(
            f"verdict round trip over {args.lookups} lookups: p50 {pct(trips, 0.5)} ms, p95 {pct(trips, 0.95)} "
            f"ms, p99 {pct(trips, 0.99)} ms",
            flush=True,
        )

        engine = engine_for(a_settings)
        options = options_for(a_settings)
        images = sorted((SAMPLES / "images").iterdir())[: args.docs]
        reads: list[float] = []
        local_ms: list[float] = []
        remote_ms: list[float] = []
        same = 0
        db = database(a_settings.sqlalchemy_url)
        for path in images:
            started = time.perf_counter()
            read = to_verification(run([path.read_bytes()], engine, options))
            reads.append((time.perf_counter() - started) * 1000)
            with db.session() as s:
                started = time.perf_counter()
                local = assess(read.model_copy(deep=True), a_settings, DbSource(s, "dukcapil"))
                local_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            far = assess(read.model_copy(deep=True), a_settings, source)
            remote_ms.append((time.perf_counter() - started) * 1000)
            same += local.decision == far.decision
        mean_read = sum(reads) / len(reads)
        per_min = {
            mode: round(60_000 / (mean_read + sum(ms) / len(ms)), 2)
            for mode, ms in (("local", local_ms), ("remote", remote_ms))
        }
        print(
            f"A over {len(images)} cards: read p50 {pct(reads, 0.5)} ms; assessment p50 local "
            f"{pct(local_ms, 0.5, 2)} ms, remote {pct(remote_ms, 0.5, 2)} ms; docs/min local {per_min['local']}, "
            f"remote {per_min['remote']}; same decision {same}/{len(images)}",
            flush=True,
        )
        report = {
            "benchmark": "remote-registry",
            "machine": platform.node(),
            "cpus": os.cpu_count(),
            "note": "indicative: measured on a shared machine",
            "verdict_round_trip_ms": {
                "lookups": args.lookups,
                "p50": pct(trips, 0.5),
                "p95": pct(trips, 0.95),
                "p99": pct(trips, 0.99),
                "mean": round(sum(trips) / len(trips), 2),
            },
            "documents": len(images),
            "read_ms_p50": pct(reads, 0.5),
            "assessment_ms_p50": {"local": pct(local_ms, 0.5, 2), "remote": pct(remote_ms, 0.5, 2)},
            "assessment_ms_p95": {"local": pct(local_ms, 0.95, 2), "remote": pct(remote_ms, 0.95, 2)},
            "docs_per_min": per_min,
            "same_decision": same,
        }
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(report, indent=2) + "\n")
        print(f"saved {args.save}")
    finally:
        b.stop()


if __name__ == "__main__":
    main()
