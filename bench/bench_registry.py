"""Benchmark: importing a registry of N synthetic records, and finding a record by NIK, on SQLite and PostgreSQL.

One synthetic registry CSV (the contract's columns plus `desil`) is generated once and imported into a fresh
database per backend through the real code path (`service.registry.service.import_csv` inside
`service.db.database(url).session()`); then a 10% subset with changed names is re-imported (replace by NIK).
Lookups run in one long-lived session after a warm-up:

- by_nik: `repository.by_nik` for random NIKs, 90% present and 10% absent;
- match_document: `service.match_document` with a record's own fields (NIK lookup plus field scoring);
- candidates: `service.match_document` without a NIK (blocking by birth date or name key, then ranking);
  `recall_at_3` is the share whose true record is among the three candidates returned.

    python -m bench.bench_registry --rows 1000000
    python -m bench.bench_registry --rows 20000 --backends sqlite --out /tmp/registry.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.stats import pct
from doctypes import REGISTRY_FIELDS
from tests.stack import database_url  # the tests' fresh SQLite file or PostgreSQL schema

if TYPE_CHECKING:
    from service.config import Settings
    from service.db import Database

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REGISTRY = "dukcapil"

COLUMNS = (*REGISTRY_FIELDS, "desil")
BLOOD_TYPES = ("A", "B", "AB", "O", "-")
RELIGIONS = ("ISLAM",) * 17 + ("KRISTEN", "KATOLIK", "HINDU", "BUDDHA", "KONGHUCU")
MARITAL = ("BELUM KAWIN", "KAWIN", "KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")
OCCUPATIONS = (
    "BELUM/TIDAK BEKERJA",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "PENSIUNAN",
    "PEGAWAI NEGERI SIPIL",
    "KARYAWAN SWASTA",
    "KARYAWAN BUMN",
    "WIRASWASTA",
    "PETANI/PEKEBUN",
    "NELAYAN/PERIKANAN",
    "BURUH HARIAN LEPAS",
    "PEDAGANG",
    "GURU",
    "SOPIR",
    "PERAWAT",
)
FIRST_BIRTH, LAST_BIRTH = date(1940, 1, 1), date(2007, 12, 31)
POOL = 3000


# Synthetic registry


@dataclass
class District:
    code: str  # six digits, as in a NIK
    name: str
    regency: str
    province: str
    villages: list[str]


@dataclass
class Registry:
    """The generated files and the few rows kept in memory for the lookups (nik → row, after the re-import)."""

    csv_path: Path
    reimport_path: Path
    rows: int
    reimport_rows: int
    seconds: float
    csv_mb: float = 0.0
    samples: dict[str, dict[str, str]] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)


def load_districts() -> tuple[list[District], list[str]]:
    from primitives.regions import card_province, card_regency, load_regions, place_name

    regions = load_regions()
    districts, places = [], []
    for region in regions.by_code.values():
        if region.level == "regency":
            places.append(place_name(region))
        if region.level != "district":
            continue
        province, regency, _ = regions.codes_from_nik(region.code.replace(".", ""))
        prov, reg = regions.get(province), regions.get(regency)
        villages = [v.upper for v in regions.children_of(region.code) if v.level == "village"]
        if prov is None or reg is None or not villages:
            continue
        districts.append(
            District(region.code.replace(".", ""), region.upper, card_regency(reg), card_province(prov), villages)
        )
    return districts, places


def name_pools(seed: int) -> tuple[list[str], list[str], list[str]]:
    """About POOL male names, POOL female names and POOL street addresses from Faker id_ID, upper case."""
    from faker import Faker

    fake = Faker("id_ID")
    fake.seed_instance(seed)
    male = {f"{fake.first_name_male()} {fake.last_name_male()}".upper() for _ in range(POOL)}
    female = {f"{fake.first_name_female()} {fake.last_name_female()}".upper() for _ in range(POOL)}
    streets = {fake.street_address().upper() for _ in range(POOL)}
    return sorted(male), sorted(female), sorted(streets)


def generate(tmp: Path, rows: int, seed: int, samples: int, absent: int) -> Registry:
    """Write `rows` records, and a re-import file of ~10% of them with another name, keeping `samples` rows."""
    started = time.perf_counter()
    rng = random.Random(seed)
    districts, places = load_districts()
    male, female, streets = name_pools(seed)
    days = (LAST_BIRTH - FIRST_BIRTH).days
    keep = set(rng.sample(range(rows), min(samples, rows)))
    serials: dict[str, int] = {}
    registry = Registry(tmp / "registry.csv", tmp / "reimport.csv", rows, 0, 0.0)
    with (
        registry.csv_path.open("w", newline="", encoding="utf-8") as out,
        registry.reimport_path.open("w", newline="", encoding="utf-8") as again,
    ):
        writer, rewriter = csv.writer(out), csv.writer(again)
        writer.writerow(COLUMNS)
        rewriter.writerow(COLUMNS)
        choice, rand, randint = rng.choice, rng.random, rng.randint
        for i in range(rows):
            district = choice(districts)
            woman = rand() < 0.5
            born = FIRST_BIRTH + timedelta(days=randint(0, days))
            prefix = f"{district.code}{born.day + 40 * woman:02d}{born.month:02d}{born.year % 100:02d}"
            serial = serials.get(prefix, 0) + 1  # unique by construction: the next serial of this prefix
            serials[prefix] = serial
            row = [
                f"{prefix}{serial:04d}",
                choice(female if woman else male),
                choice(places),
                born.isoformat(),
                "PEREMPUAN" if woman else "LAKI-LAKI",
                choice(BLOOD_TYPES),
                choice(streets),
                f"{randint(1, 20):03d}/{randint(1, 15):03d}",
                choice(district.villages),
                district.name,
                district.regency,
                district.province,
                choice(RELIGIONS),
                choice(MARITAL),
                choice(OCCUPATIONS),
                "WNI",
                str(randint(1, 10)),
            ]
            writer.writerow(row)
            if rand() < 0.1:
                row[1] = choice(female if woman else male)  # the re-import replaces the name (maybe by itself)
                rewriter.writerow(row)
                registry.reimport_rows += 1
            if i in keep:
                registry.samples[row[0]] = dict(zip(COLUMNS, row, strict=True))
    niks = list(registry.samples)
    while len(registry.absent) < absent:  # a real-looking NIK past the last serial of its prefix
        nik = rng.choice(niks)
        registry.absent.append(f"{nik[:12]}{serials[nik[:12]] + rng.randint(1, 999):04d}")
    registry.seconds = round(time.perf_counter() - started, 1)
    registry.csv_mb = round(registry.csv_path.stat().st_size / 1e6, 1)
    return registry


# Databases


def server_version(url: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()


def stats(ms: list[float]) -> dict[str, Any]:
    return {
        "n": len(ms),
        "p50_ms": pct(ms, 0.5, 3),
        "p95_ms": pct(ms, 0.95, 3),
        "p99_ms": pct(ms, 0.99, 3),
        "max_ms": round(max(ms), 3) if ms else None,
    }


def timed_import(url: str, path: Path) -> tuple[float, dict[str, Any]]:
    from service.config import Settings
    from service.db import database
    from service.registry.service import import_csv

    settings = Settings.model_validate({"DATABASE_URL": url})
    started = time.perf_counter()
    with database(url).session() as session, path.open(newline="", encoding="utf-8") as stream:
        result = import_csv(session, settings, REGISTRY, stream)
    return time.perf_counter() - started, result.to_json()


def run_backend(
    backend: str, url: str, registry: Registry, lookups: int, candidate_cases: int, seed: int
) -> dict[str, Any]:
    from sqlalchemy import text

    from service.config import Settings
    from service.db import database
    from service.registry import repository
    from service.registry.service import DbSource, match_document

    db = database(url)
    db.ensure_schema()  # migrations are not part of the import
    out: dict[str, Any] = {"backend": backend, "rows": registry.rows}

    seconds, result = timed_import(url, registry.csv_path)
    assert result["records"] == registry.rows, result
    out["import"] = {
        "seconds": round(seconds, 2),
        "rows_per_s": round(registry.rows / seconds),
        "inserted": result["inserted"],
    }
    print(f"{backend}: imported {registry.rows} rows in {seconds:.1f} s", flush=True)

    seconds, result = timed_import(url, registry.reimport_path)
    assert result["records"] == registry.rows and result["updated"] == registry.reimport_rows, result
    out["reimport"] = {
        "rows": registry.reimport_rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(registry.reimport_rows / seconds),
        "updated": result["updated"],
    }
    print(f"{backend}: re-imported {registry.reimport_rows} rows in {seconds:.1f} s", flush=True)

    if backend == "postgresql":  # what autovacuum does within a minute of a bulk load; not timed
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE registry_records"))
        out["analyzed"] = True

    settings = Settings.model_validate({"DATABASE_URL": url})
    rng = random.Random(seed + 1)
    present = list(registry.samples)
    niks = [rng.choice(present) if rng.random() < 0.9 else rng.choice(registry.absent) for _ in range(lookups)]
    by_nik_ms: list[float] = []
    match_ms: list[float] = []
    matched = 0
    perf = time.perf_counter
    with db.session() as session:
        source = DbSource(session, REGISTRY)
        for nik in rng.sample(present, min(100, len(present))):  # warm-up
            repository.by_nik(session, REGISTRY, nik)
        for nik in niks:
            t0 = perf()
            row = repository.by_nik(session, REGISTRY, nik)
            by_nik_ms.append((perf() - t0) * 1000)
            assert (row is not None) == (nik in registry.samples), nik
        for nik in niks:
            if nik not in registry.samples:
                continue
            document = registry.samples[nik]
            t0 = perf()
            block, _ = match_document(source, document, settings)
            match_ms.append((perf() - t0) * 1000)
            matched += block.status == "match"
    out["by_nik"] = {
        **stats(by_nik_ms),
        "absent_share": round(sum(n not in registry.samples for n in niks) / len(niks), 3),
    }
    out["match_document"] = {**stats(match_ms), "match_rate": round(matched / max(1, len(match_ms)), 3)}
    cases = rng.sample(present, min(candidate_cases, len(present)))
    out["candidates"] = search_candidates(db, settings, registry, cases)
    if backend == "sqlite":  # SQLite never gathers statistics by itself: the same searches once it has them
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE registry_records"))
        out["candidates_after_analyze"] = search_candidates(db, settings, registry, cases)
    db.dispose()
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def search_candidates(db: Database, settings: Settings, registry: Registry, cases: list[str]) -> dict[str, Any]:
    """`match_document` without a NIK for each case: block by birth date or name key, then rank."""
    from service.registry import repository
    from service.registry.service import DbSource, match_document

    timings: list[float] = []
    recalled = 0
    with db.session() as session:
        source = DbSource(session, REGISTRY)
        for nik in cases:
            record = repository.by_nik(session, REGISTRY, nik)
            assert record is not None
            blind: dict[str, str | None] = {**registry.samples[nik], "nik": None}
            t0 = time.perf_counter()
            block, _ = match_document(source, blind, settings)
            timings.append((time.perf_counter() - t0) * 1000)
            recalled += str(record.id) in [c.record_id for c in block.candidates or []]
    return {
        **stats(timings),
        "recall_at_3": round(recalled / max(1, len(timings)), 3),
        "block_limit": settings.candidate_block_limit,
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"{report['rows']:,} rows; lookups: by_nik {report['lookups']} (10% absent), match_document on the "
        f"present ones, candidate search {report['candidate_cases']} (nik=None); p50 / p95 / p99 ms",
        "",
        "| backend | import s | rows/s | re-import s (rows) | by_nik | match_document | candidates (recall@3) | "
        "candidates after ANALYZE (recall@3) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in report["runs"]:

        def trio(key: str, r: dict[str, Any] = r) -> str:
            if key not in r:
                return "(analyzed first)"
            text = f"{r[key]['p50_ms']:.2f} / {r[key]['p95_ms']:.2f} / {r[key]['p99_ms']:.2f}"
            return f"{text} ({r[key]['recall_at_3']})" if "recall_at_3" in r[key] else text

        lines.append(
            f"| {r['backend']} | {r['import']['seconds']} | {r['import']['rows_per_s']:,} | "
            f"{r['reimport']['seconds']} ({r['reimport']['rows']:,}) | {trio('by_nik')} | "
            f"{trio('match_document')} | {trio('candidates')} | {trio('candidates_after_analyze')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", PG_URL))
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--candidates", type=int, default=500, help="searches without a NIK")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=RESULTS / "registry.json")
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")

    machine: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    if "postgresql" in backends:
        machine["postgresql"] = server_version(args.pg_url)
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as tmp_name:
        tmp = Path(tmp_name)
        registry = generate(
            tmp, args.rows, args.seed, samples=max(args.lookups, args.candidates) * 2, absent=max(1, args.lookups // 10)
        )
        print(
            f"generated {registry.rows} rows (+{registry.reimport_rows} to re-import) in {registry.seconds} s, "
            f"{registry.csv_mb} MB",
            flush=True,
        )
        runs = []
        for backend in backends:
            with database_url(tmp, f"registry_{backend}", "" if backend == "sqlite" else args.pg_url) as url:
                runs.append(run_backend(backend, url, registry, args.lookups, args.candidates, args.seed))
    report = {
        "machine": machine,
        "rows": args.rows,
        "lookups": args.lookups,
        "candidate_cases": args.candidates,
        "generate_seconds": registry.seconds,
        "csv_mb": registry.csv_mb,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(markdown(report))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
