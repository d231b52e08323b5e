"""Run in a fresh interpreter by test_ocr_engines.py: resident memory kept after reading a large page.

Prints one JSON line: VmRSS (MB) after two card reads, and after one read of an A4-sized page at its own
detection size followed by the heap trim a worker does after each task."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2


def rss_mb() -> float:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def main() -> None:
    backend, models_dir, image_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if len(sys.argv) > 4:  # the old behaviour, for the test's own check: never give buffers back
        import workers.pipeline.ocr as ocr_module

        ocr_module.RELEASE_ABOVE = 10**12
    from workers.celery_app import trim_heap
    from workers.pipeline.io import decode
    from workers.pipeline.ocr import OcrConfig, create_engine
    from workers.pipeline.process import prepare_page

    engine = create_engine(
        OcrConfig(models_dir=models_dir, cache_dir=models_dir.parent / "cache", backend=backend, threads=2)
    )  # type: ignore[arg-type]
    card = prepare_page(decode(image_path.read_bytes())[0], 0)[0].image
    for _ in range(2):
        engine.read(card)
    trim_heap()
    before = rss_mb()
    page = cv2.resize(card, (2200, 1390))
    engine.read(page, det_limit=2200)
    trim_heap()
    print(json.dumps({"before": before, "after": rss_mb()}))


if __name__ == "__main__":
    main()
