"""What the pipeline read, and what each read cost in OCR calls: one JSON per run, and a comparison of two.

Every image of a labelled folder goes through the same pipeline `docverify verify` runs (no registry), with
the engine's profiler on. Saved per image: every field's value and confidence, the document type, each
check's outcome, the pipeline's stage timings, CPU seconds, and every OCR call (who asked, detector input
size, recogniser crops, model milliseconds). `--diff` compares two such files value by value, so that a
change to the OCR calls or the runtime can be shown to read the same (or exactly where it does not).

    python -m bench.bench_reads data/cr-small --backend openvino --out bench/results/reads-cr-openvino.json
    python -m bench.bench_reads --diff bench/results/reads-cr-paddleocr.json bench/results/reads-cr-openvino.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"}


def read_folder(directory: Path, backend: str, precision: str, limit: int | None = None) -> dict[str, Any]:
    from service.config import Settings
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for

    extra = {"ocr_precision": precision} if "ocr_precision" in Settings.model_fields else {}
    settings = Settings(env="dev", ocr_backend=backend, **extra)  # type: ignore[arg-type]
    t = time.perf_counter()
    engine = engine_for(settings)
    load_s = time.perf_counter() - t
    options = options_for(settings)
    images = sorted(p for p in (directory / "images").iterdir() if p.suffix.lower() in IMAGE_EXTS)[:limit]
    docs: dict[str, Any] = {}
    for path in images:
        data = path.read_bytes()
        profiler = getattr(engine, "profiler", None)  # None: code from before the profiler (a baseline)
        if profiler is not None:
            profiler.start()
        cpu = time.process_time()
        result = run([data], engine, options)
        cpu = time.process_time() - cpu
        calls = profiler.stop() if profiler is not None else []
        docs[path.name] = {
            "type": result.document_type,
            "fields": {
                k: [None if f.value is None else str(f.value), round(f.confidence, 4)]
                for k, f in sorted(result.fields.items())
            },
            "reasons": sorted(r.code for r in result.reasons),
            "checks": {c.name: c.passed for c in result.checks},
            "timings_ms": result.timings_ms,
            "cpu_s": round(cpu, 3),
            "ocr_calls": [c.to_json() for c in calls],
        }
        print(
            f"{path.name:32s} {result.document_type:8s} {len(calls):2d} OCR calls  "
            f"{result.timings_ms.get('total', 0):5d} ms  cpu {cpu:5.2f} s",
            file=sys.stderr,
        )
    return {
        "directory": str(directory),
        "backend": backend,
        "precision": precision,
        "engine_load_s": round(load_s, 2),
        "documents": docs,
        "summary": summarise(docs),
    }


def summarise(docs: dict[str, Any]) -> dict[str, Any]:
    """OCR calls by who asked: count, crops and model time; medians per document."""
    by_caller: dict[str, dict[str, float]] = defaultdict(lambda: {"calls": 0, "crops": 0, "det_ms": 0.0, "rec_ms": 0.0})
    det_sizes: Counter[str] = Counter()
    for doc in docs.values():
        for call in doc["ocr_calls"]:
            row = by_caller[f"{call['kind']}:{call['caller'].split('>', 1)[-1]}"]
            row["calls"] += 1
            row["crops"] += call["crops"]
            row["det_ms"] += call["det_ms"]
            row["rec_ms"] += call["rec_ms"]
            if call["det_input"]:
                det_sizes["x".join(map(str, call["det_input"]))] += 1
    n = max(1, len(docs))
    return {
        "documents": len(docs),
        "median_cpu_s": round(statistics.median(d["cpu_s"] for d in docs.values()), 3) if docs else None,
        "median_total_ms": statistics.median(d["timings_ms"].get("total", 0) for d in docs.values()) if docs else None,
        "ocr_calls_per_document": round(sum(len(d["ocr_calls"]) for d in docs.values()) / n, 2),
        "by_caller": {
            k: {
                "calls_per_doc": round(v["calls"] / n, 2),
                "crops_per_doc": round(v["crops"] / n, 1),
                "det_ms_per_doc": round(v["det_ms"] / n, 1),
                "rec_ms_per_doc": round(v["rec_ms"] / n, 1),
            }
            for k, v in sorted(by_caller.items(), key=lambda kv: -(kv[1]["det_ms"] + kv[1]["rec_ms"]))
        },
        "detector_inputs": dict(det_sizes.most_common()),
    }


def exact(run: dict[str, Any]) -> dict[str, int]:
    """Fields read exactly as the truth files say (as `docverify eval` counts them), over the whole run."""
    from docverify.evaluation import META_KEYS

    folder = Path(run["directory"]) / "truth"
    right = total = 0
    for name, doc in run["documents"].items():
        truth_path = folder / f"{Path(name).stem}.json"
        if not truth_path.exists():
            continue
        truth = json.loads(truth_path.read_text())
        true_type = str(truth.get("document_type"))
        prefix = "" if true_type in ("ktp", "None") else f"{true_type}."
        for key, expected in truth.items():
            if key in META_KEYS or isinstance(expected, (list, dict)):
                continue
            total += 1
            right += doc["fields"].get(prefix + key, [None])[0] == str(expected)
    return {"exact": right, "fields": total}


def diff(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Field values, document types, reasons and check outcomes that differ between two runs."""
    values: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    confidence_changes = 0
    common = sorted(set(a["documents"]) & set(b["documents"]))
    for name in common:
        da, db = a["documents"][name], b["documents"][name]
        for key in sorted(set(da["fields"]) | set(db["fields"])):
            va, vb = da["fields"].get(key, [None, 0])[0], db["fields"].get(key, [None, 0])[0]
            if va != vb:
                values.append({"image": name, "field": key, "a": va, "b": vb})
            elif da["fields"].get(key) != db["fields"].get(key):
                confidence_changes += 1
        for part in ("type", "reasons", "checks"):
            if da[part] != db[part]:
                others.append({"image": name, part: [da[part], db[part]]})
    return {
        "a": f"{a['backend']}/{a['precision']}",
        "b": f"{b['backend']}/{b['precision']}",
        "documents": len(common),
        "values_differ": len(values),
        "exact_match": [exact(a), exact(b)],
        "confidences_differ": confidence_changes,
        "value_differences": values,
        "other_differences": others,
        "median_cpu_s": [a["summary"]["median_cpu_s"], b["summary"]["median_cpu_s"]],
        "ocr_calls_per_document": [a["summary"]["ocr_calls_per_document"], b["summary"]["ocr_calls_per_document"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path, nargs="?", help="labelled folder (images/, truth/)")
    parser.add_argument("--backend", default="paddleocr")
    parser.add_argument("--precision", default="f32")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.diff:
        report = diff(*(json.loads(p.read_text()) for p in args.diff))
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if args.directory is None:
        parser.error("a folder, or --diff A B")
    report = read_folder(args.directory, args.backend, args.precision, args.limit)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(report["summary"], indent=2))


if __name__ == "__main__":
    main()
