"""Accuracy and speed of the Kartu Keluarga reader on a labelled folder (`python -m samples.kk` output).

    python -m bench.bench_kk DIR [--limit N] [--json OUT.json] [--misses]

Per image: decode, `page.flatten_page` (A4), `extract.kk.extract_kk` with the configured OCR engine.
Reports member NIK exact match (share of truth members whose NIK equals the extracted member at the same row
index; a missing row counts as wrong), exact match of every other member key and of each header field, and
the median seconds per page (flatten + extraction, the engine already warm). Until `docverify eval` knows the
KK, this is the KK's evaluation.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import cv2

from doctypes.kk import HEADER_FIELDS, MEMBER_FIELDS
from service.config import get_settings
from workers.pipeline.extract.kk import extract_kk
from workers.pipeline.ocr import OcrConfig, OcrEngine, get_engine
from workers.pipeline.page import A4_RATIO, flatten_page


def engine() -> OcrEngine:
    """The configured engine (as workers.verification builds it, without importing the whole pipeline)."""
    s = get_settings()
    return get_engine(
        OcrConfig(
            models_dir=s.models_dir,
            cache_dir=s.cache_dir,
            backend=s.ocr_backend,
            threads=s.ocr_threads,
            det_limit_side_len=s.ocr_det_limit_side_len,
        )
    )


def evaluate(folder: Path, limit: int | None = None, show_misses: bool = False) -> dict[str, Any]:
    ocr = engine()
    truths = sorted((folder / "truth").glob("*.json"))[:limit]
    exact: dict[str, list[int]] = defaultdict(list)
    seconds: list[float] = []
    found_pages = 0
    reasons: dict[str, int] = defaultdict(int)
    misses: list[dict[str, Any]] = []
    for path in truths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        image = cv2.imread(str(folder / "images" / f"{path.stem}.jpg"))
        start = time.perf_counter()
        page, found = flatten_page(image, A4_RATIO)
        fields, why = extract_kk([page], ocr)
        seconds.append(time.perf_counter() - start)
        found_pages += int(found)
        for r in why:
            reasons[r.code] += 1
        for key in HEADER_FIELDS:
            got = fields[key].value if key in fields else None
            exact[key].append(int(got == truth[key]))
            if got != truth[key]:
                misses.append({"id": path.stem, "field": key, "truth": truth[key], "got": got})
        got_members = fields["members"].value if "members" in fields else []
        exact["member_count"].append(int(len(got_members) == len(truth["members"])))
        for i, tm in enumerate(truth["members"]):
            gm = got_members[i] if i < len(got_members) else {}
            for key in MEMBER_FIELDS:
                ok = gm.get(key) == tm[key]
                exact[f"members.{key}"].append(int(ok))
                if not ok:
                    misses.append(
                        {"id": path.stem, "field": f"members[{i}].{key}", "truth": tm[key], "got": gm.get(key)}
                    )
        if show_misses:
            print(path.stem, f"{seconds[-1]:.1f}s", [m for m in misses if m["id"] == path.stem], flush=True)
    return {
        "folder": str(folder),
        "pages": len(truths),
        "sheet_found": found_pages,
        "exact": {k: round(sum(v) / len(v), 4) for k, v in exact.items()},
        "n": {k: len(v) for k, v in exact.items()},
        "seconds_per_page_median": round(statistics.median(seconds), 2) if seconds else None,
        "seconds_per_page_max": round(max(seconds), 2) if seconds else None,
        "reasons": dict(reasons),
        "misses": misses,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--misses", action="store_true", help="print each page's misses as it goes")
    a = ap.parse_args()
    report = evaluate(a.folder, a.limit, a.misses)
    if a.json:
        a.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "misses"}, indent=2))
    print(f"{len(report['misses'])} misses")


if __name__ == "__main__":
    main()
