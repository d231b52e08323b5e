"""Benchmark: the whole `verify` pipeline against one bare `PaddleOCR.predict` on the same original image.

Both run in one process, on the same images, alternating which goes first, after a warm-up. The figures
that matter are the medians of per-image ratios (pipeline / bare), of wall time and of CPU time (the
process's CPU seconds, all threads). The bare baseline is PaddleOCR's own pipeline on ONNX Runtime with its
default detection size, built from the same models and thread count. The pipeline runs with the configured
backend (`--backend`, default DOCVERIFY_OCR_BACKEND). Images: both renderers' cards (the project's generator
and the clean-room renderer, issue 18), every capture mode. Peak RSS of a process that only runs the pipeline
is measured per backend in a child process, so the two engines loaded here for the comparison do not
inflate it.

    python -m bench.bench_verify --count 24 --seed 77        # generates fresh sets of both renderers first
    python -m bench.bench_verify --dir samples/ktp --dir data/cr-small
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BACKENDS = ("paddleocr", "openvino", "rapidocr")


def _images(directory: Path) -> list[Path]:
    exts = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"}
    return sorted(p for p in (directory / "images").iterdir() if p.suffix.lower() in exts)


def _mode(path: Path) -> str:
    truth = path.parent.parent / "truth" / f"{path.stem}.json"
    return json.loads(truth.read_text()).get("capture_mode", "?") if truth.exists() else "?"


def _timed(call: object) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU: this process, every thread)."""
    t, c = time.perf_counter(), time.process_time()
    call()  # type: ignore[operator]
    return time.perf_counter() - t, time.process_time() - c


def compare(directories: list[Path], backend: str | None = None, precision: str | None = None) -> dict[str, Any]:
    from service.config import get_settings
    from workers.pipeline.io import decode
    from workers.pipeline.ocr import PaddleOcrEngine, warm_up
    from workers.pipeline.process import run
    from workers.verification import engine_for, ocr_config, options_for

    settings = get_settings()
    if backend:
        settings = settings.model_copy(update={"ocr_backend": backend})
    if precision:
        settings = settings.model_copy(update={"ocr_precision": precision})
    engine = engine_for(settings)
    bare = PaddleOcrEngine(replace(ocr_config(settings), backend="paddleocr", det_limit_side_len=None))
    warm_up(bare)
    options = options_for(settings)
    paths = [p for d in directories for p in _images(d)]
    run([paths[0].read_bytes()], engine, options)  # warm the region tables and caches too
    bare.raw_predict(decode(paths[0].read_bytes())[0])
    rows: list[dict[str, Any]] = []
    for i, path in enumerate(paths):
        data = path.read_bytes()
        image = decode(data)[0]

        def pipeline(data: bytes = data) -> None:
            run([data], engine, options)

        def bare_call(image: Any = image) -> None:
            bare.raw_predict(image)

        if i % 2:
            (bw, bc), (pw, pc) = _timed(bare_call), _timed(pipeline)
        else:
            (pw, pc), (bw, bc) = _timed(pipeline), _timed(bare_call)
        rows.append(
            {
                "image": path.name,
                "renderer": path.parent.parent.name,
                "mode": _mode(path),
                "size": list(image.shape[1::-1]),
                "pipeline_s": round(pw, 4),
                "bare_s": round(bw, 4),
                "pipeline_cpu_s": round(pc, 4),
                "bare_cpu_s": round(bc, 4),
                "ratio": round(pw / bw, 4),
                "cpu_ratio": round(pc / bc, 4),
            }
        )
        print(
            f"{path.name:34s} {rows[-1]['mode']:10s} pipeline {pw:6.2f}s  bare {bw:6.2f}s  ratio {pw / bw:5.2f}"
            f"  cpu ratio {pc / bc:5.2f}",
            file=sys.stderr,
        )

    def medians(selected: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "images": len(selected),
            "median_ratio": round(statistics.median(r["ratio"] for r in selected), 3),
            "median_cpu_ratio": round(statistics.median(r["cpu_ratio"] for r in selected), 3),
        }

    by_mode: dict[str, list[dict[str, Any]]] = {}
    by_renderer: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_mode.setdefault(r["mode"], []).append(r)
        by_renderer.setdefault(r["renderer"], []).append(r)
    return {
        "backend": settings.ocr_backend,
        "precision": settings.ocr_precision,
        **medians(rows),
        "median_pipeline_s": round(statistics.median(r["pipeline_s"] for r in rows), 3),
        "median_bare_s": round(statistics.median(r["bare_s"] for r in rows), 3),
        "median_pipeline_cpu_s": round(statistics.median(r["pipeline_cpu_s"] for r in rows), 3),
        "median_bare_cpu_s": round(statistics.median(r["bare_cpu_s"] for r in rows), 3),
        "by_renderer": {k: medians(v) for k, v in sorted(by_renderer.items())},
        "by_mode": {k: medians(v) for k, v in sorted(by_mode.items())},
        "rows": rows,
    }


