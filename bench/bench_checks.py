"""Benchmark: what the full image checks (issue 5) add to the pipeline's time.

The same images run through the whole pipeline twice in one process, once with the basic checks (resolution
and blur) and once with all of them, alternating which goes first, after a warm-up. The figure that matters
is the median of the per-image ratios (all / basic) minus one. Beside it, the checks themselves are timed on
the same images: the capture checks in `prepare_page` and the card checks on the upright card, so the share
can be read without the OCR's run-to-run noise.

    python -m bench.bench_checks --count 48 --seed 77       # generates a fresh set first
    python -m bench.bench_checks --dir samples/ktp
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.bench_verify import _images
from bench.stats import pct

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def measure(directory: Path) -> dict[str, Any]:
    from service.config import get_settings
    from workers.pipeline import authenticity, quality
    from workers.pipeline.io import decode
    from workers.pipeline.process import prepare_page, read_upright, run
    from workers.verification import engine_for, options_for

    settings = get_settings()
    engine = engine_for(settings)
    full = replace(options_for(settings), checks="all")
    basic = replace(full, checks="basic")
    paths = _images(directory)
    run([paths[0].read_bytes()], engine, full)  # warm caches (region tables, the face cascade)
    rows: list[dict[str, Any]] = []
    for i, path in enumerate(paths):
        data = path.read_bytes()

        def timed(options: Any, data: bytes = data) -> float:
            t = time.perf_counter()
            run([data], engine, options)
            return (time.perf_counter() - t) * 1000

        if i % 2:
            t_full, t_basic = timed(full), timed(basic)
        else:
            t_basic, t_full = timed(basic), timed(full)
        image = decode(data, full.limits)[0]
        t = time.perf_counter()
        prepare_page(image, 0, basic)
        t_prep_basic = time.perf_counter() - t
        t = time.perf_counter()
        page, _ = prepare_page(image, 0, full)
        t_prep_full = time.perf_counter() - t
        card, lines, _ = read_upright(engine, page.image)
        t = time.perf_counter()
        quality.glare_check(card, full.check_limits)
        authenticity.card_checks(card, lines, full.check_limits)
        t_card = time.perf_counter() - t
        checks_ms = (t_prep_full - t_prep_basic + t_card) * 1000
        rows.append(
            {
                "image": path.name,
                "basic_ms": round(t_basic, 1),
                "all_ms": round(t_full, 1),
                "ratio": round(t_full / t_basic, 4),
                "checks_ms": round(checks_ms, 1),
                "checks_share": round(checks_ms / t_basic, 4),
            }
        )
        print(f"{path.name}: basic {t_basic:.0f} ms, all {t_full:.0f} ms, checks {checks_ms:.0f} ms", flush=True)
    ratios = [r["ratio"] for r in rows]
    shares = [r["checks_share"] for r in rows]
    return {
        "images": len(rows),
        "directory": str(directory),
        "median_basic_ms": round(statistics.median(r["basic_ms"] for r in rows), 1),
        "median_all_ms": round(statistics.median(r["all_ms"] for r in rows), 1),
        "added_by_checks_median": round(statistics.median(ratios) - 1, 4),
        "checks_ms_p50": pct([r["checks_ms"] for r in rows], 0.5),
        "checks_ms_p95": pct([r["checks_ms"] for r in rows], 0.95),
        "checks_share_median": round(statistics.median(shares), 4),
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="a labelled folder (images/); default: generate one")
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--out", type=Path, default=RESULTS / "checks-speed.json")
    args = parser.parse_args()
    directory = args.dir
    if directory is None:
        from samples.generate import generate

        directory = ROOT / "data" / f"bench-{args.seed}"
        if not directory.exists():
            generate(directory, count=args.count, seed=args.seed)
    report = measure(directory)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "rows"}, indent=2))


if __name__ == "__main__":
    main()
