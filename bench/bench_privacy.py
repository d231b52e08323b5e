"""Benchmark: what encryption at rest (issue 9) adds to the work a worker does per document.

Per document, in one process and on the same images, twice — with encryption on and off, alternating which
goes first, after a warm-up:

    store the upload (the API's write) → load it → the whole pipeline (decode, flatten, OCR, checks, extract,
    validate) → store the flattened card JPEG → serialise the Verification for its database column

With encryption on, the three writes are AES-256-GCM sealed (service.storage, service.privacy.types) and the
load opens the upload; off, the same code writes plaintext (`Storage(encrypt=False)`, bare `json.dumps`).
Files go to a temporary folder with the same fsync. The figure: median(on) / median(off) − 1, with the median
of the per-document ratios and the encryption operations timed alone beside it.

    python -m bench.bench_privacy --count 48 --seed 77      # generates a fresh set (in a temporary folder)
    python -m bench.bench_privacy --dir samples/ktp
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_verify import _images
from bench.stats import pct

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def measure(directory: Path) -> dict[str, Any]:
    import cv2

    from service import crypto
    from service.config import get_settings
    from service.ids import new_id
    from service.privacy.types import EncryptedJson
    from service.storage import Storage
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for, to_verification

    settings = get_settings()
    crypto.configure(settings)
    engine = engine_for(settings)
    options = options_for(settings)
    column = EncryptedJson()
    paths = _images(directory)
    tmp = Path(tempfile.mkdtemp(prefix="bench-privacy-"))
    stores = {True: Storage(tmp / "on"), False: Storage(tmp / "off", encrypt=False)}

    dialect: Any = None  # the column type does not look at it
    quality = [int(cv2.IMWRITE_JPEG_QUALITY), settings.review_card_jpeg_quality]

    def per_document(data: bytes, encrypt: bool) -> tuple[float, int, bytes, dict[str, Any]]:
        storage = stores[encrypt]
        job_id = new_id()
        card = b""
        t = time.perf_counter()
        key = storage.save(job_id, 0, data)
        result = run([storage.load(key)], engine, options)
        for index, image in enumerate(result.page_images):
            ok, jpeg = cv2.imencode(".jpg", image, quality)
            if ok:
                card = jpeg.tobytes()
                storage.save_card(job_id, index, card)
        verification = to_verification(result, job_id).to_json()
        stored = column.process_bind_param(verification, dialect) if encrypt else json.dumps(verification)
        elapsed = (time.perf_counter() - t) * 1000
        return elapsed, len(stored), card, verification

    def crypto_only(data: bytes, card: bytes, verification: dict[str, Any]) -> float:
        ring = crypto.keyring()
        t = time.perf_counter()
        ring.decrypt(ring.encrypt(data))
        ring.encrypt(card)
        column.process_bind_param(verification, dialect)
        return (time.perf_counter() - t) * 1000

    per_document(paths[0].read_bytes(), True)  # warm-up: caches, region tables, the face cascade
    per_document(paths[0].read_bytes(), False)
    rows: list[dict[str, Any]] = []
    for i, path in enumerate(paths):
        data = path.read_bytes()
        if i % 2:
            (t_on, size, card, verification), (t_off, *_) = per_document(data, True), per_document(data, False)
        else:
            (t_off, *_), (t_on, size, card, verification) = per_document(data, False), per_document(data, True)
        c_ms = statistics.median(crypto_only(data, card, verification) for _ in range(5))
        rows.append(
            {
                "image": path.name,
                "off_ms": round(t_off, 1),
                "on_ms": round(t_on, 1),
                "ratio": round(t_on / t_off, 4),
                "crypto_ms": round(c_ms, 3),
                "upload_bytes": len(data),
                "result_column_chars": size,
            }
        )
        print(f"{path.name}: off {t_off:.0f} ms, on {t_on:.0f} ms, crypto alone {c_ms:.2f} ms", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    off = [r["off_ms"] for r in rows]
    on = [r["on_ms"] for r in rows]
    return {
        "images": len(rows),
        "directory": str(directory),
        "median_off_ms": round(statistics.median(off), 1),
        "median_on_ms": round(statistics.median(on), 1),
        "ratio_of_medians": round(statistics.median(on) / statistics.median(off), 4),
        "median_of_ratios": round(statistics.median(r["ratio"] for r in rows), 4),
        "crypto_ms_p50": pct([r["crypto_ms"] for r in rows], 0.5, 3),
        "crypto_ms_p95": pct([r["crypto_ms"] for r in rows], 0.95, 3),
        "crypto_share_of_off_median": round(statistics.median(r["crypto_ms"] / r["off_ms"] for r in rows), 5),
        "cipher": "AES-256-GCM (cryptography)",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="a labelled folder (images/); default: generate one")
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("--seed", type=int, default=77)
    parser.add_argument("--out", type=Path, default=RESULTS / "privacy.json")
    args = parser.parse_args()
    directory = args.dir
    if directory is None:
        from samples.generate import generate

        directory = Path(tempfile.mkdtemp(prefix="bench-privacy-set-")) / f"bench-{args.seed}"
        generate(directory, count=args.count, seed=args.seed)
        try:
            report = measure(directory)
        finally:
            shutil.rmtree(directory.parent, ignore_errors=True)
    else:
        report = measure(directory)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "rows"}, indent=2))


if __name__ == "__main__":
    main()
