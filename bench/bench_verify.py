"""Benchmark: the whole `verify` pipeline against one bare `PaddleOCR.predict` on the same original image.

Both run in one process, on the same images, alternating which goes first, after a warm-up. The figure
that matters is the median of per-image ratios (pipeline time / bare time). Peak RSS of a process that
only runs the pipeline is measured per backend in a child process, so the two engines loaded here for
the comparison do not inflate it.

    python -m bench.bench_verify --count 24 --seed 77        # generates a fresh labelled set first
    python -m bench.bench_verify --dir samples/ktp
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def _images(directory: Path) -> list[Path]:
    exts = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"}
    return sorted(p for p in (directory / "images").iterdir() if p.suffix.lower() in exts)


def _mode(path: Path) -> str:
    truth = path.parent.parent / "truth" / f"{path.stem}.json"
    return json.loads(truth.read_text()).get("capture_mode", "?") if truth.exists() else "?"


def compare(directory: Path) -> dict:
    from service.config import get_settings
    from workers.pipeline.io import decode
    from workers.pipeline.ocr import PaddleOcrEngine, warm_up
    from workers.pipeline.process import run
    from workers.verification import engine_for, ocr_config, options_for

    settings = get_settings()
    engine = engine_for(settings)
    bare = PaddleOcrEngine(replace(ocr_config(settings), det_limit_side_len=None))
    warm_up(bare)
    options = options_for(settings)
    paths = _images(directory)
    run([paths[0].read_bytes()], engine, options)  # warm the region tables and caches too
    rows = []
    for i, path in enumerate(paths):
        data = path.read_bytes()
        image = decode(data)[0]

        def time_pipeline(data: bytes = data) -> float:
            t = time.perf_counter()
            run([data], engine, options)
            return time.perf_counter() - t

        def time_bare(image: object = image) -> float:
            t = time.perf_counter()
            bare.raw_predict(image)
            return time.perf_counter() - t

        if i % 2:
            b, p = time_bare(), time_pipeline()
        else:
            p, b = time_pipeline(), time_bare()
        rows.append({"image": path.name, "mode": _mode(path), "size": list(image.shape[1::-1]),
                     "pipeline_s": round(p, 4), "bare_s": round(b, 4), "ratio": round(p / b, 4)})
        print(f"{path.name:34s} {rows[-1]['mode']:10s} pipeline {p:6.2f}s  bare {b:6.2f}s  ratio {p / b:5.2f}",
              file=sys.stderr)
    by_mode: dict[str, list[float]] = {}
    for r in rows:
        by_mode.setdefault(r["mode"], []).append(r["ratio"])
    return {
        "images": len(rows),
        "median_ratio": round(statistics.median(r["ratio"] for r in rows), 3),
        "median_pipeline_s": round(statistics.median(r["pipeline_s"] for r in rows), 3),
        "median_bare_s": round(statistics.median(r["bare_s"] for r in rows), 3),
        "median_ratio_by_mode": {m: round(statistics.median(v), 3) for m, v in sorted(by_mode.items())},
        "rows": rows,
    }


def rss_probe(directory: Path, backend: str, limit: int) -> dict:
    """Child process: pipeline only, one backend; peak RSS after `limit` documents."""
    from service.config import Settings
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for

    settings = Settings(env="dev", ocr_backend=backend)  # type: ignore[arg-type]
    engine = engine_for(settings)
    options = options_for(settings)
    for path in _images(directory)[:limit]:
        run([path.read_bytes()], engine, options)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec.
    hwm_kb = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                  if line.startswith("VmHWM:"))
    return {"backend": backend, "documents": limit, "peak_rss_mb": round(hwm_kb / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="labelled folder (images/, truth/)")
    parser.add_argument("--count", type=int, default=24, help="images to generate when --dir is not given")
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--rss-probe", help=argparse.SUPPRESS)
    parser.add_argument("--rss-docs", type=int, default=12)
    args = parser.parse_args()

    directory = args.dir
    if directory is None:
        from samples.generate import generate

        directory = ROOT / "data" / f"bench-{args.count}-{args.seed}"
        if not (directory / "images").exists():
            generate(directory, args.count, args.seed)
    if args.rss_probe:
        print(json.dumps(rss_probe(directory, args.rss_probe, args.rss_docs)))
        return

    report = {"command": " ".join(["python -m bench.bench_verify", *sys.argv[1:]]),
              "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
              **compare(directory)}
    report["peak_rss"] = []
    for backend in ("paddleocr", "rapidocr"):
        out = subprocess.run([sys.executable, "-m", "bench.bench_verify", "--dir", str(directory),
                              "--rss-probe", backend, "--rss-docs", str(args.rss_docs)],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        report["peak_rss"].append(json.loads(out.stdout.strip().splitlines()[-1]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "verify.json").write_text(json.dumps(report, indent=2) + "\n")
    summary = {k: v for k, v in report.items() if k != "rows"}
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