def rss_probe(directories: list[Path], variant: str, limit: int) -> dict[str, Any]:
    """Child process: pipeline only, one backend (`openvino` or `openvino:f32`: backend and precision); peak RSS
    after `limit` documents."""
    from service.config import Settings
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for

    backend, _, precision = variant.partition(":")
    settings = Settings(env="dev", ocr_backend=backend)  # type: ignore[arg-type]
    if precision:
        settings = settings.model_copy(update={"ocr_precision": precision})
    engine = engine_for(settings)
    options = options_for(settings)
    for path in [p for d in directories for p in _images(d)][:limit]:
        run([path.read_bytes()], engine, options)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec.
    hwm_kb = next(
        int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:")
    )
    return {
        "backend": backend,
        "precision": settings.ocr_precision if backend == "openvino" else "f32",
        "documents": limit,
        "peak_rss_mb": round(hwm_kb / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, action="append", help="labelled folder (images/, truth/); repeatable")
    parser.add_argument("--count", type=int, default=24, help="images per renderer to generate without --dir")
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--backend", choices=BACKENDS, help="the pipeline's backend (default: the setting)")
    parser.add_argument("--precision", choices=("f32", "bf16", "int8"), help="OpenVINO's (default: the setting)")
    parser.add_argument("--rss-probe", help=argparse.SUPPRESS)
    parser.add_argument("--rss-docs", type=int, default=12)
    parser.add_argument(
        "--rss-backends", default="openvino,openvino:f32,paddleocr,rapidocr", help="backend[:precision],..."
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "verify.json")
    args = parser.parse_args()

    directories: list[Path] = args.dir or []
    if not directories:
        from samples.cleanroom.ktp import main as cleanroom
        from samples.generate import generate

        generated = ROOT / "data" / f"bench-{args.count}-{args.seed}"
        if not (generated / "images").exists():
            generate(generated, args.count, args.seed)
        clean = ROOT / "data" / f"bench-cr-{args.count}-{args.seed}"
        if not (clean / "images").exists():
            cleanroom([str(clean), "--count", str(args.count), "--seed", str(args.seed)])
        directories = [generated, clean]
    if args.rss_probe:
        print(json.dumps(rss_probe(directories, args.rss_probe, args.rss_docs)))
        return

    report: dict[str, Any] = {
        "command": " ".join(["python -m bench.bench_verify", *sys.argv[1:]]),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "directories": [str(d) for d in directories],
        **compare(directories, args.backend, args.precision),
    }
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["peak_rss"] = []
    for backend in [b for b in args.rss_backends.split(",") if b]:
        dirs = [arg for d in directories for arg in ("--dir", str(d))]
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.bench_verify",
                *dirs,
                "--rss-probe",
                backend,
                "--rss-docs",
                str(args.rss_docs),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        report["peak_rss"].append(json.loads(out.stdout.strip().splitlines()[-1]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    summary = {k: v for k, v in report.items() if k != "rows"}
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
